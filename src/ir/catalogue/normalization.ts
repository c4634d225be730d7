/**
 * Normalization layers: BatchNormalization, LayerNormalization, GroupNormalization, UnitNormalization,
 * Normalization (preprocessing), RMSNormalization, SpectralNormalization.
 *
 * Sources read:
 * - Keras 2: keras-team/keras `keras/layers/normalization/batch_normalization.py` (last Keras 2 version,
 *   with `synchronized`, i.e. 2.12+): the public `BatchNormalization(axis, momentum, epsilon, center, scale,
 *   beta_initializer, gamma_initializer, moving_mean_initializer, moving_variance_initializer,
 *   beta_regularizer, gamma_regularizer, beta_constraint, gamma_constraint, synchronized=False, **kwargs)`
 *   forwards renorm, renorm_clipping, renorm_momentum, fused, virtual_batch_size and adjustment through
 *   **kwargs to BatchNormalizationBase. get_config writes the 13 named arguments, renorm/renorm_clipping/
 *   renorm_momentum only when renorm is true, virtual_batch_size only when set, never `synchronized`,
 *   `fused` or `adjustment` (not serializable). Also `keras/layers/normalization/spectral_normalization.py`
 *   (Keras 2.13+: SpectralNormalization(layer, power_iterations=1); config = Wrapper's `layer` +
 *   power_iterations).
 * - Keras 3: keras-team/keras `keras/src/layers/normalization/{batch_normalization,layer_normalization,
 *   group_normalization,rms_normalization,spectral_normalization}.py`. BatchNormalization writes
 *   `synchronized` always; one recent Keras 3 source also takes and writes renorm, renorm_clipping and
 *   renorm_momentum (inserted before `synchronized`) — the version that added them was not identified.
 *   LayerNormalization has `rms_scaling` (after `scale`) in the 3.x source read, but a signature dump of a
 *   later 3.x no longer lists it (removal version not identified).
 * - tfjs 4.22: `dist/layers/normalization.js`: BatchNormalization reads axis (an integer), momentum,
 *   epsilon, center, scale, the four initializers, beta/gamma regularizers and constraints;
 *   LayerNormalization reads axis (int or int list), epsilon, center, scale, beta/gamma initializers and
 *   regularizers — not the constraints. Defaults match Keras.
 * - GroupNormalization, UnitNormalization and Normalization compile to kspec runtime classes
 *   (src/runtime/normalization.ts, formulas and weights checked against keras-team/keras
 *   `keras/src/layers/normalization/{group,unit}_normalization.py`, `keras/src/layers/preprocessing/
 *   normalization.py` and the Keras 2 copies). For them `tfjs: null` marks what the runtime class ignores
 *   (regularizers and constraints: training only).
 * Not re-read (taken from the keras/ Keras 2 sources and the Keras 3 docs, unchanged there): Keras 2
 * LayerNormalization, GroupNormalization (2.11+), UnitNormalization (2.9+) and Normalization signatures.
 */
import type { LayerSpec } from './types.js';
import {
  any, arg, axes, bool, constraint, initializer, int, layer, list, num, opt, regularizer, union,
} from './t.js';
import { ZEROS } from './base.js';

const ONES = { class_name: 'Ones', config: {} } as const;

const betaGammaArgs = (tfjsConstraints: boolean) => [
  arg('beta_initializer', initializer, { default: ZEROS, doc: 'Initializer for the beta (offset) weight.' }),
  arg('gamma_initializer', initializer, { default: ONES, doc: 'Initializer for the gamma (scale) weight.' }),
  arg('beta_regularizer', opt(regularizer), { default: null, doc: 'Regularizer for the beta weight.' }),
  arg('gamma_regularizer', opt(regularizer), { default: null, doc: 'Regularizer for the gamma weight.' }),
  arg('beta_constraint', opt(constraint), {
    default: null,
    ...(!tfjsConstraints && { tfjs: null }),
    doc: 'Constraint for the beta weight (training only).',
  }),
  arg('gamma_constraint', opt(constraint), {
    default: null,
    ...(!tfjsConstraints && { tfjs: null }),
    doc: 'Constraint for the gamma weight (training only).',
  }),
];
const center = arg('center', bool, { default: true, doc: 'Whether to add the learned offset beta.' });
const scale = arg('scale', bool, { default: true, doc: 'Whether to multiply by the learned scale gamma.' });

export const NORMALIZATION_LAYERS: readonly LayerSpec[] = [
  {
    name: 'BatchNormalization',
    category: 'normalization',
    doc: 'Normalizes each feature with batch statistics in training and moving averages at inference.',
    positional: 14,
    args: [
      arg('axis', axes, { default: -1, doc: 'Feature axis (Keras 2 also accepts a list of axes; tfjs and Keras 3 take one integer).' }),
      arg('momentum', num({ min: 0, max: 1 }), { default: 0.99, doc: 'Momentum of the moving mean and variance.' }),
      arg('epsilon', num({ exclusiveMin: 0 }), { default: 0.001, doc: 'Small constant added to the variance to avoid dividing by zero.' }),
      center,
      scale,
      arg('beta_initializer', initializer, { default: ZEROS, doc: 'Initializer for the beta (offset) weight.' }),
      arg('gamma_initializer', initializer, { default: ONES, doc: 'Initializer for the gamma (scale) weight.' }),
      arg('moving_mean_initializer', initializer, { default: ZEROS, doc: 'Initializer for the moving mean.' }),
      arg('moving_variance_initializer', initializer, { default: ONES, doc: 'Initializer for the moving variance.' }),
      arg('beta_regularizer', opt(regularizer), { default: null, doc: 'Regularizer for the beta weight.' }),
      arg('gamma_regularizer', opt(regularizer), { default: null, doc: 'Regularizer for the gamma weight.' }),
      arg('beta_constraint', opt(constraint), { default: null, doc: 'Constraint for the beta weight (training only).' }),
      arg('gamma_constraint', opt(constraint), { default: null, doc: 'Constraint for the gamma weight (training only).' }),
      arg('synchronized', bool, {
        default: false,
        tfjs: null,
        doc: 'Whether batch statistics are synchronized across devices in distributed training (Keras 2.12+ signature, written by Keras 3).',
      }),
      // Keras 2 **kwargs forwarded to BatchNormalizationBase.
      arg('renorm', bool, { default: false, tfjs: null, doc: 'Whether to use batch renormalization during training (no effect at inference).' }),
      arg('renorm_clipping', opt(any), {
        default: null,
        tfjs: null,
        doc: 'Dict with optional keys "rmax", "rmin" and "dmax" that clips the renormalization corrections.',
      }),
      arg('renorm_momentum', num({ min: 0, max: 1 }), { default: 0.99, tfjs: null, doc: 'Momentum of the renormalization moving statistics.' }),
      arg('fused', opt(bool), { default: null, keras2Only: true, tfjs: null, doc: 'Keras 2 choice of the fused kernel; never written by get_config and without effect on results.' }),
      arg('virtual_batch_size', opt(int(1)), {
        default: null,
        keras2Only: true,
        tfjs: null,
        doc: 'Keras 2 ghost-batch size for training statistics (written only when set; no effect at inference).',
      }),
      arg('adjustment', opt(any), {
        default: null,
        keras2Only: true,
        tfjs: null,
        doc: 'Keras 2 training-time callable that adjusts scale and bias; it cannot be serialized.',
      }),
    ],
    tfjs: { className: 'BatchNormalization' },
    example: { axis: -1 },
    exampleInput: [4],
  },
  {
    name: 'LayerNormalization',
    category: 'normalization',
    doc: 'Normalizes each sample over the given axes with its own mean and variance.',
    positional: 10,
    args: [
      arg('axis', axes, { default: -1, doc: 'Axis or axes to normalize over.' }),
      arg('epsilon', num({ exclusiveMin: 0 }), { default: 0.001, doc: 'Small constant added to the variance to avoid dividing by zero.' }),
      center,
      scale,
      ...betaGammaArgs(false),
      arg('rms_scaling', bool, {
        default: false,
        keras3Only: true,
        tfjs: null,
        doc: 'Keras 3 option that ignores center/scale and divides by the root mean square times gamma; tfjs has no such mode.',
      }),
    ],
    tfjs: { className: 'LayerNormalization' },
    example: { axis: -1 },
    exampleInput: [4],
  },
  {
    name: 'GroupNormalization',
    category: 'normalization',
    doc: 'Normalizes groups of channels of each sample with their own mean and variance.',
    positional: 11,
    args: [
      arg('groups', int(-1), { default: 32, doc: 'Number of channel groups; -1 means one group per channel.' }),
      arg('axis', int(), { default: -1, doc: 'Channel axis.' }),
      arg('epsilon', num({ exclusiveMin: 0 }), { default: 0.001, doc: 'Small constant added to the variance to avoid dividing by zero.' }),
      center,
      scale,
      // The runtime class ignores regularizers and constraints (training only).
      ...betaGammaArgs(false).map((a) => (a.name.endsWith('_regularizer') ? { ...a, tfjs: null } : a)),
    ],
    tfjs: { className: 'KspecGroupNormalization', runtime: true },
    example: { groups: 2 },
    exampleInput: [4],
  },
  {
    name: 'UnitNormalization',
    category: 'normalization',
    doc: 'Scales each sample to unit L2 norm over the given axes.',
    positional: 1,
    args: [arg('axis', axes, { default: -1, doc: 'Axis or axes over which the L2 norm is computed.' })],
    tfjs: { className: 'KspecUnitNormalization', runtime: true },
    example: {},
    exampleInput: [4],
  },
  {
    name: 'Normalization',
    category: 'preprocessing',
    doc: 'Preprocessing layer that standardizes features as (x - mean) / sqrt(variance), or inverts that.',
    positional: 4,
    args: [
      arg('axis', opt(axes), { default: -1, doc: 'Axis or axes that keep separate statistics; null means one mean and variance for everything.' }),
      arg('mean', opt(union(num(), list(any))), { default: null, doc: 'Mean to subtract; null until the layer is adapted (then it is a weight).' }),
      arg('variance', opt(union(num(), list(any))), { default: null, doc: 'Variance to divide by (after a square root, at least 1e-7); null until the layer is adapted (then it is a weight).' }),
      arg('invert', bool, { default: false, doc: 'Whether to apply the inverse transformation, x * sqrt(variance) + mean.' }),
    ],
    tfjs: { className: 'KspecNormalization', runtime: true },
    example: { mean: 0, variance: 1 },
    exampleInput: [3],
  },
  {
    name: 'RMSNormalization',
    category: 'normalization',
    doc: 'Divides inputs by their root mean square over the given axes and multiplies by a learned scale.',
    keras3Only: true,
    positional: 2,
    args: [
      arg('axis', axes, { default: -1, keras3Only: true, doc: 'Axis or axes to normalize over.' }),
      arg('epsilon', num({ exclusiveMin: 0 }), { default: 1e-6, keras3Only: true, doc: 'Small constant added to the mean square to avoid dividing by zero.' }),
    ],
    tfjs: { missing: 'tfjs has no RMSNormalization; use a kspec runtime class computing x * rsqrt(mean(x²) + epsilon) * scale.' },
    example: {},
    exampleInput: [4],
  },
  {
    name: 'SpectralNormalization',
    category: 'wrapper',
    doc: 'Wrapper that divides the wrapped layer\'s kernel by its spectral norm during training.',
    positional: 2,
    args: [
      arg('layer', layer, { required: true, doc: 'The wrapped layer, which must have a kernel or embeddings weight, as a nested {class_name, config}.' }),
      arg('power_iterations', int(1), { default: 1, tfjs: null, doc: 'Number of power iterations used to estimate the spectral norm.' }),
    ],
    tfjs: {
      missing: 'At inference the wrapper only calls the wrapped layer with its stored kernel, so emit the wrapped layer itself (drop the wrapper\'s non-trainable vector_u weight).',
    },
    example: { layer: { class_name: 'Dense', config: { units: 2 } } },
    exampleInput: [3],
  },
];
