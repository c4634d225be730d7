/**
 * Pooling: Max/AveragePooling1D/2D/3D and GlobalMax/GlobalAveragePooling1D/2D. No weights.
 * Keras semantics for data_format (tfjs's 1D layers ignore it) and keepdims (no tfjs global
 * pooling layer reads it); the argument checks warn where tfjs differs.
 */
import { bool, channelsFirst, str, tuple, type Cfg } from '../config.js';
import { convLength, tooSmall } from '../shape.js';
import type { Shape } from '../types.js';
import { needRank, single, type LayerRow, type Output } from './row.js';
import { axesOf, join, split, type Rank } from './spatial.js';

/** strides None means strides = pool_size. */
const strides = (c: Cfg, r: Rank, pool: number[]): number[] | undefined => (c.get('strides') === null ? pool : tuple(c, 'strides', r));

const pool = (r: Rank): LayerRow =>
  single((s, c): Output => {
    const size = tuple(c, 'pool_size', r);
    const step = size && strides(c, r, size);
    const padding = str(c, 'padding') ?? 'valid';
    if (!size || !step) return undefined;
    const first = channelsFirst(c);
    const bad = needRank(c, s, r + 2, axesOf(r, first));
    if (bad) return bad;
    const p = split(s, r, first);
    const out = join(p.batch, p.space.map((d, i) => convLength(d, size[i]!, padding, step[i]!)), p.channels, first);
    return tooSmall(c.className, s, out) ?? [out];
  });

/** (batch, channels), or with keepdims the spatial axes kept as 1. */
export const globalPool = (r: Rank): LayerRow =>
  single((s: Shape, c): Output => {
    const first = channelsFirst(c);
    const bad = needRank(c, s, r + 2, axesOf(r, first));
    if (bad) return bad;
    const p = split(s, r, first);
    return [bool(c, 'keepdims') ? join(p.batch, Array<number>(r).fill(1), p.channels, first) : [p.batch, p.channels]];
  });

export const POOLING_ROWS: Readonly<Record<string, LayerRow>> = {
  MaxPooling1D: pool(1),
  MaxPooling2D: pool(2),
  MaxPooling3D: pool(3),
  AveragePooling1D: pool(1),
  AveragePooling2D: pool(2),
  AveragePooling3D: pool(3),
  GlobalMaxPooling1D: globalPool(1),
  GlobalMaxPooling2D: globalPool(2),
  GlobalAveragePooling1D: globalPool(1),
  GlobalAveragePooling2D: globalPool(2),
};
