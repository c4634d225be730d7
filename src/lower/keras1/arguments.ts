/**
 * Keras 1 argument names → Keras 2, per class, as Keras 2.0 converts them when a Keras 1 call or
 * config reaches a Keras 2 constructor: the `conversions` lists of keras/legacy/interfaces.py
 * (legacy_dense_support, legacy_conv1d/2d/3d_support, legacy_recurrent_support, …). Renaming is
 * all they do for these keys; values change only where noted (Embedding's `dropout`, Deconvolution2D's
 * `output_shape`, AtrousConvolution's `atrous_rate`). Later passes handle the conversions that are
 * not plain renames: kernel sizes, `dim_ordering`, recurrent options, BatchNormalization `mode`.
 *
 * Passed both a legacy name and its Keras 2 name, Keras 2 raises; that is reported here.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { JsonObject } from '../../ir/json.js';
import { mapConfigs, noteArgument, noteConverted, renameKey, row, without, type Keras1Context, type Keras1Pass } from './context.js';

type Renames = readonly (readonly [string, string])[];

const WEIGHTS: Renames = [
  ['init', 'kernel_initializer'],
  ['W_regularizer', 'kernel_regularizer'],
  ['b_regularizer', 'bias_regularizer'],
  ['W_constraint', 'kernel_constraint'],
  ['b_constraint', 'bias_constraint'],
  ['bias', 'use_bias'],
];
const DENSE: Renames = [['output_dim', 'units'], ...WEIGHTS];
/** legacy_conv1d_support, plus AtrousConvolution1D's `atrous_rate` (keras/legacy/layers.py). */
const CONV1D: Renames = [['nb_filter', 'filters'], ['filter_length', 'kernel_size'], ['subsample_length', 'strides'], ['border_mode', 'padding'], ['atrous_rate', 'dilation_rate'], ...WEIGHTS];
/** legacy_conv2d_support / legacy_conv3d_support / legacy_deconv2d_support (`dim_ordering`: the dim-ordering pass). */
const CONV: Renames = [['nb_filter', 'filters'], ['subsample', 'strides'], ['border_mode', 'padding'], ['atrous_rate', 'dilation_rate'], ...WEIGHTS];
/** legacy_separable_conv2d_support: `init` initializes both kernels (separable_conv2d_args_preprocessor). */
const SEPARABLE: Renames = [['nb_filter', 'filters'], ['subsample', 'strides'], ['border_mode', 'padding'], ['b_regularizer', 'bias_regularizer'], ['b_constraint', 'bias_constraint'], ['bias', 'use_bias']];
const RECURRENT: Renames = [
  ['output_dim', 'units'],
  ['init', 'kernel_initializer'],
  ['inner_init', 'recurrent_initializer'],
  ['inner_activation', 'recurrent_activation'],
  ['W_regularizer', 'kernel_regularizer'],
  ['b_regularizer', 'bias_regularizer'],
  ['U_regularizer', 'recurrent_regularizer'],
  ['dropout_W', 'dropout'],
  ['dropout_U', 'recurrent_dropout'],
];
const CONV_LSTM: Renames = [
  ['nb_filter', 'filters'], ['subsample', 'strides'], ['border_mode', 'padding'],
  ['init', 'kernel_initializer'], ['inner_init', 'recurrent_initializer'],
  ['W_regularizer', 'kernel_regularizer'], ['U_regularizer', 'recurrent_regularizer'], ['b_regularizer', 'bias_regularizer'],
  ['inner_activation', 'recurrent_activation'], ['dropout_W', 'dropout'], ['dropout_U', 'recurrent_dropout'], ['bias', 'use_bias'],
];
const POOLING1D: Renames = [['pool_length', 'pool_size'], ['stride', 'strides'], ['border_mode', 'padding']];
const POOLING: Renames = [['border_mode', 'padding']];
const RATE: Renames = [['p', 'rate']];

export const ARGUMENT_RENAMES: Readonly<Record<string, Renames>> = {
  Dense: DENSE,
  Dropout: RATE,
  SpatialDropout1D: RATE,
  SpatialDropout2D: RATE,
  SpatialDropout3D: RATE,
  GaussianDropout: RATE,
  GaussianNoise: [['sigma', 'stddev']],
  Embedding: [['init', 'embeddings_initializer'], ['W_regularizer', 'embeddings_regularizer'], ['W_constraint', 'embeddings_constraint']],
  PReLU: [['init', 'alpha_initializer']],
  MaxPooling1D: POOLING1D,
  AveragePooling1D: POOLING1D,
  MaxPooling2D: POOLING,
  AveragePooling2D: POOLING,
  MaxPooling3D: POOLING,
  AveragePooling3D: POOLING,
  UpSampling1D: [['length', 'size']],
  Conv1D: CONV1D,
  LocallyConnected1D: CONV1D,
  Conv2D: CONV,
  Conv3D: CONV,
  Conv2DTranspose: CONV,
  LocallyConnected2D: CONV,
  SeparableConv2D: SEPARABLE,
  SimpleRNN: RECURRENT,
  GRU: RECURRENT,
  LSTM: RECURRENT,
  ConvLSTM2D: CONV_LSTM,
  BatchNormalization: [['beta_init', 'beta_initializer'], ['gamma_init', 'gamma_initializer']],
};

function convert(config: JsonObject, cls: string, path: Path, ctx: Keras1Context): JsonObject {
  let out = config;
  for (const [from, to] of row(ARGUMENT_RENAMES, cls) ?? []) {
    if (!(from in out)) continue;
    if (to in out) {
      ctx.reporter.report('KS1018', { path: [...path, from], part: 'key' }, { what: `${JSON.stringify(from)} of ${cls}`, why: `the config also has its Keras 2 name ${JSON.stringify(to)}, which Keras 2 refuses` });
      out = without(out, from);
      continue;
    }
    noteConverted(ctx, `${from} → ${to}`);
    noteArgument(ctx, config, from, to);
    out = renameKey(out, from, to);
  }
  if (cls === 'SeparableConv2D' && 'init' in out) {
    // separable_conv2d_args_preprocessor: `init` initializes both kernels.
    noteConverted(ctx, 'init → depthwise_initializer, pointwise_initializer');
    const init = out.init;
    noteArgument(ctx, config, 'init', 'depthwise_initializer');
    noteArgument(ctx, config, 'init', 'pointwise_initializer');
    out = { ...without(out, 'init'), depthwise_initializer: init, pointwise_initializer: init };
  }
  if (cls === 'Embedding' && 'dropout' in out) {
    // embedding_kwargs_preprocessor drops it: Keras 1 applied it to whole words at training time only.
    noteConverted(ctx, 'Embedding dropout (training only) dropped');
    out = without(out, 'dropout');
  }
  if (cls === 'Conv2DTranspose' && 'output_shape' in out) {
    const shape = out.output_shape;
    if (Array.isArray(shape)) ctx.deconvShapes.push({ layer: String(out.name ?? ''), shape, at: [...path, 'output_shape'] });
    out = without(out, 'output_shape');
  }
  return out;
}

export const layerArguments: Keras1Pass = (model, path, ctx) => mapConfigs(model, path, (config, cls, p) => convert(config, cls, p, ctx));
