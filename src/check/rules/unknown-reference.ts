/** unknown-reference (KS4002): an inbound node, input or output naming a layer the model lacks. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { Rule } from '../rule.js';
import type { Location } from '../../diagnostics/diagnostic.js';
import { forEachReference, functionalGraphs, referenceAt, wiring } from './graph-index.js';

const MAX_SUGGESTED = 100;

export const unknownReference: Rule = {
  code: 'KS4002',
  check(graph, ctx) {
    const { reporter } = ctx;
    // Suggestions compare with every layer name: for the first few unknown names only, or a file of
    // thousands of dangling references would take (names × references) comparisons.
    let suggest = MAX_SUGGESTED;
    for (const g of functionalGraphs(graph)) {
      const { byName } = wiring(g, ctx);
      const check = (name: string, at: () => Location) => {
        if (!byName.has(name)) reporter.report('KS4002', at(), { name, scope: 'in this model' }, { suggestions: suggest-- > 0 ? didYouMean(name, byName.keys()) : [] });
      };
      for (const t of g.inputs) check(t.layer, () => g.origin.at);
      forEachReference(g, (t, l, i, j) => {
        if (!byName.has(t.layer)) check(t.layer, () => referenceAt(g, l, i, j));
      });
    }
  },
};
