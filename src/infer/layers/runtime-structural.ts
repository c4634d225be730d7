/**
 * Keras layers tfjs lacks that kspec's runtime builds (src/runtime/structural.ts): Subtract,
 * ZeroPadding1D, Cropping1D, UpSampling1D, GlobalAverage/GlobalMaxPooling3D, SpatialDropout2D/3D.
 * Keyed by the Keras class name, as every row; all weightless. Shapes follow Keras (the runtime
 * classes compute the same):
 * - Subtract: exactly two inputs, broadcast as the other element-wise merges.
 * - ZeroPadding1D / Cropping1D / UpSampling1D: rank 3; the steps axis (axis 2 for a channels_first
 *   ZeroPadding1D, Keras 3) grows by the padding, shrinks by the cropping (Keras 3 refuses nothing
 *   left), or is multiplied by size; unknown stays unknown.
 * - Global pooling 3D: rank 5 → (batch, channels), or with keepdims the spatial axes kept as 1.
 * - SpatialDropout2D/3D: the identity, on rank 4 / rank 5 inputs (Keras's input_spec).
 */
import { channelsFirst, int, toTuple, type Cfg } from '../config.js';
import { issue, q, tooSmall } from '../shape.js';
import type { Shape } from '../types.js';
import { elementwise } from './merge.js';
import { globalPool } from './pooling.js';
import { identity, needRank, single, type LayerRow, type Output } from './row.js';

const STEPS = 'batch, steps, features';

/** Rank 3, one axis of it mapped by `f` (undefined when the config cannot be read). */
const steps1d = (f: (d: number, c: Cfg) => number | undefined, axisOf: (c: Cfg) => 1 | 2 = () => 1): LayerRow =>
  single((s, c): Output => {
    const bad = needRank(c, s, 3, axisOf(c) === 2 ? 'batch, features, steps' : STEPS);
    if (bad) return bad;
    const a = axisOf(c);
    const d = s[a];
    const out: Shape = [...s];
    if (d === null || d === undefined) {
      // Still read the config, so an unreadable one gives up as it would with a known length.
      if (f(1, c) === undefined) return undefined;
      return [out];
    }
    const n = f(d, c);
    if (n === undefined) return undefined;
    const shaped = out.map((x, i) => (i === a ? n : x));
    return tooSmall(c.className, s, shaped) ?? [shaped];
  });

const sum = (c: Cfg, key: string): number | undefined => {
  const p = toTuple(c.get(key), 2);
  return p && p[0]! >= 0 && p[1]! >= 0 ? p[0]! + p[1]! : undefined;
};

export const RUNTIME_STRUCTURAL_ROWS: Readonly<Record<string, LayerRow>> = {
  Subtract: {
    output: (inputs, c) =>
      inputs.length === 2 ? elementwise.output(inputs, c) : issue('merge', `${q(c.className)} takes exactly 2 inputs, got ${inputs.length}.`),
  },
  ZeroPadding1D: steps1d(
    (d, c) => {
      const p = sum(c, 'padding');
      return p === undefined ? undefined : d + p;
    },
    (c) => (channelsFirst(c) ? 2 : 1),
  ),
  Cropping1D: steps1d((d, c) => {
    const p = sum(c, 'cropping');
    return p === undefined ? undefined : d - p;
  }),
  UpSampling1D: steps1d((d, c) => {
    const size = int(c, 'size');
    return size === undefined || size < 1 ? undefined : d * size;
  }),
  GlobalAveragePooling3D: globalPool(3),
  GlobalMaxPooling3D: globalPool(3),
  SpatialDropout2D: identity({ n: 4, axes: 'batch, rows, cols, channels' }),
  SpatialDropout3D: identity({ n: 5, axes: 'batch, depth, rows, cols, channels' }),
};
