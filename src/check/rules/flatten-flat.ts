/**
 * flatten-flat (KS6003): Flatten of an input that is already flat (Keras passes it through; tfjs
 * refuses to build it). kspec compiles such a Flatten as a linear Activation (passes/flatten-flat.ts),
 * so this is a note for kspec specs and in compile mode; lint warns for Keras and tfjs files, which
 * plain tfjs cannot load. Where the pass cannot rewrite the layer (wrapped in TimeDistributed, or
 * shared with a call on a higher-rank input) it stays an error.
 */
import type { ModelGraph } from '../../ir/graph.js';
import type { InferResult } from '../../infer/types.js';
import { isFlatFlatten } from '../../passes/flatten-flat.js';
import type { Rule } from '../rule.js';

export const flattenFlat: Rule = {
  code: 'KS6003',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    const visit = (g: ModelGraph, result: InferResult) => {
      for (const p of result.problems) {
        if (p.kind !== 'flatten-flat') continue;
        const layer = g.layers.find((l) => l.name === p.layer);
        const compiled = layer !== undefined && isFlatFlatten(layer, result);
        ctx.reporter.report('KS6003', layer?.origin.at ?? g.origin.at, { detail: p.message, compiled }, compiled ? { severity } : {});
      }
      for (const l of g.layers) {
        const nested = l.model && result.nested.get(l.name);
        if (l.model && nested) visit(l.model, nested);
      }
    };
    visit(graph, ctx.shapes());
  },
};
