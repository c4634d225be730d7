/**
 * BatchNormalization and LayerNormalization keep their input shape. Their weights have the
 * size of the normalized axes: BatchNormalization has gamma and beta (trainable, when scale /
 * center) and moving mean and variance (never trainable); LayerNormalization only gamma and beta.
 * Keras 2 BatchNormalization also takes a list of axes (tfjs one integer): the weights then span
 * the product of those axes.
 */
import { intList, type Cfg } from '../config.js';
import { fmt, issue, q } from '../shape.js';
import type { Shape } from '../types.js';
import { fixed, single, w, weights, type LayerRow, type Weights } from './row.js';

/** The normalized axes' sizes (the weights' shape), or why there are none. */
function axisSize(s: Shape, c: Cfg): number[] | string | undefined {
  const axes = intList(c.get('axis'));
  if (!axes || axes.length === 0) return undefined;
  const resolved = axes.map((a) => (a < 0 ? a + s.length : a));
  if (resolved.some((a) => a < 0 || a >= s.length) || new Set(resolved).size !== resolved.length) {
    return `${q(c.className)} axis ${JSON.stringify(c.get('axis'))} is not an axis of its input ${fmt(s)}.`;
  }
  const dims = resolved.map((a) => s[a]!);
  if (dims.some((d) => d === null)) return `${q(c.className)} needs a known size on axis ${JSON.stringify(c.get('axis'))}, got ${fmt(s)}.`;
  return dims as number[];
}

/** gamma (when `scale`) and beta (when `center`). */
const affine = (n: readonly number[], c: Cfg): Weights => weights(c.get('scale') !== false && w('gamma', n), c.get('center') !== false && w('beta', n));

const norm = (build: (n: number[], c: Cfg) => Weights): LayerRow =>
  single(
    (s, c) => {
      const n = axisSize(s, c);
      return typeof n === 'string' ? issue('invalid', n, [s]) : n === undefined ? undefined : [s];
    },
    (s, c) => {
      const n = axisSize(s, c);
      return Array.isArray(n) ? build(n, c) : undefined;
    },
  );

export const NORMALIZATION_ROWS: Readonly<Record<string, LayerRow>> = {
  BatchNormalization: norm((n, c) => [...affine(n, c), fixed('moving_mean', n), fixed('moving_variance', n)]),
  LayerNormalization: norm(affine),
};
