/** unknown-reference (KS4002): an inbound node, input or output naming a layer the model lacks. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { Rule } from '../rule.js';
import { functionalGraphs, layersByName, referenceAt } from './graph-index.js';

export const unknownReference: Rule = {
  code: 'KS4002',
  check(graph, { reporter }) {
    for (const g of functionalGraphs(graph)) {
      const byName = layersByName(g);
      const check = (name: string, at: typeof g.origin.at) => {
        if (!byName.has(name)) reporter.report('KS4002', at, { name, scope: 'in this model' }, { suggestions: didYouMean(name, byName.keys()) });
      };
      for (const l of g.layers) l.calls.forEach((c, i) => c.inputs.forEach((t, j) => check(t.layer, referenceAt(l, i, j))));
      for (const t of [...g.inputs, ...g.outputs]) check(t.layer, g.origin.at);
    }
  },
};
