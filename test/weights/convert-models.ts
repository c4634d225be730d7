/**
 * Small trained models for the converter tests (convert.test.ts): each as the Keras 2 (tf.keras)
 * config, the Keras 3 config of the same model, its weight arrays with Keras's exact shapes
 * (fixed pseudo-random float32, moving variances positive), the names tfjs gives those arrays, a
 * fixed input, and the reference output computed by forward.ts (plain JS, no tfjs, nothing from src/).
 */
import { forwardFunctional, forwardSequential, tensor, type FunctionalConfig, type LayerCall, type Tensor as RefTensor } from './forward.js';
import type { ModelConfig, Tensor, Weights } from './keras-save.js';
import { rng } from '../helpers.js';

// ---- numbers ----

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** A float32 array of `shape`; `f` maps each uniform [-1, 1) number. */
export function randomTensor(shape: readonly number[], seed: number, f: (u: number) => number = (u) => u): Tensor {
  const next = rng(seed);
  return { shape: [...shape], data: Float32Array.from({ length: sizeOf(shape) }, () => f(next())) };
}

/** Kernel-like values, scaled by 1/√fan_in so activations stay in range. */
const kernel = (shape: readonly number[], seed: number, fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1)) => randomTensor(shape, seed, (u) => (1.5 * u) / Math.sqrt(fanIn));
const vector = (shape: readonly number[], seed: number, scale = 0.5) => randomTensor(shape, seed, (u) => u * scale);
/** BatchNormalization's four arrays: gamma, beta, moving_mean, moving_variance (> 0). */
const bn = (n: number, seed: number): Tensor[] => [randomTensor([n], seed, (u) => 1 + 0.5 * u), vector([n], seed + 1), vector([n], seed + 2), randomTensor([n], seed + 3, (u) => 0.5 + 0.4 * (u + 1))];
const denseW = (i: number, o: number, seed: number): Tensor[] => [kernel([i, o], seed), vector([o], seed + 1)];

// ---- configs ----

type Json = Record<string, unknown>;
const POLICY = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };

/** A Keras 2 layer entry. */
const k2 = (class_name: string, name: string, config: Json = {}): Json => ({ class_name, config: { name, trainable: true, dtype: 'float32', ...config } });
/** A Keras 3 layer entry (module, DTypePolicy, registered_name). */
const k3 = (class_name: string, name: string, config: Json = {}): Json => ({ module: 'keras.layers', class_name, config: { name, trainable: true, dtype: POLICY, ...config }, registered_name: null });
const k2Input = (name: string, shape: readonly number[], dtype = 'float32') => ({ class_name: 'InputLayer', config: { batch_input_shape: [null, ...shape], dtype, sparse: false, ragged: false, name } });
const k3Input = (name: string, shape: readonly number[], dtype = 'float32') => ({ module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, ...shape], dtype, sparse: false, name }, registered_name: null });

/** A layer as both dialects write it; `k3` defaults to the Keras 2 config. */
interface LayerDef {
  readonly cls: string;
  readonly name: string;
  readonly k2: Json;
  readonly k3?: Json;
}
const L = (cls: string, name: string, k2cfg: Json = {}, k3cfg: Json = k2cfg): LayerDef => ({ cls, name, k2: k2cfg, k3: k3cfg });

export const seq2 = (name: string, input: readonly number[], layers: readonly LayerDef[], inputDtype = 'float32'): ModelConfig => ({
  class_name: 'Sequential',
  config: { name, layers: [k2Input(`${name}_input`, input, inputDtype), ...layers.map((l) => k2(l.cls, l.name, l.k2))] },
});
export const seq3 = (name: string, input: readonly number[], layers: readonly LayerDef[], inputDtype = 'float32'): ModelConfig => ({
  class_name: 'Sequential',
  config: { name, trainable: true, dtype: POLICY, layers: [k3Input('input_layer', input, inputDtype), ...layers.map((l) => k3(l.cls, l.name, l.k3 ?? l.k2))] },
});

/**
 * Keras 2.2.4's own Sequential config: no InputLayer entry, `batch_input_shape` on the first layer
 * (what `model.to_json()` gave before tf.keras), from a tf.keras-style one.
 */
export function keras224Sequential(c: ModelConfig, edit: (layer: Json) => Json = (l) => l): ModelConfig {
  const cfg = c.config as { name: string; layers: Json[] };
  const [input, first, ...rest] = cfg.layers as [Json & { config: Json }, Json & { config: Json }, ...Json[]];
  const shape = input.config.batch_input_shape;
  return { class_name: 'Sequential', config: { name: cfg.name, layers: [{ ...first, config: { ...first.config, batch_input_shape: shape } }, ...rest].map(edit) } };
}

// ---- the cases ----

export type Format =
  /** `model.save("x.h5")`, Keras 2.2.4 (standalone Keras). */
  | 'h5 2.2.4'
  /** `model.save("x.h5")`, tf.keras 2.15. */
  | 'h5 2.15.0'
  /** `model.save("x.h5")`, Keras 3.9.2 (legacy HDF5). */
  | 'h5 3.9.2'
  /** `model.save("x.keras")`, Keras 3.9.2. */
  | 'keras 3.9.2'
  /** `model.save("x.keras")`, tf.keras 2.13 on Windows. */
  | 'keras tf2.13 windows'
  /** `model.save_weights("x.h5")`, tf.keras 2.15, with the Keras 2 config beside it. */
  | 'weights.h5 2.15.0 + config'
  /** `model.save_weights("x.weights.h5")`, Keras 3.9.2, with the Keras 3 config beside it. */
  | 'weights.h5 3.9.2 + config';

export const ALL_FORMATS: readonly Format[] = ['h5 2.2.4', 'h5 2.15.0', 'h5 3.9.2', 'keras 3.9.2', 'keras tf2.13 windows', 'weights.h5 2.15.0 + config', 'weights.h5 3.9.2 + config'];

export interface ModelCase {
  readonly name: string;
  /** tf.keras 2.x config (also written by tf.keras 2.13's .keras saver). */
  readonly keras2: ModelConfig;
  /** What Keras 2.2.4 wrote for the same model (default: `keras2`). */
  readonly keras224?: ModelConfig;
  readonly keras3: ModelConfig;
  readonly weights: Weights;
  /** Each saved layer's weights as tfjs names them, in Keras order. */
  readonly tfjsNames: Readonly<Record<string, readonly string[]>>;
  /** The same for the Keras 3 config, where they differ (default: `tfjsNames`). */
  readonly tfjsNames3?: Readonly<Record<string, readonly string[]>>;
  readonly input: { readonly shape: readonly number[]; readonly data: Float32Array };
  /** The output forward.ts computes. */
  reference(): RefTensor;
  readonly formats: readonly Format[];
}

/** Sequential reference from the Keras 2 config's layers (InputLayer left out). */
function sequentialReference(c: ModelConfig, weights: Weights, input: ModelCase['input']): RefTensor {
  const layers = ((c.config as { layers: { class_name: string; config: Json }[] }).layers)
    .filter((l) => l.class_name !== 'InputLayer')
    .map((l): LayerCall => ({ className: l.class_name, config: l.config, weights: weights.get(l.config.name as string) ?? [] }));
  return forwardSequential(layers, tensor(input.shape, input.data));
}

const inputOf = (shape: readonly number[], seed: number, f?: (u: number) => number) => {
  const t = randomTensor(shape, seed, f);
  return { shape: t.shape, data: t.data };
};

function sequentialCase(o: { name: string; modelName?: string; input: readonly number[]; batchInput: ModelCase['input']; layers: LayerDef[]; weights: Weights; tfjsNames: ModelCase['tfjsNames']; tfjsNames3?: ModelCase['tfjsNames']; formats?: readonly Format[]; keras224?: (c: ModelConfig) => ModelConfig; inputDtype?: string }): ModelCase {
  const modelName = o.modelName ?? 'sequential';
  const keras2 = seq2(modelName, o.input, o.layers, o.inputDtype);
  return {
    name: o.name,
    keras2,
    keras224: (o.keras224 ?? ((c) => keras224Sequential(c)))(keras2),
    keras3: seq3(modelName, o.input, o.layers, o.inputDtype),
    weights: o.weights,
    tfjsNames: o.tfjsNames,
    ...(o.tfjsNames3 && { tfjsNames3: o.tfjsNames3 }),
    input: o.batchInput,
    reference: () => sequentialReference(keras2, o.weights, o.batchInput),
    formats: o.formats ?? ALL_FORMATS,
  };
}

const lstmW = (d: number, u: number, seed: number): Tensor[] => [kernel([d, 4 * u], seed), kernel([u, 4 * u], seed + 1), vector([4 * u], seed + 2)];
const rnnNames = (layer: string) => [`${layer}/kernel`, `${layer}/recurrent_kernel`, `${layer}/bias`];

const RNN_K2 = { activation: 'tanh', recurrent_activation: 'sigmoid', use_bias: true, return_state: false, go_backwards: false, stateful: false, unroll: false };

export const MLP = sequentialCase({
  name: '(a) Dense MLP, relu and softmax',
  input: [6],
  batchInput: inputOf([3, 6], 101),
  layers: [L('Dense', 'dense', { units: 8, activation: 'relu', use_bias: true }), L('Dense', 'dense_1', { units: 4, activation: 'softmax', use_bias: true })],
  weights: new Map([['dense', denseW(6, 8, 1)], ['dense_1', denseW(8, 4, 3)]]),
  tfjsNames: { dense: ['dense/kernel', 'dense/bias'], dense_1: ['dense_1/kernel', 'dense_1/bias'] },
});

export const CNN = sequentialCase({
  name: '(b) Conv2D → BatchNormalization → MaxPooling2D → Flatten → Dense',
  input: [8, 8, 2],
  batchInput: inputOf([2, 8, 8, 2], 102),
  layers: [
    L('Conv2D', 'conv2d', { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], activation: 'relu', use_bias: true }),
    L('BatchNormalization', 'batch_normalization', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true }, { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true }),
    L('MaxPooling2D', 'max_pooling2d', { pool_size: [2, 2], strides: [2, 2], padding: 'valid', data_format: 'channels_last' }),
    L('Flatten', 'flatten', { data_format: 'channels_last' }),
    L('Dense', 'dense', { units: 3, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([
    ['conv2d', [kernel([3, 3, 2, 4], 11), vector([4], 12)]],
    ['batch_normalization', bn(4, 13)],
    ['dense', denseW(36, 3, 17)],
  ]),
  tfjsNames: {
    conv2d: ['conv2d/kernel', 'conv2d/bias'],
    batch_normalization: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `batch_normalization/${w}`),
    dense: ['dense/kernel', 'dense/bias'],
  },
});

export const STACKED_LSTM = sequentialCase({
  name: '(c) LSTM(return_sequences) → LSTM → Dense',
  input: [4, 3],
  batchInput: inputOf([2, 4, 3], 103),
  layers: [
    L('LSTM', 'lstm', { units: 5, return_sequences: true, unit_forget_bias: true, ...RNN_K2 }),
    L('LSTM', 'lstm_1', { units: 4, return_sequences: false, unit_forget_bias: true, ...RNN_K2 }),
    L('Dense', 'dense', { units: 2, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([['lstm', lstmW(3, 5, 21)], ['lstm_1', lstmW(5, 4, 24)], ['dense', denseW(4, 2, 27)]]),
  tfjsNames: { lstm: rnnNames('lstm'), lstm_1: rnnNames('lstm_1'), dense: ['dense/kernel', 'dense/bias'] },
});

const gruW = (d: number, u: number, resetAfter: boolean, seed: number): Tensor[] => [kernel([d, 3 * u], seed), kernel([u, 3 * u], seed + 1), vector(resetAfter ? [2, 3 * u] : [3 * u], seed + 2)];

/**
 * (d) GRU reset_after=false. Keras 2.2.4's config lacks the key here (as Keras ≤ 2.1.2's had no
 * such argument): read with the file's keras_version 2.2.4 it means false.
 */
export const GRU_V1 = sequentialCase({
  name: '(d) GRU reset_after=false',
  input: [4, 3],
  batchInput: inputOf([2, 4, 3], 104),
  layers: [
    L('GRU', 'gru', { units: 3, ...RNN_K2, return_sequences: false, reset_after: false }),
    L('Dense', 'dense', { units: 2, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([['gru', gruW(3, 3, false, 31)], ['dense', denseW(3, 2, 34)]]),
  tfjsNames: { gru: rnnNames('gru'), dense: ['dense/kernel', 'dense/bias'] },
  keras224: (c) =>
    keras224Sequential(c, (l) => {
      if (l.class_name !== 'GRU') return l;
      const { reset_after: _, ...config } = l.config as Json;
      return { ...l, config };
    }),
});

/** (e) GRU reset_after=true: bias (2, 3u), run by kspec's runtime GRU. */
export const GRU_V3 = sequentialCase({
  name: '(e) GRU reset_after=true',
  input: [4, 3],
  batchInput: inputOf([2, 4, 3], 105),
  layers: [
    L('GRU', 'gru', { units: 3, ...RNN_K2, return_sequences: true, reset_after: true }),
    L('GRU', 'gru_1', { units: 2, ...RNN_K2, return_sequences: false, reset_after: true }),
    L('Dense', 'dense', { units: 2, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([['gru', gruW(3, 3, true, 41)], ['gru_1', gruW(3, 2, true, 44)], ['dense', denseW(2, 2, 47)]]),
  tfjsNames: { gru: rnnNames('gru'), gru_1: rnnNames('gru_1'), dense: ['dense/kernel', 'dense/bias'] },
  formats: ALL_FORMATS.filter((f) => f !== 'h5 2.2.4'),
});

const LSTM3 = { units: 3, ...RNN_K2, unit_forget_bias: true, return_sequences: false };
export const BIDI = sequentialCase({
  name: '(f) Embedding → Bidirectional(LSTM) → Dense',
  input: [5],
  inputDtype: 'float32',
  batchInput: inputOf([3, 5], 106, (u) => Math.floor((u + 1) * 5)),
  layers: [
    L('Embedding', 'embedding', { input_dim: 10, output_dim: 4, mask_zero: false, input_length: 5 }, { input_dim: 10, output_dim: 4, mask_zero: false }),
    L(
      'Bidirectional',
      'bidirectional',
      { merge_mode: 'concat', layer: { class_name: 'LSTM', config: { name: 'lstm', trainable: true, dtype: 'float32', ...LSTM3 } } },
      {
        merge_mode: 'concat',
        layer: k3('LSTM', 'forward_lstm', LSTM3),
        backward_layer: k3('LSTM', 'backward_lstm', { ...LSTM3, go_backwards: true }),
      },
    ),
    L('Dense', 'dense', { units: 2, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([
    ['embedding', [randomTensor([10, 4], 51)]],
    ['bidirectional', [...lstmW(4, 3, 52), ...lstmW(4, 3, 55)]],
    ['dense', denseW(6, 2, 58)],
  ]),
  tfjsNames: {
    embedding: ['embedding/embeddings'],
    bidirectional: [...rnnNames('bidirectional/forward_lstm'), ...rnnNames('bidirectional/backward_lstm')],
    dense: ['dense/kernel', 'dense/bias'],
  },
  // tfjs names the copies `forward_<layer>` / `backward_<layer>` after the wrapped layer, which a
  // Keras 3 config names forward_lstm already.
  tfjsNames3: {
    embedding: ['embedding/embeddings'],
    bidirectional: [...rnnNames('bidirectional/forward_forward_lstm'), ...rnnNames('bidirectional/backward_forward_lstm')],
    dense: ['dense/kernel', 'dense/bias'],
  },
});

export const TIME_DISTRIBUTED = sequentialCase({
  name: '(g) LSTM(return_sequences) → TimeDistributed(Dense)',
  input: [4, 3],
  batchInput: inputOf([2, 4, 3], 107),
  layers: [
    L('LSTM', 'lstm', { units: 5, return_sequences: true, unit_forget_bias: true, ...RNN_K2 }),
    L(
      'TimeDistributed',
      'time_distributed',
      { layer: { class_name: 'Dense', config: { name: 'dense', trainable: true, dtype: 'float32', units: 2, activation: 'tanh', use_bias: true } } },
      { layer: k3('Dense', 'dense', { units: 2, activation: 'tanh', use_bias: true }) },
    ),
  ],
  weights: new Map([['lstm', lstmW(3, 5, 61)], ['time_distributed', denseW(5, 2, 64)]]),
  tfjsNames: { lstm: rnnNames('lstm'), time_distributed: ['time_distributed/kernel', 'time_distributed/bias'] },
});

export const CONV_SEPARABLE = sequentialCase({
  name: '(i) DepthwiseConv2D → SeparableConv2D → Flatten → Dense',
  input: [7, 7, 3],
  batchInput: inputOf([2, 7, 7, 3], 108),
  layers: [
    L('DepthwiseConv2D', 'depthwise_conv2d', { kernel_size: [3, 3], strides: [1, 1], padding: 'valid', data_format: 'channels_last', dilation_rate: [1, 1], depth_multiplier: 2, activation: 'relu', use_bias: true }),
    L('SeparableConv2D', 'separable_conv2d', { filters: 4, kernel_size: [3, 3], strides: [1, 1], padding: 'same', data_format: 'channels_last', dilation_rate: [1, 1], depth_multiplier: 1, activation: 'linear', use_bias: true }),
    L('Flatten', 'flatten', { data_format: 'channels_last' }),
    L('Dense', 'dense', { units: 2, activation: 'linear', use_bias: true }),
  ],
  weights: new Map([
    ['depthwise_conv2d', [kernel([3, 3, 3, 2], 71, 9), vector([6], 72)]],
    ['separable_conv2d', [kernel([3, 3, 6, 1], 73, 9), kernel([1, 1, 6, 4], 74), vector([4], 75)]],
    ['dense', denseW(100, 2, 76)],
  ]),
  tfjsNames: {
    depthwise_conv2d: ['depthwise_conv2d/depthwise_kernel', 'depthwise_conv2d/bias'],
    separable_conv2d: ['separable_conv2d/depthwise_kernel', 'separable_conv2d/pointwise_kernel', 'separable_conv2d/bias'],
    dense: ['dense/kernel', 'dense/bias'],
  },
});

// ---- (h) nested models ----

/** The encoder: Input(6) → Dense(5) → BatchNormalization → Dense(4, relu), Keras 2 functional config. */
function encoder2(cls: 'Functional' | 'Model'): Json {
  const node = (n: string) => [[[n, 0, 0, {}]]];
  return {
    name: 'encoder',
    layers: [
      { ...k2Input('enc_in', [6]), name: 'enc_in', inbound_nodes: [] },
      { ...k2('Dense', 'enc_dense', { units: 5, activation: 'linear', use_bias: true }), name: 'enc_dense', inbound_nodes: node('enc_in') },
      { ...k2('BatchNormalization', 'enc_bn', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true }), name: 'enc_bn', inbound_nodes: node('enc_dense') },
      { ...k2('Dense', 'enc_out', { units: 4, activation: 'relu', use_bias: true }), name: 'enc_out', inbound_nodes: node('enc_bn') },
    ],
    input_layers: [['enc_in', 0, 0]],
    output_layers: [['enc_out', 0, 0]],
    ...(cls === 'Functional' && { trainable: true }),
  };
}

const tensorArg = (from: string, shape: readonly (number | null)[]) => ({ class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [from, 0, 0] } });
const k3node = (from: string, shape: readonly (number | null)[]) => [{ args: [tensorArg(from, shape)], kwargs: {} }];

function encoder3(): Json {
  return {
    name: 'encoder',
    trainable: true,
    layers: [
      { ...k3Input('enc_in', [6]), name: 'enc_in', inbound_nodes: [] },
      { ...k3('Dense', 'enc_dense', { units: 5, activation: 'linear', use_bias: true }), name: 'enc_dense', build_config: { input_shape: [null, 6] }, inbound_nodes: k3node('enc_in', [null, 6]) },
      { ...k3('BatchNormalization', 'enc_bn', { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true }), name: 'enc_bn', build_config: { input_shape: [null, 5] }, inbound_nodes: k3node('enc_dense', [null, 5]) },
      { ...k3('Dense', 'enc_out', { units: 4, activation: 'relu', use_bias: true }), name: 'enc_out', build_config: { input_shape: [null, 5] }, inbound_nodes: k3node('enc_bn', [null, 5]) },
    ],
    input_layers: ['enc_in', 0, 0],
    output_layers: ['enc_out', 0, 0],
  };
}

const NESTED_W: Weights = new Map([
  ['enc_dense', denseW(6, 5, 81)],
  ['enc_bn', bn(5, 83)],
  ['enc_out', denseW(5, 4, 87)],
  ['head', denseW(4, 2, 89)],
]);
const NESTED_NAMES = {
  enc_dense: ['enc_dense/kernel', 'enc_dense/bias'],
  enc_bn: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `enc_bn/${w}`),
  enc_out: ['enc_out/kernel', 'enc_out/bias'],
  head: ['head/kernel', 'head/bias'],
};
const NESTED_INPUT = inputOf([3, 6], 109);
const HEAD2 = k2('Dense', 'head', { units: 2, activation: 'linear', use_bias: true });
const HEAD3 = k3('Dense', 'head', { units: 2, activation: 'linear', use_bias: true });

function nestedReference(): RefTensor {
  const weightsOf = (n: string) => NESTED_W.get(n) ?? [];
  const [h] = forwardFunctional(encoder2('Functional') as unknown as FunctionalConfig, weightsOf, [tensor(NESTED_INPUT.shape, NESTED_INPUT.data)]);
  return forwardSequential([{ className: 'Dense', config: (HEAD2 as { config: Json }).config, weights: weightsOf('head') }], h!);
}

/** (h1) A Sequential holding the encoder, then a Dense head. */
export const NESTED_IN_SEQUENTIAL: ModelCase = {
  name: '(h1) Sequential nesting a Functional with BatchNormalization',
  keras2: { class_name: 'Sequential', config: { name: 'sequential', layers: [k2Input('sequential_input', [6]), { class_name: 'Functional', config: encoder2('Functional') }, HEAD2] } },
  keras224: { class_name: 'Sequential', config: { name: 'sequential', layers: [{ class_name: 'Model', config: encoder2('Model') }, HEAD2] } },
  keras3: {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      trainable: true,
      dtype: POLICY,
      layers: [k3Input('input_layer', [6]), { module: 'keras.src.models.functional', class_name: 'Functional', config: encoder3(), registered_name: 'Functional', build_config: { input_shape: [null, 6] } }, HEAD3],
    },
  },
  weights: NESTED_W,
  tfjsNames: NESTED_NAMES,
  input: NESTED_INPUT,
  reference: nestedReference,
  formats: ALL_FORMATS,
};

/** (h2) A Functional holding the encoder, then a Dense head. */
export const NESTED_IN_FUNCTIONAL: ModelCase = (() => {
  const node = (n: string) => [[[n, 0, 0, {}]]];
  const outer2 = (cls: 'Functional' | 'Model'): ModelConfig => ({
    class_name: cls,
    config: {
      name: 'outer',
      layers: [
        { ...k2Input('x', [6]), name: 'x', inbound_nodes: [] },
        { class_name: cls, config: encoder2(cls), name: 'encoder', inbound_nodes: node('x') },
        // Keras 2 counts a nested model's own creation node: its first call is node 1.
        { ...HEAD2, name: 'head', inbound_nodes: [[['encoder', 1, 0, {}]]] },
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['head', 0, 0]],
    },
  });
  return {
    name: '(h2) Functional nesting a Functional with BatchNormalization',
    keras2: outer2('Functional'),
    keras224: outer2('Model'),
    keras3: {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name: 'outer',
        trainable: true,
        layers: [
          { ...k3Input('x', [6]), name: 'x', inbound_nodes: [] },
          { module: 'keras.src.models.functional', class_name: 'Functional', config: encoder3(), registered_name: 'Functional', build_config: { input_shape: [null, 6] }, name: 'encoder', inbound_nodes: [{ args: [tensorArg('x', [null, 6])], kwargs: { training: false, mask: null } }] },
          { ...HEAD3, name: 'head', build_config: { input_shape: [null, 4] }, inbound_nodes: k3node('encoder', [null, 4]) },
        ],
        input_layers: [['x', 0, 0]],
        output_layers: [['head', 0, 0]],
      },
      registered_name: 'Functional',
    } as ModelConfig,
    weights: NESTED_W,
    tfjsNames: NESTED_NAMES,
    input: NESTED_INPUT,
    reference: nestedReference,
    formats: ALL_FORMATS,
  };
})();

export const CASES: readonly ModelCase[] = [MLP, CNN, STACKED_LSTM, GRU_V1, GRU_V3, BIDI, TIME_DISTRIBUTED, NESTED_IN_SEQUENTIAL, NESTED_IN_FUNCTIONAL, CONV_SEPARABLE];
