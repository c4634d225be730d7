/** tensor-index (KS4005): a reference (an input, or a model output) to a call the layer does not have. */
import type { Rule } from '../rule.js';
import { functionalGraphs, layersByName, nodeCount, referenceAt } from './graph-index.js';

export const tensorIndex: Rule = {
  code: 'KS4005',
  check(graph, { reporter }) {
    for (const g of functionalGraphs(graph)) {
      const byName = layersByName(g);
      const check = (t: { layer: string; node: number }, at: Parameters<typeof reporter.report>[1]) => {
        const target = byName.get(t.layer);
        if (target && t.node >= nodeCount(target)) reporter.report('KS4005', at, { name: t.layer, index: t.node, count: nodeCount(target) });
      };
      for (const l of g.layers) l.calls.forEach((c, i) => c.inputs.forEach((t, j) => check(t, referenceAt(l, i, j))));
      for (const t of g.outputs) check(t, g.origin.at);
    }
  },
};
