/**
 * Core layers: InputLayer, Dense, Activation, Dropout, Flatten, Reshape, Permute, RepeatVector,
 * Masking, Lambda, Identity, ActivityRegularization, EinsumDense.
 * (Rescaling/CenterCrop/Resizing/CategoryEncoding live in part B's preprocessing table.)
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras
 * `keras/src/...` at the index's HEAD version):
 * - K2 `tf_keras/engine/input_layer.py`, `layers/core/{dense,activation,masking,identity,lambda_layer,
 *   einsum_dense}.py`, `layers/reshaping/{flatten,reshape,permute,repeat_vector}.py`,
 *   `layers/regularization/{dropout,activity_regularization}.py`, `layers/__init__.py`;
 *   golden API file `tf_keras/api/golden/v2/tensorflow.keras.layers.-dense.pbtxt` (Dense argspec).
 * - K3 `keras/src/layers/core/{dense,input_layer,lambda_layer,einsum_dense}.py`,
 *   `keras/src/layers/regularization/activity_regularization.py`, `keras/api/layers/__init__.py`.
 * - tfjs 4.22 `dist/layers/core.{d.ts,js}`, `dist/engine/input_layer.{d.ts,js}`, and runs of
 *   `tf.models.modelFromJSON` (see test/catalogue-a.test.ts).
 * - K3 `keras/src/layers/regularization/dropout.py`, `reshaping/{flatten,reshape,permute,repeat_vector}.py`,
 *   `core/masking.py`, `activations/activation.py` (same config keys as Keras 2; K3 Dropout requires
 *   noise_shape entries to be positive ints or None).
 */
import type { LayerSpec } from './types.js';
import {
  activation, any, arg, bool, constraint, dataFormat, dtype, initializer, int, list, num, oneOf, opt,
  regularizer, shape, str, union,
} from './t.js';
import { GLOROT_NORMAL, GLOROT_UNIFORM, ZEROS } from './base.js';

const batchShape = list(opt(int(0)));

export const CORE_LAYERS: readonly LayerSpec[] = [
  {
    name: 'InputLayer',
    category: 'input',
    doc: 'Entry point of a model that declares the shape and dtype of one input tensor.',
    // K2: InputLayer(input_shape, batch_size, dtype, input_tensor, sparse, name, ragged, type_spec, **kwargs)
    positional: 8,
    args: [
      arg('input_shape', opt(shape), { default: null, tfjs: 'inputShape', doc: 'Shape of one sample, without the batch axis.' }),
      arg('batch_size', opt(int(1)), { default: null, tfjs: 'batchSize', doc: 'Optional fixed batch size.' }),
      arg('dtype', opt(dtype), { default: null, tfjs: 'dtype', doc: 'Input dtype as a plain string such as "float32" (InputLayer never writes a DTypePolicy).' }),
      arg('input_tensor', opt(any), { default: null, tfjs: null, doc: 'Existing tensor to wrap; a Python-only object that never appears in JSON configs.' }),
      arg('sparse', opt(bool), { default: false, tfjs: 'sparse', doc: 'Whether the input is a sparse tensor (tfjs cannot feed sparse tensors).' }),
      arg('name', opt(str), { default: null, tfjs: 'name', doc: 'Name of the input layer.' }),
      arg('ragged', opt(bool), { default: false, tfjs: null, doc: 'Whether the input is a ragged tensor; tfjs has no ragged tensors.' }),
      arg('type_spec', opt(any), { default: null, keras2Only: true, tfjs: null, doc: 'A serialized tf.TypeSpec describing the whole input batch (Keras 2 only).' }),
      // kwargs: Keras 2 get_config writes batch_input_shape; Keras 3 still accepts it as a kwarg.
      arg('batch_input_shape', opt(batchShape), { default: null, tfjs: 'batchInputShape', doc: 'Input shape including the batch axis, as Keras 2 writes it.' }),
      // Keras 3 signature: InputLayer(shape, batch_size, dtype, sparse, ragged, batch_shape, input_tensor, optional, name)
      arg('shape', opt(shape), { default: null, keras3Only: true, tfjs: 'inputShape', doc: 'Keras 3 name for input_shape (shape of one sample, without the batch axis).' }),
      arg('batch_shape', opt(batchShape), { default: null, keras3Only: true, tfjs: 'batchInputShape', doc: 'Keras 3 name for batch_input_shape; tfjs needs it renamed.' }),
      arg('optional', bool, { default: false, keras3Only: true, tfjs: null, doc: 'Whether the input may be None (Keras 3.13+ writes it).' }),
    ],
    tfjs: { className: 'InputLayer' },
    example: {},
    exampleInput: [3],
  },
  {
    name: 'Dense',
    category: 'core',
    doc: 'Fully connected layer: activation(dot(input, kernel) + bias) over the last axis.',
    // K2 golden argspec: 10 named parameters before **kwargs.
    positional: 10,
    args: [
      arg('units', int(1), { required: true, doc: 'Number of output units (size of the last output axis).' }),
      arg('activation', opt(activation), { default: 'linear', doc: 'Activation applied to the output; none (linear) by default.' }),
      arg('use_bias', bool, { default: true, doc: 'Whether to add a bias vector.' }),
      arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, tfjsDefault: GLOROT_NORMAL, doc: 'Initializer for the kernel matrix.' }),
      arg('bias_initializer', initializer, { default: ZEROS, doc: 'Initializer for the bias vector.' }),
      arg('kernel_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the kernel matrix.' }),
      arg('bias_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the bias vector.' }),
      arg('activity_regularizer', opt(regularizer), { default: null, tfjs: 'activityRegularizer', doc: 'Regularizer applied to the layer output.' }),
      arg('kernel_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the kernel after each update.' }),
      arg('bias_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the bias after each update.' }),
      arg('lora_rank', opt(int(1)), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA rank; Keras 3 writes it only when LoRA is enabled (the merged kernel is what gets saved).' }),
      arg('lora_alpha', opt(num()), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA scaling numerator (delta scaled by lora_alpha / lora_rank); written together with lora_rank.' }),
      arg('quantization_config', opt(any), { default: null, keras3Only: true, tfjs: null, doc: 'Keras 3 quantization settings; recent Keras 3 always writes this key (null when unquantized).' }),
    ],
    tfjs: { className: 'Dense' },
    example: { units: 2 },
    exampleInput: [3],
  },
  {
    name: 'Activation',
    category: 'core',
    doc: 'Applies an activation function element-wise.',
    positional: 1,
    args: [
      arg('activation', opt(activation), { required: true, doc: 'Activation function name or nested activation layer.' }),
    ],
    tfjs: { className: 'Activation' },
    example: { activation: 'relu' },
    exampleInput: [3],
  },
  {
    name: 'Dropout',
    category: 'core',
    doc: 'Randomly zeroes a fraction of inputs during training; identity at inference.',
    positional: 3,
    args: [
      arg('rate', num({ min: 0, max: 1 }), { required: true, doc: 'Fraction of the input units to drop, between 0 and 1.' }),
      arg('noise_shape', opt(list(opt(int(1)))), { default: null, tfjs: 'noiseShape', doc: 'Shape (including the batch axis) of the binary dropout mask; None entries follow the input.' }),
      arg('seed', opt(int()), { default: null, tfjs: 'seed', doc: 'Random seed.' }),
    ],
    tfjs: { className: 'Dropout' },
    example: { rate: 0.5 },
    exampleInput: [3],
  },
  {
    name: 'Flatten',
    category: 'core',
    doc: 'Flattens every axis except the batch axis into one (tfjs requires an input of rank 3 or more including the batch axis; Keras also accepts rank 2).',
    positional: 1,
    args: [
      arg('data_format', dataFormat, { default: 'channels_last', doc: 'Axis order of the input; channels_first inputs are transposed to channels_last before flattening (None means the global image_data_format).' }),
    ],
    tfjs: { className: 'Flatten' },
    example: {},
    exampleInput: [2, 3],
  },
  {
    name: 'Reshape',
    category: 'core',
    doc: 'Reshapes the input to target_shape, keeping the batch axis.',
    positional: 1,
    args: [
      arg('target_shape', list(int(-1)), { required: true, tfjs: 'targetShape', doc: 'Output shape without the batch axis; one entry may be -1 to infer it.' }),
    ],
    tfjs: { className: 'Reshape' },
    example: { target_shape: [3, 2] },
    exampleInput: [6],
  },
  {
    name: 'Permute',
    category: 'core',
    doc: 'Permutes the non-batch axes of the input.',
    positional: 1,
    args: [
      arg('dims', list(int(1)), { required: true, doc: 'Permutation of the non-batch axes, 1-based (for example [2, 1]).' }),
    ],
    tfjs: { className: 'Permute' },
    example: { dims: [2, 1] },
    exampleInput: [2, 3],
  },
  {
    name: 'RepeatVector',
    category: 'core',
    doc: 'Repeats a 2D input n times, producing (batch, n, features).',
    positional: 1,
    args: [
      arg('n', int(1), { required: true, doc: 'Number of repetitions.' }),
    ],
    tfjs: { className: 'RepeatVector' },
    example: { n: 2 },
    exampleInput: [3],
  },
  {
    name: 'Masking',
    category: 'core',
    doc: 'Masks timesteps whose features all equal mask_value, for downstream layers that support masking.',
    positional: 1,
    args: [
      arg('mask_value', num(), { default: 0.0, doc: 'Value that marks a timestep as padding.' }),
    ],
    tfjs: { className: 'Masking' },
    example: { mask_value: 0 },
    exampleInput: [2, 3],
  },
  {
    name: 'Lambda',
    category: 'core',
    doc: 'Wraps an arbitrary Python function as a layer; the serialized function is Python code and is never executed here.',
    // K2/K3: Lambda(function, output_shape=None, mask=None, arguments=None, **kwargs)
    positional: 4,
    args: [
      arg('function', any, { required: true, tfjs: null, doc: 'The Python function: Keras 2 writes a name or marshalled bytecode, Keras 3 a registered-function dict or {class_name: "__lambda__", config: {code, defaults, closure}}.' }),
      arg('output_shape', opt(any), { default: null, tfjs: null, doc: 'Output shape without the batch axis, or a function computing it.' }),
      arg('mask', opt(any), { default: null, tfjs: null, doc: 'Output mask, or a function computing it.' }),
      arg('arguments', opt(any), { default: null, tfjs: null, doc: 'Extra keyword arguments passed to the function (written as {} when empty).' }),
      // Keras 2 get_config() only (Keras 3 dropped these keys).
      arg('function_type', oneOf('function', 'lambda', 'raw'), { keras2Only: true, tfjs: null, doc: 'How `function` was serialized (Keras 2 from_config requires this key).' }),
      arg('module', opt(str), { keras2Only: true, tfjs: null, doc: 'Python module of the serialized function.' }),
      arg('output_shape_type', oneOf('function', 'lambda', 'raw'), { keras2Only: true, tfjs: null, doc: 'How `output_shape` was serialized.' }),
      arg('output_shape_module', opt(str), { keras2Only: true, tfjs: null, doc: 'Python module of the output_shape function.' }),
      arg('mask_type', oneOf('function', 'lambda', 'raw'), { keras2Only: true, tfjs: null, doc: 'How `mask` was serialized (written only when a mask is set).' }),
      arg('mask_module', opt(str), { keras2Only: true, tfjs: null, doc: 'Python module of the mask function.' }),
    ],
    tfjs: { missing: 'tfjs has no Lambda layer and Python code cannot run in JavaScript: rewrite the function with built-in layers, or register a custom tfjs layer class under this name.' },
    example: { function: 'identity', function_type: 'function', module: 'builtins', output_shape: null, output_shape_type: 'raw', output_shape_module: null, arguments: {} },
    exampleInput: [3],
  },
  {
    name: 'Identity',
    category: 'core',
    doc: 'Returns its input unchanged (a placeholder layer).',
    positional: 0,
    args: [],
    tfjs: { missing: 'Drop the layer and wire its consumers to its input; never emit class_name "Identity", which tfjs resolves to the Identity initializer (as a later layer it fails with "Identity matrix initializer can only be used for 2D square matrices", as a first layer with a TypeError).' },
    example: {},
    exampleInput: [3],
  },
  {
    name: 'ActivityRegularization',
    category: 'core',
    doc: 'Identity in the forward pass that adds an L1/L2 penalty on its input to the training loss.',
    positional: 2,
    args: [
      arg('l1', num(), { default: 0.0, tfjs: null, doc: 'L1 regularization factor.' }),
      arg('l2', num(), { default: 0.0, tfjs: null, doc: 'L2 regularization factor.' }),
    ],
    // ir/replaced-classes.ts: compiled as a linear Activation, with an inference-identity note.
    tfjs: { missing: 'Its forward pass is the identity, so kspec compiles it as a linear Activation; the training-only penalty has no tfjs equivalent.' },
    example: { l1: 0.01 },
    exampleInput: [3],
  },
  {
    name: 'EinsumDense',
    category: 'core',
    doc: 'Dense layer defined by an einsum equation between the input and a kernel of any rank.',
    // K2: EinsumDense(equation, output_shape, activation, bias_axes, kernel_initializer, bias_initializer,
    //   kernel_regularizer, bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint, **kwargs)
    positional: 11,
    args: [
      arg('equation', str, { required: true, tfjs: null, doc: 'Einsum equation such as "ab,bc->ac" or "...x,xy->...y".' }),
      arg('output_shape', union(int(), list(opt(int()))), { required: true, tfjs: null, doc: 'Expected output shape without the batch axis; None entries are inferred.' }),
      arg('activation', opt(activation), { default: 'linear', tfjs: null, doc: 'Activation applied to the output.' }),
      arg('bias_axes', opt(str), { default: null, tfjs: null, doc: 'Output letters of the equation that get a bias; no bias when None.' }),
      arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, tfjs: null, doc: 'Initializer for the kernel.' }),
      arg('bias_initializer', initializer, { default: ZEROS, tfjs: null, doc: 'Initializer for the bias.' }),
      arg('kernel_regularizer', opt(regularizer), { default: null, tfjs: null, doc: 'Regularizer applied to the kernel.' }),
      arg('bias_regularizer', opt(regularizer), { default: null, tfjs: null, doc: 'Regularizer applied to the bias.' }),
      arg('activity_regularizer', opt(regularizer), { default: null, tfjs: null, doc: 'Regularizer applied to the output (Keras 2 writes it but never applies it: its __init__ does not pass it to the base layer).' }),
      arg('kernel_constraint', opt(constraint), { default: null, tfjs: null, doc: 'Constraint applied to the kernel.' }),
      arg('bias_constraint', opt(constraint), { default: null, tfjs: null, doc: 'Constraint applied to the bias.' }),
      arg('lora_rank', opt(int(1)), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA rank; written only when LoRA is enabled.' }),
      arg('lora_alpha', opt(num()), { default: null, keras3Only: true, tfjs: null, doc: 'LoRA scaling numerator; written together with lora_rank.' }),
      arg('gptq_unpacked_column_size', opt(int(1)), { default: null, keras3Only: true, tfjs: null, doc: 'Unpacked column count of a GPTQ-quantized kernel; written only when set.' }),
      arg('quantization_config', opt(any), { default: null, keras3Only: true, tfjs: null, doc: 'Keras 3 quantization settings (null when unquantized).' }),
    ],
    tfjs: { missing: 'Rewrite simple equations that contract only the last input axis (e.g. "ab,bc->ac", "...x,xy->...y", "abc,cd->abd") as Dense with a reshaped kernel; other equations need Permute/Reshape around Dense or a custom registered layer.' },
    example: { equation: 'ab,bc->ac', output_shape: 4, bias_axes: 'c' },
    exampleInput: [3],
  },
];
