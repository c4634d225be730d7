/**
 * Merge layers: Add, Multiply, Average, Maximum, Minimum, Concatenate, Dot. No weights.
 *
 * - Element-wise merges broadcast as Keras and tfjs do (`_compute_elementwise_op_output_shape`):
 *   shapes are aligned on their last axes, 1 stretches, unknown stays unknown; batch sizes must agree.
 * - Concatenate follows tfjs, which compares every other axis exactly (an unknown dimension does
 *   not match a known one; Keras 2 lets it pass).
 * - Dot: tfjs takes inputs of rank 2 or 3 only; negative axes count from the end, as in Keras.
 */
import { int, toTuple, type Cfg } from '../config.js';
import { fmt, issue, q, sameShape } from '../shape.js';
import type { Dim, Shape } from '../types.js';
import type { LayerRow, Output } from './row.js';

const list = (inputs: readonly Shape[]): string => inputs.map(fmt).join(', ');

const atLeastTwo = (inputs: readonly Shape[], c: Cfg): Output | undefined =>
  inputs.length < 2 ? issue('merge', `${q(c.className)} merges at least 2 inputs, got ${inputs.length}.`) : undefined;

/** Broadcast two shapes without batch (undefined when they do not fit). */
function broadcast(a: readonly Dim[], b: readonly Dim[]): Dim[] | undefined {
  if (a.length < b.length) return broadcast(b, a);
  const out: Dim[] = a.slice(0, a.length - b.length);
  for (const [k, j] of b.entries()) {
    const i = a[a.length - b.length + k]!;
    if (i === null || j === null) out.push(null);
    else if (i === 1 || j === 1) out.push(i === 1 ? j : i);
    else if (i !== j) return undefined;
    else out.push(i);
  }
  return out;
}

export const elementwise: LayerRow = {
  output: (inputs, c) => {
    const few = atLeastTwo(inputs, c);
    if (few) return few;
    const mismatch = () => issue('merge', `${q(c.className)} needs inputs of the same shape (or shapes that broadcast), got ${list(inputs)}.`);
    const batches = [...new Set(inputs.map((s) => s[0] ?? null).filter((d) => d !== null))];
    if (batches.length > 1) return mismatch();
    let out: Dim[] | undefined = inputs[0]!.slice(1);
    for (const s of inputs.slice(1)) out = out && broadcast(out, s.slice(1));
    return out ? [[batches[0] ?? null, ...out]] : mismatch();
  },
};

const concatenate: LayerRow = {
  output: (inputs, c) => {
    const few = atLeastTwo(inputs, c);
    if (few) return few;
    const axis = int(c, 'axis');
    if (axis === undefined) return undefined;
    const rank = inputs[0]!.length;
    const a = axis < 0 ? axis + rank : axis;
    const mismatch = issue('merge', `${q(c.className)} needs inputs whose shapes match except on axis ${axis}, got ${list(inputs)}.`);
    if (a < 0 || a >= rank || inputs.some((s) => s.length !== rank)) return mismatch;
    const without = (s: Shape) => s.filter((_, i) => i !== a);
    if (inputs.some((s) => !sameShape(without(s), without(inputs[0]!)))) return mismatch;
    const out = [...inputs[0]!];
    out[a] = inputs.some((s) => s[a] === null) ? null : inputs.reduce((n, s) => n + (s[a] as number), 0);
    return [out];
  },
};

const dot: LayerRow = {
  output: (inputs, c) => {
    const [x, y] = inputs;
    if (inputs.length !== 2 || !x || !y) return issue('merge', `${q(c.className)} takes exactly 2 inputs, got ${inputs.length}.`);
    const v = c.get('axes');
    const axes = toTuple(v, 2);
    if (!axes) return undefined;
    for (const s of [x, y]) {
      if (s.length < 2 || s.length > 3) return issue('rank', `${q(c.className)} needs inputs of rank 2 or 3 (tfjs supports no other), got rank ${s.length} ${fmt(s)}.`);
    }
    const [a, b] = [axes[0]! < 0 ? axes[0]! + x.length : axes[0]!, axes[1]! < 0 ? axes[1]! + y.length : axes[1]!];
    if (a < 1 || a >= x.length || b < 1 || b >= y.length || x[a] !== y[b]) {
      return issue('merge', `${q(c.className)} needs equal sizes on the dot axes ${JSON.stringify(v)}, got ${list(inputs)}.`);
    }
    const out = [...x.filter((_, i) => i !== a), ...y.filter((_, i) => i !== b).slice(1)];
    return [out.length === 1 ? [...out, 1] : out];
  },
};

export const MERGE_ROWS: Readonly<Record<string, LayerRow>> = {
  Add: elementwise,
  Multiply: elementwise,
  Average: elementwise,
  Maximum: elementwise,
  Minimum: elementwise,
  Concatenate: concatenate,
  Dot: dot,
};
