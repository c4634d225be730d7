/**
 * kspec's runtime classes (`kspec/runtime`, src/runtime/): layers kspec emits where tfjs has no exact
 * equivalent. Not Keras classes: a Keras file naming one cannot be loaded by Keras.
 *
 * KspecActivation computes the Keras 3 activations of src/runtime/functions.ts. Its parameters are
 * Keras's; each applies only to the functions that take it, and null means that function's default.
 */
import { RUNTIME_ACTIVATION, RUNTIME_FUNCTION_NAMES } from '../../runtime/functions.js';
import { arg, int, num, oneOf, opt } from './t.js';
import type { LayerSpec } from './types.js';

export const RUNTIME_LAYERS: readonly LayerSpec[] = [
  {
    name: RUNTIME_ACTIVATION,
    category: 'activation',
    doc: 'kspec runtime layer computing a Keras 3 activation function exactly (tfjs needs `import "kspec/runtime"` to load it).',
    positional: 1,
    runtime: true,
    args: [
      arg('function', oneOf(...RUNTIME_FUNCTION_NAMES), { required: true, doc: 'The Keras 3 activation function to compute.' }),
      arg('negative_slope', num(), { default: 0, doc: 'relu: slope below the threshold.' }),
      arg('max_value', opt(num()), { default: null, doc: 'relu: upper bound of the output; none when null.' }),
      arg('threshold', opt(num()), { default: null, doc: 'relu (default 0), soft_shrink and hard_shrink (default 0.5): where the function switches; null means the default.' }),
      arg('b', num(), { default: 4, doc: 'squareplus: smoothness parameter.' }),
      arg('axis', int(), { default: -1, doc: 'glu (split into halves, so the output has half the size) and sparsemax: the axis.' }),
    ],
    tfjs: { className: RUNTIME_ACTIVATION },
    example: { function: 'squareplus', b: 4 },
    exampleInput: [3],
  },
  {
    name: 'KspecDepthToSpace',
    category: 'reshaping',
    doc: 'kspec runtime layer computing tf.nn.depth_to_space (NHWC), for TensorFlow-op layers that use it (tfjs needs `import "kspec/runtime"` to load it).',
    positional: 1,
    runtime: true,
    args: [arg('block_size', int(2), { required: true, doc: 'Spatial block size: each block_size² channels become a block_size × block_size patch.' })],
    tfjs: { className: 'KspecDepthToSpace', runtime: true },
    example: { block_size: 2 },
    exampleInput: [2, 2, 4],
  },
];
