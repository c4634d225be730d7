/** Collects what each call of each layer gave, and turns it into an InferResult. */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import type { Applied } from './apply.js';
import type { Issue } from './shape.js';
import type { InferResult, LayerShapes, Shape, ShapeProblem } from './types.js';

interface CallRecord {
  readonly inputs: readonly Shape[];
  readonly applied: Applied;
}

export class Collector {
  private readonly calls = new Map<string, CallRecord[]>();
  private readonly nested = new Map<string, InferResult[]>();
  private readonly problems: ShapeProblem[] = [];

  record(layer: LayerNode, call: number, inputs: readonly Shape[], applied: Applied): void {
    let recs = this.calls.get(layer.name);
    if (!recs) this.calls.set(layer.name, (recs = []));
    recs[call] = { inputs, applied };
    if (applied.issue) this.problem(layer, call, applied.issue);
    if (applied.nested) {
      const list = this.nested.get(layer.name) ?? [];
      list[call] = applied.nested;
      this.nested.set(layer.name, list);
    }
  }

  problem(layer: LayerNode, call: number, p: Pick<Issue, 'kind' | 'message'>): void {
    this.problems.push({ layer: layer.name, call, kind: p.kind, message: p.message });
  }

  /** A nested model's result when none of its calls ran (it is referenced at its built-in node 0). */
  standalone(layer: LayerNode, result: InferResult): void {
    if (!this.nested.has(layer.name)) this.nested.set(layer.name, [result]);
  }

  result(g: ModelGraph): InferResult {
    const layers = new Map<string, LayerShapes>();
    for (const l of g.layers) {
      const recs = this.calls.get(l.name);
      // Unknown classes (no row, no nested model) ran nothing: they stay absent.
      if (!recs || layers.has(l.name) || !recs.some((r) => r?.applied.outputs || r?.applied.issue)) continue;
      const n = Math.max(recs.length, g.style === 'functional' && l.className !== 'InputLayer' ? l.calls.length : 1);
      const first = recs.find((r) => r?.applied.params)?.applied;
      const params = first?.params;
      const inputs: (readonly Shape[])[] = [];
      const outputs: (readonly Shape[])[] = [];
      for (let i = 0; i < n; i++) {
        inputs.push(recs[i]?.inputs ?? []);
        outputs.push(recs[i]?.applied.outputs ?? []);
      }
      layers.set(l.name, {
        inputs,
        outputs,
        trainableParams: params?.trainable ?? 0,
        nonTrainableParams: params?.nonTrainable ?? 0,
        ...(first?.weights && { weights: first.weights }),
      });
    }
    const nested = new Map<string, InferResult>();
    for (const l of g.layers) {
      if (!l.model) continue;
      const runs = (this.nested.get(l.name) ?? []).filter((r): r is InferResult => r !== undefined);
      const [first, ...more] = runs;
      if (first && !nested.has(l.name)) nested.set(l.name, more.length ? mergeProblems(first, more) : first);
    }
    return { layers, nested, problems: this.problems };
  }
}

/** A shared nested model's first-call result, with the problems its other calls found added once. */
function mergeProblems(first: InferResult, more: readonly InferResult[]): InferResult {
  const key = (p: ShapeProblem) => `${p.layer}\u0000${p.call}\u0000${p.kind}\u0000${p.message}`;
  const seen = new Set(first.problems.map(key));
  const problems = [...first.problems];
  for (const p of more.flatMap((r) => r.problems)) {
    if (!seen.has(key(p))) {
      seen.add(key(p));
      problems.push(p);
    }
  }
  return { ...first, problems };
}
