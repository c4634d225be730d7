/**
 * kspec's runtime GRU (reset_after=True), Conv1DTranspose and SeparableConv1D: each against an
 * independent plain-JS (float64) reference of Keras's formula, with fixed random weights set in
 * Keras's order; parameter counts against Keras's formulas; the model.json round trip; and end to
 * end through compile()/buildModel() from a kspec spec and from Keras 2 / Keras 3 configs.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { frontEnd } from '../src/front.js';
import { register } from '../src/infer/layers/row.js';
import { RUNTIME_RECURRENT_ROWS } from '../src/infer/layers/runtime-recurrent.js';
import { inferShapes } from '../src/infer/index.js';
import { lintText } from '../src/index.js';
import { convLength, deconvLength } from '../src/infer/shape.js';
import { KspecConv1DTranspose, KspecSeparableConv1D, convOutputLength, deconvOutputLength, registerConv1D } from '../src/runtime/conv1d.js';
import { KspecGRU, KspecGRUCell, registerRecurrent } from '../src/runtime/recurrent.js';
import { rng } from './helpers.js';

tf.setBackend('cpu');

beforeAll(() => {
  // Until src/runtime/index.ts and src/infer/layers/index.ts include them.
  registerRecurrent();
  registerConv1D();
  register(RUNTIME_RECURRENT_ROWS);
});

// ---- fixed random numbers and small array helpers ----


type Nd = number | Nd[];
function random(shape: readonly number[], next: () => number, scale = 1): Nd {
  const [n, ...rest] = shape;
  return Array.from({ length: n! }, () => (rest.length === 0 ? scale * next() : random(rest, next, scale)));
}
const flat = (a: Nd): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a]);
const m2 = (a: Nd) => a as number[][];
const m3 = (a: Nd) => a as number[][][];

function maxError(got: tf.Tensor, want: Nd): number {
  const g = Array.from(got.dataSync());
  const w = flat(want);
  expect(got.size).toBe(w.length);
  return Math.max(0, ...g.map((v, i) => Math.abs(v - w[i]!)));
}

/** Largest error seen per group, printed at the end (the report quotes them). */
const worst = new Map<string, number>();
function close(group: string, got: tf.Tensor, want: Nd, tol = 1e-5): void {
  const e = maxError(got, want);
  worst.set(group, Math.max(worst.get(group) ?? 0, e));
  expect(e).toBeLessThan(tol);
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

// ---- references: Keras's formulas, written out ----

/**
 * Keras GRUCell.call with reset_after=True (keras/src/layers/rnn/gru.py): gate blocks z, r, h;
 * bias row 0 added to x·kernel, row 1 to h·recurrent_kernel; ĥ = tanh(x_h + r ⊙ (h·U_h + b_rh)).
 */
function gruStep(x: number[], h: number[], k: number[][], rk: number[][], b: number[][] | null, act = Math.tanh, rec = sigmoid): number[] {
  const u = h.length;
  const mx = Array.from({ length: 3 * u }, (_, j) => x.reduce((s, xi, i) => s + xi * k[i]![j]!, b ? b[0]![j]! : 0));
  const mh = Array.from({ length: 3 * u }, (_, j) => h.reduce((s, hi, i) => s + hi * rk[i]![j]!, b ? b[1]![j]! : 0));
  return h.map((hp, j) => {
    const z = rec(mx[j]! + mh[j]!);
    const r = rec(mx[u + j]! + mh[u + j]!);
    const cand = act(mx[2 * u + j]! + r * mh[2 * u + j]!);
    return z * hp + (1 - z) * cand;
  });
}

interface GruWeights { k: number[][]; rk: number[][]; b: number[][] }

/** Keras RNN over a (batch, time, in) input: per-step outputs in processing order and the final state. */
function gruRun(x: number[][][], w: GruWeights, u: number, opts: { backwards?: boolean; mask?: boolean[][]; h0?: number[][] } = {}) {
  return x.map((seq, bi) => {
    let h = opts.h0?.[bi] ?? Array<number>(u).fill(0);
    const order = opts.backwards ? [...seq.keys()].reverse() : [...seq.keys()];
    const outs: number[][] = [];
    for (const t of order) {
      // Keras/tfjs masking: a masked step keeps the state and repeats the previous output.
      if (!opts.mask || opts.mask[bi]![t]) h = gruStep(seq[t]!, h, w.k, w.rk, w.b);
      outs.push(h);
    }
    return { outs, last: h };
  });
}

/** Keras LSTMCell (i, f, c, o blocks, one bias), tanh / sigmoid, as cuDNN computes. */
function lstmRun(x: number[][][], k: number[][], rk: number[][], b: number[], u: number): number[][] {
  return x.map((seq) => {
    let h = Array<number>(u).fill(0);
    let c = Array<number>(u).fill(0);
    for (const xt of seq) {
      const z = Array.from({ length: 4 * u }, (_, j) => xt.reduce((s, xi, i) => s + xi * k[i]![j]!, b[j]!) + h.reduce((s, hi, i) => s + hi * rk[i]![j]!, 0));
      c = c.map((cp, j) => sigmoid(z[u + j]!) * cp + sigmoid(z[j]!) * Math.tanh(z[2 * u + j]!));
      h = c.map((cj, j) => sigmoid(z[3 * u + j]!) * Math.tanh(cj));
    }
    return h;
  });
}

/**
 * Keras 3 `_get_output_shape_given_tf_padding` (backend/common/backend_utils.py), written as Keras
 * writes it (Keras 2's deconv_output_length gives the same lengths).
 */
function kerasDeconvLength(L: number, k: number, padding: string, s: number, op: number | null, d: number): number {
  const kk = (k - 1) * d + 1;
  if (padding === 'valid') return (L - 1) * s + kk + (op ?? Math.max(kk, s) - kk);
  return op === null ? L * s : (L - 1) * s + (kk % 2) + op;
}

/** Keras `conv_output_length` ("causal" and "same" keep the length before the stride). */
const kerasConvLength = (L: number, k: number, padding: string, s: number, d: number): number =>
  Math.ceil((padding === 'valid' ? L - ((k - 1) * d + 1) + 1 : L) / s);

/** TF's "same" padding before the data for a forward convolution of `input` steps giving `output`. */
const padBefore = (input: number, output: number, k: number, s: number) => Math.floor(Math.max((output - 1) * s + k - input, 0) / 2);

/**
 * Keras Conv1DTranspose (TF's conv_transpose: the gradient of the forward convolution of `out`
 * steps): y[o] += x[i]·W[j] for o = i·s + j·d − pad. Kernel (k, filters, in).
 */
function convTransposeRef(x: number[][][], kernel: number[][][], bias: number[], o: { s: number; padding: string; op: number | null; d: number }): number[][][] {
  const [k, f] = [kernel.length, kernel[0]!.length];
  const keff = (k - 1) * o.d + 1;
  return x.map((seq) => {
    const L = seq.length;
    const out = kerasDeconvLength(L, k, o.padding, o.s, o.op, o.d);
    const pad = o.padding === 'same' ? padBefore(out, L, keff, o.s) : 0;
    const y = Array.from({ length: out }, () => [...bias]);
    for (let i = 0; i < L; i++)
      for (let j = 0; j < k; j++) {
        const p = i * o.s + j * o.d - pad;
        if (p < 0 || p >= out) continue;
        for (let fi = 0; fi < f; fi++) for (let c = 0; c < seq[i]!.length; c++) y[p]![fi]! += seq[i]![c]! * kernel[j]![fi]![c]!;
      }
    return y;
  });
}

/**
 * Keras SeparableConv1D: depthwise (k, in, dm) with TF padding ("causal": d·(k − 1) zeros on the
 * left, then valid), output channel c·dm + m, then pointwise (1, in·dm, filters) and bias.
 */
function separableRef(x: number[][][], dw: number[][][], pw: number[][][], bias: number[], o: { s: number; padding: string; d: number }): number[][][] {
  const [k, cin, dm] = [dw.length, dw[0]!.length, dw[0]![0]!.length];
  const keff = (k - 1) * o.d + 1;
  return x.map((seq0) => {
    const seq = o.padding === 'causal' ? [...Array.from({ length: o.d * (k - 1) }, () => Array<number>(cin).fill(0)), ...seq0] : seq0;
    const L = seq.length;
    const out = kerasConvLength(L, k, o.padding === 'causal' ? 'valid' : o.padding, o.s, o.d);
    const pad = o.padding === 'same' ? padBefore(L, out, keff, o.s) : 0;
    return Array.from({ length: out }, (_, t) => {
      const depth = Array<number>(cin * dm).fill(0);
      for (let j = 0; j < k; j++) {
        const p = t * o.s + j * o.d - pad;
        if (p < 0 || p >= L) continue;
        for (let c = 0; c < cin; c++) for (let m = 0; m < dm; m++) depth[c * dm + m]! += seq[p]![c]! * dw[j]![c]![m]!;
      }
      return bias.map((bf, f) => depth.reduce((s, v, q) => s + v * pw[0]![q]![f]!, bf));
    });
  });
}

const transpose3 = (a: number[][][]) => a.map((m) => m[0]!.map((_, j) => m.map((row) => row[j]!)));

// ---- GRU ----

const IN = 3;
const U = 4;
const T = 5;
function gruWeights(seed: number, inDim = IN, u = U): GruWeights {
  const next = rng(seed);
  return { k: m2(random([inDim, 3 * u], next, 0.8)), rk: m2(random([u, 3 * u], next, 0.8)), b: m2(random([2, 3 * u], next, 0.5)) };
}
const tensors = (w: GruWeights) => [tf.tensor(w.k), tf.tensor(w.rk), tf.tensor(w.b)];
const X = m3(random([2, T, IN], rng(7)));
/** Keras 3 GRU param count: 3·(in·u + u·u + 2u). */
const gruParams = (inDim: number, u: number) => 3 * (inDim * u + u * u + 2 * u);

function gruModel(args: Record<string, unknown>, weights: GruWeights[] | GruWeights, wrap?: 'bidirectional'): tf.LayersModel {
  const input = tf.input({ shape: [T, IN] });
  const base = { units: U, recurrentInitializer: 'zeros', ...args };
  const layer = wrap ? tf.layers.bidirectional({ layer: new KspecGRU(base) as unknown as tf.RNN, mergeMode: 'concat' }) : new KspecGRU(base);
  const out = layer.apply(input) as tf.SymbolicTensor | tf.SymbolicTensor[];
  const model = tf.model({ inputs: input, outputs: out });
  model.setWeights((Array.isArray(weights) ? weights : [weights]).flatMap(tensors));
  return model;
}

describe('KspecGRU: Keras GRU with reset_after=True', () => {
  const w = gruWeights(1);

  it('weights are Keras\'s: kernel (in, 3u), recurrent_kernel (u, 3u), bias (2, 3u); params 3·(in·u + u² + 2u)', () => {
    const model = gruModel({}, w);
    const layer = model.layers[1]!;
    expect(layer.weights.map((v) => [v.name.split('/').pop(), v.shape])).toEqual([
      ['kernel', [IN, 3 * U]],
      ['recurrent_kernel', [U, 3 * U]],
      ['bias', [2, 3 * U]],
    ]);
    expect(layer.countParams()).toBe(gruParams(IN, U));
    expect(model.countParams()).toBe(3 * (3 * 4 + 16 + 8));
  });

  it('forward (last output) = Keras formula', () => {
    const want = gruRun(X, w, U).map((r) => r.last);
    close('GRU', gruModel({}, w).predict(tf.tensor(X)) as tf.Tensor, want);
  });

  it('return_sequences and return_state', () => {
    const ref = gruRun(X, w, U);
    const [seq, state] = gruModel({ returnSequences: true, returnState: true }, w).predict(tf.tensor(X)) as tf.Tensor[];
    expect(seq!.shape).toEqual([2, T, U]);
    close('GRU', seq!, ref.map((r) => r.outs));
    close('GRU', state!, ref.map((r) => r.last));
  });

  it('go_backwards: steps processed last to first, outputs in processing order', () => {
    const ref = gruRun(X, w, U, { backwards: true });
    close('GRU', gruModel({ goBackwards: true, returnSequences: true }, w).predict(tf.tensor(X)) as tf.Tensor, ref.map((r) => r.outs));
  });

  it('inside Bidirectional (concat): forward weights then backward weights, as Keras orders them', () => {
    const wb = gruWeights(2);
    const model = gruModel({ returnSequences: true }, [w, wb], 'bidirectional');
    expect(model.countParams()).toBe(2 * gruParams(IN, U));
    const f = gruRun(X, w, U);
    const b = gruRun(X, wb, U, { backwards: true });
    // Keras reverses the backward sequence back to input order before concatenating.
    const want = f.map((fr, bi) => fr.outs.map((o, t) => [...o, ...b[bi]!.outs[T - 1 - t]!]));
    close('GRU', model.predict(tf.tensor(X)) as tf.Tensor, want);
  });

  it('masking: masked steps keep the state', () => {
    const mask = [[true, true, true, false, false], [true, true, true, true, true]];
    const xm = X.map((seq, bi) => seq.map((row, t) => (mask[bi]![t] ? row : row.map(() => 0))));
    const input = tf.input({ shape: [T, IN] });
    const gru = new KspecGRU({ units: U, recurrentInitializer: 'zeros' });
    const model = tf.model({ inputs: input, outputs: gru.apply(tf.layers.masking({ maskValue: 0 }).apply(input)) as tf.SymbolicTensor });
    gru.setWeights(tensors(w));
    close('GRU', model.predict(tf.tensor(xm)) as tf.Tensor, gruRun(xm, w, U, { mask }).map((r) => r.last));
  });

  it('stateful: the second batch starts from the first one\'s final state', () => {
    const gru = new KspecGRU({ units: U, recurrentInitializer: 'zeros', stateful: true, batchInputShape: [2, T, IN] });
    const model = tf.sequential({ layers: [gru] });
    gru.setWeights(tensors(w));
    const x2 = m3(random([2, T, IN], rng(8)));
    const first = gruRun(X, w, U);
    model.predict(tf.tensor(X));
    close('GRU', model.predict(tf.tensor(x2)) as tf.Tensor, gruRun(x2, w, U, { h0: first.map((r) => r.last) }).map((r) => r.last));
  });

  it('RNN(KspecGRUCell) computes the same; reset_after=false is tfjs\'s GRUCell', () => {
    const input = tf.input({ shape: [T, IN] });
    const rnn = tf.layers.rnn({ cell: new KspecGRUCell({ units: U, recurrentInitializer: 'zeros' }) as never });
    const model = tf.model({ inputs: input, outputs: rnn.apply(input) as tf.SymbolicTensor });
    rnn.setWeights(tensors(w));
    close('GRU', model.predict(tf.tensor(X)) as tf.Tensor, gruRun(X, w, U).map((r) => r.last));

    const cell = new KspecGRUCell({ units: U, resetAfter: false, recurrentInitializer: 'zeros' });
    const plain = tf.layers.gruCell({ units: U, recurrentActivation: 'sigmoid', recurrentInitializer: 'zeros' });
    const a = tf.layers.rnn({ cell: cell as never });
    const b = tf.layers.rnn({ cell: plain });
    const ya = a.apply(tf.tensor(X)) as tf.Tensor;
    b.apply(tf.tensor(X));
    b.setWeights(a.getWeights());
    expect(a.getWeights()[2]!.shape).toEqual([3 * U]);
    close('GRU reset_after=false', ya, Array.from((b.apply(tf.tensor(X)) as tf.Tensor).dataSync()));
  });

  it('toJSON → modelFromJSON: reset_after and Keras defaults survive, the same outputs', async () => {
    const model = gruModel({ returnSequences: true }, [w, gruWeights(3)], 'bidirectional');
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const inner = json.config.layers[1]!.config.layer as { class_name: string; config: Record<string, unknown> };
    expect(inner.class_name).toBe('KspecGRU');
    expect(inner.config).toMatchObject({ reset_after: true, recurrent_activation: 'sigmoid' });
    const again = await tf.models.modelFromJSON({ modelTopology: json } as never);
    again.setWeights(model.getWeights());
    close('GRU', again.predict(tf.tensor(X)) as tf.Tensor, Array.from((model.predict(tf.tensor(X)) as tf.Tensor).dataSync()));
  });
});

// ---- Conv1DTranspose ----

interface ConvCase { k: number; s: number; padding: string; op: number | null; d: number; f: number; cin: number; L: number; first?: boolean }
const TRANSPOSE_CASES: ConvCase[] = [
  { k: 3, s: 1, padding: 'valid', op: null, d: 1, f: 2, cin: 3, L: 5 },
  { k: 3, s: 2, padding: 'valid', op: null, d: 1, f: 2, cin: 3, L: 5 },
  { k: 3, s: 2, padding: 'same', op: null, d: 1, f: 2, cin: 3, L: 5 },
  { k: 4, s: 2, padding: 'same', op: null, d: 1, f: 3, cin: 2, L: 4 },
  { k: 2, s: 3, padding: 'valid', op: null, d: 1, f: 2, cin: 2, L: 4 },
  { k: 3, s: 2, padding: 'same', op: 1, d: 1, f: 2, cin: 3, L: 5 },
  { k: 3, s: 2, padding: 'valid', op: 1, d: 1, f: 2, cin: 3, L: 5 },
  { k: 3, s: 3, padding: 'same', op: 2, d: 1, f: 2, cin: 2, L: 4 },
  { k: 3, s: 3, padding: 'same', op: 0, d: 1, f: 2, cin: 2, L: 4 },
  { k: 1, s: 2, padding: 'valid', op: null, d: 1, f: 2, cin: 3, L: 3 },
  { k: 3, s: 1, padding: 'valid', op: null, d: 2, f: 2, cin: 3, L: 5 },
  { k: 3, s: 1, padding: 'same', op: null, d: 2, f: 2, cin: 3, L: 5 },
  { k: 3, s: 1, padding: 'same', op: 0, d: 2, f: 2, cin: 2, L: 4 },
  { k: 3, s: 2, padding: 'same', op: 1, d: 1, f: 2, cin: 3, L: 5, first: true },
];
const label = (c: object) => Object.entries(c).map(([k, v]) => `${k}=${v}`).join(' ');

describe('KspecConv1DTranspose: Keras Conv1DTranspose', () => {
  it.each(TRANSPOSE_CASES.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const next = rng(c.k * 100 + c.s * 10 + c.d);
    const kernel = m3(random([c.k, c.f, c.cin], next));
    const bias = flat(random([c.f], next, 0.3));
    const x = m3(random([2, c.L, c.cin], next));
    const layer = new KspecConv1DTranspose({
      filters: c.f, kernelSize: c.k, strides: c.s, padding: c.padding, outputPadding: c.op, dilationRate: c.d,
      ...(c.first && { dataFormat: 'channels_first' }),
    });
    const input = c.first ? tf.tensor(transpose3(x)) : tf.tensor(x);
    const out = layer.apply(input) as tf.Tensor; // builds the weights
    const outLen = kerasDeconvLength(c.L, c.k, c.padding, c.s, c.op, c.d);
    expect(layer.weights.map((v) => v.shape)).toEqual([[c.k, c.f, c.cin], [c.f]]);
    expect(layer.countParams()).toBe(c.k * c.f * c.cin + c.f);
    layer.setWeights([tf.tensor(kernel), tf.tensor(bias)]);
    const y = layer.apply(input) as tf.Tensor;
    expect(out.shape).toEqual(c.first ? [2, c.f, outLen] : [2, outLen, c.f]);
    expect(layer.computeOutputShape(input.shape)).toEqual(y.shape);
    const want = convTransposeRef(x, kernel, bias, c);
    close('Conv1DTranspose', y, c.first ? transpose3(want) : want);
  });

  it('Keras output lengths (deconv_output_length) and the refusals Keras makes', () => {
    expect(deconvOutputLength(5, 3, 'valid', 2, null, 1)).toBe(11);
    expect(deconvOutputLength(5, 3, 'same', 2, null, 1)).toBe(10);
    expect(deconvOutputLength(5, 3, 'same', 2, 1, 1)).toBe(10);
    expect(deconvOutputLength(5, 3, 'valid', 2, 1, 1)).toBe(12);
    expect(deconvOutputLength(5, 3, 'valid', 1, null, 2)).toBe(9);
    // The runtime layers, shape inference (src/infer/shape.ts) and Keras's own formulation agree.
    for (const L of [1, 4, 7]) for (const k of [1, 2, 3, 4]) for (const s of [1, 2, 3]) for (const d of s === 1 ? [1, 2, 3] : [1]) {
      for (const padding of ['valid', 'same']) for (const op of [null, ...Array.from({ length: s }, (_, i) => i)]) {
        const keras = kerasDeconvLength(L, k, padding, s, op, d);
        expect([deconvOutputLength(L, k, padding, s, op, d), deconvLength(L, k, padding, s, op, d)], `${L} ${k} ${padding} ${s} ${op} ${d}`).toEqual([keras, keras]);
      }
      for (const padding of ['valid', 'same', 'causal']) {
        const keras = kerasConvLength(L, k, padding, s, d);
        if (keras > 0) expect([convOutputLength(L, k, padding, s, d), convLength(L, k, padding, s, d)]).toEqual([keras, keras]);
      }
    }
    expect(() => new KspecConv1DTranspose({ filters: 2, kernelSize: 3, strides: 2, outputPadding: 2 })).toThrow(/below the stride/);
    expect(() => new KspecConv1DTranspose({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/dilation_rate/);
    // kernel 2, stride 2, "same", output_padding 0: (L − 1)·2 steps, which TF's conv transpose refuses too.
    const bad = new KspecConv1DTranspose({ filters: 1, kernelSize: 2, strides: 2, padding: 'same', outputPadding: 0 });
    expect(() => bad.apply(tf.zeros([1, 3, 1]))).toThrow(/does not transpose/);
  });
});

// ---- SeparableConv1D ----

interface SepCase { k: number; s: number; padding: string; d: number; dm: number; f: number; cin: number; L: number; first?: boolean }
const SEPARABLE_CASES: SepCase[] = [
  { k: 3, s: 1, padding: 'valid', d: 1, dm: 1, f: 2, cin: 3, L: 7 },
  { k: 3, s: 1, padding: 'same', d: 1, dm: 2, f: 2, cin: 3, L: 7 },
  { k: 2, s: 2, padding: 'valid', d: 1, dm: 3, f: 4, cin: 2, L: 7 },
  { k: 4, s: 2, padding: 'same', d: 1, dm: 2, f: 2, cin: 3, L: 7 },
  { k: 3, s: 3, padding: 'same', d: 1, dm: 1, f: 2, cin: 2, L: 8 },
  { k: 3, s: 1, padding: 'valid', d: 2, dm: 2, f: 2, cin: 3, L: 8 },
  { k: 2, s: 1, padding: 'same', d: 3, dm: 2, f: 3, cin: 2, L: 7 },
  { k: 3, s: 1, padding: 'causal', d: 1, dm: 2, f: 2, cin: 3, L: 6 },
  { k: 2, s: 1, padding: 'causal', d: 2, dm: 1, f: 2, cin: 2, L: 6 },
  { k: 3, s: 2, padding: 'causal', d: 1, dm: 2, f: 2, cin: 2, L: 7 },
  { k: 3, s: 1, padding: 'same', d: 2, dm: 2, f: 2, cin: 3, L: 7, first: true },
];

describe('KspecSeparableConv1D: Keras SeparableConv1D', () => {
  it.each(SEPARABLE_CASES.map((c) => [label(c), c] as const))('%s', (_, c) => {
    const next = rng(c.k * 1000 + c.s * 100 + c.d * 10 + c.dm);
    const dw = m3(random([c.k, c.cin, c.dm], next));
    const pw = m3(random([1, c.cin * c.dm, c.f], next));
    const bias = flat(random([c.f], next, 0.3));
    const x = m3(random([2, c.L, c.cin], next));
    const layer = new KspecSeparableConv1D({
      filters: c.f, kernelSize: c.k, strides: c.s, padding: c.padding, dilationRate: c.d, depthMultiplier: c.dm,
      ...(c.first && { dataFormat: 'channels_first' }),
    });
    const input = c.first ? tf.tensor(transpose3(x)) : tf.tensor(x);
    layer.apply(input);
    expect(layer.weights.map((v) => v.shape)).toEqual([[c.k, c.cin, c.dm], [1, c.cin * c.dm, c.f], [c.f]]);
    expect(layer.countParams()).toBe(c.k * c.cin * c.dm + c.cin * c.dm * c.f + c.f);
    layer.setWeights([tf.tensor(dw), tf.tensor(pw), tf.tensor(bias)]);
    const y = layer.apply(input) as tf.Tensor;
    expect(layer.computeOutputShape(input.shape)).toEqual(y.shape);
    const outLen = kerasConvLength(c.L, c.k, c.padding, c.s, c.d);
    expect(y.shape).toEqual(c.first ? [2, c.f, outLen] : [2, outLen, c.f]);
    const want = separableRef(x, dw, pw, bias, c);
    close('SeparableConv1D', y, c.first ? transpose3(want) : want);
  });
});

describe('conv1d runtime layers: model.json round trip', () => {
  it('toJSON → modelFromJSON keeps every argument and the outputs', async () => {
    const model = tf.sequential({
      layers: [
        new KspecConv1DTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', outputPadding: 1, activation: 'relu', inputShape: [4, 2], kernelRegularizer: { className: 'L1L2', config: { l1: 0, l2: 0.01 } } }),
        new KspecSeparableConv1D({ filters: 2, kernelSize: 2, depthMultiplier: 2, dilationRate: 2, padding: 'causal', dataFormat: 'channels_last', pointwiseInitializer: 'heNormal' }),
      ],
    });
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    expect(json.config.layers.map((l) => l.class_name)).toEqual(['KspecConv1DTranspose', 'KspecSeparableConv1D']);
    expect(json.config.layers[0]!.config).toMatchObject({ output_padding: [1], padding: 'same', strides: [2], activation: 'relu' });
    expect(json.config.layers[1]!.config).toMatchObject({ depth_multiplier: 2, dilation_rate: [2], padding: 'causal', pointwise_initializer: { class_name: 'VarianceScaling', config: { scale: 2, distribution: 'normal' } } });
    const again = await tf.models.modelFromJSON({ modelTopology: json } as never);
    expect(again.countParams()).toBe(model.countParams());
    again.setWeights(model.getWeights());
    const x = tf.tensor(m3(random([1, 4, 2], rng(3))));
    close('round trip', again.predict(x) as tf.Tensor, Array.from((model.predict(x) as tf.Tensor).dataSync()), 1e-6);
  });
});

// ---- end to end: compile() / buildModel() ----

const k3Policy = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
const k3Init = (class_name: string, config: Record<string, unknown> = {}) => ({ module: 'keras.initializers', class_name, config, registered_name: null });
/** A Keras 3 `model.to_json()` of Sequential([Input((5, 3)), GRU(4)]) with Keras's defaults written out. */
const KERAS3_GRU = JSON.stringify({
  module: 'keras', class_name: 'Sequential', registered_name: null,
  config: {
    name: 'sequential', trainable: true, dtype: k3Policy, build_input_shape: [null, T, IN],
    layers: [
      { module: 'keras.layers', class_name: 'InputLayer', registered_name: null, config: { batch_shape: [null, T, IN], dtype: 'float32', sparse: false, ragged: false, name: 'input_layer' } },
      {
        module: 'keras.layers', class_name: 'GRU', registered_name: null, build_config: { input_shape: [null, T, IN] },
        config: {
          name: 'gru', trainable: true, dtype: k3Policy, return_sequences: false, return_state: false, go_backwards: false, stateful: false, unroll: false, zero_output_for_mask: false,
          units: U, activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true,
          kernel_initializer: k3Init('GlorotUniform', { seed: null }), recurrent_initializer: k3Init('OrthogonalInitializer', { gain: 1.0, seed: null }), bias_initializer: k3Init('Zeros'),
          kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, recurrent_constraint: null, bias_constraint: null,
          dropout: 0.0, recurrent_dropout: 0.0, reset_after: true, seed: null,
        },
      },
    ],
  },
});

/** A Keras 2 Sequential: Bidirectional(CuDNNGRU) then CuDNNLSTM, as tf.keras 2.x writes them. */
const KERAS2_CUDNN = JSON.stringify({
  class_name: 'Sequential', keras_version: '2.4.0', backend: 'tensorflow',
  config: {
    name: 'sequential', layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, T, IN], dtype: 'float32', sparse: false, ragged: false, name: 'in' } },
      { class_name: 'Bidirectional', config: { name: 'bi', trainable: true, dtype: 'float32', merge_mode: 'concat', layer: { class_name: 'CuDNNGRU', config: { name: 'g', trainable: true, dtype: 'float32', return_sequences: true, return_state: false, go_backwards: false, stateful: false, time_major: false, units: 2, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, recurrent_initializer: { class_name: 'Zeros', config: {} }, bias_initializer: { class_name: 'Zeros', config: {} }, kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, recurrent_constraint: null, bias_constraint: null } } } },
      { class_name: 'CuDNNLSTM', config: { name: 'l', trainable: true, dtype: 'float32', return_sequences: false, return_state: false, go_backwards: false, stateful: false, time_major: false, units: 3, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } }, recurrent_initializer: { class_name: 'Zeros', config: {} }, bias_initializer: { class_name: 'Zeros', config: {} }, unit_forget_bias: true, kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, activity_regularizer: null, kernel_constraint: null, recurrent_constraint: null, bias_constraint: null } },
    ],
  },
});

describe('end to end', () => {
  const w = gruWeights(5);

  it('kspec spec `GRU(4)`: a KspecGRU (reset_after, sigmoid gates), Keras params, Keras outputs', async () => {
    const text = `input_shape: [${T}, ${IN}]\nlayers:\n  - GRU(${U})\n`;
    const r = compile(text, { fileName: 'gru.yaml' });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === 'KS5008').map((d) => d.severity)).toEqual(['info']);
    const layer = (r.modelJSON!.modelTopology.config.layers as { class_name: string; config: Record<string, unknown> }[])[0]!;
    expect(layer.class_name).toBe('KspecGRU');
    expect(layer.config).toMatchObject({ units: U, reset_after: true, recurrent_activation: 'sigmoid' });
    const model = await buildModel(text, { fileName: 'gru.yaml' });
    expect(model.countParams()).toBe(gruParams(IN, U));
    // Shape inference (on the Keras classes, before the pass) counts the same (2, 3u) bias.
    expect(inferShapes(frontEnd(text, { fileName: 'gru.yaml' }).graph!).layers.get('gru')?.trainableParams).toBe(gruParams(IN, U));
    model.setWeights(tensors(w));
    close('GRU e2e', model.predict(tf.tensor(X)) as tf.Tensor, gruRun(X, w, U).map((r) => r.last));
  });

  it('Keras 3 GRU config: loads as KspecGRU with the same weights and outputs', async () => {
    const r = compile(KERAS3_GRU, { fileName: 'gru.keras.json' });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const model = await buildModel(KERAS3_GRU, { fileName: 'gru.keras.json' });
    expect(model.layers.map((l) => l.getClassName()).filter((c) => c !== 'InputLayer')).toEqual(['KspecGRU']);
    expect(model.countParams()).toBe(gruParams(IN, U));
    // The names a weights manifest matches (tfjs suffixes `name` when another model used it first).
    expect(model.weights.map((v) => v.originalName)).toEqual(['gru/kernel', 'gru/recurrent_kernel', 'gru/bias']);
    model.setWeights(tensors(w));
    close('GRU e2e', model.predict(tf.tensor(X)) as tf.Tensor, gruRun(X, w, U).map((r) => r.last));
  });

  it('lint: a warning for a Keras file (plain tfjs cannot load it), an info for a kspec spec', () => {
    const k3 = lintText(KERAS3_GRU, { fileName: 'gru.keras.json' }).diagnostics.filter((d) => d.code === 'KS5008');
    expect(k3.map((d) => d.severity)).toEqual(['warning']);
    const spec = lintText('input_shape: [5, 3]\nlayers:\n  - Bidirectional(GRU(2))\n  - RNN(GRUCell(2, reset_after=False))\n', { fileName: 'b.yaml' }).diagnostics.filter((d) => d.code === 'KS5008');
    expect(spec.map((d) => d.severity)).toEqual(['info']);
    expect(spec[0]!.message).toMatch(/^tfjs 4\.22 cannot build "GRU" with reset_after=true \(the Keras default\).*as a KspecGRU layer/);
  });

  it('nested GRUs (Bidirectional, RNN cell, StackedRNNCells) all compile to the runtime classes', async () => {
    const text = [
      `input_shape: [${T}, ${IN}]`,
      'layers:',
      '  - Bidirectional(GRU(2, return_sequences=True))',
      '  - TimeDistributed(Dense(3))',
      '  - RNN(GRUCell(2), return_sequences=True)',
      '  - RNN: {cell: {class_name: StackedRNNCells, config: {cells: [{class_name: GRUCell, config: {units: 2}}, {class_name: GRUCell, config: {units: 3, reset_after: false}}]}}}',
      '',
    ].join('\n');
    const r = compile(text, { fileName: 'nested.yaml' });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const layers = r.modelJSON!.modelTopology.config.layers as { class_name: string; config: Record<string, unknown> }[];
    expect((layers[0]!.config.layer as { class_name: string }).class_name).toBe('KspecGRU');
    expect((layers[2]!.config.cell as { class_name: string }).class_name).toBe('KspecGRUCell');
    const stacked = (layers[3]!.config.cell as { config: { cells: { class_name: string }[] } }).config.cells;
    expect(stacked.map((c) => c.class_name)).toEqual(['KspecGRUCell', 'GRUCell']);
    const model = await buildModel(text, { fileName: 'nested.yaml' });
    // Bidirectional 2·3·(3·2+4+4) = 84; TimeDistributed Dense 4·3+3 = 15; RNN 3·(3·2+4+4) = 42;
    // stacked: KspecGRUCell 3·(2·2+4+4) = 36, tfjs GRUCell (reset_after=false) 3·(2·3+9+3) = 54.
    expect(model.countParams()).toBe(84 + 15 + 42 + 36 + 54);
    const y = model.predict(tf.tensor(X)) as tf.Tensor;
    expect(y.shape).toEqual([2, 3]);
  });

  it('Keras 2 CuDNNGRU in Bidirectional and CuDNNLSTM: KspecGRU and tfjs LSTM with cuDNN\'s math', async () => {
    const r = compile(KERAS2_CUDNN, { fileName: 'cudnn.json' });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const layers = r.modelJSON!.modelTopology.config.layers as { class_name: string; config: Record<string, unknown> }[];
    const bi = layers.find((l) => l.class_name === 'Bidirectional')!;
    expect(bi.config.layer).toMatchObject({ class_name: 'KspecGRU', config: { reset_after: true, recurrent_activation: 'sigmoid', activation: 'tanh' } });
    expect(layers.find((l) => l.config.name === 'l')).toMatchObject({ class_name: 'LSTM', config: { recurrent_activation: 'sigmoid', activation: 'tanh', unit_forget_bias: true } });
    const model = await buildModel(KERAS2_CUDNN, { fileName: 'cudnn.json' });
    // Bidirectional(CuDNNGRU(2)) on 3 features: 2·3·(3·2 + 2·2 + 2·2) = 84 (Keras: bias 6u = (2, 3u));
    // LSTM(3) on 4 features: 4·3·(4 + 3) + 4·3 = 96 (Keras's CuDNNLSTM holds 8u biases: 108).
    expect(model.countParams()).toBe(84 + 96);
    const inferred = inferShapes(frontEnd(KERAS2_CUDNN, { fileName: 'cudnn.json' }).graph!);
    expect(['bi', 'l'].map((n) => inferred.layers.get(n)?.trainableParams)).toEqual([84, 96]);
    expect(['bi', 'l'].map((n) => inferred.layers.get(n)?.outputs[0])).toEqual([[[null, T, 4]], [[null, 3]]]);
    const wf = gruWeights(11, IN, 2);
    const wb = gruWeights(12, IN, 2);
    const next = rng(13);
    const lk = m2(random([4, 12], next, 0.7));
    const lrk = m2(random([3, 12], next, 0.7));
    const lb = flat(random([12], next, 0.4));
    model.setWeights([...tensors(wf), ...tensors(wb), tf.tensor(lk), tf.tensor(lrk), tf.tensor(lb)]);
    const f = gruRun(X, wf, 2);
    const b = gruRun(X, wb, 2, { backwards: true });
    const seq = f.map((fr, bi) => fr.outs.map((o, t) => [...o, ...b[bi]!.outs[T - 1 - t]!]));
    close('CuDNN e2e', model.predict(tf.tensor(X)) as tf.Tensor, lstmRun(seq, lk, lrk, lb, 3));
  });

  it('Conv1DTranspose and SeparableConv1D from a kspec spec: runtime classes, Keras shapes and outputs', async () => {
    const text = `input_shape: [5, 3]\nlayers:\n  - Conv1DTranspose(2, 3, strides=2, padding='same', output_padding=1)\n  - SeparableConv1D(4, 3, depth_multiplier=2, padding='causal', dilation_rate=2)\n`;
    const r = compile(text, { fileName: 'conv.yaml' });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const shapes = inferShapes(frontEnd(text, { fileName: 'conv.yaml' }).graph!);
    expect([...shapes.layers.values()].map((l) => l.outputs[0]?.[0])).toEqual([[null, 10, 2], [null, 10, 4]]);
    const model = await buildModel(text, { fileName: 'conv.yaml' });
    expect(model.layers.map((l) => l.getClassName())).toEqual(['KspecConv1DTranspose', 'KspecSeparableConv1D']);
    expect(model.outputs[0]!.shape).toEqual([null, 10, 4]);
    // 3·2·3 + 2 = 20; 3·2·2 + 4·4 + 4 = 32.
    expect(model.countParams()).toBe(20 + 32);
    expect([...shapes.layers.values()].map((l) => l.trainableParams)).toEqual([20, 32]);
    const next = rng(21);
    const kt = m3(random([3, 2, 3], next));
    const bt = flat(random([2], next, 0.3));
    const dw = m3(random([3, 2, 2], next));
    const pw = m3(random([1, 4, 4], next));
    const bs = flat(random([4], next, 0.3));
    model.setWeights([tf.tensor(kt), tf.tensor(bt), tf.tensor(dw), tf.tensor(pw), tf.tensor(bs)]);
    const x = m3(random([2, 5, 3], next));
    const mid = convTransposeRef(x, kt, bt, { s: 2, padding: 'same', op: 1, d: 1 });
    close('conv e2e', model.predict(tf.tensor(x)) as tf.Tensor, separableRef(mid, dw, pw, bs, { s: 1, padding: 'causal', d: 2 }));
  });

  it('TimeDistributed(Conv1DTranspose) gets the runtime class name too', () => {
    const r = compile('input_shape: [2, 5, 3]\nlayers:\n  - TimeDistributed(Conv1DTranspose(2, 3))\n', { fileName: 'td.yaml' });
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const layer = (r.modelJSON!.modelTopology.config.layers as { config: { layer: { class_name: string } } }[])[0]!;
    expect(layer.config.layer.class_name).toBe('KspecConv1DTranspose');
  });

  it('TimeDistributed(GRU) compiles to TimeDistributed(KspecGRU) and builds', async () => {
    const text = 'input_shape: [2, 5, 3]\nlayers:\n  - TimeDistributed(GRU(4, recurrent_initializer="zeros"))\n';
    const model = await buildModel(text, { fileName: 'td-gru.yaml' });
    expect(model.countParams()).toBe(gruParams(3, 4));
    expect((model.predict(tf.ones([1, 2, 5, 3])) as tf.Tensor).shape).toEqual([1, 2, 4]);
  });
});

describe('largest errors', () => {
  it('prints them', () => {
    console.log(`runtime-recurrent max abs errors: ${JSON.stringify(Object.fromEntries(worst))}`);
    expect(worst.size).toBeGreaterThan(0);
  });
});
