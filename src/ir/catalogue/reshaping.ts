/**
 * Spatial reshaping layers: ZeroPadding1D/2D/3D, Cropping1D/2D/3D, UpSampling1D/2D/3D.
 * (Flatten, Reshape, Permute and RepeatVector are in core.ts.)
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras):
 * - K2 `tf_keras/layers/reshaping/{zero_padding1d,zero_padding2d,zero_padding3d,cropping1d,cropping2d,
 *   cropping3d,up_sampling1d,up_sampling2d,up_sampling3d}.py`.
 * - K3 `keras/src/layers/reshaping/{zero_padding1d,up_sampling1d,up_sampling2d}.py` and
 *   `cropping1d_test.py`; newer Keras 3 releases give ZeroPadding1D a `data_format` (written by
 *   get_config); the other Keras 3 reshaping signatures were not re-read (same class names and
 *   arguments in `keras/api/layers/__init__.py`).
 * - tfjs 4.22 `dist/layers/padding.{d.ts,js}`, `dist/layers/convolutional.{d.ts,js}` (Cropping2D,
 *   UpSampling2D) and runs: UpSampling2D accepts only interpolation "nearest" or "bilinear"
 *   ("bicubic is not a valid InterpolationFormat"). tfjs has no 1D layers: kspec's runtime classes
 *   KspecZeroPadding1D, KspecCropping1D and KspecUpSampling1D compute them (src/runtime/structural.ts).
 *
 * get_config writes the normalized forms: ZeroPadding2D/Cropping2D `[[top, bottom], [left, right]]`,
 * ZeroPadding1D/Cropping1D `[left, right]`, UpSampling2D `size` as a pair. Defaults below are the
 * signature values.
 */
import type { ArgType, LayerSpec } from './types.js';
import { arg, dataFormat, int, intOrTuple, list, oneOf, union } from './t.js';

const pair = list(int(0), 2);
/** int | (a, b) for 1D; int | (sym_1, …, sym_n) | ((a1, b1), …, (an, bn)) for nD. */
const amounts = (r: 1 | 2 | 3): ArgType =>
  r === 1 ? union(int(0), pair) : union(int(0), list(int(0), r), list(union(int(0), pair), r));
const dataFormatArg = arg('data_format', dataFormat, { default: 'channels_last', doc: 'Axis order: channels_last or channels_first (None means the global image_data_format).' });
const inputFor = (r: 1 | 2 | 3): number[] => (r === 1 ? [4, 3] : r === 2 ? [4, 4, 2] : [4, 4, 4, 2]);

export const RESHAPING_LAYERS: readonly LayerSpec[] = [
  {
    name: 'ZeroPadding1D',
    category: 'reshaping',
    doc: 'Pads the time axis of a (batch, steps, features) input with zeros.',
    positional: 1,
    args: [
      arg('padding', amounts(1), { default: 1, doc: 'Zeros added at the start and end of the time axis: an int or [left, right].' }),
      arg('data_format', dataFormat, {
        default: 'channels_last',
        keras3Only: true,
        doc: 'Keras 3 (newer 3.x releases) axis order: channels_last pads axis 1 of (batch, steps, features), channels_first axis 2 of (batch, features, steps).',
      }),
    ],
    tfjs: { className: 'KspecZeroPadding1D', runtime: true },
    example: { padding: 1 },
    exampleInput: inputFor(1),
  },
  {
    name: 'ZeroPadding2D',
    category: 'reshaping',
    doc: 'Pads the rows and columns of an image tensor with zeros.',
    positional: 2,
    args: [
      arg('padding', amounts(2), { default: [1, 1], doc: 'An int, [symmetric_height, symmetric_width], or [[top, bottom], [left, right]]; tfjs mis-reads mixed forms such as [1, [1, 2]], so emit the full pair-of-pairs form.' }),
      dataFormatArg,
    ],
    tfjs: { className: 'ZeroPadding2D' },
    example: { padding: [1, 1] },
    exampleInput: inputFor(2),
  },
  {
    name: 'ZeroPadding3D',
    category: 'reshaping',
    doc: 'Pads the three spatial axes of a volume tensor with zeros.',
    positional: 2,
    args: [
      arg('padding', amounts(3), { default: [1, 1, 1], doc: 'An int, three symmetric amounts, or three [before, after] pairs.' }),
      dataFormatArg,
    ],
    tfjs: { missing: 'No tfjs equivalent: pad two axes with ZeroPadding2D on a (d1, d2, d3*channels) Reshape and the third with another Reshape/ZeroPadding2D round trip, or register a custom layer.' },
    example: { padding: 1 },
    exampleInput: inputFor(3),
  },
  {
    name: 'Cropping1D',
    category: 'reshaping',
    doc: 'Crops the start and end of the time axis of a (batch, steps, features) input.',
    positional: 1,
    args: [
      arg('cropping', amounts(1), { default: [1, 1], doc: 'Steps removed at the start and end: an int or [start, end].' }),
    ],
    tfjs: { className: 'KspecCropping1D', runtime: true },
    example: { cropping: [1, 1] },
    exampleInput: inputFor(1),
  },
  {
    name: 'Cropping2D',
    category: 'reshaping',
    doc: 'Crops rows and columns at the borders of an image tensor.',
    positional: 2,
    args: [
      arg('cropping', amounts(2), { default: [[0, 0], [0, 0]], doc: 'An int, [symmetric_height, symmetric_width], or [[top, bottom], [left, right]]; tfjs mis-reads mixed forms such as [1, [1, 2]], so emit the full pair-of-pairs form.' }),
      dataFormatArg,
    ],
    tfjs: { className: 'Cropping2D' },
    example: { cropping: [[1, 1], [1, 1]] },
    exampleInput: inputFor(2),
  },
  {
    name: 'Cropping3D',
    category: 'reshaping',
    doc: 'Crops the borders of the three spatial axes of a volume tensor.',
    positional: 2,
    args: [
      arg('cropping', amounts(3), { default: [[1, 1], [1, 1], [1, 1]], doc: 'An int, three symmetric amounts, or three [before, after] pairs.' }),
      dataFormatArg,
    ],
    tfjs: { missing: 'No tfjs equivalent: crop two axes with Cropping2D on a reshaped tensor and the third in a second Reshape/Cropping2D round trip, or register a custom layer.' },
    example: { cropping: 1 },
    exampleInput: inputFor(3),
  },
  {
    name: 'UpSampling1D',
    category: 'reshaping',
    doc: 'Repeats each timestep `size` times along the time axis.',
    positional: 1,
    args: [
      arg('size', int(1), { default: 2, doc: 'Upsampling factor.' }),
    ],
    tfjs: { className: 'KspecUpSampling1D', runtime: true },
    example: { size: 2 },
    exampleInput: inputFor(1),
  },
  {
    name: 'UpSampling2D',
    category: 'reshaping',
    doc: 'Upsamples rows and columns by integer factors.',
    positional: 3,
    args: [
      arg('size', intOrTuple(2, 1), { default: [2, 2], doc: 'Upsampling factors for rows and columns.' }),
      dataFormatArg,
      arg('interpolation', oneOf('nearest', 'bilinear', 'bicubic', 'area', 'gaussian', 'lanczos3', 'lanczos5', 'mitchellcubic'), {
        default: 'nearest',
        doc: 'Interpolation method (Keras 2 accepts all listed values, Keras 3 nearest/bilinear/bicubic/lanczos3/lanczos5); tfjs accepts only nearest and bilinear.',
      }),
    ],
    tfjs: { className: 'UpSampling2D' },
    example: { size: [2, 2] },
    exampleInput: [2, 2, 2],
  },
  {
    name: 'UpSampling3D',
    category: 'reshaping',
    doc: 'Upsamples the three spatial axes of a volume by integer factors (nearest neighbour).',
    positional: 2,
    args: [
      arg('size', intOrTuple(3, 1), { default: [2, 2, 2], doc: 'Upsampling factors for the three spatial axes.' }),
      dataFormatArg,
    ],
    tfjs: { missing: 'No tfjs equivalent: with static shapes, upsample two axes with UpSampling2D (nearest) on a (d1, d2, d3*channels) Reshape and the third in a second Reshape/UpSampling2D round trip, or register a custom layer.' },
    example: { size: 2 },
    exampleInput: [2, 2, 2, 2],
  },
];
