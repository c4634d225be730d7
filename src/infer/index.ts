/**
 * Static shape inference and parameter counting over the IR, as tfjs 4.22 builds the model.
 *
 * Sequential graphs run each layer on the previous output, from the declared input (inputs.ts).
 * Functional graphs run calls as soon as the tensors they read are settled (a shared layer's later
 * call may read a layer that comes after it in source order), so a cycle or a dangling reference
 * only leaves shapes unknown. Nested models are walked recursively, at most MAX_DEPTH deep: each
 * call runs the nested graph on that call's input shapes. Nothing here throws on a malformed
 * graph: an unknown class, a class tfjs lacks or a missing input shape leaves the shapes after it
 * unknown (absent), without a problem.
 */
import type { LayerNode, ModelGraph, TensorRef } from '../ir/graph.js';
import { applyLayer, totals, type RunNested } from './apply.js';
import { Collector } from './collect.js';
import { declaredShape, functionalInputs, MAX_DEPTH, sequentialInput } from './inputs.js';
import { q } from './shape.js';
import type { InferResult, Shape } from './types.js';

export type { Dim, InferResult, LayerShapes, Shape, ShapeProblem } from './types.js';

export function inferShapes(graph: ModelGraph): InferResult {
  return walk(graph, undefined, 0).result;
}

/** Trainable and non-trainable weights of the whole model, as tfjs's countParams() splits them. */
export const totalParams = totals;

interface Walk {
  readonly result: InferResult;
  /** The graph's output shapes, when all are known. */
  readonly outputs?: readonly Shape[];
}

function walk(g: ModelGraph, given: readonly Shape[] | undefined, depth: number): Walk {
  const runNested: RunNested = (layer, inputs) => (layer.model && depth < MAX_DEPTH ? walk(layer.model, inputs, depth + 1) : undefined);
  return g.style === 'sequential' ? sequential(g, given?.[0], depth, runNested) : functional(g, given, runNested);
}

function sequential(g: ModelGraph, given: Shape | undefined, depth: number, runNested: RunNested): Walk {
  const col = new Collector();
  let cur = given ?? sequentialInput(g, depth);
  for (const [i, l] of g.layers.entries()) {
    if (l.className === 'InputLayer') {
      // Only a first InputLayer means anything (lowering rejects later ones).
      if (i === 0 && cur) col.record(l, 0, [cur], { outputs: [cur] });
      continue;
    }
    if (!cur) break;
    const applied = applyLayer(l, [cur], runNested);
    col.record(l, 0, [cur], applied);
    const out = applied.outputs;
    if (out && out.length > 1) col.problem(l, 0, { kind: 'invalid', message: `${q(l.className)} returns ${out.length} tensors, but each layer of a sequential model must return one.` });
    cur = out?.length === 1 ? out[0] : undefined;
  }
  return { result: col.result(g), ...(cur && { outputs: [cur] }) };
}

/** A call's outputs once settled: shapes, or null when they cannot be known. */
type Settled = readonly Shape[] | null;

function functional(g: ModelGraph, given: readonly Shape[] | undefined, runNested: RunNested): Walk {
  const col = new Collector();
  const byName = new Map<string, LayerNode>();
  for (const l of g.layers) if (!byName.has(l.name)) byName.set(l.name, l);

  const inputs = new Map<string, Settled>();
  const declared = functionalInputs(g);
  for (const l of byName.values()) {
    if (l.className !== 'InputLayer') continue;
    const at = g.inputs.findIndex((t) => t.layer === l.name);
    const s = (at >= 0 ? (given?.[at] ?? declared[at]) : undefined) ?? declaredShape(l);
    inputs.set(l.name, s ? [s] : null);
    if (s) col.record(l, 0, [s], { outputs: [s] });
  }

  /** Each layer's calls once settled, by call index (absent: not run yet). */
  const settled = new Map<LayerNode, Settled[]>();
  const builtIn = new Map<string, Settled>();
  /** Node 0 of a nested model: the model on its own declared inputs (Keras/tfjs keep that node). */
  const nodeZero = (l: LayerNode): Settled | undefined => {
    if (!builtIn.has(l.name)) {
      const run = runNested(l, []);
      if (run && l.calls.length === 0) col.standalone(l, run.result);
      builtIn.set(l.name, run?.outputs ?? null);
    }
    return builtIn.get(l.name) ?? undefined;
  };
  /** What a reference reads: shapes, null (unknowable) or 'pending' (its call has not run yet). */
  const lookup = (t: TensorRef): Settled | 'pending' => {
    const l = byName.get(t.layer);
    if (!l) return null;
    if (l.className === 'InputLayer') return inputs.get(l.name) ?? null;
    let call = t.node;
    if (l.model) {
      const zero = t.node === 0 ? nodeZero(l) : undefined;
      if (zero) return zero;
      call = t.node === 0 ? 0 : t.node - 1;
    }
    if (call < 0 || call >= l.calls.length) return null;
    const s = settled.get(l)?.[call];
    return s === undefined ? 'pending' : s;
  };
  const settle = (l: LayerNode, call: number, s: Settled) => {
    let calls = settled.get(l);
    if (!calls) settled.set(l, (calls = []));
    calls[call] = s;
  };

  // Source order is usually a topological order, so this loop mostly runs once.
  let pending: { l: LayerNode; i: number }[] = [];
  for (const l of byName.values()) if (l.className !== 'InputLayer') for (let i = 0; i < l.calls.length; i++) pending.push({ l, i });
  while (pending.length > 0) {
    const waiting: typeof pending = [];
    for (const p of pending) {
      const refs = p.l.calls[p.i]!.inputs;
      const shapes: Shape[] = [];
      let wait = false;
      let unknown = refs.length === 0;
      for (const t of refs) {
        const found = lookup(t);
        if (found === 'pending') {
          wait = true;
          break;
        }
        const s = found?.[t.tensor];
        if (s === undefined) unknown = true;
        else shapes.push(s);
      }
      if (wait) waiting.push(p);
      else if (unknown) settle(p.l, p.i, null);
      else {
        const applied = applyLayer(p.l, shapes, runNested);
        col.record(p.l, p.i, shapes, applied);
        settle(p.l, p.i, applied.outputs ?? null);
      }
    }
    if (waiting.length === pending.length) break; // a cycle: what is left stays unknown
    pending = waiting;
  }

  const outs = g.outputs.map((t) => {
    const s = lookup(t);
    return s === 'pending' || s === null ? undefined : s[t.tensor];
  });
  const known = outs.length > 0 && outs.every((s) => s !== undefined);
  return { result: col.result(g), ...(known && { outputs: outs as Shape[] }) };
}
