/**
 * Base `Layer` keyword arguments accepted by every layer.
 *
 * Sources read:
 * - Keras 2.15: `tf_keras/engine/base_layer.py` in keras-team/tf-keras (the initial tf-keras import,
 *   commit 6add81a9, is the Keras 2.15 code base moved to its own repository). `Layer.__init__(self,
 *   trainable=True, name=None, dtype=None, dynamic=False, **kwargs)` with
 *   `allowed_kwargs = {input_dim, input_shape, batch_input_shape, batch_size, weights,
 *   activity_regularizer, autocast, implementation}`. `get_config()` writes `name`, `trainable`,
 *   `batch_input_shape` (when set), `dtype` and `dynamic` (only when true).
 * - Keras 3: `keras/src/layers/layer.py` (HEAD). `Layer.__init__(self, *, activity_regularizer=None,
 *   trainable=True, dtype=None, autocast=True, name=None, **kwargs)`; it pops `input_dim` and
 *   `input_shape` and rejects any other kwarg ("Unrecognized keyword arguments passed to …").
 *   `get_config()` writes `name`, `trainable`, `dtype` and `activity_regularizer` (only when set).
 *   Legacy Keras 2 configs that carry `batch_input_shape` are still loaded by Keras 3 through its
 *   legacy saving path, which turns the key into an InputLayer (not re-verified here).
 * - tfjs 4.22: `LayerArgs` in `@tensorflow/tfjs-layers/dist/engine/topology.d.ts` and the `Layer`
 *   constructor in `topology.js` read `inputShape`, `batchInputShape`, `batchSize`, `dtype`, `name`,
 *   `trainable`, `weights` and the legacy `inputDType`. `inputDim` is read only by `Dense` (core.js).
 *   `activityRegularizer` is read only by the layers that declare it (Dense, the conv layers), so those
 *   rows re-declare it; `layerArgs`/merging code should let a row's own entry win over this one.
 */
import type { ArgSpec } from './types.js';
import { arg, bool, dtype, int, opt, regularizer, shape, str, list, any } from './t.js';

export const BASE_ARGS: readonly ArgSpec[] = [
  // Keras 2 `Layer.__init__` named parameters, in order.
  arg('trainable', bool, {
    default: true,
    doc: 'Whether the layer\'s weights are updated during training.',
  }),
  arg('name', opt(str), {
    default: null,
    doc: 'Layer name, unique within a model; generated from the class name when omitted.',
  }),
  arg('dtype', opt(dtype), {
    default: null,
    doc: 'Layer dtype or dtype policy (Keras 3.4+ writes a DTypePolicy object); tfjs only honours a plain dtype string on a layer that also carries an input shape.',
  }),
  arg('dynamic', bool, {
    default: false,
    keras2Only: true,
    tfjs: null,
    doc: 'Keras 2 flag for layers that can only run eagerly; written to configs only when true.',
  }),
  // Keras 2 `allowed_kwargs`, in source order.
  arg('input_dim', int(1), {
    tfjs: null,
    doc: 'Shorthand for input_shape=[input_dim] on a first layer; tfjs reads it only on Dense, so emit input_shape instead.',
  }),
  arg('input_shape', opt(shape), {
    default: null,
    tfjs: 'inputShape',
    doc: 'Shape of one sample (without the batch axis) for a first layer; Keras 3 accepts it with a deprecation warning.',
  }),
  arg('batch_input_shape', opt(list(opt(int(0)))), {
    default: null,
    keras2Only: true,
    tfjs: 'batchInputShape',
    doc: 'Input shape including the batch axis, as Keras 2 writes it on the first layer of a Sequential model.',
  }),
  arg('batch_size', opt(int(1)), {
    default: null,
    keras2Only: true,
    tfjs: 'batchSize',
    doc: 'Fixed batch size used together with input_shape on a first layer.',
  }),
  arg('weights', opt(any), {
    default: null,
    keras2Only: true,
    tfjs: null,
    doc: 'Initial weight arrays (never written by get_config); tfjs\'s own `weights` option takes Tensor objects, which JSON cannot carry, so load weights separately.',
  }),
  arg('activity_regularizer', opt(regularizer), {
    default: null,
    tfjs: null,
    doc: 'Regularizer applied to the layer output (training-time loss only); tfjs reads it only on the layers that declare it.',
  }),
  arg('autocast', bool, {
    default: true,
    tfjs: null,
    doc: 'Whether inputs are cast to the layer\'s compute dtype (mixed precision).',
  }),
  arg('implementation', int(), {
    keras2Only: true,
    tfjs: null,
    doc: 'Accepted (and ignored) by every Keras 2 layer; meaningful only for recurrent and locally-connected layers.',
  }),
];

/** Initializer defaults as Keras `get_config()` writes them (and tfjs's differing defaults). */
export const GLOROT_UNIFORM = { class_name: 'GlorotUniform', config: { seed: null } } as const;
export const GLOROT_NORMAL = { class_name: 'GlorotNormal', config: { seed: null } } as const;
export const ZEROS = { class_name: 'Zeros', config: {} } as const;
