/**
 * kspec's runtime normalization and attention layers (src/runtime/normalization.ts, attention.ts)
 * against Keras's formulas written out below as plain float64 loops (independent of src/runtime),
 * with fixed weights set through `setWeights` in Keras's order; parameter counts against Keras's
 * formulas and the shape rows (src/infer/layers/runtime-normalization-attention.ts); toJSON →
 * modelFromJSON round trips; compile() / buildModel() of kspec specs.
 *
 * Until src/runtime/index.ts and src/infer/layers/index.ts list them, the classes and shape rows are
 * registered here.
 *
 * Error measure: |tfjs − formula| / max(1, |formula|). Bound: 1e-5 (float32 against float64).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { inferShapes } from '../src/infer/index.js';
import { counts, shapeRow } from '../src/infer/layers/index.js';
import { register } from '../src/infer/layers/row.js';
import { RUNTIME_NORMALIZATION_ATTENTION_ROWS } from '../src/infer/layers/runtime-normalization-attention.js';
import { cfg } from '../src/infer/config.js';
import { lookupLayer } from '../src/ir/catalogue/index.js';
import { registerAttentionLayers, KspecMultiHeadAttention, KspecAttention, KspecAdditiveAttention } from '../src/runtime/attention.js';
import { unsupportedCallArguments } from '../src/runtime/attention-calls.js';
import { registerNormalizationLayers, KspecNormalization, KspecUnitNormalization, KspecGroupNormalization } from '../src/runtime/normalization.js';

tf.setBackend('cpu');
registerNormalizationLayers();
registerAttentionLayers();
register(RUNTIME_NORMALIZATION_ATTENTION_ROWS);

const BOUND = 1e-5;
/** The largest error per family, printed at the end (the report quotes them). */
const worst = new Map<string, number>();
afterAll(() => {
  console.log([...worst].map(([k, v]) => `${k}: ${v.toExponential(2)}`).join('\n'));
});

function expectClose(family: string, got: ArrayLike<number>, want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  let e = 0;
  for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i]! - want[i]!) / Math.max(1, Math.abs(want[i]!)));
  worst.set(family, Math.max(worst.get(family) ?? 0, e));
  expect(e, family).toBeLessThanOrEqual(BOUND);
}

// ---- data ----

/** mulberry32: a fixed pseudo-random sequence, values rounded to float32 so both sides see the same numbers. */
function rng(seed: number): (lo?: number, hi?: number) => number {
  let a = seed >>> 0;
  return (lo = -1, hi = 1) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.fround(lo + (hi - lo) * u);
  };
}

/** A plain array with its shape, row-major. */
interface Arr {
  readonly shape: readonly number[];
  readonly v: number[];
}
const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const rand = (r: ReturnType<typeof rng>, shape: readonly number[], lo = -1, hi = 1): Arr => ({ shape, v: Array.from({ length: count(shape) }, () => r(lo, hi)) });
const tensor = (a: Arr) => tf.tensor(a.v, [...a.shape]);
/** Index of a multi-index in a row-major array of `shape`. */
const at = (shape: readonly number[], idx: readonly number[]) => idx.reduce((f, i, k) => f * shape[k]! + i, 0);
/** Every multi-index of `shape`, row-major. */
function* indices(shape: readonly number[]): Generator<number[]> {
  const n = count(shape);
  for (let f = 0; f < n; f++) {
    const idx: number[] = [];
    let rest = f;
    for (let k = shape.length - 1; k >= 0; k--) {
      idx.unshift(rest % shape[k]!);
      rest = Math.floor(rest / shape[k]!);
    }
    yield idx;
  }
}
const softmaxRow = (row: readonly number[]) => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/** Calls a layer eagerly on concrete inputs (building it), sets Keras-ordered weights, calls again. */
function run(layer: tf.layers.Layer, inputs: Arr[], weights: Arr[] = [], kwargs: Record<string, unknown> = {}): { out: Float32Array | Int32Array | Uint8Array; shape: number[] } {
  const xs = inputs.map(tensor);
  const arg = xs.length === 1 ? xs[0]! : xs;
  tf.dispose(layer.apply(arg, kwargs) as tf.Tensor);
  if (weights.length > 0) layer.setWeights(weights.map(tensor));
  const y = layer.apply(arg, kwargs) as tf.Tensor;
  const out = { out: y.dataSync(), shape: y.shape };
  tf.dispose([...xs, y]);
  return out;
}

/** Weight names (without the layer's name) and shapes, in the layer's order. */
const weightList = (layer: tf.layers.Layer) => layer.weights.map((w) => [w.originalName.slice(layer.name.length + 1), w.shape]);

/** The shape row's output and weights for inputs (batch included). */
function row(cls: string, config: Record<string, unknown>, inputs: (number | null)[][]) {
  const r = shapeRow(cls)!;
  const c = cfg(cls, config);
  const weights = r.params?.(inputs, c);
  return { output: r.output(inputs, c), params: weights && counts(weights) };
}

// ---- Keras formulas (float64 loops) ----

/** keras.layers.Normalization: (x − mean)/max(√var, 1e-7), or mean + x·max(√var, 1e-7) inverted. */
function kerasNormalization(x: Arr, kept: readonly number[], mean: (k: number[]) => number, variance: (k: number[]) => number, invert: boolean): number[] {
  return [...indices(x.shape)].map((idx) => {
    const k = kept.map((a) => idx[a]!);
    const std = Math.max(Math.sqrt(variance(k)), 1e-7);
    const v = x.v[at(x.shape, idx)]!;
    return invert ? mean(k) + v * std : (v - mean(k)) / std;
  });
}

/** keras.layers.UnitNormalization: x·rsqrt(max(Σ x², 1e-12)) over `axes`. */
function kerasUnitNormalization(x: Arr, axes: readonly number[]): number[] {
  const key = (idx: number[]) => idx.map((d, i) => (axes.includes(i) ? 0 : d)).join();
  const sums = new Map<string, number>();
  for (const idx of indices(x.shape)) sums.set(key(idx), (sums.get(key(idx)) ?? 0) + x.v[at(x.shape, idx)]! ** 2);
  return [...indices(x.shape)].map((idx) => x.v[at(x.shape, idx)]! / Math.sqrt(Math.max(sums.get(key(idx))!, 1e-12)));
}

/** keras.layers.GroupNormalization: per sample and group of channels, γ·(x − mean)/√(var + ε) + β. */
function kerasGroupNormalization(x: Arr, axis: number, groups: number, eps: number, gamma: number[] | null, beta: number[] | null): number[] {
  const c = x.shape[axis]!;
  const per = c / groups;
  const key = (idx: number[]) => `${idx[0]}:${Math.floor(idx[axis]! / per)}`;
  const stats = new Map<string, number[]>();
  for (const idx of indices(x.shape)) stats.set(key(idx), [...(stats.get(key(idx)) ?? []), x.v[at(x.shape, idx)]!]);
  const moments = new Map([...stats].map(([k, vs]) => {
    const m = vs.reduce((a, b) => a + b, 0) / vs.length;
    return [k, [m, vs.reduce((a, b) => a + (b - m) ** 2, 0) / vs.length] as const];
  }));
  return [...indices(x.shape)].map((idx) => {
    const [m, v] = moments.get(key(idx))!;
    const ch = idx[axis]!;
    return (gamma ? gamma[ch]! : 1) * (x.v[at(x.shape, idx)]! - m) / Math.sqrt(v + eps) + (beta ? beta[ch]! : 0);
  });
}

interface MhaWeights {
  wq: Arr; bq?: Arr; wk: Arr; bk?: Arr; wv: Arr; bv?: Arr; wo: Arr; bo?: Arr;
}

/**
 * keras.layers.MultiHeadAttention on rank-3 inputs (B, T, d): the Keras einsums written as loops.
 * Q[b,t,n,h] = Σc q[b,t,c]·Wq[c,n,h] + bq[n,h] (K, V likewise); Q /= √key_dim;
 * s[b,n,t,s] = Σh Q·K, softmax over s (masked where s > t when causal); O[b,t,n,v] = Σs p·V;
 * out[b,t,e] = Σ(n,v) O[b,t,n,v]·Wo[n,v,e] + bo[e] (e over the flattened output_shape).
 */
function kerasMha(q: Arr, v: Arr, k: Arr, w: MhaWeights, heads: number, keyDim: number, valueDim: number, causal = false): { v: number[]; e: number } {
  const [B, T, dq] = q.shape as [number, number, number];
  const [, S, dv] = v.shape as [number, number, number];
  const dk = k.shape[2]!;
  const E = count(w.wo.shape.slice(2));
  const proj = (x: Arr, d: number, W: Arr, b: Arr | undefined, n: number, h: number, steps: number) => {
    const out: number[][][][] = [];
    for (let bi = 0; bi < B; bi++) {
      out.push([]);
      for (let t = 0; t < steps; t++) {
        out[bi]!.push([]);
        for (let ni = 0; ni < n; ni++) {
          out[bi]![t]!.push([]);
          for (let hi = 0; hi < h; hi++) {
            let s = b ? b.v[ni * h + hi]! : 0;
            for (let c = 0; c < d; c++) s += x.v[(bi * steps + t) * d + c]! * W.v[(c * n + ni) * h + hi]!;
            out[bi]![t]![ni]!.push(s);
          }
        }
      }
    }
    return out;
  };
  const Q = proj(q, dq, w.wq, w.bq, heads, keyDim, T);
  const K = proj(k, dk, w.wk, w.bk, heads, keyDim, S);
  const V = proj(v, dv, w.wv, w.bv, heads, valueDim, S);
  const scale = 1 / Math.sqrt(keyDim);
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    const O: number[][][] = []; // [t][n][v]
    for (let t = 0; t < T; t++) O.push(Array.from({ length: heads }, () => new Array<number>(valueDim).fill(0)));
    for (let n = 0; n < heads; n++) {
      for (let t = 0; t < T; t++) {
        const scores = Array.from({ length: S }, (_, s) => {
          let d = 0;
          for (let h = 0; h < keyDim; h++) d += Q[b]![t]![n]![h]! * scale * K[b]![s]![n]![h]!;
          return causal && s > t ? d - 1e9 : d;
        });
        const p = softmaxRow(scores);
        for (let vv = 0; vv < valueDim; vv++) for (let s = 0; s < S; s++) O[t]![n]![vv]! += p[s]! * V[b]![s]![n]![vv]!;
      }
    }
    for (let t = 0; t < T; t++) {
      for (let e = 0; e < E; e++) {
        let s = w.bo ? w.bo.v[e]! : 0;
        for (let n = 0; n < heads; n++) for (let vv = 0; vv < valueDim; vv++) s += O[t]![n]![vv]! * w.wo.v[(n * valueDim + vv) * E + e]!;
        out.push(s);
      }
    }
  }
  return { v: out, e: E };
}

/** MHA weights in Keras's order: query, key, value, attention_output, each kernel then bias. */
function mhaWeights(r: ReturnType<typeof rng>, dq: number, dk: number, dv: number, heads: number, keyDim: number, valueDim: number, out: number[], bias = true): { w: MhaWeights; list: Arr[] } {
  const w: MhaWeights = {
    wq: rand(r, [dq, heads, keyDim]), wk: rand(r, [dk, heads, keyDim]), wv: rand(r, [dv, heads, valueDim]), wo: rand(r, [heads, valueDim, ...out]),
    ...(bias && { bq: rand(r, [heads, keyDim]), bk: rand(r, [heads, keyDim]), bv: rand(r, [heads, valueDim]), bo: rand(r, out) }),
  };
  const list = bias ? [w.wq, w.bq!, w.wk, w.bk!, w.wv, w.bv!, w.wo, w.bo!] : [w.wq, w.wk, w.wv, w.wo];
  return { w, list };
}

/** keras.layers.Attention / AdditiveAttention: scores, causal mask, softmax over the value steps, · v. */
function kerasDenseAttention(q: Arr, v: Arr, k: Arr, score: (qv: number[], kv: number[]) => number, causal = false): number[] {
  const [B, T, d] = q.shape as [number, number, number];
  const [, S, dv] = v.shape as [number, number, number];
  const out: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const qv = q.v.slice((b * T + t) * d, (b * T + t + 1) * d);
      const p = softmaxRow(Array.from({ length: S }, (_, s) => score(qv, k.v.slice((b * S + s) * d, (b * S + s + 1) * d)) - (causal && s > t ? 1e9 : 0)));
      for (let e = 0; e < dv; e++) out.push(p.reduce((a, pi, s) => a + pi * v.v[(b * S + s) * dv + e]!, 0));
    }
  }
  return out;
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

// ---------------------------------------------------------------------------------------------

describe('Normalization = (x − mean) / max(√variance, 1e-7)', () => {
  const r = rng(1);
  const cases: readonly [string, Record<string, unknown>, number[], number[], (k: number[]) => number, (k: number[]) => number][] = [
    // title, config, input shape (batch included), kept axes, mean, variance (by kept index)
    ['per-feature lists, one variance 0 (the 1e-7 floor)', { mean: [1, 2, 3], variance: [4, 0, 0.25] }, [5, 3], [1], ([i]) => [1, 2, 3][i!]!, ([i]) => [4, 0, 0.25][i!]!],
    ['invert, per-feature lists', { mean: [1, -2, 3], variance: [4, 9, 0.25], invert: true }, [5, 3], [1], ([i]) => [1, -2, 3][i!]!, ([i]) => [4, 9, 0.25][i!]!],
    ['axis null: one scalar', { axis: null, mean: 0.5, variance: 2 }, [3, 2, 3], [], () => 0.5, () => 2],
    ['scalar mean broadcast to the features', { mean: 0.5, variance: 2 }, [3, 4], [1], () => 0.5, () => 2],
    ['axis 1 of a rank-3 input', { axis: 1, mean: [1, 2, 3, 4], variance: [1, 2, 3, 4] }, [2, 4, 3], [1], ([i]) => i! + 1, ([i]) => i! + 1],
    ['axis [1, 2]: a nested list', { axis: [1, 2], mean: [[1, 2, 3], [4, 5, 6]], variance: [[1, 1, 1], [2, 2, 2]] }, [2, 2, 3], [1, 2], ([i, j]) => i! * 3 + j! + 1, ([i]) => i! + 1],
    ['axis [-2, -1]: a list broadcast from the right', { axis: [-2, -1], mean: [1, 2, 3], variance: [4, 5, 6] }, [2, 2, 3], [1, 2], ([, j]) => j! + 1, ([, j]) => j! + 4],
  ];
  it.each(cases)('%s', (_, config, shape, kept, mean, variance) => {
    const layer = new KspecNormalization(config);
    const x = rand(r, shape, -3, 3);
    const { out } = run(layer, [x]);
    expectClose('Normalization', out, kerasNormalization(x, kept, mean, variance, config.invert === true));
    expect(layer.weights).toEqual([]);
    expect(row('Normalization', config, [[null, ...shape.slice(1)]])).toEqual({ output: [[null, ...shape.slice(1)]], params: { trainable: 0, nonTrainable: 0 } });
  });

  it('adapted (mean: null): Keras weights mean, variance, count (non-trainable), set in that order', () => {
    const layer = new KspecNormalization({ axis: -1 });
    const x = rand(r, [4, 3], -3, 3);
    const mean = rand(r, [3]);
    const variance = rand(r, [3], 0.1, 4);
    const { out } = run(layer, [x], []);
    expect(out.length).toBe(12);
    expect(weightList(layer)).toEqual([['mean', [3]], ['variance', [3]], ['count', []]]);
    expect(layer.weights.map((w) => [w.trainable, w.dtype])).toEqual([[false, 'float32'], [false, 'float32'], [false, 'int32']]);
    layer.setWeights([tensor(mean), tensor(variance), tf.scalar(10, 'int32')]);
    const y = layer.apply(tensor(x)) as tf.Tensor;
    expectClose('Normalization', y.dataSync(), kerasNormalization(x, [1], ([i]) => mean.v[i!]!, ([i]) => variance.v[i!]!, false));
    expect(layer.countParams()).toBe(7);
    expect(row('Normalization', { axis: -1 }, [[null, 3]]).params).toEqual({ trainable: 0, nonTrainable: 7 });
    expect(row('Normalization', { axis: [1, 2] }, [[null, 2, 5, 3]]).params).toEqual({ trainable: 0, nonTrainable: 21 });
    expect(row('Normalization', { axis: null }, [[null, 2, 5]]).params).toEqual({ trainable: 0, nonTrainable: 3 });
  });

  it('shapes that cannot work are refused, by the runtime and the shape row alike', () => {
    expect(() => run(new KspecNormalization({ mean: [1, 2], variance: [1, 2] }), [rand(r, [2, 3])])).toThrow(/does not broadcast/);
    expect(row('Normalization', { mean: [1, 2], variance: [1, 2] }, [[null, 3]]).output).toMatchObject({ kind: 'invalid' });
    expect(() => new KspecNormalization({ mean: [1, 2] })).toThrow(/together/);
    expect(row('Normalization', { axis: 1 }, [[null, null, 3]]).output).toMatchObject({ kind: 'invalid' });
  });
});

describe('UnitNormalization = x · rsqrt(max(Σx², 1e-12))', () => {
  const r = rng(2);
  it.each([
    ['axis -1', { axis: -1 }, [-1]],
    ['axis [1, 2]', { axis: [1, 2] }, [1, 2]],
    ['axis 1', { axis: 1 }, [1]],
  ] as const)('%s', (_, config, axes) => {
    const x = rand(r, [3, 2, 4], -2, 2);
    // A zero row and a tiny one (norm below 1e-6, where the 1e-12 floor decides).
    for (let i = 0; i < 4; i++) x.v[i] = 0;
    for (let i = 4; i < 8; i++) x.v[i] = Math.fround(1e-8 * (i - 3));
    const { out } = run(new KspecUnitNormalization(config), [x]);
    expectClose('UnitNormalization', out, kerasUnitNormalization(x, axes.map((a) => (a < 0 ? a + 3 : a))));
    expect(row('UnitNormalization', config, [[null, 2, 4]])).toEqual({ output: [[null, 2, 4]], params: undefined });
  });
});

describe('GroupNormalization = γ·(x − mean)/√(var + ε) + β per sample and group', () => {
  const r = rng(3);
  it.each([
    ['3 groups of 2 channels', { groups: 3 }, [2, 5, 6], -1, 3],
    ['groups -1 (instance normalization), epsilon 0.1', { groups: -1, epsilon: 0.1 }, [2, 3, 4], -1, 4],
    ['channels first (axis 1), 2 groups', { groups: 2, axis: 1 }, [2, 4, 5], 1, 2],
    ['1 group on a rank-4 input', { groups: 1 }, [2, 3, 2, 4], -1, 1],
    ['no scale', { groups: 2, scale: false }, [2, 3, 4], -1, 2],
    ['no center, no scale', { groups: 2, center: false, scale: false }, [2, 3, 4], -1, 2],
  ] as const)('%s', (_, config, shape, axis, groups) => {
    const layer = new KspecGroupNormalization(config);
    const a = axis < 0 ? axis + shape.length : axis;
    const c = shape[a]!;
    const x = rand(r, shape, -3, 3);
    const gamma = 'scale' in config && config.scale === false ? null : rand(r, [c], 0.5, 2);
    const beta = 'center' in config && config.center === false ? null : rand(r, [c]);
    const { out } = run(layer, [x], [...(gamma ? [gamma] : []), ...(beta ? [beta] : [])]);
    expect(weightList(layer)).toEqual([...(gamma ? [['gamma', [c]]] : []), ...(beta ? [['beta', [c]]] : [])]);
    const eps = 'epsilon' in config ? config.epsilon : 1e-3;
    expectClose('GroupNormalization', out, kerasGroupNormalization(x, a, groups, eps, gamma?.v ?? null, beta?.v ?? null));
    expect(row('GroupNormalization', config, [[null, ...shape.slice(1)]])).toEqual({ output: [[null, ...shape.slice(1)]], params: { trainable: layer.countParams(), nonTrainable: 0 } });
    expect(layer.countParams()).toBe(((gamma ? 1 : 0) + (beta ? 1 : 0)) * c);
  });

  it('channels that do not split into the groups are refused', () => {
    expect(() => run(new KspecGroupNormalization({ groups: 4 }), [rand(r, [2, 6])])).toThrow(/multiple/);
    expect(row('GroupNormalization', { groups: 4 }, [[null, 6]]).output).toMatchObject({ kind: 'invalid' });
    expect(row('GroupNormalization', { groups: 8 }, [[null, 6]]).output).toMatchObject({ kind: 'invalid' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('MultiHeadAttention = Keras einsums, weights (dim, heads, key_dim) … in Keras order', () => {
  const r = rng(4);

  it.each([
    // title, config, query, value, key (null: none), output features
    ['self-attention, 2 heads, key_dim 3', { num_heads: 2, key_dim: 3 }, [2, 4, 8], [2, 4, 8], null, [8]],
    ['cross-attention, key_dim 3 ≠ value_dim 2', { num_heads: 2, key_dim: 3, value_dim: 2 }, [2, 4, 8], [2, 6, 5], null, [8]],
    ['separate key, 3 heads', { num_heads: 3, key_dim: 2, value_dim: 4 }, [2, 4, 6], [2, 5, 3], [2, 5, 7], [6]],
    ['output_shape 5', { num_heads: 2, key_dim: 3, output_shape: 5 }, [2, 4, 8], [2, 6, 8], null, [5]],
    ['output_shape [2, 3]', { num_heads: 2, key_dim: 3, output_shape: [2, 3] }, [1, 3, 4], [1, 5, 4], null, [2, 3]],
    ['no bias, 1 head', { num_heads: 1, key_dim: 4, use_bias: false }, [2, 3, 4], [2, 3, 4], null, [4]],
  ] as const)('%s', (_, config, qs, vs, ks, outF) => {
    const layer = new KspecMultiHeadAttention(config);
    const heads = config.num_heads;
    const keyDim = config.key_dim;
    const valueDim = ('value_dim' in config ? config.value_dim : undefined) ?? keyDim;
    const bias = !('use_bias' in config) || config.use_bias !== false;
    const q = rand(r, qs, -2, 2);
    const v = rand(r, vs, -2, 2);
    const k = ks ? rand(r, ks, -2, 2) : v;
    const { w, list } = mhaWeights(r, qs[2], k.shape[2]!, vs[2], heads, keyDim, valueDim, [...outF], bias);
    const { out, shape } = run(layer, ks ? [q, v, k] : [q, v], list);
    expect(shape).toEqual([qs[0], qs[1], ...outF]);
    expectClose('MultiHeadAttention', out, kerasMha(q, v, k, w, heads, keyDim, valueDim).v);

    const names = ['query', 'key', 'value', 'attention_output'].flatMap((p) => (bias ? [`${p}/kernel`, `${p}/bias`] : [`${p}/kernel`]));
    expect(weightList(layer)).toEqual(list.map((a, i) => [names[i], [...a.shape]]));
    // Keras: query (dq·N·K + N·K), key (dk·N·K + N·K), value (dv·N·V + N·V), output (N·V·O + O).
    const O = count(outF);
    const [dq, dk, dv] = [qs[2], k.shape[2]!, vs[2]];
    const keras = (dq + dk) * heads * keyDim + dv * heads * valueDim + heads * valueDim * O + (bias ? 2 * heads * keyDim + heads * valueDim + O : 0);
    expect(layer.countParams()).toBe(keras);
    const shapes = [[null, ...qs.slice(1)], [null, ...vs.slice(1)], ...(ks ? [[null, ...ks.slice(1)]] : [])];
    expect(row('MultiHeadAttention', config, shapes)).toEqual({ output: [[null, qs[1], ...outF]], params: { trainable: keras, nonTrainable: 0 } });
  });

  it('use_causal_mask from the call kwargs masks s > t', () => {
    const layer = new KspecMultiHeadAttention({ numHeads: 2, keyDim: 3 });
    const q = rand(r, [2, 5, 4]);
    const { w, list } = mhaWeights(r, 4, 4, 4, 2, 3, 3, [4]);
    const { out } = run(layer, [q, q], list, { useCausalMask: true });
    expectClose('MultiHeadAttention', out, kerasMha(q, q, q, w, 2, 3, 3, true).v);
    const plain = run(layer, [q, q], list);
    expectClose('MultiHeadAttention', plain.out, kerasMha(q, q, q, w, 2, 3, 3).v);
  });

  it('rank-4 query: default attention over axes (1, 2) jointly; attention_axes [2] attends within each row', () => {
    const q = rand(r, [2, 2, 3, 4]);
    const v = rand(r, [2, 2, 3, 4]);
    const { w, list } = mhaWeights(r, 4, 4, 4, 2, 3, 3, [4]);
    const joint = run(new KspecMultiHeadAttention({ numHeads: 2, keyDim: 3 }), [q, v], list);
    expect(joint.shape).toEqual([2, 2, 3, 4]);
    // Axes 1 and 2 flattened into 6 positions: the rank-3 formula.
    const flat = (a: Arr): Arr => ({ shape: [2, 6, 4], v: a.v });
    expectClose('MultiHeadAttention', joint.out, kerasMha(flat(q), flat(v), flat(v), w, 2, 3, 3).v);
    const rows = run(new KspecMultiHeadAttention({ numHeads: 2, keyDim: 3, attentionAxes: [2] }), [q, v], list);
    // Each (batch, row) pair is a batch of its own: the rank-3 formula on [4, 3, 4].
    const rowsOf = (a: Arr): Arr => ({ shape: [4, 3, 4], v: a.v });
    expectClose('MultiHeadAttention', rows.out, kerasMha(rowsOf(q), rowsOf(v), rowsOf(v), w, 2, 3, 3).v);
    expect(row('MultiHeadAttention', { num_heads: 2, key_dim: 3, attention_axes: [2] }, [[null, 2, 3, 4], [null, 2, 5, 4]]).output).toEqual([[null, 2, 3, 4]]);
    expect(row('MultiHeadAttention', { num_heads: 2, key_dim: 3, attention_axes: [2] }, [[null, 2, 3, 4], [null, 3, 5, 4]]).output).toMatchObject({ kind: 'invalid' });
  });

  it('key and value of different steps are refused; one input is Keras-invalid for the shape row, self-attention for the runtime', () => {
    expect(row('MultiHeadAttention', { num_heads: 2, key_dim: 3 }, [[null, 4, 8]]).output).toMatchObject({ kind: 'invalid', message: '"MultiHeadAttention" takes [query, value] or [query, value, key], got 1 input tensor.' });
    const x = rand(r, [1, 4, 8]);
    const { list } = mhaWeights(r, 8, 8, 8, 2, 3, 3, [8]);
    const layer = new KspecMultiHeadAttention({ numHeads: 2, keyDim: 3 });
    expect(run(layer, [x], list).out).toEqual(run(layer, [x, x], list).out);
    expect(row('MultiHeadAttention', { num_heads: 2, key_dim: 3 }, [[null, 4, 8], [null, 6, 8], [null, 5, 8]]).output).toMatchObject({ kind: 'invalid' });
    expect(() => new KspecMultiHeadAttention({ numHeads: 2, keyDim: 3 }).apply([tf.zeros([1, 4, 8]), tf.zeros([1, 6, 8]), tf.zeros([1, 5, 8])])).toThrow(/value and key/);
  });
});

describe('Attention and AdditiveAttention = Keras scores, softmax over the value steps, · value', () => {
  const r = rng(5);
  const q = rand(r, [2, 3, 4]);
  const k = rand(r, [2, 5, 4]);
  const v = rand(r, [2, 5, 6]);

  it.each([
    ['dot', {}, [], (a: number[], b: number[]) => dot(a, b)],
    ['dot, use_scale (scale 0.7)', { use_scale: true }, [0.7], (a: number[], b: number[]) => 0.7 * dot(a, b)],
    ['concat (concat_score_weight 1.3)', { score_mode: 'concat' }, [1.3], (a: number[], b: number[]) => 1.3 * a.reduce((s, x, i) => s + Math.tanh(x + b[i]!), 0)],
    ['concat, use_scale (scale 0.6, concat_score_weight 1.3)', { score_mode: 'concat', use_scale: true }, [0.6, 1.3], (a: number[], b: number[]) => 1.3 * a.reduce((s, x, i) => s + Math.tanh(0.6 * (x + b[i]!)), 0)],
  ] as const)('Attention %s', (_, config, scalars, score) => {
    const layer = new KspecAttention(config);
    const weights = scalars.map((s) => ({ shape: [], v: [Math.fround(s)] }));
    const { out, shape } = run(layer, [q, v, k], weights);
    expect(shape).toEqual([2, 3, 6]);
    expectClose('Attention', out, kerasDenseAttention(q, v, k, (a, b) => score(a, b)));
    const names = [...('use_scale' in config ? ['scale'] : []), ...('score_mode' in config ? ['concat_score_weight'] : [])];
    expect(weightList(layer)).toEqual(names.map((n) => [n, []]));
    expect(row('Attention', config, [[null, 3, 4], [null, 5, 6], [null, 5, 4]])).toEqual({ output: [[null, 3, 6]], params: { trainable: names.length, nonTrainable: 0 } });
  });

  it('Attention causal: Keras 2 `causal: true` config and the use_causal_mask call argument', () => {
    const qq = rand(r, [2, 4, 3]);
    const want = kerasDenseAttention(qq, qq, qq, dot, true);
    expectClose('Attention', run(new KspecAttention({ causal: true }), [qq, qq]).out, want);
    expectClose('Attention', run(new KspecAttention({}), [qq, qq], [], { use_causal_mask: true }).out, want);
  });

  it.each([
    ['use_scale (default): scale of the query dimension', {}, true],
    ['use_scale false', { use_scale: false }, false],
  ] as const)('AdditiveAttention %s', (_, config, scaled) => {
    const layer = new KspecAdditiveAttention(config);
    const scale = rand(r, [4]);
    const { out, shape } = run(layer, [q, v, k], scaled ? [scale] : []);
    expect(shape).toEqual([2, 3, 6]);
    const s = scaled ? scale.v : [1, 1, 1, 1];
    expectClose('AdditiveAttention', out, kerasDenseAttention(q, v, k, (a, b) => a.reduce((acc, x, i) => acc + s[i]! * Math.tanh(x + b[i]!), 0)));
    expect(weightList(layer)).toEqual(scaled ? [['scale', [4]]] : []);
    expect(row('AdditiveAttention', config, [[null, 3, 4], [null, 5, 6], [null, 5, 4]])).toEqual({ output: [[null, 3, 6]], params: { trainable: scaled ? 4 : 0, nonTrainable: 0 } });
  });

  it('AdditiveAttention with value as key, causal', () => {
    const qq = rand(r, [1, 4, 3]);
    const scale = rand(r, [3]);
    const { out } = run(new KspecAdditiveAttention({}), [qq, qq], [scale], { useCausalMask: true });
    expectClose('AdditiveAttention', out, kerasDenseAttention(qq, qq, qq, (a, b) => a.reduce((acc, x, i) => acc + scale.v[i]! * Math.tanh(x + b[i]!), 0), true));
  });
});

// ---------------------------------------------------------------------------------------------

describe('unsupported call arguments are reported', () => {
  it('by unsupportedCallArguments (tfjs-free), one sentence each', () => {
    expect(unsupportedCallArguments('MultiHeadAttention', { value: ['x', 0, 0] }, 1)).toEqual([
      "MultiHeadAttention's value is passed as a keyword argument; kspec's runtime layer takes [query, value] or [query, value, key] as the call's input tensors.",
    ]);
    expect(unsupportedCallArguments('Attention', { mask: [['m', 0, 0], null], return_attention_scores: true }, 2)).toEqual([
      "Attention's call argument mask (a mask tensor) is not supported by kspec's runtime layer.",
      "Attention's return_attention_scores=True is not supported by kspec's runtime layer (it returns the attention output only).",
    ]);
    expect(unsupportedCallArguments('MultiHeadAttention', { attentionMask: ['m', 0, 0] }, 2)).toHaveLength(1);
    expect(unsupportedCallArguments('MultiHeadAttention', { use_causal_mask: true, training: false, return_attention_scores: false }, 2)).toEqual([]);
  });

  it('by the runtime layers when a model.json node asks for them', async () => {
    const json = functional({ q: [4, 8] }, { class_name: 'KspecMultiHeadAttention', config: { num_heads: 2, key_dim: 3 } }, [['q', 0, 0, { value: ['q', 0, 0] }]]);
    await expect(tf.models.modelFromJSON(json)).rejects.toThrow(/value is passed as a keyword argument/);
    const scores = functional({ q: [4, 8], v: [6, 8] }, { class_name: 'KspecAttention', config: {} }, [['q', 0, 0, { return_attention_scores: true }], ['v', 0, 0, { return_attention_scores: true }]]);
    await expect(tf.models.modelFromJSON(scores)).rejects.toThrow(/return_attention_scores/);
  });

  it('a shared layer whose calls disagree on use_causal_mask is refused', async () => {
    const json = functional({ a: [4, 8], b: [4, 8] }, { class_name: 'KspecMultiHeadAttention', config: { num_heads: 2, key_dim: 3 } }, [['a', 0, 0, {}], ['a', 0, 0, {}]], [[['b', 0, 0, { use_causal_mask: true }], ['b', 0, 0, { use_causal_mask: true }]]]);
    await expect(tf.models.modelFromJSON(json)).rejects.toThrow(/disagree on use_causal_mask/);
  });
});

/** A Keras-2-style functional model: named inputs (batch left out) feeding one layer `l` (one node per call). */
function functional(inputs: Record<string, readonly number[]>, layer: { class_name: string; config: Record<string, unknown> }, node: unknown[][], more: unknown[][][] = []): never {
  return {
    modelTopology: {
      class_name: 'Model',
      config: {
        name: 'm',
        layers: [
          ...Object.entries(inputs).map(([name, s]) => ({ class_name: 'InputLayer', name, inbound_nodes: [], config: { name, batch_input_shape: [null, ...s], dtype: 'float32' } })),
          { ...layer, name: 'l', config: { name: 'l', ...layer.config }, inbound_nodes: [node, ...more] },
        ],
        input_layers: Object.keys(inputs).map((n) => [n, 0, 0]),
        output_layers: [['l', 0, 0], ...more.map((_, i) => ['l', i + 1, 0])],
      },
    },
  } as never;
}

describe('model.json: node kwargs, toJSON → modelFromJSON round trip', () => {
  const r = rng(6);

  it.each([
    ['KspecMultiHeadAttention', { num_heads: 2, key_dim: 3 }],
    ['KspecAttention', {}],
    ['KspecAdditiveAttention', {}],
  ] as const)('%s self-attention on an intermediate tensor other layers also read: predicts (tfjs disposes a tensor listed twice in one call)', async (cls, config) => {
    const json = {
      modelTopology: {
        class_name: 'Model',
        config: {
          name: 'm',
          layers: [
            { class_name: 'InputLayer', name: 'x', inbound_nodes: [], config: { name: 'x', batch_input_shape: [null, 4, 8], dtype: 'float32' } },
            { class_name: 'Dense', name: 'd', inbound_nodes: [[['x', 0, 0, {}]]], config: { name: 'd', units: 8 } },
            { class_name: cls, name: 'l', inbound_nodes: [[['d', 0, 0, {}], ['d', 0, 0, {}]]], config: { name: 'l', ...config } },
            { class_name: 'Add', name: 'a', inbound_nodes: [[['d', 0, 0, {}], ['l', 0, 0, {}]]], config: { name: 'a' } },
          ],
          input_layers: [['x', 0, 0]],
          output_layers: [['a', 0, 0]],
        },
      },
    } as never;
    const model = await tf.models.modelFromJSON(json);
    const x = tensor(rand(r, [2, 4, 8]));
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 4, 8]);
    const again = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) } as never);
    again.setWeights(model.getWeights());
    const y2 = again.predict(x) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y.dataSync()));
    tf.dispose([x, y, y2]);
  });

  it('use_causal_mask in a node reaches predict (tfjs predict drops node kwargs; the layer keeps them)', async () => {
    const model = await tf.models.modelFromJSON(functional({ q: [5, 4] }, { class_name: 'KspecMultiHeadAttention', config: { num_heads: 2, key_dim: 3 } }, [['q', 0, 0, { use_causal_mask: true }], ['q', 0, 0, { use_causal_mask: true }]]));
    const { w, list } = mhaWeights(r, 4, 4, 4, 2, 3, 3, [4]);
    model.setWeights(list.map(tensor));
    const q = rand(r, [2, 5, 4]);
    const y = model.predict(tensor(q)) as tf.Tensor;
    expectClose('MultiHeadAttention', y.dataSync(), kerasMha(q, q, q, w, 2, 3, 3, true).v);
    tf.dispose(y);
  });

  it.each([
    ['KspecMultiHeadAttention', { num_heads: 2, key_dim: 3, value_dim: 2, output_shape: [2, 2], attention_axes: [1], use_bias: false, kernel_initializer: { class_name: 'HeNormal', config: { seed: 3 } } }, { q: [4, 6], v: [5, 3] }],
    ['KspecAttention', { use_scale: true, score_mode: 'concat', causal: true }, { q: [4, 6], v: [5, 6] }],
    ['KspecAdditiveAttention', { use_scale: true }, { q: [4, 6], v: [5, 6] }],
    ['KspecNormalization', { axis: [1], mean: [1, 2, 3, 4], variance: [1, 2, 3, 4], invert: true }, { q: [4, 6] }],
    ['KspecNormalization', { axis: null }, { q: [4, 6] }],
    ['KspecUnitNormalization', { axis: [1, 2] }, { q: [4, 6] }],
    ['KspecGroupNormalization', { groups: 3, epsilon: 0.01, gamma_initializer: 'he_uniform' }, { q: [4, 6] }],
  ] as const)('%s %j', async (cls, config, inputs) => {
    const node = Object.keys(inputs).map((n) => [n, 0, 0, {}]);
    const model = await tf.models.modelFromJSON(functional(inputs, { class_name: cls, config }, node));
    const weights = model.getWeights().map((t) => (t.dtype === 'int32' ? tf.scalar(7, 'int32') : tf.add(t, tf.randomUniform(t.shape, -0.5, 0.5, 'float32', 9))));
    model.setWeights(weights);
    const xs = Object.values(inputs).map((s) => tensor(rand(r, [2, ...s])));
    const y = model.predict(xs.length === 1 ? xs[0]! : xs) as tf.Tensor;
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const entry = json.config.layers.find((l) => l.class_name === cls)!;
    // Keras names come back snake_case, with every value the layer was given (initializers as tfjs objects).
    for (const [k, v] of Object.entries(config)) if (!k.endsWith('_initializer')) expect(entry.config[k], k).toEqual(v);
    for (const k of Object.keys(config).filter((n) => n.endsWith('_initializer'))) expect(entry.config[k]).toHaveProperty('class_name');
    const again = await tf.models.modelFromJSON({ modelTopology: json } as never);
    expect(again.getWeights().map((t) => [t.shape, t.dtype])).toEqual(weights.map((t) => [t.shape, t.dtype]));
    again.setWeights(weights);
    const y2 = again.predict(xs.length === 1 ? xs[0]! : xs) as tf.Tensor;
    expect(Array.from(y2.dataSync())).toEqual(Array.from(y.dataSync()));
    tf.dispose([...weights, ...xs, y, y2]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('compile() and buildModel() of kspec specs', () => {
  const r = rng(7);
  beforeAll(() => {
    registerNormalizationLayers();
    registerAttentionLayers();
  });

  type Layers = { class_name: string; config: Record<string, unknown> }[];
  const layersOf = (text: string): Layers => (compile(text, { fileName: 'm.yaml' }).modelJSON!.modelTopology.config as { layers: Layers }).layers;

  it('MultiHeadAttention([q, v]): the runtime class in model.json, shapes and weights as tfjs builds them, Keras\'s numbers', async () => {
    const text = 'inputs: {q: [4, 8], v: [6, 8]}\nlayers:\n  - MultiHeadAttention(num_heads=2, key_dim=3)([q, v])\n';
    const result = compile(text, { fileName: 'm.yaml' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(layersOf(text).map((l) => l.class_name)).toEqual(['InputLayer', 'InputLayer', 'KspecMultiHeadAttention']);
    const shapes = inferShapes(result.graph!);
    expect(shapes.problems).toEqual([]);
    const mine = shapes.layers.get('multi_head_attention')!;
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const layer = model.getLayer('multi_head_attention');
    expect(mine.outputs[0]).toEqual([layer.outputShape]);
    expect(mine.trainableParams).toBe(model.countParams());
    expect(model.countParams()).toBe(2 * (8 * 2 * 3 + 2 * 3) + (8 * 2 * 3 + 2 * 3) + (2 * 3 * 8 + 8));
    const { w, list } = mhaWeights(r, 8, 8, 8, 2, 3, 3, [8]);
    model.setWeights(list.map(tensor));
    const q = rand(r, [2, 4, 8]);
    const v = rand(r, [2, 6, 8]);
    const y = model.predict([tensor(q), tensor(v)]) as tf.Tensor;
    expect(y.shape).toEqual([2, 4, 8]);
    expectClose('MultiHeadAttention', y.dataSync(), kerasMha(q, v, v, w, 2, 3, 3).v);
    tf.dispose(y);
  });

  it.each([
    ['Normalization', 'input_shape: [3]\nlayers:\n  - Normalization(mean=[1, 2, 3], variance=[1, 4, 9])\n', 'KspecNormalization', 0],
    ['adapted Normalization', 'input_shape: [2, 3]\nlayers:\n  - Normalization(axis=[1, 2])\n', 'KspecNormalization', 13],
    ['UnitNormalization', 'input_shape: [2, 3]\nlayers:\n  - UnitNormalization(axis=[1, 2])\n', 'KspecUnitNormalization', 0],
    ['GroupNormalization', 'input_shape: [5, 6]\nlayers:\n  - GroupNormalization(groups=3)\n', 'KspecGroupNormalization', 12],
    ['Attention', 'inputs: {q: [4, 6], v: [5, 6]}\nlayers:\n  - Attention(use_scale=True, score_mode="concat")([q, v])\n', 'KspecAttention', 2],
    ['AdditiveAttention', 'inputs: {q: [4, 6], v: [5, 3], k: [5, 6]}\nlayers:\n  - AdditiveAttention()([q, v, k])\n', 'KspecAdditiveAttention', 6],
  ] as const)('%s', async (_, text, cls, params) => {
    const result = compile(text, { fileName: 'm.yaml' });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(layersOf(text).map((l) => l.class_name)).toContain(cls);
    const shapes = inferShapes(result.graph!);
    expect(shapes.problems).toEqual([]);
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const last = model.layers[model.layers.length - 1]!;
    const name = result.graph!.layers[result.graph!.layers.length - 1]!.name;
    const mine = shapes.layers.get(name)!;
    expect(mine.outputs[0]).toEqual([last.outputShape]);
    expect(mine.trainableParams + mine.nonTrainableParams).toBe(model.countParams());
    expect(model.countParams()).toBe(params);
    const feeds = model.inputs.map((i) => tf.ones([1, ...i.shape.slice(1).map((d) => d ?? 1)]));
    const y = model.predict(feeds.length === 1 ? feeds[0]! : feeds) as tf.Tensor;
    expect(Array.from(y.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([...feeds, y]);
  });

  it('Keras 3 JSON: MultiHeadAttention(q, q, use_causal_mask=True) compiles and computes Keras\'s causal self-attention', async () => {
    const kt = (n: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 5, 4], dtype: 'float32', keras_history: [n, 0, 0] } });
    const init = (c: string) => ({ module: 'keras.initializers', class_name: c, config: c === 'Zeros' ? {} : { seed: null }, registered_name: null });
    const policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
    const text = JSON.stringify({
      module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional',
      config: {
        name: 'f', trainable: true,
        layers: [
          { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 5, 4], dtype: 'float32', sparse: false, name: 'q' }, registered_name: null, name: 'q', inbound_nodes: [] },
          {
            module: 'keras.layers', class_name: 'MultiHeadAttention', registered_name: null, name: 'mha',
            config: {
              name: 'mha', trainable: true, dtype: policy, num_heads: 2, key_dim: 3, value_dim: 3, dropout: 0.0, use_bias: true, output_shape: null, attention_axes: [1],
              kernel_initializer: init('GlorotUniform'), bias_initializer: init('Zeros'), kernel_regularizer: null, bias_regularizer: null, activity_regularizer: null,
              kernel_constraint: null, bias_constraint: null, seed: null,
            },
            build_config: { shapes_dict: { query_shape: [null, 5, 4], value_shape: [null, 5, 4] } },
            inbound_nodes: [{ args: [kt('q'), kt('q')], kwargs: { use_causal_mask: true } }],
          },
        ],
        input_layers: [['q', 0, 0]], output_layers: [['mha', 0, 0]],
      },
    });
    const result = compile(text, { fileName: 'k3.json' });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(inferShapes(result.graph!).problems).toEqual([]);
    const model = await buildModel(text, { fileName: 'k3.json' });
    const { w, list } = mhaWeights(r, 4, 4, 4, 2, 3, 3, [4]);
    model.setWeights(list.map(tensor));
    const q = rand(r, [2, 5, 4]);
    const y = model.predict(tensor(q)) as tf.Tensor;
    expectClose('MultiHeadAttention', y.dataSync(), kerasMha(q, q, q, w, 2, 3, 3, true).v);
    tf.dispose(y);
  });

  it('Keras 2 JSON: Attention()([q, v]) (a node list) compiles and computes Keras\'s formula', async () => {
    const input = (name: string, s: number[]) => ({ class_name: 'InputLayer', name, inbound_nodes: [], config: { name, batch_input_shape: [null, ...s], dtype: 'float32', sparse: false, ragged: false } });
    const text = JSON.stringify({
      class_name: 'Functional', keras_version: '2.13.1', backend: 'tensorflow',
      config: {
        name: 'model', trainable: true,
        layers: [input('q', [3, 4]), input('v', [5, 4]), { class_name: 'Attention', name: 'att', config: { name: 'att', trainable: true, dtype: 'float32', use_scale: true, score_mode: 'dot', dropout: 0.0 }, inbound_nodes: [[['q', 0, 0, {}], ['v', 0, 0, {}]]] }],
        input_layers: [['q', 0, 0], ['v', 0, 0]], output_layers: [['att', 0, 0]],
      },
    });
    const result = compile(text, { fileName: 'k2.json' });
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const model = await buildModel(text, { fileName: 'k2.json' });
    model.setWeights([tf.scalar(Math.fround(0.8))]);
    const q = rand(r, [2, 3, 4]);
    const v = rand(r, [2, 5, 4]);
    const y = model.predict([tensor(q), tensor(v)]) as tf.Tensor;
    expectClose('Attention', y.dataSync(), kerasDenseAttention(q, v, v, (a, b) => Math.fround(0.8) * dot(a, b)));
    tf.dispose(y);
  });

  it('after a mask-producing Embedding: masks are dropped, predict and model.apply agree', async () => {
    const text = 'inputs: {t: [5]}\nlayers:\n  - e = Embedding(10, 8, mask_zero=True)(t)\n  - MultiHeadAttention(num_heads=2, key_dim=3)([e, e])\n  - AdditiveAttention()([e, e])\n';
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const ids = tf.tensor2d([[1, 2, 0, 0, 3]]);
    const a = model.predict(ids) as tf.Tensor;
    const b = model.apply(ids) as tf.Tensor;
    expect(a.shape).toEqual([1, 5, 8]);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([ids, a, b]);
  });

  it('the catalogue rows name the runtime classes', () => {
    for (const [keras, runtime] of [['Normalization', 'KspecNormalization'], ['UnitNormalization', 'KspecUnitNormalization'], ['GroupNormalization', 'KspecGroupNormalization'], ['MultiHeadAttention', 'KspecMultiHeadAttention'], ['Attention', 'KspecAttention'], ['AdditiveAttention', 'KspecAdditiveAttention']]) {
      expect(lookupLayer(keras!)!.spec.tfjs).toEqual({ className: runtime, runtime: true });
    }
  });
});

describe('the shape rows never throw', () => {
  it('on odd configs and inputs', () => {
    const odd: unknown[] = [undefined, null, 'x', -1, 0, 1.5, 3, [], {}, [null], [2, 'a'], [-1, -1], [[1, 2], 3], [[1, 2], [3]], true];
    const shapes: (number | null)[][] = [[], [null], [0], [null, 0, -1, 3], [null, null, null], [2, 3, 4, 5, 6, 7, 8], [null, 3, 3, 3], [null, 4, 6]];
    const keys = ['axis', 'mean', 'variance', 'invert', 'groups', 'epsilon', 'center', 'scale', 'num_heads', 'key_dim', 'value_dim', 'use_bias', 'output_shape', 'attention_axes', 'use_scale', 'score_mode', 'causal'];
    for (const [name, r] of Object.entries(RUNTIME_NORMALIZATION_ATTENTION_ROWS)) {
      for (const [i, v] of odd.entries()) {
        for (const only of [undefined, ...keys]) {
          const c = cfg(name, Object.fromEntries(keys.filter((k) => only === undefined || k === only).map((k) => [k, v])));
          for (const s of shapes) {
            for (const inputs of [[], [s], [s, s], [s, [null, 1]], [s, s, [null, 5, 6]]]) {
              expect(() => r.output(inputs, c), `${name} config #${i} ${only} ${JSON.stringify(inputs)}`).not.toThrow();
              expect(() => r.params?.(inputs, c), `${name} params #${i} ${only} ${JSON.stringify(inputs)}`).not.toThrow();
            }
          }
        }
      }
    }
  }, 60_000);
});
