/**
 * The reference forward pass (forward.ts) against real tfjs (cpu backend), layer by layer, on fixed
 * random weights and inputs: both are given the same Keras 2 config (tfjs reads it through
 * modelFromJSON, as it reads a converted model) and the same float32 numbers, so the reference can
 * be trusted where it is later used without tfjs. Where tfjs cannot run a config (GRU
 * reset_after=true, causal Conv1D, groups, the activations tfjs lacks), the reference is checked
 * against an identity or a hand-worked case instead.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVATIONS, erf, forwardFunctional, forwardLayer, forwardLayerOutputs, forwardSequential, tensor,
  type FunctionalConfig, type Tensor, type Weight,
} from './forward.js';
import { rng } from '../helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// ---- fixed random numbers ----

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
/** float32 values, so tfjs and the reference start from the very same numbers. */
const random = (shape: readonly number[], next: () => number, f: (u: number) => number = (u) => u): Weight => ({
  shape,
  data: Float32Array.from({ length: size(shape) }, () => f(next())),
});

// ---- running tfjs ----

type Shape = readonly number[];

/** Keras 2 functional JSON: one input layer per shape, all feeding layer `l`, whose outputs `0..outputs-1` are the model's. */
function oneLayerJson(className: string, config: object, inputs: readonly Shape[], outputs: number): FunctionalConfig & { name: string } {
  const names = inputs.map((_, i) => `in${i}`);
  return {
    name: 'm',
    layers: [
      ...names.map((n, i) => ({
        class_name: 'InputLayer', name: n, inbound_nodes: [],
        config: { batch_input_shape: [null, ...inputs[i]!], dtype: 'float32', sparse: false, name: n },
      })),
      { class_name: className, name: 'l', config: { name: 'l', ...config }, inbound_nodes: [names.map((n) => [n, 0, 0, {}] as const)] },
    ],
    input_layers: names.map((n) => [n, 0, 0] as const),
    output_layers: Array.from({ length: outputs }, (_, k) => ['l', 0, k] as const),
  };
}

const fromJSON = (className: string, config: object) =>
  tf.models.modelFromJSON({ class_name: className, config, keras_version: '2.15.0', backend: 'tensorflow' } as unknown as Parameters<typeof tf.models.modelFromJSON>[0]);
const toTf = (w: Weight | Tensor) => tf.tensor(Float32Array.from(w.data), [...w.shape]);

/** The model's outputs on `inputs` after setting each named layer's weights (Keras order; setWeights checks the shapes). */
function predict(model: tf.LayersModel, weights: Record<string, readonly Weight[]>, inputs: readonly Tensor[]): Tensor[] {
  for (const [name, ws] of Object.entries(weights)) {
    const layer = model.getLayer(name);
    expect(layer.getWeights().map((w) => w.shape), `${name} weight shapes`).toEqual(ws.map((w) => [...w.shape]));
    layer.setWeights(ws.map(toTf));
  }
  const xs = inputs.map(toTf);
  const out = model.predict(xs.length === 1 ? xs[0]! : xs);
  const outs = Array.isArray(out) ? out : [out];
  const result = outs.map((t) => tensor(t.shape, t.dataSync()));
  tf.dispose([...xs, ...outs]);
  return result;
}

/** Largest difference relative to the reference's scale (its largest magnitude, at least 1). */
function expectClose(got: Tensor, want: Tensor, tol = 1e-5): void {
  expect(got.shape).toEqual(want.shape);
  const scale = Math.max(1, ...want.data.map(Math.abs));
  const err = Math.max(0, ...got.data.map((v, i) => Math.abs(v - want.data[i]!)));
  expect(err / scale).toBeLessThan(tol);
}

// ---- one layer against tfjs ----

interface Case {
  className: string;
  config: Record<string, unknown>;
  /** Input shapes without the batch dimension (several for merges). */
  inputs: Shape[];
  /** Keras weight shapes, in Keras order. */
  weights: Shape[];
  /** Indices of weights drawn from [0.5, 1.5] (variances). */
  positive?: number[];
  /** Inputs are integer ids in [0, ids). */
  ids?: number;
  /** Input magnitude (default 1). */
  scale?: number;
  /** Number of outputs (return_state). */
  outputs?: number;
}

async function check(c: Case, seed: number): Promise<void> {
  const next = rng(seed);
  const weights = c.weights.map((s, i) => random(s, next, c.positive?.includes(i) ? (u) => 1 + u / 2 : undefined));
  const scale = c.scale ?? 1;
  const inputs = c.inputs.map((s) => {
    const w = random([2, ...s], next, c.ids ? (u) => Math.floor(((u + 1) / 2) * c.ids!) : (u) => u * scale);
    return tensor(w.shape, w.data);
  });
  const model = await fromJSON('Model', oneLayerJson(c.className, c.config, c.inputs, c.outputs ?? 1));
  try {
    const got = predict(model, { l: weights }, inputs);
    const want = forwardLayerOutputs(c.className, c.config, weights, inputs);
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => expectClose(g, want[i]!));
  } finally {
    model.dispose();
  }
}

const name = (c: Case) => `${c.className} ${JSON.stringify(c.config)}`;
const run = (cases: Case[]) => it.each(cases.map((c, i) => [name(c), c, i] as const))('%s', (_n, c, i) => check(c, 1000 + i));

const DENSE_ACTIVATIONS = ['linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'hard_sigmoid', 'mish'];

describe('core layers and activations', () => {
  run([
    ...DENSE_ACTIVATIONS.map((activation) => ({ className: 'Dense', config: { units: 3, activation }, inputs: [[4]], weights: [[4, 3], [3]], scale: 3 })),
    { className: 'Dense', config: { units: 3, use_bias: false }, inputs: [[4]], weights: [[4, 3]] },
    { className: 'Dense', config: { units: 2, activation: 'relu' }, inputs: [[3, 4]], weights: [[4, 2], [2]] },
    { className: 'Activation', config: { activation: 'softmax' }, inputs: [[3, 4]], weights: [], scale: 3 },
    { className: 'Activation', config: { activation: 'elu' }, inputs: [[3, 4]], weights: [], scale: 3 },
    { className: 'LeakyReLU', config: {}, inputs: [[5]], weights: [] },
    { className: 'LeakyReLU', config: { alpha: 0.1 }, inputs: [[5]], weights: [] },
    { className: 'ReLU', config: { max_value: 0.5 }, inputs: [[6]], weights: [] },
    { className: 'ELU', config: { alpha: 1 }, inputs: [[6]], weights: [], scale: 3 },
    { className: 'ThresholdedReLU', config: { theta: 0.3 }, inputs: [[6]], weights: [] },
    { className: 'Softmax', config: { axis: -1 }, inputs: [[3, 4]], weights: [], scale: 3 },
    { className: 'Dropout', config: { rate: 0.5 }, inputs: [[4]], weights: [] },
    { className: 'Embedding', config: { input_dim: 7, output_dim: 3 }, inputs: [[4]], weights: [[7, 3]], ids: 7 },
    { className: 'Flatten', config: {}, inputs: [[2, 3, 2]], weights: [] },
    { className: 'Reshape', config: { target_shape: [3, -1] }, inputs: [[2, 3, 2]], weights: [] },
    { className: 'RepeatVector', config: { n: 3 }, inputs: [[4]], weights: [] },
  ]);

  it('activations tfjs lacks (exponential, silu, leaky_relu) follow their formulas', () => {
    const x = tensor([1, 5], [-2, -0.5, 0, 0.5, 2]);
    const y = (activation: string) => Array.from(forwardLayer('Activation', { activation }, [], x).data);
    expect(y('exponential')).toEqual([-2, -0.5, 0, 0.5, 2].map(Math.exp));
    expect(y('silu')).toEqual(y('swish'));
    expect(y('silu')[4]).toBeCloseTo(2 / (1 + Math.exp(-2)), 15);
    expect(y('leaky_relu')).toEqual([-0.4, -0.1, 0, 0.5, 2]);
    expect(Object.keys(ACTIVATIONS)).toContain('gelu');
  });

  it('erf (gelu) to double precision, where tfjs is float32 only', () => {
    // erf values from tables (Abramowitz & Stegun / mpmath), one each side of the series/fraction switch.
    const known: [number, number][] = [[0, 0], [0.1, 0.1124629160182849], [0.5, 0.5204998778130465], [1, 0.8427007929497149], [2, 0.9953222650189527],
      [2.4, 0.999311486103355], [2.6, 0.9997639655834707], [3, 0.9999779095030014], [4, 0.9999999845827421]];
    for (const [x, v] of known) {
      expect(Math.abs(erf(x) - v), `erf(${x})`).toBeLessThan(2e-15);
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(erf(10)).toBe(1);
    const gelu = (x: number) => forwardLayer('Activation', { activation: 'gelu' }, [], tensor([1, 1], [x])).data[0]!;
    expect(gelu(1)).toBeCloseTo(0.8413447460685429, 15); // x·Φ(x) at 1
    expect(gelu(-3)).toBeCloseTo(-0.00404969409489031, 15);
  });
});

describe('convolutions', () => {
  run([
    { className: 'Conv1D', config: { filters: 2, kernel_size: 3 }, inputs: [[7, 3]], weights: [[3, 3, 2], [2]] },
    // 7 steps, stride 2 → 4 outputs; 'same' pads 1 step, after the data.
    { className: 'Conv1D', config: { filters: 2, kernel_size: 2, strides: 2, padding: 'same' }, inputs: [[7, 3]], weights: [[2, 3, 2], [2]] },
    { className: 'Conv1D', config: { filters: 2, kernel_size: 3, dilation_rate: 2, padding: 'same', activation: 'relu' }, inputs: [[7, 3]], weights: [[3, 3, 2], [2]] },
    { className: 'Conv1D', config: { filters: 2, kernel_size: 3, strides: 2, use_bias: false }, inputs: [[7, 3]], weights: [[3, 3, 2]] },
    { className: 'Conv2D', config: { filters: 4, kernel_size: 3 }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 4], [4]] },
    { className: 'Conv2D', config: { filters: 2, kernel_size: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [[2, 2, 3, 2], [2]] },
    { className: 'Conv2D', config: { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2], [2]] },
    { className: 'Conv2D', config: { filters: 2, kernel_size: [2, 3], strides: [1, 2], padding: 'same' }, inputs: [[5, 6, 3]], weights: [[2, 3, 3, 2], [2]] },
    { className: 'Conv2D', config: { filters: 2, kernel_size: 3, dilation_rate: [2, 1], padding: 'same' }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2], [2]] },
    { className: 'Conv2D', config: { filters: 2, kernel_size: 3, strides: 2, use_bias: false, activation: 'tanh' }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2]] },
    { className: 'DepthwiseConv2D', config: { kernel_size: 3, depth_multiplier: 2 }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2], [6]] },
    { className: 'DepthwiseConv2D', config: { kernel_size: 2, strides: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [[2, 2, 3, 1], [3]] },
    { className: 'DepthwiseConv2D', config: { kernel_size: 3, depth_multiplier: 2, padding: 'same', use_bias: false }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2]] },
    { className: 'SeparableConv2D', config: { filters: 4, kernel_size: 3, depth_multiplier: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 2], [1, 1, 6, 4], [4]] },
    { className: 'SeparableConv2D', config: { filters: 2, kernel_size: 2, strides: 2, activation: 'relu' }, inputs: [[5, 6, 3]], weights: [[2, 2, 3, 1], [1, 1, 3, 2], [2]] },
    { className: 'SeparableConv2D', config: { filters: 2, kernel_size: 3, dilation_rate: 2, padding: 'same', use_bias: false }, inputs: [[5, 6, 3]], weights: [[3, 3, 3, 1], [1, 1, 3, 2]] },
    { className: 'Conv2DTranspose', config: { filters: 2, kernel_size: 3, strides: 2 }, inputs: [[3, 4, 3]], weights: [[3, 3, 2, 3], [2]] },
    { className: 'Conv2DTranspose', config: { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, inputs: [[3, 4, 3]], weights: [[3, 3, 2, 3], [2]] },
    { className: 'Conv2DTranspose', config: { filters: 2, kernel_size: 4, strides: 2, padding: 'same' }, inputs: [[3, 4, 3]], weights: [[4, 4, 2, 3], [2]] },
    { className: 'Conv2DTranspose', config: { filters: 2, kernel_size: 2, padding: 'same' }, inputs: [[3, 4, 3]], weights: [[2, 2, 2, 3], [2]] },
    // kernel smaller than the stride: Keras still gives in·s rows, the last ones bias only.
    { className: 'Conv2DTranspose', config: { filters: 2, kernel_size: 2, strides: 3 }, inputs: [[3, 4, 3]], weights: [[2, 2, 2, 3], [2]] },
    { className: 'Conv2DTranspose', config: { filters: 3, kernel_size: [3, 2], strides: [2, 1], padding: 'same', use_bias: false }, inputs: [[3, 4, 2]], weights: [[3, 2, 3, 2]] },
  ]);

  it('dilated DepthwiseConv2D (the tfjs layer drops dilation_rate) matches the tf.depthwiseConv2d op', () => {
    const next = rng(9);
    const x = random([2, 6, 7, 3], next);
    const k = random([3, 3, 3, 2], next);
    const b = random([6], next);
    const got = tf.tidy(() => tf.add(tf.depthwiseConv2d(toTf(x) as tf.Tensor4D, toTf(k) as tf.Tensor4D, 1, 'same', 'NHWC', [2, 1]), toTf(b)));
    const want = forwardLayer('DepthwiseConv2D', { kernel_size: 3, depth_multiplier: 2, dilation_rate: [2, 1], padding: 'same' }, [k, b], tensor(x.shape, x.data));
    expectClose(tensor(got.shape, got.dataSync()), want);
    got.dispose();
  });

  it('causal Conv1D (tfjs fails at predict) is a valid convolution of the input left-padded by (k − 1)·d zeros', () => {
    const next = rng(7);
    const x = random([2, 6, 3], next);
    const w = [random([3, 3, 2], next), random([2], next)];
    const got = forwardLayer('Conv1D', { filters: 2, kernel_size: 3, dilation_rate: 2, padding: 'causal' }, w, tensor(x.shape, x.data));
    // Pad 4 zero steps before each sample through ZeroPadding2D on a (b, 1, T, c) view.
    const padded = forwardLayer('ZeroPadding2D', { padding: [[0, 0], [4, 0]] }, [], tensor([2, 1, 6, 3], x.data));
    const want = forwardLayer('Conv1D', { filters: 2, kernel_size: 3, dilation_rate: 2 }, w, tensor([2, 10, 3], padded.data));
    expect(got.shape).toEqual([2, 6, 2]);
    expectClose(got, want, 1e-14);
  });

  it('grouped Conv2D (tfjs ignores groups) is one convolution per channel group, concatenated', () => {
    const next = rng(8);
    const x = random([2, 4, 5, 4], next);
    const k = random([3, 3, 2, 6], next); // 2 groups: in channels 2 per group, out channels 3 per group
    const b = random([6], next);
    const got = forwardLayer('Conv2D', { filters: 6, kernel_size: 3, groups: 2, padding: 'same' }, [k, b], tensor(x.shape, x.data));
    const slice = (t: Weight, from: number, n: number) => {
      const last = t.shape[t.shape.length - 1]!;
      const data = Array.from(t.data).filter((_, i) => i % last >= from && i % last < from + n);
      return tensor([...t.shape.slice(0, -1), n], data);
    };
    const half = (g: number) =>
      forwardLayer('Conv2D', { filters: 3, kernel_size: 3, padding: 'same' }, [slice(k, 3 * g, 3), slice(b, 3 * g, 3)], slice(x, 2 * g, 2));
    expectClose(got, forwardLayer('Concatenate', { axis: -1 }, [], [half(0), half(1)]), 1e-14);
  });
});

describe('normalization, pooling, reshaping and merging', () => {
  run([
    { className: 'BatchNormalization', config: {}, inputs: [[4]], weights: [[4], [4], [4], [4]], positive: [3], scale: 3 },
    { className: 'BatchNormalization', config: { axis: -1, epsilon: 0.1 }, inputs: [[3, 4, 2]], weights: [[2], [2], [2], [2]], positive: [3] },
    { className: 'BatchNormalization', config: { scale: false }, inputs: [[3, 2]], weights: [[2], [2], [2]], positive: [2] },
    { className: 'BatchNormalization', config: { center: false }, inputs: [[3, 2]], weights: [[2], [2], [2]], positive: [2] },
    { className: 'LayerNormalization', config: { axis: -1 }, inputs: [[3, 5]], weights: [[5], [5]] },
    { className: 'LayerNormalization', config: { axis: [2], epsilon: 0.01, center: false }, inputs: [[3, 5]], weights: [[5]] },
    { className: 'LayerNormalization', config: { scale: false }, inputs: [[5]], weights: [[5]] },
    { className: 'MaxPooling2D', config: {}, inputs: [[5, 6, 3]], weights: [] },
    { className: 'MaxPooling2D', config: { pool_size: 3, strides: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [] },
    { className: 'AveragePooling2D', config: { pool_size: 3, strides: 2, padding: 'same' }, inputs: [[5, 6, 3]], weights: [] },
    { className: 'AveragePooling2D', config: { pool_size: [2, 3], strides: [1, 2] }, inputs: [[5, 6, 3]], weights: [] },
    { className: 'MaxPooling1D', config: { pool_size: 3, strides: 2, padding: 'same' }, inputs: [[7, 3]], weights: [] },
    { className: 'AveragePooling1D', config: { pool_size: 3, strides: 2, padding: 'same' }, inputs: [[7, 3]], weights: [] },
    { className: 'AveragePooling1D', config: {}, inputs: [[7, 3]], weights: [] },
    { className: 'GlobalAveragePooling1D', config: {}, inputs: [[7, 3]], weights: [] },
    { className: 'GlobalAveragePooling2D', config: {}, inputs: [[5, 6, 3]], weights: [] },
    { className: 'GlobalMaxPooling1D', config: {}, inputs: [[7, 3]], weights: [] },
    { className: 'GlobalMaxPooling2D', config: {}, inputs: [[5, 6, 3]], weights: [] },
    { className: 'ZeroPadding2D', config: { padding: [[1, 0], [2, 1]] }, inputs: [[3, 4, 2]], weights: [] },
    { className: 'ZeroPadding2D', config: { padding: 1 }, inputs: [[3, 4, 2]], weights: [] },
    { className: 'Cropping2D', config: { cropping: [[1, 0], [0, 2]] }, inputs: [[4, 5, 2]], weights: [] },
    { className: 'UpSampling2D', config: { size: [2, 3] }, inputs: [[2, 3, 2]], weights: [] },
    { className: 'Add', config: {}, inputs: [[3, 4], [3, 4], [3, 4]], weights: [] },
    { className: 'Multiply', config: {}, inputs: [[3, 4], [3, 4], [3, 4]], weights: [] },
    { className: 'Average', config: {}, inputs: [[3, 4], [3, 4], [3, 4]], weights: [] },
    { className: 'Maximum', config: {}, inputs: [[3, 4], [3, 4], [3, 4]], weights: [] },
    { className: 'Minimum', config: {}, inputs: [[3, 4], [3, 4]], weights: [] },
    { className: 'Concatenate', config: { axis: -1 }, inputs: [[3, 4], [3, 2]], weights: [] },
    { className: 'Concatenate', config: { axis: 1 }, inputs: [[2, 4], [3, 4]], weights: [] },
  ]);

  it('BatchNormalization on a middle axis and Subtract (tfjs gets the first wrong, lacks the second) match broadcasting tf ops', () => {
    // tfjs 4.22's cpu batchNorm cycles the statistics over the flat index, i.e. along the last
    // axis, so its BatchNormalization layer is wrong for any axis but the last.
    const next = rng(10);
    const x = random([2, 3, 4], next);
    const [gamma, beta, mean] = [random([3], next), random([3], next), random([3], next)];
    const variance = random([3], next, (u) => 1 + u / 2);
    const col = (w: Weight) => toTf(w).reshape([1, 3, 1]);
    const bn = tf.tidy(() => tf.add(tf.mul(tf.div(tf.sub(toTf(x), col(mean)), tf.sqrt(tf.add(col(variance), 1e-3))), col(gamma)), col(beta)));
    const xt = tensor(x.shape, x.data);
    expectClose(tensor(bn.shape, bn.dataSync()), forwardLayer('BatchNormalization', { axis: 1 }, [gamma, beta, mean, variance], xt));
    const y = random([2, 3, 4], next);
    const diff = tf.tidy(() => tf.sub(toTf(x), toTf(y)));
    expectClose(tensor(diff.shape, diff.dataSync()), forwardLayer('Subtract', {}, [], [xt, tensor(y.shape, y.data)]));
    tf.dispose([bn, diff]);
  });

  it('global pooling keepdims (tfjs ignores it) keeps the pooled axes as 1s', () => {
    const x = tensor([2, 2, 3, 2], Array.from({ length: 24 }, (_, i) => i));
    const y = forwardLayer('GlobalAveragePooling2D', { keepdims: true }, [], x);
    expect(y.shape).toEqual([2, 1, 1, 2]);
    expect(Array.from(y.data)).toEqual([5, 6, 17, 18]);
  });
});

const RNN = { inputs: [[5, 3]] as Shape[] };
const simpleW: Shape[] = [[3, 4], [4, 4], [4]];
const lstmW: Shape[] = [[3, 16], [4, 16], [16]];
const gruW: Shape[] = [[3, 12], [4, 12], [12]];
const lstm = (more: object) => ({ units: 4, recurrent_activation: 'sigmoid', ...more });
const gru = (more: object) => ({ units: 4, recurrent_activation: 'sigmoid', reset_after: false, ...more });

describe('recurrent layers and wrappers', () => {
  run([
    { className: 'SimpleRNN', config: { units: 4 }, ...RNN, weights: simpleW },
    { className: 'SimpleRNN', config: { units: 4, return_sequences: true }, ...RNN, weights: simpleW },
    { className: 'SimpleRNN', config: { units: 4, return_sequences: true, go_backwards: true }, ...RNN, weights: simpleW },
    { className: 'SimpleRNN', config: { units: 4, activation: 'relu', use_bias: false }, ...RNN, weights: [[3, 4], [4, 4]] },
    { className: 'SimpleRNN', config: { units: 4, return_state: true }, ...RNN, weights: simpleW, outputs: 2 },
    { className: 'LSTM', config: lstm({}), ...RNN, weights: lstmW },
    { className: 'LSTM', config: lstm({ recurrent_activation: 'hard_sigmoid' }), ...RNN, weights: lstmW, scale: 3 },
    { className: 'LSTM', config: lstm({ return_sequences: true, go_backwards: true }), ...RNN, weights: lstmW },
    { className: 'LSTM', config: lstm({ return_sequences: true, return_state: true }), ...RNN, weights: lstmW, outputs: 3 },
    { className: 'LSTM', config: lstm({ use_bias: false, activation: 'relu' }), ...RNN, weights: [[3, 16], [4, 16]] },
    { className: 'GRU', config: gru({}), ...RNN, weights: gruW },
    { className: 'GRU', config: gru({ recurrent_activation: 'hard_sigmoid', return_sequences: true }), ...RNN, weights: gruW, scale: 3 },
    { className: 'GRU', config: gru({ go_backwards: true }), ...RNN, weights: gruW },
    { className: 'GRU', config: gru({ return_state: true, return_sequences: true }), ...RNN, weights: gruW, outputs: 2 },
    { className: 'GRU', config: gru({ use_bias: false }), ...RNN, weights: [[3, 12], [4, 12]] },
    { className: 'Bidirectional', config: { layer: { class_name: 'LSTM', config: lstm({ return_sequences: true }) } }, ...RNN, weights: [...lstmW, ...lstmW] },
    { className: 'Bidirectional', config: { layer: { class_name: 'GRU', config: gru({}) }, merge_mode: 'sum' }, ...RNN, weights: [...gruW, ...gruW] },
    { className: 'Bidirectional', config: { layer: { class_name: 'SimpleRNN', config: { units: 4, return_sequences: true } }, merge_mode: 'ave' }, ...RNN, weights: [...simpleW, ...simpleW] },
    { className: 'Bidirectional', config: { layer: { class_name: 'LSTM', config: lstm({ return_sequences: true }) }, merge_mode: 'mul' }, ...RNN, weights: [...lstmW, ...lstmW] },
    { className: 'TimeDistributed', config: { layer: { class_name: 'Dense', config: { units: 2, activation: 'tanh' } } }, inputs: [[3, 4]], weights: [[4, 2], [2]] },
    { className: 'TimeDistributed', config: { layer: { class_name: 'Conv2D', config: { filters: 2, kernel_size: 3, padding: 'same' } } }, inputs: [[2, 4, 4, 3]], weights: [[3, 3, 3, 2], [2]] },
  ]);

  it('Bidirectional with merge_mode null returns both directions, and return_state adds each direction\'s states', () => {
    const next = rng(11);
    const w = [...lstmW, ...lstmW].map((s) => random(s, next));
    const x = random([2, 5, 3], next);
    const xt = tensor(x.shape, x.data);
    const layer = { class_name: 'LSTM', config: lstm({ return_sequences: true }) };
    const [fwd, bwd] = forwardLayerOutputs('Bidirectional', { layer, merge_mode: null }, w, xt);
    expectClose(fwd!, forwardLayer('LSTM', layer.config, w.slice(0, 3), xt), 1e-15);
    const back = forwardLayer('LSTM', { ...layer.config, go_backwards: true }, w.slice(3), xt);
    // The backward output comes back in input order: its first step is the backward layer's last.
    expect(Array.from(bwd!.data.slice(0, 4))).toEqual(Array.from(back.data.slice(16, 20)));
    const concat = forwardLayer('Bidirectional', { layer }, w, xt);
    expectClose(concat, forwardLayer('Concatenate', { axis: -1 }, [], [fwd!, bwd!]), 1e-15);
    const withState = forwardLayerOutputs('Bidirectional', { layer: { class_name: 'LSTM', config: lstm({ return_state: true }) } }, w, xt);
    expect(withState.map((t) => t.shape)).toEqual([[2, 8], [2, 4], [2, 4], [2, 4], [2, 4]]);
    expectClose(withState[3]!, tensor([2, 4], back.data.filter((_, i) => i % 20 >= 16)), 1e-15);
  });
});

describe('GRU reset_after=true (tfjs 4.22 refuses it)', () => {
  it('matches tfjs reset_after=false when the candidate recurrent kernel is diagonal and its recurrent bias zero', async () => {
    // Then r ⊙ (h·U_h) = (r ⊙ h)·U_h, so the two forms agree with bias_false = b_in + b_rec for z, r and b_in for h.
    const u = 4;
    const next = rng(12);
    const kernel = random([3, 3 * u], next);
    const rec = random([u, 3 * u], next);
    const recData = Float32Array.from(rec.data, (v, i) => (i % (3 * u) >= 2 * u && i % (3 * u) - 2 * u !== Math.floor(i / (3 * u)) ? 0 : v));
    const bias2 = random([2, 3 * u], next);
    const b2 = Float32Array.from(bias2.data, (v, i) => (i >= 5 * u ? 0 : v));
    const b1 = Float32Array.from({ length: 3 * u }, (_, j) => (j < 2 * u ? Math.fround(b2[j]! + b2[3 * u + j]!) : b2[j]!));
    const x = random([2, 5, 3], next);
    const xt = tensor(x.shape, x.data);
    const recW = { shape: rec.shape, data: recData };
    const want = forwardLayer('GRU', gru({ reset_after: true, return_sequences: true }), [kernel, recW, { shape: [2, 3 * u], data: b2 }], xt);
    const model = await fromJSON('Model', oneLayerJson('GRU', gru({ return_sequences: true }), [[5, 3]], 1));
    const [got] = predict(model, { l: [kernel, recW, { shape: [3 * u], data: b1 }] }, [xt]);
    model.dispose();
    expectClose(got!, want);
    // And the bias's rank picks the mode when the config does not say.
    const implicit = forwardLayer('GRU', { units: u, return_sequences: true }, [kernel, recW, { shape: [2, 3 * u], data: b2 }], xt);
    expect(Array.from(implicit.data)).toEqual(Array.from(want.data));
  });

  it('a hand-worked case: 1 unit, 1 input, 2 steps, with a recurrent bias on the candidate', () => {
    // kernel [wz, wr, wh] = [0, 0, 1]; recurrent_kernel [uz, ur, uh] = [0, 0, 2];
    // bias row 0 (input) = [ln 3, 0, 0]; row 1 (recurrent) = [0, ln 3, 2]; x = [1, -1]; tanh / sigmoid.
    // Every step: z = σ(ln 3) = 3/4 (so z, 1 − z cannot be confused), r = σ(ln 3) = 3/4.
    // Step 1 (h0 = 0): h~ = tanh(1·1 + r·(0·2 + 2)) = tanh(2.5) = 0.98661429815143;
    //   h1 = z·0 + (1 − z)·h~ = 0.246653574537858.
    // Step 2: h~ = tanh(−1 + r·(2·h1 + 2)) = tanh(0.869980361806786) = 0.701364153139053;
    //   h2 = z·h1 + (1 − z)·h~ = 0.360331219188157.
    // (reset_after=false would give h~ = tanh(1 + 2 + (r·0)·2) = tanh(3) at step 1 instead.)
    const h1 = 0.25 * Math.tanh(2.5);
    const h2 = 0.75 * h1 + 0.25 * Math.tanh(-1 + 0.75 * (2 * h1 + 2));
    expect(h1).toBeCloseTo(0.246653574537858, 14);
    expect(h2).toBeCloseTo(0.360331219188157, 14);
    const w = (shape: number[], data: number[]): Weight => ({ shape, data: Float64Array.from(data) });
    const weights = [w([1, 3], [0, 0, 1]), w([1, 3], [0, 0, 2]), w([2, 3], [Math.log(3), 0, 0, 0, Math.log(3), 2])];
    const y = forwardLayer('GRU', { units: 1, reset_after: true, return_sequences: true }, weights, tensor([1, 2, 1], [1, -1]));
    expect(y.shape).toEqual([1, 2, 1]);
    expect(y.data[0]).toBeCloseTo(h1, 15);
    expect(y.data[1]).toBeCloseTo(h2, 15);
  });
});

describe('models', () => {
  it('forwardSequential matches a tfjs Sequential model', async () => {
    const layers = [
      { className: 'Conv2D', config: { name: 'c', filters: 4, kernel_size: 3, padding: 'same', activation: 'relu', batch_input_shape: [null, 6, 6, 2] }, shapes: [[3, 3, 2, 4], [4]] },
      { className: 'BatchNormalization', config: { name: 'bn' }, shapes: [[4], [4], [4], [4]] },
      { className: 'MaxPooling2D', config: { name: 'p' }, shapes: [] },
      { className: 'Flatten', config: { name: 'f' }, shapes: [] },
      { className: 'Dense', config: { name: 'd', units: 3, activation: 'softmax' }, shapes: [[36, 3], [3]] },
    ];
    const next = rng(21);
    const calls = layers.map((l) => ({ ...l, weights: l.shapes.map((s, i) => random(s, next, l.className === 'BatchNormalization' && i === 3 ? (v) => 1 + v / 2 : undefined)) }));
    const x = random([2, 6, 6, 2], next);
    const model = await fromJSON('Sequential', { name: 'm', layers: layers.map((l) => ({ class_name: l.className, config: l.config })) });
    const [got] = predict(model, Object.fromEntries(calls.map((l) => [l.config.name, l.weights])), [tensor(x.shape, x.data)]);
    model.dispose();
    expectClose(got!, forwardSequential(calls, tensor(x.shape, x.data)));
  });

  it('forwardFunctional matches a tfjs functional model with two inputs, two outputs and a shared layer', async () => {
    const input = (name: string) => ({ class_name: 'InputLayer', name, inbound_nodes: [], config: { name, batch_input_shape: [null, 4], dtype: 'float32', sparse: false } });
    const layer = (class_name: string, name: string, config: object, inbound: string[][]) => ({
      class_name, name, config: { name, ...config }, inbound_nodes: inbound.map((refs) => refs.map((r) => { const [n, node] = r.split('@'); return [n!, Number(node ?? 0), 0, {}] as const; })),
    });
    const config: FunctionalConfig & { name: string } = {
      name: 'm',
      layers: [
        input('a'), input('b'),
        layer('Dense', 'da', { units: 3, activation: 'relu' }, [['a']]),
        layer('Dense', 'db', { units: 3 }, [['b']]),
        layer('Dense', 'shared', { units: 3, activation: 'tanh' }, [['da'], ['db']]),
        layer('Add', 'add', {}, [['shared@0', 'shared@1']]),
        layer('Concatenate', 'cat', { axis: -1 }, [['add', 'da']]),
        layer('Dense', 'out', { units: 2, activation: 'softmax' }, [['cat']]),
      ],
      input_layers: [['a', 0, 0], ['b', 0, 0]],
      output_layers: [['out', 0, 0], ['add', 0, 0]],
    };
    const next = rng(22);
    const weights: Record<string, Weight[]> = {
      da: [random([4, 3], next), random([3], next)],
      db: [random([4, 3], next), random([3], next)],
      shared: [random([3, 3], next), random([3], next)],
      out: [random([6, 2], next), random([2], next)],
    };
    const inputs = [random([2, 4], next), random([2, 4], next)].map((w) => tensor(w.shape, w.data));
    const model = await fromJSON('Model', config);
    const got = predict(model, weights, inputs);
    model.dispose();
    const want = forwardFunctional(config, (n) => weights[n] ?? [], inputs);
    expect(got.length).toBe(2);
    got.forEach((g, i) => expectClose(g, want[i]!));
  });
});
