/**
 * Keras 1 → Keras 2: each normalisation pass alone on small hand-written Keras 1 JSON (exact
 * output), then whole keras-js style models compiled, built with tfjs and checked against Keras's
 * parameter formulas and, for channels-first models, numerically.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { Reporter } from '../src/diagnostics/report.js';
import { layerArguments } from '../src/lower/keras1/arguments.js';
import { batchNormalization } from '../src/lower/keras1/batch-normalization.js';
import { layerClasses } from '../src/lower/keras1/classes.js';
import { keras1Context, type Keras1Context } from '../src/lower/keras1/context.js';
import { dimOrdering } from '../src/lower/keras1/dim-ordering.js';
import { fullPadding } from '../src/lower/keras1/full-padding.js';
import { normalizeKeras1 } from '../src/lower/keras1/index.js';
import { inputLayers, inputShapes } from '../src/lower/keras1/input-shape.js';
import { kernelSize } from '../src/lower/keras1/kernel-size.js';
import { mergeLayers } from '../src/lower/keras1/merge.js';
import { objects } from '../src/lower/keras1/objects.js';
import { paddingAmounts } from '../src/lower/keras1/padding.js';
import { recurrentOptions } from '../src/lower/keras1/recurrent.js';
import { sequentialMerge } from '../src/lower/keras1/sequential-merge.js';

tf.setBackend('cpu');

type J = Record<string, unknown>;
const ctx = (): Keras1Context => keras1Context(new Reporter('m.json'));
const seq = (...layers: J[]): J => ({ class_name: 'Sequential', config: layers });
const layer = (class_name: string, config: J): J => ({ class_name, config });
const node = (name: string, class_name: string, config: J, inputs: string[]): J => ({ name, class_name, config: { name, ...config }, inbound_nodes: inputs.length ? [inputs.map((i) => [i, 0, 0])] : [] });
const graph = (layers: J[], inputs: string[], outputs: string[]): J => ({ class_name: 'Model', config: { name: 'm', layers, input_layers: inputs.map((i) => [i, 0, 0]), output_layers: outputs.map((o) => [o, 0, 0]) } });
const configs = (m: J): J[] => (Array.isArray(m.config) ? m.config : (m.config as { layers: J[] }).layers).map((l) => l.config as J);
const found = (c: Keras1Context) => c.reporter.diagnostics.map((d) => [d.code, d.at.path.join('/')]);

describe('Keras 1 passes', () => {
  it('sequentialMerge: a Sequential that starts with a Merge of models becomes the Model Keras 1 builds', () => {
    const c = ctx();
    const model = seq(
      layer('Merge', {
        name: 'merge_1', mode: 'concat', concat_axis: -1, mode_type: 'raw',
        layers: [
          seq(layer('Dense', { name: 'dense_1', output_dim: 8, batch_input_shape: [null, 4], input_dtype: 'float32' })),
          seq(layer('Embedding', { name: 'embedding_1', input_dim: 50, output_dim: 6, input_length: 3, batch_input_shape: [null, 3], input_dtype: 'int32' }), layer('Flatten', { name: 'flatten_1' })),
        ],
      }),
      layer('Dense', { name: 'dense_2', output_dim: 1 }),
    );
    expect(sequentialMerge(model, [], c)).toEqual({
      class_name: 'Model',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', name: 'dense_1_input', config: { batch_input_shape: [null, 4], dtype: 'float32', sparse: false, name: 'dense_1_input' }, inbound_nodes: [] },
          { class_name: 'Dense', name: 'dense_1', config: { name: 'dense_1', output_dim: 8 }, inbound_nodes: [[['dense_1_input', 0, 0]]] },
          { class_name: 'InputLayer', name: 'embedding_1_input', config: { batch_input_shape: [null, 3], dtype: 'int32', sparse: false, name: 'embedding_1_input' }, inbound_nodes: [] },
          { class_name: 'Embedding', name: 'embedding_1', config: { name: 'embedding_1', input_dim: 50, output_dim: 6, input_length: 3 }, inbound_nodes: [[['embedding_1_input', 0, 0]]] },
          { class_name: 'Flatten', name: 'flatten_1', config: { name: 'flatten_1' }, inbound_nodes: [[['embedding_1', 0, 0]]] },
          { class_name: 'Merge', name: 'merge_1', config: { name: 'merge_1', mode: 'concat', concat_axis: -1, mode_type: 'raw' }, inbound_nodes: [[['dense_1', 0, 0], ['flatten_1', 0, 0]]] },
          { class_name: 'Dense', name: 'dense_2', config: { name: 'dense_2', output_dim: 1 }, inbound_nodes: [[['merge_1', 0, 0]]] },
        ],
        input_layers: [['dense_1_input', 0, 0], ['embedding_1_input', 0, 0]],
        output_layers: [['dense_2', 0, 0]],
      },
    });
    expect(found(c)).toEqual([]);
    const c2 = ctx();
    sequentialMerge(seq(layer('Dense', { name: 'd' }), layer('Merge', { name: 'm', layers: [seq(layer('Dense', { name: 'x', batch_input_shape: [null, 2] }))] })), [], c2);
    expect(found(c2)).toEqual([['KS1018', 'config/1']]);
  });

  it('inputShapes: input_dim → batch_input_shape on a first layer, dropped elsewhere; InputLayer input_dtype → dtype', () => {
    const c = ctx();
    const out = inputShapes(seq(
      layer('LSTM', { name: 'lstm_1', output_dim: 4, input_dim: 3, input_length: 7, input_dtype: 'float32' }),
      layer('Dense', { name: 'dense_1', output_dim: 2, input_dim: 4, batch_input_shape: [null, 4], input_dtype: 'float32' }),
      layer('Embedding', { name: 'embedding_1', input_dim: 20, output_dim: 4, input_length: 5 }),
    ), [], c);
    expect(out).toEqual(seq(
      layer('LSTM', { batch_input_shape: [null, 7, 3], name: 'lstm_1', output_dim: 4, input_dtype: 'float32' }),
      layer('Dense', { name: 'dense_1', output_dim: 2, batch_input_shape: [null, 4] }),
      layer('Embedding', { name: 'embedding_1', input_dim: 20, output_dim: 4, input_length: 5 }),
    ));
    const fn = inputShapes(graph([node('in', 'InputLayer', { batch_input_shape: [null, 3], input_dtype: 'float32', sparse: false }, [])], ['in'], ['in']), [], c);
    expect(configs(fn)).toEqual([{ name: 'in', batch_input_shape: [null, 3], dtype: 'float32', sparse: false }]);
  });

  it('inputLayers: a non-float32 Sequential input becomes an explicit InputLayer; float32 is dropped', () => {
    const c = ctx();
    const emb = inputLayers(seq(layer('Embedding', { name: 'embedding_1', input_dim: 20, output_dim: 4, input_length: 5, batch_input_shape: [null, 5], input_dtype: 'int32' }), layer('Flatten', { name: 'f' })), [], c);
    expect(emb).toEqual(seq(
      layer('InputLayer', { batch_input_shape: [null, 5], dtype: 'int32', sparse: false, name: 'embedding_1_input' }),
      layer('Embedding', { name: 'embedding_1', input_dim: 20, output_dim: 4, input_length: 5 }),
      layer('Flatten', { name: 'f' }),
    ));
    // Paths after the InputLayer map back to the layer that was there.
    expect(c.pathMaps.map((m) => m(['config', 2, 'config', 'name']))).toEqual([['config', 1, 'config', 'name']]);
    const bare = inputLayers(seq(layer('Embedding', { name: 'e', input_dim: 9, output_dim: 2, batch_input_shape: [null, 3] })), [], c);
    expect((bare.config as J[]).map((l) => l.class_name)).toEqual(['InputLayer', 'Embedding']);
    const dense = inputLayers(seq(layer('Dense', { name: 'd', units: 2, batch_input_shape: [null, 4], input_dtype: 'float32' })), [], c);
    expect(dense).toEqual(seq(layer('Dense', { name: 'd', units: 2, batch_input_shape: [null, 4] })));
  });

  it('layerClasses: Keras 1 classes → Keras 2; classes without a counterpart are reported', () => {
    const c = ctx();
    const out = layerClasses(seq(
      layer('Convolution2D', {}), layer('AtrousConvolution2D', {}), layer('Deconvolution2D', {}), layer('SeparableConvolution2D', {}),
      layer('Convolution1D', {}), layer('AtrousConvolution1D', {}), layer('Convolution3D', {}), layer('TimeDistributedDense', {}), layer('Highway', {}),
    ), [], c);
    expect((out.config as J[]).map((l) => l.class_name)).toEqual(['Conv2D', 'Conv2D', 'Conv2DTranspose', 'SeparableConv2D', 'Conv1D', 'Conv1D', 'Conv3D', 'Dense', 'Highway']);
    expect(found(c)).toEqual([['KS1018', 'config/8/class_name']]);
  });

  it('mergeLayers: each raw mode → its Keras 2 merge class; cos and Python modes are reported', () => {
    const c = ctx();
    const extra = { mode_type: 'raw', output_shape: null, output_shape_type: 'raw', output_mask: null, output_mask_type: 'raw', arguments: {}, dot_axes: -1, concat_axis: -1 };
    const modes = ['sum', 'mul', 'ave', 'max', 'concat', 'dot', 'cos'];
    const layers = modes.map((mode, i) => node(`m${i}`, 'Merge', { ...extra, mode, ...(mode === 'concat' && { concat_axis: 1 }), ...(mode === 'dot' && { dot_axes: [[1], [2]] }) }, ['a', 'b']));
    layers.push(node('m7', 'Merge', { ...extra, mode: 'lambda_code', mode_type: 'lambda' }, ['a', 'b']));
    const out = mergeLayers(graph(layers, ['a', 'b'], ['m0']), [], c);
    const got = (out.config as { layers: J[] }).layers.map((l) => [l.class_name, l.config]);
    expect(got.slice(0, 6)).toEqual([
      ['Add', { name: 'm0' }],
      ['Multiply', { name: 'm1' }],
      ['Average', { name: 'm2' }],
      ['Maximum', { name: 'm3' }],
      ['Concatenate', { name: 'm4', axis: 1 }],
      ['Dot', { name: 'm5', axes: [1, 2], normalize: false }],
    ]);
    expect(got.slice(6).map(([cls]) => cls)).toEqual(['Merge', 'Merge']);
    expect(found(c)).toEqual([['KS1018', 'config/layers/6/config/mode'], ['KS1018', 'config/layers/7/config/mode']]);
  });

  it('layerArguments: the renames of keras/legacy/interfaces.py, per class', () => {
    const c = ctx();
    const out = layerArguments(seq(
      layer('Dense', { name: 'd', output_dim: 3, init: 'glorot_uniform', W_regularizer: null, b_regularizer: null, W_constraint: null, b_constraint: null, bias: false, activation: 'relu' }),
      layer('Conv2D', { nb_filter: 4, subsample: [2, 2], border_mode: 'same', atrous_rate: [2, 2], init: 'he_normal' }),
      layer('Conv1D', { nb_filter: 4, filter_length: 5, subsample_length: 2, border_mode: 'valid' }),
      layer('SeparableConv2D', { nb_filter: 4, init: 'glorot_uniform', depth_multiplier: 2, bias: true }),
      layer('LSTM', { output_dim: 4, init: 'glorot_uniform', inner_init: 'orthogonal', inner_activation: 'hard_sigmoid', W_regularizer: null, U_regularizer: null, b_regularizer: null, dropout_W: 0.1, dropout_U: 0.2 }),
      layer('Embedding', { input_dim: 10, output_dim: 3, init: 'uniform', W_regularizer: null, W_constraint: null, dropout: 0.5 }),
      layer('Dropout', { p: 0.5 }),
      layer('MaxPooling1D', { pool_length: 2, stride: null, border_mode: 'valid' }),
      layer('GaussianNoise', { sigma: 0.1 }),
      layer('UpSampling1D', { length: 3 }),
      layer('PReLU', { init: 'zero' }),
      layer('BatchNormalization', { beta_init: 'zero', gamma_init: 'one' }),
      layer('Dense', { output_dim: 3, units: 4 }),
    ), [], c);
    expect(configs(out)).toEqual([
      { name: 'd', units: 3, kernel_initializer: 'glorot_uniform', kernel_regularizer: null, bias_regularizer: null, kernel_constraint: null, bias_constraint: null, use_bias: false, activation: 'relu' },
      { filters: 4, strides: [2, 2], padding: 'same', dilation_rate: [2, 2], kernel_initializer: 'he_normal' },
      { filters: 4, kernel_size: 5, strides: 2, padding: 'valid' },
      { filters: 4, depth_multiplier: 2, use_bias: true, depthwise_initializer: 'glorot_uniform', pointwise_initializer: 'glorot_uniform' },
      { units: 4, kernel_initializer: 'glorot_uniform', recurrent_initializer: 'orthogonal', recurrent_activation: 'hard_sigmoid', kernel_regularizer: null, recurrent_regularizer: null, bias_regularizer: null, dropout: 0.1, recurrent_dropout: 0.2 },
      { input_dim: 10, output_dim: 3, embeddings_initializer: 'uniform', embeddings_regularizer: null, embeddings_constraint: null },
      { rate: 0.5 },
      { pool_size: 2, strides: null, padding: 'valid' },
      { stddev: 0.1 },
      { size: 3 },
      { alpha_initializer: 'zero' },
      { beta_initializer: 'zero', gamma_initializer: 'one' },
      { units: 4 },
    ]);
    expect(found(c)).toEqual([['KS1018', 'config/12/config/output_dim']]);
  });

  it('layerArguments: Deconvolution2D output_shape is dropped and kept for the shape check', () => {
    const c = ctx();
    const out = layerArguments(seq(layer('Conv2DTranspose', { name: 'up', nb_filter: 2, output_shape: [null, 9, 9, 2] })), [], c);
    expect(configs(out)).toEqual([{ name: 'up', filters: 2 }]);
    expect(c.deconvShapes).toEqual([{ layer: 'up', shape: [null, 9, 9, 2], at: ['config', 0, 'config', 'output_shape'] }]);
  });

  it('kernelSize: nb_row/nb_col and kernel_dim1..3 → kernel_size', () => {
    const c = ctx();
    const out = kernelSize(seq(
      layer('Conv2D', { filters: 4, nb_row: 3, nb_col: 5, padding: 'same' }),
      layer('Conv3D', { kernel_dim1: 1, kernel_dim2: 2, kernel_dim3: 3 }),
      layer('Conv2D', { nb_row: 3 }),
    ), [], c);
    expect(configs(out)).toEqual([{ filters: 4, kernel_size: [3, 5], padding: 'same' }, { kernel_size: [1, 2, 3] }, { nb_row: 3 }]);
    expect(found(c)).toEqual([['KS1018', 'config/2/config']]);
  });

  it('dimOrdering: tf/th → data_format; unsaved orderings follow the model, with a warning when that is "th"', () => {
    const c = ctx();
    const th = dimOrdering(seq(
      layer('ZeroPadding2D', { name: 'zp', padding: [1, 1] }),
      layer('Conv2D', { name: 'c', dim_ordering: 'th' }),
      layer('MaxPooling2D', { name: 'p', dim_ordering: 'default' }),
      layer('Dense', { name: 'd' }),
    ), [], c);
    expect(configs(th)).toEqual([{ name: 'zp', padding: [1, 1], data_format: 'channels_first' }, { name: 'c', data_format: 'channels_first' }, { name: 'p', data_format: 'channels_first' }, { name: 'd' }]);
    expect(c.reporter.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['KS1020', '"zp" has no dim_ordering (Keras 1 does not save it for padding, cropping, upsampling and spatial dropout layers, and takes it from keras.json when it loads the model); kspec assumes "th" (channels_first), the ordering every other layer of this model records.'],
      ['KS1020', '"p" has dim_ordering "default", which Keras 1 takes from keras.json when it builds the layer; kspec assumes "th" (channels_first), the ordering every other layer of this model records.'],
    ]);
    const c2 = ctx();
    const tfm = dimOrdering(seq(layer('UpSampling2D', { name: 'u', size: [2, 2] }), layer('Conv2D', { name: 'c', dim_ordering: 'tf' })), [], c2);
    expect(configs(tfm)).toEqual([{ name: 'u', size: [2, 2] }, { name: 'c', data_format: 'channels_last' }]);
    expect(found(c2)).toEqual([]);
    const c3 = ctx();
    dimOrdering(seq(layer('Cropping2D', { name: 'x' }), layer('Conv2D', { dim_ordering: 'tf' }), layer('Conv2D', { dim_ordering: 'th' })), [], c3);
    expect(c3.reporter.diagnostics.map((d) => d.message)).toEqual(['"x" has no dim_ordering (Keras 1 does not save it for padding, cropping, upsampling and spatial dropout layers, and takes it from keras.json when it loads the model); kspec assumes "tf" (channels_last), Keras\'s default, as this model records both "th" and "tf".']);
  });

  it('recurrentOptions: consume_less, forget_bias_init, Keras 1 GRU and default inner activation', () => {
    const c = ctx();
    const out = recurrentOptions(seq(
      layer('LSTM', { units: 3, consume_less: 'cpu', forget_bias_init: 'one', recurrent_activation: 'sigmoid' }),
      layer('LSTM', { units: 3, consume_less: 'gpu', forget_bias_init: 'zero' }),
      layer('GRU', { units: 3, consume_less: 'mem', recurrent_activation: 'hard_sigmoid' }),
      layer('SimpleRNN', { units: 3, consume_less: 'cpu' }),
      layer('Bidirectional', { layer: layer('GRU', { units: 2 }), merge_mode: 'concat' }),
    ), [], c);
    expect(configs(out)).toEqual([
      { units: 3, implementation: 1, unit_forget_bias: true, recurrent_activation: 'sigmoid' },
      { units: 3, implementation: 2, unit_forget_bias: false, recurrent_activation: 'hard_sigmoid' },
      { units: 3, implementation: 1, recurrent_activation: 'hard_sigmoid', reset_after: false },
      { units: 3, implementation: 1 },
      { layer: layer('GRU', { units: 2, recurrent_activation: 'hard_sigmoid', reset_after: false }), merge_mode: 'concat' },
    ]);
  });

  it('batchNormalization: mode 0 is dropped, modes 1 and 2 are reported', () => {
    const c = ctx();
    const out = batchNormalization(seq(layer('BatchNormalization', { mode: 0, axis: 1 }), layer('BatchNormalization', { mode: 2 })), [], c);
    expect(configs(out)).toEqual([{ axis: 1 }, {}]);
    expect(found(c)).toEqual([['KS1018', 'config/1/config/mode']]);
  });

  it('paddingAmounts: Keras 1 padding tuples and dicts → Keras 2 pairs', () => {
    const out = paddingAmounts(seq(
      layer('ZeroPadding2D', { padding: [1, 2, 3, 4] }),
      layer('ZeroPadding2D', { padding: { top_pad: 1, right_pad: 2 } }),
      layer('ZeroPadding2D', { padding: [1, 2] }),
      layer('ZeroPadding1D', { padding: { left_pad: 3 } }),
    ), [], ctx());
    expect(configs(out)).toEqual([{ padding: [[1, 2], [3, 4]] }, { padding: [[1, 0], [0, 2]] }, { padding: [1, 2] }, { padding: [3, 0] }]);
  });

  it('objects: Keras 1 regularizer and constraint objects → Keras 2 ones', () => {
    const c = ctx();
    const out = objects(seq(layer('Dense', {
      kernel_regularizer: { name: 'WeightRegularizer', l1: 0, l2: 0.01 },
      activity_regularizer: { name: 'ActivityRegularizer', l1: 0.1, l2: 0 },
      bias_regularizer: 'activity_l2',
      kernel_constraint: { name: 'MaxNorm', m: 3, axis: 0 },
      bias_constraint: { name: 'MinMaxNorm', low: 0, high: 2, rate: 1, axis: 0 },
      kernel_initializer: 'orthogonal',
    }), layer('Dense', { kernel_regularizer: { name: 'EigenvalueRegularizer', k: 1 } })), [], c);
    expect(configs(out)[0]).toEqual({
      kernel_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } },
      activity_regularizer: { class_name: 'L1L2', config: { l1: 0.1, l2: 0 } },
      bias_regularizer: { class_name: 'L1L2', config: { l1: 0, l2: 0.01 } },
      kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 3, axis: 0 } },
      bias_constraint: { class_name: 'MinMaxNorm', config: { min_value: 0, max_value: 2, rate: 1, axis: 0 } },
      kernel_initializer: 'orthogonal',
    });
    expect(found(c)).toEqual([['KS1018', 'config/1/config/kernel_regularizer']]);
  });

  it('fullPadding: border_mode "full" → an exact ZeroPadding layer and "valid", in both model styles', () => {
    const c = ctx();
    const s = fullPadding(seq(layer('Conv2D', { name: 'c', kernel_size: [3, 2], dilation_rate: [1, 2], padding: 'full', data_format: 'channels_first', batch_input_shape: [null, 1, 8, 8] })), [], c);
    expect(s.config).toEqual([
      layer('ZeroPadding2D', { batch_input_shape: [null, 1, 8, 8], name: 'c_zero_padding2d', padding: [[2, 2], [2, 2]], data_format: 'channels_first' }),
      layer('Conv2D', { name: 'c', kernel_size: [3, 2], dilation_rate: [1, 2], padding: 'valid', data_format: 'channels_first' }),
    ]);
    const f = fullPadding(graph([node('x', 'InputLayer', {}, []), node('c', 'Conv1D', { kernel_size: 3, padding: 'full' }, ['x'])], ['x'], ['c']), [], c);
    expect((f.config as { layers: J[] }).layers.slice(1)).toEqual([
      { class_name: 'ZeroPadding1D', name: 'c_zero_padding1d', config: { name: 'c_zero_padding1d', padding: [2, 2] }, inbound_nodes: [[['x', 0, 0]]] },
      { name: 'c', class_name: 'Conv1D', config: { name: 'c', kernel_size: 3, padding: 'valid' }, inbound_nodes: [[['c_zero_padding1d', 0, 0]]] },
    ]);
    fullPadding(seq(layer('TimeDistributed', { layer: layer('Conv1D', { kernel_size: 3, padding: 'full' }) })), [], c);
    expect(found(c)).toEqual([['KS1018', 'config/0/config/layer/config/padding']]);
  });

  it('normalizeKeras1 runs every pass and adds one note saying what was converted', () => {
    const c = ctx();
    const out = normalizeKeras1(seq(
      layer('Convolution2D', { name: 'c', nb_filter: 2, nb_row: 3, nb_col: 3, border_mode: 'same', subsample: [1, 1], dim_ordering: 'tf', init: 'glorot_uniform', bias: true, batch_input_shape: [null, 8, 8, 1], input_dtype: 'float32' }),
      layer('Flatten', { name: 'f' }),
      layer('Dense', { name: 'd', output_dim: 3, input_dim: 128, init: 'glorot_uniform', bias: true }),
    ), [], c);
    expect(configs(out)).toEqual([
      { name: 'c', filters: 2, kernel_size: [3, 3], padding: 'same', strides: [1, 1], data_format: 'channels_last', kernel_initializer: 'glorot_uniform', use_bias: true, batch_input_shape: [null, 8, 8, 1] },
      { name: 'f' },
      { name: 'd', units: 3, kernel_initializer: 'glorot_uniform', use_bias: true },
    ]);
    expect(c.reporter.diagnostics.map((d) => d.message)).toEqual([
      'Converted from Keras 1 to Keras 2: Convolution2D → Conv2D; arguments nb_filter → filters, subsample → strides, border_mode → padding, init → kernel_initializer, bias → use_bias and 3 more.',
    ]);
  });
});

const k1 = (model: J): string => JSON.stringify({ ...model, keras_version: '1.2.2' });
const conv2d = (name: string, nb_filter: number, nb_row: number, nb_col: number, extra: J = {}): J =>
  layer('Convolution2D', { name, nb_filter, nb_row, nb_col, init: 'glorot_uniform', activation: 'linear', border_mode: 'valid', subsample: [1, 1], dim_ordering: 'tf', W_regularizer: null, b_regularizer: null, activity_regularizer: null, W_constraint: null, b_constraint: null, bias: true, trainable: true, ...extra });
const dense = (name: string, output_dim: number, extra: J = {}): J =>
  layer('Dense', { name, output_dim, init: 'glorot_uniform', activation: 'linear', W_regularizer: null, b_regularizer: null, activity_regularizer: null, W_constraint: null, b_constraint: null, bias: true, input_dim: null, trainable: true, ...extra });
const recurrent = (cls: string, output_dim: number, extra: J = {}): J => ({
  output_dim, init: 'glorot_uniform', inner_init: 'orthogonal', activation: 'tanh', inner_activation: 'hard_sigmoid', W_regularizer: null, U_regularizer: null, b_regularizer: null,
  dropout_W: 0, dropout_U: 0, return_sequences: false, go_backwards: false, stateful: false, unroll: false, consume_less: 'cpu', input_dim: null, input_length: null, trainable: true,
  ...(cls === 'LSTM' && { forget_bias_init: 'one' }), ...extra,
});
const errorsOf = (text: string) => compile(text, { fileName: 'k1.json' }).diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`);

describe('Keras 1 models compile and build with Keras parameter counts', () => {
  it('a keras-js style Sequential CNN', async () => {
    const text = k1(seq(
      conv2d('convolution2d_1', 8, 3, 3, { border_mode: 'same', activation: 'relu', batch_input_shape: [null, 16, 16, 3], input_dtype: 'float32' }),
      layer('MaxPooling2D', { name: 'maxpooling2d_1', pool_size: [2, 2], strides: [2, 2], border_mode: 'valid', dim_ordering: 'tf', trainable: true }),
      conv2d('convolution2d_2', 4, 3, 3, { subsample: [2, 2] }),
      layer('Activation', { name: 'activation_1', activation: 'relu', trainable: true }),
      layer('Dropout', { name: 'dropout_1', p: 0.25, trainable: true }),
      layer('Flatten', { name: 'flatten_1', trainable: true }),
      dense('dense_1', 10, { activation: 'softmax' }),
    ));
    expect(errorsOf(text)).toEqual([]);
    const model = await buildModel(text, { fileName: 'k1.json' });
    // conv 3·3·3·8 + 8; pool → 8×8×8; conv 3·3·8·4 + 4 (valid, stride 2 → 3×3×4); dense 36·10 + 10.
    expect(model.countParams()).toBe(3 * 3 * 3 * 8 + 8 + (3 * 3 * 8 * 4 + 4) + (36 * 10 + 10));
    expect(model.outputs[0]!.shape).toEqual([null, 10]);
  });

  it('a Keras 1 Model graph: LSTMs merged by sum and concat, a Keras 1 GRU', async () => {
    const lstm = (name: string) => node(name, 'LSTM', recurrent('LSTM', 6, { return_sequences: true, consume_less: 'gpu' }), ['input_1']);
    const merge = (name: string, mode: string, inputs: string[], extra: J = {}) =>
      node(name, 'Merge', { mode, mode_type: 'raw', concat_axis: -1, dot_axes: -1, output_shape: null, output_shape_type: 'raw', output_mask: null, output_mask_type: 'raw', arguments: {}, ...extra }, inputs);
    const text = k1(graph([
      node('input_1', 'InputLayer', { batch_input_shape: [null, 10, 8], input_dtype: 'float32', sparse: false }, []),
      lstm('lstm_1'),
      lstm('lstm_2'),
      merge('merge_1', 'sum', ['lstm_1', 'lstm_2']),
      merge('merge_2', 'concat', ['merge_1', 'input_1']),
      node('gru_1', 'GRU', recurrent('GRU', 5), ['merge_2']),
      { ...node('dense_1', 'Dense', dense('x', 1).config as J, ['gru_1']), config: { ...(dense('x', 1).config as J), name: 'dense_1' } },
    ], ['input_1'], ['dense_1']));
    const r = compile(text, { fileName: 'k1.json' });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const layers = (r.modelJSON!.modelTopology.config as { layers: { class_name: string; config: J }[] }).layers;
    expect(layers.map((l) => l.class_name)).toEqual(['InputLayer', 'LSTM', 'LSTM', 'Add', 'Concatenate', 'GRU', 'Dense']);
    expect(layers[5]!.config).toMatchObject({ units: 5, reset_after: false, recurrent_activation: 'hard_sigmoid', implementation: 1 });
    const model = await buildModel(text, { fileName: 'k1.json' });
    // LSTM 8→6: 4·(8·6 + 6·6 + 6), twice; GRU 14→5 (reset before the product, one bias): 3·(14·5 + 5·5 + 5); Dense 5→1.
    expect(model.countParams()).toBe(2 * 4 * (8 * 6 + 6 * 6 + 6) + 3 * (14 * 5 + 5 * 5 + 5) + (5 + 1));
  });

  it('a Sequential that starts with a Merge of two Sequentials, and a Bidirectional LSTM', async () => {
    const text = k1(seq(
      layer('Merge', {
        name: 'merge_1', mode: 'concat', concat_axis: -1, dot_axes: -1, mode_type: 'raw', output_shape: null, output_shape_type: 'raw', output_mask: null, output_mask_type: 'raw', arguments: {},
        layers: [
          seq(dense('dense_1', 8, { input_dim: 4, batch_input_shape: [null, 4], input_dtype: 'float32', activation: 'relu' })),
          seq(
            layer('Embedding', { name: 'embedding_1', input_dim: 50, output_dim: 6, input_length: 3, batch_input_shape: [null, 3], input_dtype: 'int32', init: 'uniform', dropout: 0, mask_zero: false, W_regularizer: null, W_constraint: null, activity_regularizer: null, trainable: true }),
            layer('Bidirectional', { name: 'bidirectional_1', merge_mode: 'concat', trainable: true, layer: layer('LSTM', { name: 'forward_lstm_1', ...recurrent('LSTM', 2, { input_dim: 6 }) }) }),
          ),
        ],
      }),
      dense('dense_2', 1, { activation: 'sigmoid' }),
    ));
    expect(errorsOf(text)).toEqual([]);
    const model = await buildModel(text, { fileName: 'k1.json' });
    expect(model.inputs.map((i) => [i.name, i.dtype])).toEqual([['dense_1_input', 'float32'], ['embedding_1_input', 'int32']]);
    // Dense 4→8; Embedding 50·6; BiLSTM 6→2 both ways; Dense (8 + 4)→1.
    expect(model.countParams()).toBe(4 * 8 + 8 + 50 * 6 + 2 * 4 * (6 * 2 + 2 * 2 + 2) + (12 + 1));
  });

  it('a channels-first ("th") model computes what the channels-last one computes on transposed input', async () => {
    const build = (order: 'th' | 'tf') => {
      const shape = order === 'th' ? [null, 2, 5, 6] : [null, 5, 6, 2];
      return k1(seq(
        layer('ZeroPadding2D', { name: 'zeropadding2d_1', padding: [1, 2, 0, 1], batch_input_shape: shape, input_dtype: 'float32', trainable: true }),
        conv2d('convolution2d_1', 3, 2, 2, { dim_ordering: order }),
        layer('AtrousConvolution2D', { ...(conv2d('a', 2, 2, 2, { dim_ordering: order, border_mode: 'same' }).config as J), name: 'atrousconvolution2d_1', atrous_rate: [2, 1] }),
        layer('MaxPooling2D', { name: 'maxpooling2d_1', pool_size: [2, 2], strides: [1, 1], border_mode: 'same', dim_ordering: order, trainable: true }),
        layer('UpSampling2D', { name: 'upsampling2d_1', size: [2, 1], trainable: true }),
        layer('Cropping2D', { name: 'cropping2d_1', cropping: [[1, 0], [0, 1]], trainable: true }),
      ));
    };
    expect(errorsOf(build('th'))).toEqual([
      'KS1020 "zeropadding2d_1", "upsampling2d_1" and "cropping2d_1" have no dim_ordering (Keras 1 does not save it for padding, cropping, upsampling and spatial dropout layers, and takes it from keras.json when it loads the model); kspec assumes "th" (channels_first), the ordering every other layer of this model records.',
    ]);
    const th = await buildModel(build('th'), { fileName: 'k1.json' });
    const last = await buildModel(build('tf'), { fileName: 'k1.json' });
    last.setWeights(th.getWeights());
    const x = tf.randomNormal([2, 2, 5, 6]);
    const a = tf.transpose(th.predict(x) as tf.Tensor, [0, 2, 3, 1]);
    const b = last.predict(tf.transpose(x, [0, 2, 3, 1])) as tf.Tensor;
    expect(a.shape).toEqual([2, 13, 5, 2]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it('what tfjs cannot compute channels-first is reported', () => {
    const text = k1(seq(
      layer('SeparableConvolution2D', { name: 'sep', nb_filter: 4, nb_row: 3, nb_col: 3, border_mode: 'valid', subsample: [1, 1], depth_multiplier: 1, dim_ordering: 'th', init: 'glorot_uniform', activation: 'linear', bias: true, batch_input_shape: [null, 3, 8, 8] }),
      layer('BatchNormalization', { name: 'bn', mode: 0, axis: 1, epsilon: 0.001, momentum: 0.99 }),
    ));
    expect(errorsOf(text)).toEqual([
      'KS1021 tfjs cannot compute "sep" as Keras does: tfjs adds the bias of a channels_first SeparableConv2D along the wrong axis and throws when the layer runs.',
      'KS1021 tfjs cannot compute "bn" as Keras does: it normalises axis 1 of a rank-4 input, and tfjs\'s CPU backend applies the moving mean, variance, gamma and beta along the last axis instead.',
    ]);
  });

  it('Deconvolution2D: an output_shape Conv2DTranspose computes is dropped; another one is reported', () => {
    const deconv = (rows: number) => k1(seq(layer('Deconvolution2D', { ...(conv2d('deconvolution2d_1', 2, 3, 3, { subsample: [2, 2], batch_input_shape: [null, 4, 4, 1] }).config as J), output_shape: [null, rows, rows, 2] })));
    expect(errorsOf(deconv(9))).toEqual([]);
    expect(errorsOf(deconv(10))).toEqual([
      'KS1018 Deconvolution2D "deconvolution2d_1" cannot be converted from Keras 1: its output_shape asks for [10,10] rows and columns, but Conv2DTranspose computes [9,9] from its input, and tfjs cannot pad the difference.',
    ]);
  });

  it('Lambda stays Python code that kspec does not run', () => {
    const text = k1(seq(layer('Lambda', { name: 'lambda_1', function: ['code', null, null], function_type: 'lambda', output_shape: null, output_shape_type: 'raw', arguments: {}, batch_input_shape: [null, 4] })));
    expect(errorsOf(text).map((e) => e.slice(0, 6))).toEqual(['KS5003']);
  });
});

describe('Keras 1 diagnostics point at the text as written', () => {
  const at = (text: string) => compile(text, { fileName: 'k1.json' }).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, text.slice(d.span!.start, d.span!.end)]);
  it('a renamed argument, after an inserted InputLayer', () => {
    const text = k1(seq(
      layer('Embedding', { name: 'embedding_1', input_dim: 20, output_dim: 4, input_length: 5, batch_input_shape: [null, 5], input_dtype: 'int32' }),
      layer('Flatten', { name: 'flatten_1' }),
      dense('dense_1', -3),
    ));
    expect(at(text)).toEqual([['KS2005', '-3']]);
  });

  it('in a Sequential that starts with a Merge of models, and after a "full" padding layer', () => {
    const text = k1(seq(
      layer('Merge', {
        name: 'merge_1', mode: 'concat', concat_axis: -1, mode_type: 'raw',
        layers: [
          seq(layer('Convolution1D', { name: 'c', nb_filter: 2, filter_length: 3, border_mode: 'full', subsample_length: 1, batch_input_shape: [null, 6, 2], input_dtype: 'float32' }), dense('wrong', 2, { init: 'no_such_init' })),
          seq(dense('dense_1', 2, { batch_input_shape: [null, 8, 2], input_dtype: 'float32' })),
        ],
      }),
      dense('dense_2', 0),
    ));
    expect(at(text)).toEqual([['KS2004', '"no_such_init"'], ['KS2005', '0']]);
  });
});
