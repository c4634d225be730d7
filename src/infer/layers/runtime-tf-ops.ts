/** Shapes of kspec's runtime layers for TensorFlow ops (runtime/tf-ops.ts). */
import { int } from '../config.js';
import { fmt, issue, q } from '../shape.js';
import { single, type LayerRow } from './row.js';

export const RUNTIME_TF_OP_ROWS: Readonly<Record<string, LayerRow>> = {
  // depth_to_space (NHWC): (h, w, c) → (h·b, w·b, c/b²).
  KspecDepthToSpace: single((s, c) => {
    const b = int(c, 'block_size');
    if (b === undefined) return undefined;
    if (s.length !== 4) return issue('rank', `${q(c.className)} needs an input of rank 4 (batch, rows, cols, channels), got rank ${s.length} ${fmt(s)}.`);
    const [n, h, w, ch] = s;
    if (ch != null && ch % (b * b) !== 0) return issue('invalid', `${q(c.className)} needs channels divisible by block_size² = ${b * b}, got ${fmt(s)}.`);
    return [[n ?? null, h == null ? null : h * b, w == null ? null : w * b, ch == null ? null : ch / (b * b)]];
  }),
};
