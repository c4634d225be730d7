/**
 * Noise / dropout regularization layers: SpatialDropout1D/2D/3D, GaussianNoise, GaussianDropout,
 * AlphaDropout. (Plain Dropout and ActivityRegularization are in core.ts.) All of them are the identity
 * at inference time.
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras):
 * - K2 `tf_keras/layers/regularization/{dropout,spatial_dropout1d,spatial_dropout2d,spatial_dropout3d,
 *   gaussian_noise,gaussian_dropout,alpha_dropout}.py`. SpatialDropout1D/2D/3D subclass Dropout without
 *   overriding get_config, so their K2 configs carry rate, noise_shape and seed but NOT data_format.
 *   K2 AlphaDropout writes only rate and seed (noise_shape is a signature argument but is not serialized).
 * - K3 `keras/src/layers/regularization/{dropout,spatial_dropout,gaussian_noise,gaussian_dropout,alpha_dropout}.py`:
 *   GaussianNoise requires 0 <= stddev <= 1 and GaussianDropout 0 <= rate <= 1 (Keras 2 checks neither). BaseSpatialDropout takes
 *   (rate, [data_format], seed, name, dtype) with no **kwargs and writes rate, seed, name, dtype (+
 *   data_format for 2D/3D) — no `trainable`, and `noise_shape` is rejected. K3 AlphaDropout writes rate,
 *   seed and noise_shape.
 * - tfjs 4.22 `dist/layers/noise.{d.ts,js}`, `dist/layers/core.{d.ts,js}` (SpatialDropout1D): GaussianNoise
 *   reads only stddev, GaussianDropout only rate, AlphaDropout rate and noiseShape; SpatialDropout1D reads
 *   rate and seed. tfjs has no SpatialDropout2D/3D: kspec's runtime classes KspecSpatialDropout2D/3D
 *   compute them (the identity at inference; in training whole feature maps are dropped, as data_format
 *   places the channels), reading rate, data_format and seed (src/runtime/structural.ts).
 */
import type { LayerSpec } from './types.js';
import { arg, dataFormat, int, list, num, opt } from './t.js';

const rate = arg('rate', num({ min: 0, max: 1 }), { required: true, doc: 'Fraction of the input units to drop, between 0 and 1.' });
const seed = (tfjsReads: boolean) =>
  arg('seed', opt(int()), { default: null, ...(!tfjsReads && { tfjs: null }), doc: tfjsReads ? 'Random seed.' : 'Random seed (tfjs ignores it; irrelevant at inference).' });
const spatialNoiseShape = arg('noise_shape', opt(list(opt(int(1)))), {
  default: null,
  keras2Only: true,
  tfjs: null,
  doc: 'Inherited from Dropout and written by Keras 2, but spatial dropout always derives its own mask shape; Keras 3 rejects it.',
});
const spatialDataFormat = arg('data_format', dataFormat, {
  default: 'channels_last',
  doc: 'Position of the channel axis whose feature maps are dropped together (Keras 2 does not serialize it); irrelevant at inference.',
});

export const REGULARIZATION_LAYERS: readonly LayerSpec[] = [
  {
    name: 'SpatialDropout1D',
    category: 'regularization',
    doc: 'Dropout that drops whole 1D feature maps (channels) of a (batch, steps, channels) input during training.',
    // K2: SpatialDropout1D(rate, **kwargs); noise_shape and seed reach Dropout through kwargs.
    positional: 1,
    args: [rate, spatialNoiseShape, seed(true)],
    tfjs: { className: 'SpatialDropout1D' },
    example: { rate: 0.5 },
    exampleInput: [4, 3],
  },
  {
    name: 'SpatialDropout2D',
    category: 'regularization',
    doc: 'Dropout that drops whole 2D feature maps (channels) of an image tensor during training.',
    // K2: SpatialDropout2D(rate, data_format=None, **kwargs)
    positional: 2,
    args: [rate, spatialDataFormat, spatialNoiseShape, seed(true)],
    // tfjs has no SpatialDropout2D: kspec's runtime computes it (src/runtime/structural.ts).
    tfjs: { className: 'KspecSpatialDropout2D', runtime: true },
    example: { rate: 0.5 },
    exampleInput: [4, 4, 2],
  },
  {
    name: 'SpatialDropout3D',
    category: 'regularization',
    doc: 'Dropout that drops whole 3D feature maps (channels) of a volume tensor during training.',
    // K2: SpatialDropout3D(rate, data_format=None, **kwargs)
    positional: 2,
    args: [rate, spatialDataFormat, spatialNoiseShape, seed(true)],
    tfjs: { className: 'KspecSpatialDropout3D', runtime: true },
    example: { rate: 0.5 },
    exampleInput: [2, 2, 2, 2],
  },
  {
    name: 'GaussianNoise',
    category: 'regularization',
    doc: 'Adds zero-centred Gaussian noise during training.',
    positional: 2,
    args: [
      arg('stddev', num({ min: 0 }), { required: true, doc: 'Standard deviation of the noise (Keras 3 rejects values above 1; Keras 2 does not check).' }),
      seed(false),
    ],
    tfjs: { className: 'GaussianNoise' },
    example: { stddev: 0.1 },
    exampleInput: [3],
  },
  {
    name: 'GaussianDropout',
    category: 'regularization',
    doc: 'Multiplies inputs by Gaussian noise with mean 1 and stddev sqrt(rate / (1 - rate)) during training.',
    positional: 2,
    args: [
      arg('rate', num({ min: 0, max: 1 }), { required: true, doc: 'Drop probability (as with Dropout); the noise is only applied when 0 < rate < 1 (Keras 3 rejects values outside 0..1).' }),
      seed(false),
    ],
    tfjs: { className: 'GaussianDropout' },
    example: { rate: 0.5 },
    exampleInput: [3],
  },
  {
    name: 'AlphaDropout',
    category: 'regularization',
    doc: 'Dropout that keeps the mean and variance of its inputs, for self-normalizing (SELU) networks.',
    positional: 3,
    args: [
      rate,
      arg('noise_shape', opt(list(opt(int(1)))), { default: null, tfjs: 'noiseShape', doc: 'Shape (including the batch axis) of the dropout mask (Keras 2 does not serialize it).' }),
      seed(false),
    ],
    tfjs: { className: 'AlphaDropout' },
    example: { rate: 0.5 },
    exampleInput: [3],
  },
];
