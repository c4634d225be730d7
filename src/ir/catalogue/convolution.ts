/**
 * Convolution layers: Conv1D/2D/3D, Conv1D/2D/3DTranspose, SeparableConv1D/2D, DepthwiseConv1D/2D.
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras
 * `keras/src/...` at the index's HEAD version):
 * - K2 `tf_keras/layers/convolutional/{base_conv,conv1d,conv2d,conv3d,conv2d_transpose,conv1d_transpose,conv3d_transpose,
 *   base_separable_conv,separable_conv1d,separable_conv2d,base_depthwise_conv,depthwise_conv1d,
 *   depthwise_conv2d}.py` and `tf_keras/layers/__init__.py` (aliases).
 * - K3 `keras/src/layers/convolutional/{base_conv,conv1d,conv2d,base_conv_transpose,base_separable_conv,
 *   base_depthwise_conv}.py`, `keras/api/layers/__init__.py` (aliases).
 * - tfjs 4.22 `dist/layers/convolutional.{d.ts,js}`, `convolutional_depthwise.{d.ts,js}` and runs.
 *
 * Config quirks that matter for validation (from the K2 get_config code):
 * - Every K2 conv layer inherits `Conv.get_config`, so Conv*Transpose, SeparableConv* and DepthwiseConv*
 *   configs also carry `groups`; SeparableConv* additionally carries `kernel_initializer`,
 *   `kernel_regularizer` and `kernel_constraint` (the unused base Conv kernel settings). tfjs's
 *   SeparableConv2D THROWS when `kernel_initializer`/`kernel_regularizer`/`kernel_constraint` is non-null
 *   ("Fields kernelInitializer, kernelRegularizer and kernelConstraint are invalid for SeparableConv2D"),
 *   so emitters must drop them (verified by run).
 * - K2 Conv3DTranspose.get_config pops dilation_rate; Keras 3 writes it.
 * tfjs silent-ignore findings (verified by runs): `groups` (Conv2D with groups=3 builds a plain conv),
 * Conv2DTranspose/Conv3DTranspose `dilation_rate` and `output_padding`, DepthwiseConv2D `dilation_rate`
 * (the call passes null). Conv1D `padding: "causal"` loads but predict throws NotImplementedError.
 * tfjs SeparableConv uses `depthwiseInitializer` for the pointwise kernel too (bug in the constructor);
 * harmless when weights are loaded.
 */
import type { ArgSpec, LayerSpec } from './types.js';
import {
  activation, arg, bool, constraint, dataFormat, initializer, int, intOrTuple, num, oneOf, opt, regularizer,
} from './t.js';
import { GLOROT_NORMAL, GLOROT_UNIFORM, ZEROS } from './base.js';
import { RUNTIME_CONV1D_TRANSPOSE, RUNTIME_SEPARABLE_CONV1D } from '../runtime-recurrent.js';

type Rank = 1 | 2 | 3;
const ones = (r: Rank): number | number[] => (r === 1 ? 1 : Array<number>(r).fill(1));

const filters = arg('filters', int(1), { required: true, doc: 'Number of output channels.' });
const kernelSize = (r: Rank) => arg('kernel_size', intOrTuple(r, 1), { required: true, doc: 'Size of the convolution window (an int applies to every spatial axis).' });
const strides = (r: Rank) => arg('strides', intOrTuple(r, 1), { default: ones(r), doc: 'Stride of the convolution along each spatial axis.' });
const padding = (causal: boolean, tfjsNote = '') =>
  arg('padding', causal ? oneOf('valid', 'same', 'causal') : oneOf('valid', 'same'), {
    default: 'valid',
    doc: causal
      ? `"valid" (no padding), "same" (output length = input length / stride) or "causal" (left padding for temporal models).${tfjsNote}`
      : '"valid" (no padding) or "same" (pad so output size = input size / stride).',
  });
const dataFormatArg = arg('data_format', dataFormat, { default: 'channels_last', doc: 'Axis order: channels_last (batch, ..., channels) or channels_first (batch, channels, ...); None means the global image_data_format.' });
const dilation = (r: Rank, tfjsIgnores = false): ArgSpec =>
  arg('dilation_rate', intOrTuple(r, 1), {
    default: ones(r),
    ...(tfjsIgnores && { tfjs: null }),
    doc: tfjsIgnores
      ? 'Dilation rate of the convolution; tfjs reads but ignores it for this layer, so only 1 is portable.'
      : 'Dilation rate of the convolution (cannot exceed 1 together with a stride above 1).',
  });
const groups = (o: { keras2Only?: boolean } = {}) =>
  arg('groups', int(1), {
    default: 1,
    tfjs: null,
    ...o,
    doc: o.keras2Only
      ? 'Written by the Keras 2 base Conv get_config (always 1 here); tfjs ignores it.'
      : 'Number of channel groups convolved separately; tfjs ignores it, so only 1 is portable.',
  });
const act = arg('activation', opt(activation), { default: 'linear', doc: 'Activation applied to the output.' });
const useBias = arg('use_bias', bool, { default: true, doc: 'Whether to add a bias vector.' });
const kernelInit = (tfjsGlorotNormal: boolean) =>
  arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, ...(tfjsGlorotNormal && { tfjsDefault: GLOROT_NORMAL }), doc: 'Initializer for the convolution kernel.' });
const biasInit = arg('bias_initializer', initializer, { default: ZEROS, doc: 'Initializer for the bias vector.' });
const kernelReg = arg('kernel_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the kernel.' });
const biasReg = arg('bias_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the bias.' });
const activityReg = arg('activity_regularizer', opt(regularizer), { default: null, tfjs: 'activityRegularizer', doc: 'Regularizer applied to the layer output.' });
const kernelCon = arg('kernel_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the kernel after each update.' });
const biasCon = arg('bias_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the bias after each update.' });
const outputPadding = (r: Rank) =>
  r === 1
    ? arg('output_padding', opt(intOrTuple(r, 0)), { default: null, doc: 'Extra size added to the end of the output steps (must be below the stride); None derives the length from padding.' })
    : arg('output_padding', opt(intOrTuple(r, 0)), { default: null, tfjs: null, doc: 'Extra size added to one side of each output spatial axis (must be below the stride); tfjs ignores it, so only None is portable.' });
const depthMultiplier = arg('depth_multiplier', int(1), { default: 1, doc: 'Number of depthwise output channels per input channel.' });
const depthwiseInit = (tfjsGlorotNormal: boolean) =>
  arg('depthwise_initializer', initializer, { default: GLOROT_UNIFORM, ...(tfjsGlorotNormal && { tfjsDefault: GLOROT_NORMAL }), doc: 'Initializer for the depthwise kernel.' });
const pointwiseInit = (r: 1 | 2) =>
  r === 1
    ? arg('pointwise_initializer', initializer, { default: GLOROT_UNIFORM, doc: 'Initializer for the pointwise kernel.' })
    : arg('pointwise_initializer', initializer, { default: GLOROT_UNIFORM, tfjs: null, doc: 'Initializer for the pointwise kernel; tfjs never reads it and initializes the pointwise kernel with depthwise_initializer instead.' });
const depthwiseReg = arg('depthwise_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the depthwise kernel.' });
const pointwiseReg = arg('pointwise_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the pointwise kernel.' });
const depthwiseCon = arg('depthwise_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the depthwise kernel.' });
const pointwiseCon = arg('pointwise_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the pointwise kernel.' });

/** Keras 3 BaseConv LoRA/DoRA arguments (Conv1D/2D/3D only); written to configs only when set. */
const loraArgs: readonly ArgSpec[] = [
  arg('lora_rank', opt(int(1)), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA rank (Keras 3); written only when LoRA is enabled.' }),
  arg('lora_alpha', opt(num()), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA scaling numerator; written together with lora_rank.' }),
  arg('dora_rank', opt(int(1)), { default: null, keras3Only: true, tfjs: null, doc: 'DoRA rank (recent Keras 3 development versions); written only when set.' }),
  arg('dora_alpha', opt(num()), { default: null, keras3Only: true, tfjs: null, doc: 'DoRA scaling numerator; written together with dora_rank.' }),
];

/** Keys that only the Keras 2 SeparableConv get_config writes (inherited from the base Conv). */
const separableLegacyArgs: readonly ArgSpec[] = [
  groups({ keras2Only: true }),
  arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, keras2Only: true, tfjs: null, tfjsRejects: true, doc: 'Unused base-Conv setting that Keras 2 writes into SeparableConv configs; drop it for tfjs, which throws when it is present.' }),
  arg('kernel_regularizer', opt(regularizer), { default: null, keras2Only: true, tfjs: null, tfjsRejects: true, doc: 'Unused base-Conv setting written by Keras 2; tfjs throws when it is non-null.' }),
  arg('kernel_constraint', opt(constraint), { default: null, keras2Only: true, tfjs: null, tfjsRejects: true, doc: 'Unused base-Conv setting written by Keras 2; tfjs throws when it is non-null.' }),
];

const conv = (r: Rank): LayerSpec => ({
  name: `Conv${r}D`,
  category: 'convolution',
  doc: `${r}D convolution layer producing \`filters\` output channels.`,
  // K2: Conv{r}D(filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation,
  //   use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer,
  //   activity_regularizer, kernel_constraint, bias_constraint, **kwargs)
  positional: 16,
  args: [
    filters, kernelSize(r), strides(r),
    padding(r === 1, ' tfjs loads "causal" but throws NotImplementedError when the layer runs.'),
    dataFormatArg, dilation(r), groups(), act, useBias, kernelInit(true), biasInit, kernelReg, biasReg,
    activityReg, kernelCon, biasCon, ...loraArgs,
  ],
  tfjs: { className: `Conv${r}D` },
  aliases: [`Convolution${r}D`],
  example: { filters: 2, kernel_size: 2 },
  exampleInput: r === 1 ? [5, 3] : r === 2 ? [5, 5, 3] : [4, 4, 4, 2],
});

const convTranspose = (r: Rank): LayerSpec => ({
  name: `Conv${r}DTranspose`,
  category: 'convolution',
  doc: `Transposed ${r}D convolution (deconvolution) producing \`filters\` output channels.`,
  // K2: Conv{r}DTranspose(filters, kernel_size, strides, padding, output_padding, data_format,
  //   dilation_rate, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
  //   bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, **kwargs)
  positional: 16,
  args: [
    filters, kernelSize(r), strides(r), padding(false), outputPadding(r), dataFormatArg, dilation(r, r !== 1),
    act, useBias, kernelInit(r !== 1), biasInit, kernelReg, biasReg, activityReg, kernelCon, biasCon,
    groups({ keras2Only: true }),
  ],
  // tfjs has no Conv1DTranspose: kspec's runtime class computes Keras's, with Keras's kernel (k, filters, in).
  tfjs: r === 1 ? { className: RUNTIME_CONV1D_TRANSPOSE, runtime: true } : { className: `Conv${r}DTranspose` },
  aliases: [`Convolution${r}DTranspose`],
  example: { filters: 2, kernel_size: 2 },
  exampleInput: r === 1 ? [4, 3] : r === 2 ? [4, 4, 3] : [3, 3, 3, 2],
});

const separable = (r: 1 | 2): LayerSpec => ({
  name: `SeparableConv${r}D`,
  category: 'convolution',
  doc: `Depthwise ${r}D convolution per input channel followed by a 1x1 pointwise convolution.`,
  // K2: SeparableConv{r}D(filters, kernel_size, strides, padding, data_format, dilation_rate,
  //   depth_multiplier, activation, use_bias, depthwise_initializer, pointwise_initializer,
  //   bias_initializer, depthwise_regularizer, pointwise_regularizer, bias_regularizer,
  //   activity_regularizer, depthwise_constraint, pointwise_constraint, bias_constraint, **kwargs)
  positional: 19,
  args: [
    filters, kernelSize(r), strides(r), padding(r === 1), dataFormatArg, dilation(r), depthMultiplier, act, useBias,
    depthwiseInit(false), pointwiseInit(r), biasInit, depthwiseReg, pointwiseReg, biasReg, activityReg,
    depthwiseCon, pointwiseCon, biasCon, ...separableLegacyArgs,
  ],
  // tfjs has no SeparableConv1D: kspec's runtime class computes Keras's (causal padding included), with
  // Keras's depthwise (k, in, depth_multiplier) and pointwise (1, in·depth_multiplier, filters) kernels.
  tfjs: r === 1 ? { className: RUNTIME_SEPARABLE_CONV1D, runtime: true } : { className: 'SeparableConv2D' },
  aliases: [`SeparableConvolution${r}D`],
  example: { filters: 2, kernel_size: 2 },
  exampleInput: r === 1 ? [5, 3] : [5, 5, 3],
});

const depthwise = (r: 1 | 2): LayerSpec => ({
  name: `DepthwiseConv${r}D`,
  category: 'convolution',
  doc: `Depthwise ${r}D convolution: each input channel is convolved with its own depth_multiplier filters.`,
  // K2: DepthwiseConv{r}D(kernel_size, strides, padding, depth_multiplier, data_format, dilation_rate,
  //   activation, use_bias, depthwise_initializer, bias_initializer, depthwise_regularizer,
  //   bias_regularizer, activity_regularizer, depthwise_constraint, bias_constraint, **kwargs)
  positional: 15,
  args: [
    kernelSize(r), strides(r), padding(false), depthMultiplier, dataFormatArg, dilation(r, r === 2), act, useBias,
    depthwiseInit(r === 2), biasInit, depthwiseReg, biasReg, activityReg, depthwiseCon, biasCon,
    groups({ keras2Only: true }),
  ],
  tfjs: r === 1
    ? { missing: 'Emit Reshape to (steps, 1, channels), DepthwiseConv2D with kernel_size [k, 1] and strides [s, 1] (kernel gains a unit axis), then Reshape back.' }
    : { className: 'DepthwiseConv2D' },
  example: { kernel_size: 2 },
  exampleInput: r === 1 ? [5, 3] : [5, 5, 3],
});

export const CONVOLUTION_LAYERS: readonly LayerSpec[] = [
  conv(1), conv(2), conv(3),
  convTranspose(1), convTranspose(2), convTranspose(3),
  separable(1), separable(2),
  depthwise(1), depthwise(2),
];
