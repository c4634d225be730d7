/**
 * Spatial reshaping: ZeroPadding2D, Cropping2D, UpSampling2D (images of rank 4). No weights.
 * Amounts are read the way Keras normalizes them: an int for every side, one int per axis
 * (symmetric), or a (before, after) pair per axis — each axis on its own, so mixed forms such as
 * [1, [1, 2]] mean what Keras means. Unknown dimensions stay unknown (tfjs's Cropping2D computes
 * null − n = −n there).
 */
import { channelsFirst, toTuple, type Cfg } from '../config.js';
import { tooSmall } from '../shape.js';
import type { Dim } from '../types.js';
import { needRank, single, type LayerRow, type Output } from './row.js';
import { axesOf, join, split } from './spatial.js';

/** [[before, after], …] for each of `r` spatial axes. */
function amounts(v: unknown, r: number): [number, number][] | undefined {
  const one = (x: unknown): [number, number] | undefined => {
    const t = toTuple(x, 2);
    return t && [t[0]!, t[1]!];
  };
  if (typeof v === 'number') return one(v) && Array.from({ length: r }, () => one(v)!);
  if (!Array.isArray(v) || v.length !== r) return undefined;
  const pairs = v.map(one);
  return pairs.every((p) => p !== undefined) ? (pairs as [number, number][]) : undefined;
}

/** A rank-4 image row that maps (rows, cols) with `f`, channels unchanged. */
const image2d = (f: (space: readonly Dim[], c: Cfg) => Dim[] | undefined): LayerRow =>
  single((s, c): Output => {
    const first = channelsFirst(c);
    const bad = needRank(c, s, 4, axesOf(2, first));
    if (bad) return bad;
    const p = split(s, 2, first);
    const space = f(p.space, c);
    if (!space) return undefined;
    const out = join(p.batch, space, p.channels, first);
    return tooSmall(c.className, s, out) ?? [out];
  });

const edges = (sign: 1 | -1, key: string) => (space: readonly Dim[], c: Cfg): Dim[] | undefined => {
  const a = amounts(c.get(key), 2);
  return a && space.map((d, i) => (d === null ? null : d + sign * (a[i]![0] + a[i]![1])));
};

export const RESHAPING_ROWS: Readonly<Record<string, LayerRow>> = {
  ZeroPadding2D: image2d(edges(1, 'padding')),
  Cropping2D: image2d(edges(-1, 'cropping')),
  UpSampling2D: image2d((space, c) => {
    const size = toTuple(c.get('size'), 2);
    return size && space.map((d, i) => (d === null ? null : d * size[i]!));
  }),
};
