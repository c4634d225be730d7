/** tensor-index (KS4005): a reference (an input, or a model output) to a call the layer does not have. */
import type { Rule } from '../rule.js';
import { forEachReference, functionalGraphs, nodeCount, referenceAt, wiring } from './graph-index.js';

export const tensorIndex: Rule = {
  code: 'KS4005',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const g of functionalGraphs(graph)) {
      const { byName } = wiring(g, ctx);
      forEachReference(g, (t, l, i, j) => {
        const target = byName.get(t.layer);
        if (target && t.node >= nodeCount(target)) reporter.report('KS4005', referenceAt(g, l, i, j), { name: t.layer, index: t.node, count: nodeCount(target) });
      });
    }
  },
};
