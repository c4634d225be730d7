/**
 * Shapes and weights of the Keras layers kspec's runtime implements in src/runtime/normalization.ts
 * and src/runtime/attention.ts, as those classes build them (Keras's weights):
 *
 * - Normalization: the input shape. Adapted (config `mean: null`): non-trainable `mean` and
 *   `variance` of the kept axes' shape plus a scalar `count` (2n + 1); mean/variance in the config: none.
 * - UnitNormalization: the input shape, no weights.
 * - GroupNormalization: the input shape; `gamma` and `beta` (when scale / center) of the channel count.
 * - MultiHeadAttention on [query, value(, key)]: the query's shape with its last axis replaced by
 *   `output_shape` (default: kept). Weights: four projections, query (dq·N·K + N·K), key (dk·N·K + N·K),
 *   value (dv·N·V + N·V), attention_output (N·V·O + O), biases only with use_bias; N heads, K key_dim,
 *   V value_dim (or key_dim), O the product of output_shape (or dq).
 * - Attention / AdditiveAttention on [query, value(, key)]: the query's shape with the value's last
 *   dimension. Attention: scalar `scale` (use_scale) and `concat_score_weight` (score_mode concat);
 *   AdditiveAttention: `scale` of the query's last dimension (use_scale, the default).
 */
import { broadcastShape } from '../../runtime/broadcast.js';
import { bool, int, intList, str, type Cfg } from '../config.js';
import { fmt, issue, q, rankIssue, type Issue } from '../shape.js';
import type { Shape } from '../types.js';
import { fixed, NONE, single, w, weights, type LayerRow, type Output, type Weights } from './row.js';

const list = (inputs: readonly Shape[]): string => inputs.map(fmt).join(', ');

/** Axes resolved against `rank`, or an Issue when one is out of range or repeated. */
function axesOf(c: Cfg, name: string, axes: readonly number[], s: Shape): number[] | Issue {
  const out = axes.map((a) => (a < 0 ? a + s.length : a));
  if (out.some((a) => a < 0 || a >= s.length) || new Set(out).size !== out.length) {
    return issue('invalid', `${q(c.className)} ${name} ${JSON.stringify(c.get(name))} is not an axis of its input ${fmt(s)}.`, [s]);
  }
  return out;
}

// ---- Normalization ----

/** The shape of a config constant (a number or a nested list); undefined when it is not rectangular. */
function constShape(v: unknown): number[] | undefined {
  if (typeof v === 'number') return [];
  if (!Array.isArray(v)) return undefined;
  const inner = v.map(constShape);
  const first = inner[0] ?? [];
  if (inner.some((s) => !s || s.length !== first.length || s.some((d, i) => d !== first[i]))) return undefined;
  return [v.length, ...first];
}

/** The kept axes' sizes (the weights' shape), or why there are none. */
function keptDims(s: Shape, c: Cfg): number[] | Issue | undefined {
  const raw = c.get('axis');
  const axes = raw === null ? [] : intList(raw);
  if (!axes) return undefined;
  const kept = axesOf(c, 'axis', axes, s);
  if (!Array.isArray(kept)) return kept;
  const sorted = [...new Set(kept)].sort((a, b) => a - b);
  if (sorted.some((a) => s[a] === null)) return issue('invalid', `${q(c.className)} needs a known size on every kept axis (axis ${JSON.stringify(raw)}), got ${fmt(s)}.`, [s]);
  return sorted.map((a) => s[a]!);
}

const normalization = single(
  (s, c): Output => {
    const kept = keptDims(s, c);
    if (kept === undefined) return undefined;
    if (!Array.isArray(kept)) return kept;
    for (const name of ['mean', 'variance']) {
      const v = c.get(name);
      if (v === null || v === undefined) continue;
      const shape = constShape(v);
      if (shape && !broadcastShape(shape, kept)) {
        return issue('invalid', `${q(c.className)} ${name} of shape ${fmt(shape)} does not broadcast to the kept axes' shape ${fmt(kept)} of its input ${fmt(s)}.`, [s]);
      }
    }
    return [s];
  },
  // Adapted statistics: mean and variance of the kept axes' shape, and the sample count.
  (s, c): Weights | undefined => {
    if (c.get('mean') !== null && c.get('mean') !== undefined) return NONE;
    const kept = keptDims(s, c);
    return Array.isArray(kept) ? [fixed('mean', kept), fixed('variance', kept), fixed('count', [], 'int32')] : undefined;
  },
);

// ---- UnitNormalization, GroupNormalization ----

const unitNormalization = single((s, c): Output => {
  const axes = intList(c.get('axis'));
  if (!axes) return undefined;
  const r = axesOf(c, 'axis', axes, s);
  return Array.isArray(r) ? [s] : r;
});

/** GroupNormalization's channel count, or why the layer cannot be built. */
function groupChannels(s: Shape, c: Cfg): number | Issue | undefined {
  const axis = int(c, 'axis');
  const groups = int(c, 'groups');
  if (axis === undefined || groups === undefined) return undefined;
  const r = axesOf(c, 'axis', [axis], s);
  if (!Array.isArray(r)) return r;
  const a = r[0]!;
  if (a === 0) return issue('invalid', `${q(c.className)} axis ${axis} is the batch axis of its input ${fmt(s)}.`, [s]);
  const dim = s[a];
  if (dim === null || dim === undefined) return issue('invalid', `${q(c.className)} needs a known size on axis ${axis}, got ${fmt(s)}.`, [s]);
  const g = groups === -1 ? dim : groups;
  if (g < 1 || dim < g || dim % g !== 0) {
    return issue('invalid', `${q(c.className)} splits ${dim} channels into ${g} groups: the channel count must be a multiple of the groups (input ${fmt(s)}).`, [s]);
  }
  return dim;
}

const groupNormalization = single(
  (s, c): Output => {
    const n = groupChannels(s, c);
    return typeof n === 'object' ? n : n === undefined ? undefined : [s];
  },
  (s, c): Weights | undefined => {
    const n = groupChannels(s, c);
    return typeof n === 'number' ? weights(c.get('scale') !== false && w('gamma', [n]), c.get('center') !== false && w('beta', [n])) : undefined;
  },
);

// ---- attention ----

/** [query, value, key] (key defaulting to value), or why the call does not fit. */
function qvk(inputs: readonly Shape[], c: Cfg): [Shape, Shape, Shape] | Issue {
  if (inputs.length < 2 || inputs.length > 3) {
    return issue('invalid', `${q(c.className)} takes [query, value] or [query, value, key], got ${inputs.length} input tensor${inputs.length === 1 ? '' : 's'}.`);
  }
  const [query, value, key] = inputs;
  return [query!, value!, key ?? value!];
}

const last = (s: Shape) => s[s.length - 1] ?? null;
const sameDims = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** MultiHeadAttention's `output_shape` as a list; null when it is the query's last dimension (Keras `if output_shape:`). */
function outputFeatures(c: Cfg): number[] | null | undefined {
  const v = c.get('output_shape');
  if (v === null || v === undefined || v === 0 || (Array.isArray(v) && v.length === 0)) return null;
  return intList(v);
}

interface Mha {
  readonly query: Shape;
  readonly dims: { q: number; k: number; v: number };
  readonly out: Shape;
}

function multiHead(inputs: readonly Shape[], c: Cfg): Mha | Issue | undefined {
  const r = qvk(inputs, c);
  if (!Array.isArray(r)) return r;
  const [query, value, key] = r;
  if (query.length < 3) return rankIssue(c.className, '3 or more', 'batch, …, steps, features', query);
  if (value.length !== query.length || key.length !== query.length) {
    return issue('invalid', `${q(c.className)} needs query, value and key of the same rank, got ${list(inputs)}.`);
  }
  if (!sameDims(value.slice(1, -1), key.slice(1, -1))) {
    return issue('invalid', `${q(c.className)} needs value and key equal on every axis but the last, got value ${fmt(value)} and key ${fmt(key)}.`);
  }
  const [dq, dv, dk] = [last(query), last(value), last(key)];
  if (dq === null || dv === null || dk === null) return issue('invalid', `${q(c.className)} needs a known last dimension on query, value and key, got ${list(inputs)}.`);
  // Attention axes: default every axis between batch and features; negative ones count from the
  // query's end (Keras 3).
  const given = c.get('attention_axes');
  const axes = given === null || given === undefined ? Array.from({ length: query.length - 2 }, (_, i) => i + 1) : intList(given)?.map((a) => (a < 0 ? a + query.length : a));
  if (!axes) return undefined;
  if (axes.length === 0 || axes.some((a) => a < 1 || a > query.length - 2) || new Set(axes).size !== axes.length) {
    return issue('invalid', `${q(c.className)} attention_axes ${JSON.stringify(given)} must be axes between the batch and the feature axis of its query ${fmt(query)}.`);
  }
  // The other axes pair query positions with key positions one to one.
  const paired = query.map((_, i) => i).filter((i) => i > 0 && i < query.length - 1 && !axes.includes(i));
  if (paired.some((i) => query[i] !== null && key[i] !== null && query[i] !== key[i])) {
    return issue('invalid', `${q(c.className)} needs query and key equal on the axes outside attention_axes, got query ${fmt(query)} and key ${fmt(key)}.`);
  }
  const features = outputFeatures(c);
  if (features === undefined) return undefined;
  return { query, dims: { q: dq, k: dk, v: dv }, out: [...query.slice(0, -1), ...(features ?? [dq])] };
}

const multiHeadAttention: LayerRow = {
  output: (inputs, c) => {
    const m = multiHead(inputs, c);
    return m === undefined || 'kind' in m ? m : [m.out];
  },
  params: (inputs, c) => {
    const m = multiHead(inputs, c);
    const heads = int(c, 'num_heads');
    const keyDim = int(c, 'key_dim');
    if (!m || 'kind' in m || heads === undefined || keyDim === undefined) return undefined;
    const valueDim = int(c, 'value_dim') || keyDim;
    const out = (outputFeatures(c) ?? [m.dims.q]) as number[];
    const bias = c.get('use_bias') !== false;
    const { q: dq, k: dk, v: dv } = m.dims;
    // Keras's creation order: query, key, value, attention_output, each kernel then bias.
    const dense = (name: string, kernel: number[], b: number[]) => [w(`${name}/kernel`, kernel), bias && w(`${name}/bias`, b)] as const;
    return weights(
      ...dense('query', [dq, heads, keyDim], [heads, keyDim]),
      ...dense('key', [dk, heads, keyDim], [heads, keyDim]),
      ...dense('value', [dv, heads, valueDim], [heads, valueDim]),
      ...dense('attention_output', [heads, valueDim, ...out], out),
    );
  },
};

function denseAttention(inputs: readonly Shape[], c: Cfg): [Shape, Shape, Shape] | Issue {
  const r = qvk(inputs, c);
  if (!Array.isArray(r)) return r;
  const [query, value, key] = r;
  if (query.length < 3) return rankIssue(c.className, '3 or more', 'batch, steps, features', query);
  if (value.length !== query.length || key.length !== query.length) {
    return issue('invalid', `${q(c.className)} needs query, value and key of the same rank, got ${list(inputs)}.`);
  }
  if (last(query) === null) return issue('invalid', `${q(c.className)} needs a known last dimension on the query, got ${fmt(query)}.`);
  if (last(key) !== null && last(key) !== last(query)) {
    return issue('invalid', `${q(c.className)} needs query and key with the same last dimension, got query ${fmt(query)} and key ${fmt(key)}.`);
  }
  const steps = (s: Shape) => s.slice(1, -1);
  if (steps(key).some((d, i) => d !== null && steps(value)[i] !== null && d !== steps(value)[i])) {
    return issue('invalid', `${q(c.className)} needs key and value with the same steps, got key ${fmt(key)} and value ${fmt(value)}.`);
  }
  return r;
}

const denseAttentionRow = (build: (query: Shape, c: Cfg) => Weights): LayerRow => ({
  output: (inputs, c) => {
    const r = denseAttention(inputs, c);
    return Array.isArray(r) ? [[...r[0].slice(0, -1), last(r[1])]] : r;
  },
  params: (inputs, c) => {
    const r = denseAttention(inputs, c);
    return Array.isArray(r) ? build(r[0], c) : undefined;
  },
});

export const RUNTIME_NORMALIZATION_ATTENTION_ROWS: Readonly<Record<string, LayerRow>> = {
  Normalization: normalization,
  UnitNormalization: unitNormalization,
  GroupNormalization: groupNormalization,
  MultiHeadAttention: multiHeadAttention,
  Attention: denseAttentionRow((_, c) => weights(bool(c, 'use_scale') && w('scale', []), str(c, 'score_mode') === 'concat' && w('concat_score_weight', []))),
  AdditiveAttention: denseAttentionRow((query, c) => weights(c.get('use_scale') !== false && w('scale', [last(query)!]))),
};
