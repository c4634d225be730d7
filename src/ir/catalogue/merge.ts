/**
 * Merge layers: Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate, Dot.
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras):
 * - K2 `tf_keras/layers/merging/dot.py` (Dot(axes, normalize=False, **kwargs); config axes, normalize),
 *   `tf_keras/layers/__init__.py`. Add/Subtract/Multiply/Average/Maximum/Minimum take only the base
 *   Layer kwargs; Concatenate(axis=-1, **kwargs) writes `axis` (not re-opened here).
 * - K3 `keras/api/layers/__init__.py` (same class names; no aliases for merge layers).
 * - tfjs 4.22 `dist/layers/merge.{d.ts,js}` (Concatenate DEFAULT_AXIS = -1; Dot reads axes, normalize)
 *   and runs in test/catalogue-a.test.ts (functional two-input models). tfjs has no Subtract: kspec's
 *   runtime class KspecSubtract computes it (K3 `keras/src/layers/merging/{subtract,base_merge}.py`:
 *   exactly two inputs, lower ranks expanded at axis 1, then broadcast).
 */
import type { LayerSpec } from './types.js';
import { arg, bool, int, list, union } from './t.js';

const simple = (name: string, doc: string, tfjs: LayerSpec['tfjs']): LayerSpec => ({
  name,
  category: 'merge',
  doc,
  positional: 0,
  args: [],
  tfjs,
  example: {},
  exampleInput: [3],
});

export const MERGE_LAYERS: readonly LayerSpec[] = [
  simple('Add', 'Element-wise sum of a list of same-shape inputs.', { className: 'Add' }),
  // tfjs has no Subtract: kspec's runtime computes it (src/runtime/structural.ts).
  simple('Subtract', 'Element-wise difference of exactly two same-shape inputs (first minus second).', { className: 'KspecSubtract', runtime: true }),
  simple('Multiply', 'Element-wise product of a list of same-shape inputs.', { className: 'Multiply' }),
  simple('Average', 'Element-wise mean of a list of same-shape inputs.', { className: 'Average' }),
  simple('Maximum', 'Element-wise maximum of a list of same-shape inputs.', { className: 'Maximum' }),
  simple('Minimum', 'Element-wise minimum of a list of same-shape inputs.', { className: 'Minimum' }),
  {
    name: 'Concatenate',
    category: 'merge',
    doc: 'Concatenates a list of inputs along one axis.',
    positional: 1,
    args: [
      arg('axis', int(), { default: -1, doc: 'Axis along which to concatenate (counting the batch axis as 0).' }),
    ],
    tfjs: { className: 'Concatenate' },
    example: { axis: -1 },
    exampleInput: [3],
  },
  {
    name: 'Dot',
    category: 'merge',
    doc: 'Batch dot product between two inputs along the given axes.',
    positional: 2,
    args: [
      arg('axes', union(int(), list(int(), 2)), { required: true, doc: 'Axis, or [axis_of_first, axis_of_second], along which to take the dot product.' }),
      arg('normalize', bool, { default: false, doc: 'L2-normalize both inputs along the dot axes first (gives cosine similarity).' }),
    ],
    tfjs: { className: 'Dot' },
    example: { axes: 1 },
    exampleInput: [3],
  },
];
