/**
 * output-index (KS4009): a reference to an output a layer does not have (`d[1]` of a Dense, a third
 * state of an LSTM). tfjs fails on it while loading, with no location; shape inference knows how
 * many outputs each call has.
 */
import type { LayerNode, ModelGraph, TensorRef } from '../../ir/graph.js';
import type { InferResult } from '../../infer/types.js';
import type { Rule } from '../rule.js';
import { forEachReference, referenceAt, wiring, wiringBroken } from './graph-index.js';

/** How many outputs the call behind `t` has, when shape inference knows. */
function outputCount(target: LayerNode, t: TensorRef, shapes: InferResult): number | undefined {
  if (target.className === 'InputLayer') return 1;
  const call = target.model ? t.node - 1 : t.node;
  return shapes.layers.get(target.name)?.outputs[call]?.length;
}

export const outputIndex: Rule = {
  code: 'KS4009',
  check(graph, ctx) {
    if (wiringBroken(ctx.reporter)) return;
    const visit = (g: ModelGraph, shapes: InferResult) => {
      const { byName } = wiring(g, ctx);
      forEachReference(g, (t, l, i, j) => {
        const target = byName.get(t.layer);
        const count = target && outputCount(target, t, shapes);
        // A call whose shapes failed has no outputs to count; its own problem is reported.
        if (count !== undefined && count > 0 && t.tensor >= count) ctx.reporter.report('KS4009', referenceAt(g, l, i, j), { name: t.layer, index: t.tensor, count });
      });
      for (const l of g.layers) {
        const nested = l.model && shapes.nested.get(l.name);
        if (l.model && nested) visit(l.model, nested);
      }
    };
    if (graph.style === 'functional' || graph.layers.some((l) => l.model)) visit(graph, ctx.shapes());
  },
};
