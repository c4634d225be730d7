/**
 * Advanced-activation layers: LeakyReLU, PReLU, ELU, ReLU, Softmax, ThresholdedReLU.
 * (The plain `Activation` layer is in core.ts.)
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras):
 * - K2 `tf_keras/layers/activation/{leaky_relu,prelu,elu,relu,softmax,thresholded_relu}.py`; a later
 *   tf-keras version of softmax.py (commit 1da4c43e) adds `robust_masking`, written only when true.
 * - K3 `keras/src/layers/activations/{leaky_relu,relu}.py` (negative_slope/threshold/max_value must be
 *   >= 0; LeakyReLU pops a deprecated `alpha` kwarg into negative_slope).
 * - Keras 3 facts from /work/shared/reference/keras-tfjs-facts.md §2 (LeakyReLU negative_slope=0.3 with
 *   deprecated `alpha`; PReLU/ELU/ReLU/Softmax keys unchanged; ThresholdedReLU removed from keras.layers)
 *   and `keras/api/layers/__init__.py` (no ThresholdedReLU export).
 * - tfjs 4.22 `dist/layers/advanced_activations.{d.ts,js}`: LeakyReLU reads only `alpha` (default 0.3);
 *   ReLU reads only `maxValue`; ELU throws NotImplementedError for any alpha other than 1.0; Softmax
 *   DEFAULT_AXIS = 1; PReLU default alphaInitializer "zeros"; ThresholdedReLU theta default 1.0.
 */
import type { LayerSpec } from './types.js';
import { arg, axes, bool, constraint, initializer, num, opt, regularizer } from './t.js';
import { ZEROS } from './base.js';

const sameShape = [3];

export const ACTIVATION_LAYERS: readonly LayerSpec[] = [
  {
    name: 'LeakyReLU',
    category: 'activation',
    doc: 'Leaky rectified linear unit: x for x >= 0, slope * x otherwise.',
    positional: 1,
    args: [
      arg('alpha', num(), { default: 0.3, tfjs: 'alpha', doc: 'Slope for negative inputs (Keras 2 name; Keras 3 still accepts it with a deprecation warning).' }),
      arg('negative_slope', num({ min: 0 }), { default: 0.3, keras3Only: true, tfjs: null, doc: 'Keras 3 name for the negative slope; tfjs silently ignores it, so emit its value as alpha.' }),
    ],
    tfjs: { className: 'LeakyReLU' },
    example: { alpha: 0.2 },
    exampleInput: sameShape,
  },
  {
    name: 'PReLU',
    category: 'activation',
    doc: 'Parametric ReLU: x for x >= 0, learned alpha * x otherwise.',
    positional: 4,
    args: [
      arg('alpha_initializer', initializer, { default: ZEROS, doc: 'Initializer for the learned slopes.' }),
      arg('alpha_regularizer', opt(regularizer), { default: null, doc: 'Regularizer for the learned slopes.' }),
      arg('alpha_constraint', opt(constraint), { default: null, doc: 'Constraint for the learned slopes.' }),
      arg('shared_axes', opt(axes), { default: null, doc: 'Axes (1-based, excluding batch) along which one slope is shared, e.g. [1, 2] for per-channel slopes on images.' }),
    ],
    tfjs: { className: 'PReLU' },
    example: {},
    exampleInput: sameShape,
  },
  {
    name: 'ELU',
    category: 'activation',
    doc: 'Exponential linear unit: x for x >= 0, alpha * (exp(x) - 1) otherwise.',
    positional: 1,
    args: [
      arg('alpha', num(), { default: 1.0, doc: 'Scale of the negative part; tfjs supports only 1.0 and throws NotImplementedError otherwise.' }),
    ],
    tfjs: { className: 'ELU' },
    example: { alpha: 1.0 },
    exampleInput: sameShape,
  },
  {
    name: 'ReLU',
    category: 'activation',
    doc: 'Rectified linear unit with optional cap, negative slope and threshold.',
    positional: 3,
    args: [
      arg('max_value', opt(num({ min: 0 })), { default: null, doc: 'Upper bound of the output; unbounded when None.' }),
      arg('negative_slope', num({ min: 0 }), { default: 0.0, tfjs: null, doc: 'Slope below the threshold; tfjs ignores it, so only 0 is portable (use LeakyReLU instead).' }),
      arg('threshold', num({ min: 0 }), { default: 0.0, tfjs: null, doc: 'Inputs below this value are zeroed (or scaled by negative_slope); tfjs ignores it, so only 0 is portable.' }),
    ],
    tfjs: { className: 'ReLU' },
    example: { max_value: 6 },
    exampleInput: sameShape,
  },
  {
    name: 'Softmax',
    category: 'activation',
    doc: 'Softmax over one or more axes.',
    positional: 1,
    args: [
      arg('axis', axes, { default: -1, tfjsDefault: 1, doc: 'Axis (or axes) to normalize over; tfjs defaults to 1, so always emit it explicitly.' }),
      arg('robust_masking', bool, { default: false, keras2Only: true, tfjs: null, doc: 'Masking variant added in tf-keras after 2.15; written only when true.' }),
    ],
    tfjs: { className: 'Softmax' },
    example: { axis: -1 },
    exampleInput: sameShape,
  },
  {
    name: 'ThresholdedReLU',
    category: 'activation',
    doc: 'x for x > theta, 0 otherwise (Keras 2 only; removed from Keras 3).',
    positional: 1,
    keras2Only: true,
    args: [
      arg('theta', num({ min: 0 }), { default: 1.0, doc: 'Threshold location.' }),
    ],
    tfjs: { className: 'ThresholdedReLU' },
    example: { theta: 0.5 },
    exampleInput: sameShape,
  },
];
