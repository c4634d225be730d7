/** tensor-index (KS4005): a reference to a call (node index) the layer does not have. */
import type { Rule } from '../rule.js';
import { functionalGraphs, layersByName, nodeCount, referenceAt } from './graph-index.js';

export const tensorIndex: Rule = {
  code: 'KS4005',
  check(graph, { reporter }) {
    for (const g of functionalGraphs(graph)) {
      const byName = layersByName(g);
      for (const l of g.layers) {
        l.calls.forEach((c, i) =>
          c.inputs.forEach((t, j) => {
            const target = byName.get(t.layer);
            if (target && t.node >= nodeCount(target)) reporter.report('KS4005', referenceAt(l, i, j), { name: t.layer, index: t.node, count: nodeCount(target) });
          }),
        );
      }
    }
  },
};
