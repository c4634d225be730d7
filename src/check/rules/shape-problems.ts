/** Reports shape inference's problems of one kind, at the layer each is about (nested models too). */
import type { Code } from '../../diagnostics/messages.js';
import type { ModelGraph } from '../../ir/graph.js';
import type { InferResult, ShapeProblem } from '../../infer/types.js';
import type { RuleContext } from '../rule.js';

export function reportShapeProblems(graph: ModelGraph, ctx: RuleContext, kind: ShapeProblem['kind'], code: Code & ('KS6001' | 'KS6002' | 'KS6003' | 'KS6004')): void {
  const visit = (g: ModelGraph, result: InferResult) => {
    for (const p of result.problems) {
      if (p.kind !== kind) continue;
      const layer = g.layers.find((l) => l.name === p.layer);
      ctx.reporter.report(code, layer?.origin.at ?? g.origin.at, { detail: p.message });
    }
    for (const l of g.layers) {
      const nested = l.model && result.nested.get(l.name);
      if (l.model && nested) visit(l.model, nested);
    }
  };
  visit(graph, ctx.shapes());
}
