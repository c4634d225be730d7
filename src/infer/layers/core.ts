/**
 * Core layers: Dense, Flatten, Reshape, Permute, RepeatVector, Masking, Embedding.
 * Formulas: Keras 2 `compute_output_shape` / `build`; tfjs 4.22 `layers/core.js` and
 * `embeddings.js` compute the same shapes except where a comment says otherwise.
 */
import { int, intList, type Cfg } from '../config.js';
import { fmt, issue, prod, q, rankIssue } from '../shape.js';
import type { Dim, Shape } from '../types.js';
import { single, w, weights, type LayerRow } from './row.js';

const useBias = (c: Cfg): boolean => c.get('use_bias') !== false;

/** Reshape's `target_shape`; Keras allows one -1 (tfjs reads any negative entry as unknown). */
function reshape(s: Shape, c: Cfg): ReturnType<LayerRow['output']> {
  const target = intList(c.get('target_shape'));
  if (!target || typeof c.get('target_shape') === 'number') return undefined;
  const free = target.filter((d) => d < 0).length;
  if (free > 1) return issue('invalid', `${q(c.className)} target_shape ${fmt(target)} can leave only one dimension as -1.`);
  const rest = s.slice(1);
  if (rest.some((d) => d === null)) return [[s[0] ?? null, ...target.map((d) => (d < 0 ? null : d))]];
  const total = prod(rest) as number;
  const known = target.filter((d) => d >= 0).reduce((a, b) => a * b, 1);
  const fits = free === 1 ? known !== 0 && total % known === 0 : total === known;
  if (!fits) return issue('invalid', `${q(c.className)} cannot turn ${fmt(s)} (${total} values per sample) into target_shape ${fmt(target)}.`);
  return [[s[0] ?? null, ...target.map((d) => (d < 0 ? total / known : d))]];
}

/** Embedding's `input_length` (int or list) must agree with the input where both are known. */
function embed(s: Shape, c: Cfg): ReturnType<LayerRow['output']> {
  const out = int(c, 'output_dim');
  if (out === undefined || s.length < 1) return undefined;
  const len = c.get('input_length');
  if (len === null || len === undefined) return [[...s, out]];
  const lens = (Array.isArray(len) ? len : [len]) as unknown[];
  const mismatch = issue('invalid', `${q(c.className)} has input_length ${JSON.stringify(len)} but gets an input of shape ${fmt(s)}.`);
  if (lens.length !== s.length - 1) return mismatch;
  const dims: Dim[] = [];
  for (const [i, l] of lens.entries()) {
    const d = s[i + 1] ?? null;
    if (l !== null && typeof l !== 'number') return undefined;
    if (l !== null && d !== null && l !== d) return mismatch;
    dims.push(l ?? d);
  }
  return [[s[0] ?? null, ...dims, out]];
}

export const CORE_ROWS: Readonly<Record<string, LayerRow>> = {
  // Dense contracts the last axis of an input of any rank >= 2 (tfjs: inputSpec minNDim 2).
  Dense: single(
    (s, c) => {
      const units = int(c, 'units');
      if (units === undefined) return undefined;
      if (s.length < 2) return rankIssue(c.className, 'at least 2', 'batch, …, features', s);
      if (s[s.length - 1] === null) return issue('invalid', `${q(c.className)} needs a known last dimension, got ${fmt(s)}.`);
      return [[...s.slice(0, -1), units]];
    },
    (s, c) => {
      const units = int(c, 'units');
      const dim = s[s.length - 1];
      if (units === undefined || dim === null || dim === undefined) return undefined;
      return weights(w('kernel', [dim, units]), useBias(c) && w('bias', [units]));
    },
  ),
  // Keras flattens a rank-2 input to itself; tfjs's inputSpec is minNDim 3 and refuses it.
  // tfjs also throws when a non-batch dimension is unknown, where Keras gives (batch, None).
  Flatten: single((s, c) => {
    if (s.length === 2) {
      return issue('flatten-flat', `${q(c.className)} gets an input that is already flat ${fmt(s)}: Keras passes it through, tfjs refuses it (it needs rank 3 or more).`, [s]);
    }
    if (s.length < 2) return rankIssue(c.className, 'at least 3', 'batch, …', s);
    const n = prod(s.slice(1));
    const out: Shape = [s[0] ?? null, n];
    return n === null ? issue('invalid', `${q(c.className)} needs every non-batch dimension known, got ${fmt(s)}.`, [out]) : [out];
  }),
  Reshape: single(reshape),
  // dims are 1-based axes after the batch axis, a permutation of 1..n (tfjs checks that too).
  Permute: single((s, c) => {
    const dims = intList(c.get('dims'));
    if (!dims || typeof c.get('dims') === 'number') return undefined;
    if ([...dims].sort((a, b) => a - b).some((d, i) => d !== i + 1)) {
      return issue('invalid', `${q(c.className)} dims ${fmt(dims)} is not a permutation of 1…${dims.length}.`);
    }
    if (s.length !== dims.length + 1) return rankIssue(c.className, dims.length + 1, `batch and the ${dims.length} axes dims ${fmt(dims)} permutes`, s);
    return [[s[0] ?? null, ...dims.map((d) => s[d] ?? null)]];
  }),
  RepeatVector: single((s, c) => {
    const n = int(c, 'n');
    if (n === undefined) return undefined;
    if (s.length !== 2) return rankIssue(c.className, 2, 'batch, features', s);
    return [[s[0] ?? null, n, s[1] ?? null]];
  }),
  Masking: single((s) => [s]),
  // Any input rank; each index becomes an output_dim vector. The table is input_dim × output_dim.
  Embedding: single(embed, (_s, c) => {
    const i = int(c, 'input_dim');
    const o = int(c, 'output_dim');
    return i === undefined || o === undefined ? undefined : [w('embeddings', [i, o])];
  }),
};
