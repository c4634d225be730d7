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
import { single, weights, type LayerRow, type Params } from './row.js';

/** The product of the normalized axes' sizes, or why there is none. */
function axisSize(s: Shape, c: Cfg): number | string | undefined {
  const axes = intList(c.get('axis'));
  if (!axes || axes.length === 0) return undefined;
  const resolved = axes.map((a) => (a < 0 ? a + s.length : a));
  if (resolved.some((a) => a < 0 || a >= s.length) || new Set(resolved).size !== resolved.length) {
    return `${q(c.className)} axis ${JSON.stringify(c.get('axis'))} is not an axis of its input ${fmt(s)}.`;
  }
  const dims = resolved.map((a) => s[a]!);
  if (dims.some((d) => d === null)) return `${q(c.className)} needs a known size on axis ${JSON.stringify(c.get('axis'))}, got ${fmt(s)}.`;
  return (dims as number[]).reduce((a, b) => a * b, 1);
}

const scaled = (c: Cfg): number => (c.get('scale') !== false ? 1 : 0) + (c.get('center') !== false ? 1 : 0);

const norm = (count: (n: number, c: Cfg) => Params): LayerRow =>
  single(
    (s, c) => {
      const n = axisSize(s, c);
      return typeof n === 'string' ? issue('invalid', n, [s]) : n === undefined ? undefined : [s];
    },
    (s, c) => {
      const n = axisSize(s, c);
      return typeof n === 'number' ? count(n, c) : undefined;
    },
  );

export const NORMALIZATION_ROWS: Readonly<Record<string, LayerRow>> = {
  BatchNormalization: norm((n, c) => weights(scaled(c) * n, 2 * n)),
  LayerNormalization: norm((n, c) => weights(scaled(c) * n)),
};
