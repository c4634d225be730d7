/**
 * Pooling layers: Max/AveragePooling1D/2D/3D and GlobalMax/GlobalAveragePooling1D/2D/3D.
 *
 * Sources read (Keras 2.15 = keras-team/tf-keras initial import, commit 6add81a9; Keras 3 = keras-team/keras):
 * - K2 `tf_keras/layers/pooling/{base_pooling1d,base_pooling2d,max_pooling1d,base_global_pooling1d,
 *   base_global_pooling2d,base_global_pooling3d,global_average_pooling1d,global_average_pooling2d,
 *   global_average_pooling3d,global_max_pooling1d}.py`, `tf_keras/layers/__init__.py` (aliases).
 *   Not opened one by one: AveragePooling1D/2D/3D, MaxPooling2D/3D, GlobalMaxPooling2D/3D,
 *   GlobalAveragePooling2D/3D bodies beyond the ones listed (same pattern: pool_size=2 / (2, 2) /
 *   (2, 2, 2), strides=None, padding="valid", data_format="channels_last" for 1D and None otherwise).
 * - K3 `keras/src/layers/pooling/{base_pooling,base_global_pooling,max_pooling2d}.py` (same config keys:
 *   pool_size, padding, strides, data_format; data_format and keepdims for the global layers) and
 *   `keras/api/layers/__init__.py` (aliases).
 * - tfjs 4.22 `dist/layers/pooling.{d.ts,js}` and runs: 1D pooling and GlobalPooling1D read no
 *   dataFormat (channels_first is silently treated as channels_last); no global pooling layer reads
 *   keepdims (GlobalAveragePooling2D with keepdims=true still returns rank 2, verified by run).
 *   tfjs has no GlobalMax/GlobalAveragePooling3D: kspec's runtime classes KspecGlobal…Pooling3D
 *   compute them, reading data_format and keepdims (src/runtime/structural.ts).
 *
 * Positional counts: GlobalAveragePooling1D overrides __init__(data_format, **kwargs) in Keras 2 (1
 * positional); GlobalMaxPooling1D and all 2D/3D global layers inherit GlobalPoolingND(data_format,
 * keepdims, **kwargs) (2 positional).
 */
import type { ArgSpec, LayerSpec } from './types.js';
import { arg, bool, dataFormat, intOrTuple, oneOf, opt } from './t.js';

type Rank = 1 | 2 | 3;
const twos = (r: Rank): number | number[] => (r === 1 ? 2 : Array<number>(r).fill(2));
const inputFor = (r: Rank): number[] => (r === 1 ? [4, 3] : r === 2 ? [4, 4, 3] : [4, 4, 4, 2]);

const dataFormatArg = (tfjsReads: boolean): ArgSpec =>
  arg('data_format', dataFormat, {
    default: 'channels_last',
    ...(!tfjsReads && { tfjs: null }),
    doc: tfjsReads
      ? 'Axis order: channels_last or channels_first (None means the global image_data_format).'
      : 'Axis order: channels_last or channels_first; tfjs ignores it for this layer, so only channels_last is portable.',
  });

const pool = (kind: 'Max' | 'Average', r: Rank): LayerSpec => ({
  name: `${kind}Pooling${r}D`,
  category: 'pooling',
  doc: `${kind === 'Max' ? 'Maximum' : 'Average'} over sliding ${r}D windows of each channel.`,
  // K2: {kind}Pooling{r}D(pool_size, strides, padding, data_format, **kwargs)
  positional: 4,
  args: [
    arg('pool_size', intOrTuple(r, 1), { default: twos(r), doc: 'Size of the pooling window (an int applies to every spatial axis).' }),
    arg('strides', opt(intOrTuple(r, 1)), { default: null, doc: 'Stride of the window; None means equal to pool_size.' }),
    arg('padding', oneOf('valid', 'same'), { default: 'valid', doc: '"valid" (no padding) or "same" (pad so output size = input size / stride).' }),
    dataFormatArg(r !== 1),
  ],
  tfjs: { className: `${kind}Pooling${r}D` },
  aliases: [`${kind === 'Max' ? 'Max' : 'Avg'}Pool${r}D`],
  example: { pool_size: twos(r) },
  exampleInput: inputFor(r),
});

const globalPool = (kind: 'Max' | 'Average', r: Rank): LayerSpec => ({
  name: `Global${kind}Pooling${r}D`,
  category: 'pooling',
  doc: `${kind === 'Max' ? 'Maximum' : 'Average'} of each channel over all ${r === 1 ? 'steps' : 'spatial positions'}.`,
  positional: kind === 'Average' && r === 1 ? 1 : 2,
  args: [
    dataFormatArg(r !== 1),
    arg('keepdims', bool, {
      default: false,
      ...(r !== 3 && { tfjs: null }),
      doc: r === 3
        ? 'Keep the reduced axes with length 1 (Keras 2.6+).'
        : 'Keep the reduced axes with length 1 (Keras 2.6+); tfjs ignores it, so emit a Reshape after the layer when true.',
    }),
  ],
  // tfjs has no 3D global pooling: kspec's runtime computes it (src/runtime/structural.ts).
  tfjs: r === 3 ? { className: `KspecGlobal${kind}Pooling3D`, runtime: true } : { className: `Global${kind}Pooling${r}D` },
  aliases: [`Global${kind === 'Max' ? 'Max' : 'Avg'}Pool${r}D`],
  example: {},
  exampleInput: inputFor(r),
});

export const POOLING_LAYERS: readonly LayerSpec[] = [
  pool('Max', 1), pool('Max', 2), pool('Max', 3),
  pool('Average', 1), pool('Average', 2), pool('Average', 3),
  globalPool('Max', 1), globalPool('Max', 2), globalPool('Max', 3),
  globalPool('Average', 1), globalPool('Average', 2), globalPool('Average', 3),
];
