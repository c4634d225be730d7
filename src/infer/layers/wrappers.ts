/**
 * Wrappers: Bidirectional and TimeDistributed, computed from the row of the layer they wrap.
 *
 * - Bidirectional: the wrapped layer's outputs, the main one merged (concat doubles the last axis;
 *   sum/mul/ave keep it; merge_mode None returns forward and backward as two outputs), then the
 *   forward states and the backward states. tfjs always mirrors `layer` for the backward
 *   direction (it ignores backward_layer), so the weights are twice the wrapped layer's.
 * - TimeDistributed: the wrapped layer applied to (batch, …) without the time axis, which is put
 *   back as axis 1.
 * - Trainability: tfjs 4.22 ignores a wrapper's own `trainable` (Bidirectional resets it to true
 *   in its constructor; TimeDistributed reads the wrapped layer's flag), so only the wrapped
 *   layer's `trainable` counts.
 */
import { innerCfg, str, type Cfg } from '../config.js';
import { isIssue, rankIssue } from '../shape.js';
import type { Shape } from '../types.js';
import { paramsOf, rowFor, shapesOf, under, weights, type LayerRow, type Output } from './row.js';

/** The wrapped layer's name (kspec's compile always writes one; tfjs would invent one otherwise). */
const innerName = (inner: Cfg): string => str(inner, 'name') ?? '';

/** The wrapped layer's config and row (unknown classes: undefined, no problem). */
function wrapped(c: Parameters<LayerRow['output']>[1]) {
  const inner = innerCfg(c, 'layer');
  const row = inner && rowFor(inner.className);
  return inner && row ? { inner, row } : undefined;
}

const bidirectional: LayerRow = {
  ownsTrainable: true,
  output: (inputs, c): Output => {
    const w = wrapped(c);
    const out = w?.row.output(inputs, w.inner);
    const shapes = shapesOf(out);
    if (!out || (isIssue(out) && !shapes)) return out;
    const [main, ...states] = shapes!;
    if (!main) return undefined;
    const mode = c.get('merge_mode');
    const last = main[main.length - 1] ?? null;
    const merged: Shape[] = mode === null ? [main, main] : mode === 'concat' ? [[...main.slice(0, -1), last === null ? null : 2 * last]] : [main];
    const all = [...merged, ...states, ...states];
    return isIssue(out) ? { ...out, shapes: all } : all;
  },
  // tfjs names the copies `forward_<inner name>` and `backward_<inner name>` (it ignores `backward_layer`).
  params: (inputs, c) => {
    const w = wrapped(c);
    const p = w && paramsOf(w.row, inputs, w.inner);
    const name = w && innerName(w.inner);
    return p && weights(...under(`forward_${name}`, p), ...under(`backward_${name}`, p));
  },
};

/** (batch, time, …) → the wrapped layer's input (batch, …). */
const step = (s: Shape): Shape => [s[0] ?? null, ...s.slice(2)];

const timeDistributed: LayerRow = {
  ownsTrainable: true,
  output: (inputs, c): Output => {
    const [s] = inputs;
    const w = wrapped(c);
    if (!s || inputs.length !== 1 || !w) return undefined;
    if (s.length < 3) return rankIssue(c.className, 'at least 3', 'batch, timesteps, …', s);
    const out = w.row.output([step(s)], w.inner);
    const shapes = shapesOf(out);
    if (!out || (isIssue(out) && !shapes)) return out;
    if (shapes!.length !== 1) return undefined;
    const all = [[shapes![0]![0] ?? null, s[1] ?? null, ...shapes![0]!.slice(1)]];
    return isIssue(out) ? { ...out, shapes: all } : all;
  },
  params: (inputs, c) => {
    const [s] = inputs;
    const w = wrapped(c);
    return s && w ? paramsOf(w.row, [step(s)], w.inner) : undefined;
  },
};

export const WRAPPER_ROWS: Readonly<Record<string, LayerRow>> = {
  Bidirectional: bidirectional,
  TimeDistributed: timeDistributed,
};
