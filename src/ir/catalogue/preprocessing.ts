/**
 * Preprocessing layers that can appear in a model config: Rescaling, CenterCrop, Resizing,
 * CategoryEncoding, the Random* image augmentations, Discretization, Hashing, IntegerLookup, StringLookup,
 * TextVectorization. (Normalization is in normalization.ts.)
 *
 * Sources read:
 * - Keras 2: keras-team/tf-keras `tf_keras/layers/preprocessing/image_preprocessing.py` (RandomZoom,
 *   RandomContrast, RandomBrightness; stored version a little after 2.15) and keras-team/keras
 *   `keras/layers/preprocessing/image_preprocessing.py` (Resizing, CenterCrop, RandomCrop, Rescaling,
 *   RandomFlip, RandomTranslation: signatures, get_config, and inference behaviour), tf-keras RandomHeight
 *   (found with find_string), keras/layers `string_lookup.py`, and the IndexLookup / TextVectorization
 *   get_config bodies (found with find_string; both write `vocabulary_size`; how from_config drops it was not read).
 *   Keras 2 augmentation layers return their input unchanged when training is false, except RandomCrop,
 *   which at inference resizes with `smart_resize` (crop to the target aspect ratio, then resize).
 *   RandomHeight/RandomWidth resize only in training too (`smart_cond(training, …, cast(inputs))`),
 *   though their compute_output_shape marks the height/width unknown.
 * - Keras 3: keras-team/keras `keras/src/layers/preprocessing/image_preprocessing/{base_image_preprocessing_layer,
 *   resizing,random_flip,random_rotation,random_zoom,random_translation,random_contrast,random_brightness}.py`
 *   (each transform_images returns the images, cast to the compute dtype or not, when training is
 *   false) and `keras/src/legacy/layers.py` (RandomHeight/RandomWidth: the input when not training), `keras/src/layers/preprocessing/string_lookup.py`, and a third-party dump of
 *   Keras 3 `keras.layers` constructor signatures (found with find_string) for the other rows. Image layers
 *   gain `data_format` (written by get_config) and accept `bounding_box_format` (written only when set).
 *   RandomHeight and RandomWidth are not in Keras 3 `keras.layers`: only `keras._legacy.layers.RandomHeight`
 *   ("DEPRECATED") exists.
 * - tfjs 4.22: `dist/layers/preprocessing/*.js` and runs (see test/catalogue-b.test.ts and the notes on
 *   each row). Registered: Rescaling, CenterCrop, Resizing, CategoryEncoding, RandomWidth; RandomHeight's
 *   module is never imported by the bundle.
 *
 * tfjs defects found by running @tensorflow/tfjs 4.22 (not in keras-tfjs-facts.md):
 * - CenterCrop and CategoryEncoding mutate the input shape array in computeOutputShape, so when they
 *   directly follow the model input, predict fails ("expected in to have shape [null,4,4,1] but got array
 *   with shape [1,6,6,1]"); any layer in between (e.g. an identity Reshape) avoids it.
 * - CenterCrop offsets the width crop by 1 when (input width - width) is 1, where Keras offsets by 0.
 * - Resizing passes its input list to resizeBilinear ("x must be rank 3 or 4, but got rank 1") inside any
 *   LayersModel, and resizes with align_corners=true (4→2 gives [0, 3] where Keras gives [0.5, 2.5]).
 * - RandomWidth's computeOutputShape returns [imgHeight, -1, channels] ("Negative dimension size caused
 *   by adding layer"), and its call applies the random resize at inference too.
 */
import type { ArgSpec, LayerSpec } from './types.js';
import { any, arg, bool, dataFormat, int, list, num, oneOf, opt, str, union } from './t.js';

const INTERPOLATIONS = oneOf('bilinear', 'nearest', 'bicubic', 'area', 'lanczos3', 'lanczos5', 'gaussian', 'mitchellcubic');
const FILL_MODES = oneOf('reflect', 'wrap', 'constant', 'nearest');
const factorT = union(num(), list(num(), 2));
const seedT = opt(int());

const seed = (): ArgSpec => arg('seed', seedT, { default: null, doc: 'Random seed of the augmentation.' });
const height = (what: string): ArgSpec => arg('height', int(1), { required: true, doc: `Height of the ${what}.` });
const width = (what: string): ArgSpec => arg('width', int(1), { required: true, doc: `Width of the ${what}.` });
const imageDataFormat = (): ArgSpec =>
  arg('data_format', dataFormat, {
    default: null,
    keras3Only: true,
    tfjs: null,
    doc: 'Keras 3 position of the channels axis; null means "channels_last", the only layout these tfjs layers handle.',
  });
const bboxFormat = (): ArgSpec =>
  arg('bounding_box_format', opt(str), {
    default: null,
    keras3Only: true,
    tfjs: null,
    doc: 'Keras 3 format of bounding boxes passed alongside images (written only when set); irrelevant to image-only models.',
  });
const fillMode = (): ArgSpec => arg('fill_mode', FILL_MODES, { default: 'reflect', doc: 'How points outside the input are filled: "reflect", "wrap", "constant" or "nearest".' });
const interpolation = (): ArgSpec => arg('interpolation', oneOf('bilinear', 'nearest'), { default: 'bilinear', doc: 'Interpolation used when resampling: "bilinear" or "nearest".' });
const fillValue = (): ArgSpec => arg('fill_value', num(), { default: 0, doc: 'Value used outside the input when fill_mode is "constant".' });

/** Rows kspec compiles as a linear Activation (ir/replaced-classes.ts), with an inference-identity note. */
const IDENTITY_AT_INFERENCE =
  'tfjs has no such layer, but Keras applies it only in training and returns the input unchanged at inference, so kspec compiles it as a linear Activation (the identity).';
const TFJS_NO_STRINGS =
  'tfjs layers have no string ops or lookup tables, so do this step outside the model (the vocabulary is in the config) or in a kspec runtime class.';

const lookupTail = (): readonly ArgSpec[] => [
  arg('vocabulary_size', opt(int(0)), {
    default: null,
    doc: 'Vocabulary size written by get_config next to the vocabulary; it is not a constructor argument.',
  }),
];

/** The trailing arguments every random affine augmentation (rotation, zoom, translation) shares, in order. */
const affineTransformArgs = (): ArgSpec[] => [fillMode(), interpolation(), seed(), fillValue(), imageDataFormat(), bboxFormat()];

export const PREPROCESSING_LAYERS: readonly LayerSpec[] = [
  {
    name: 'Rescaling',
    category: 'preprocessing',
    doc: 'Multiplies inputs by scale and adds offset, in training and at inference.',
    positional: 2,
    args: [
      arg('scale', union(num(), list(num())), { required: true, doc: 'Factor the inputs are multiplied by (Keras 3 also takes a per-channel list).' }),
      arg('offset', union(num(), list(num())), { default: 0, doc: 'Value added after scaling (Keras 3 also takes a per-channel list).' }),
    ],
    tfjs: { className: 'Rescaling' },
    example: { scale: 0.5, offset: 1 },
    exampleInput: [3],
  },
  {
    name: 'CenterCrop',
    category: 'preprocessing',
    doc: 'Crops the central height×width window of images (resizing first when an image is smaller).',
    positional: 2,
    args: [height('crop'), width('crop'), imageDataFormat(), bboxFormat()],
    // tfjs defects (see file header): needs a layer between it and the model input, and crops one column
    // off-centre when (input width - width) is 1.
    tfjs: { className: 'CenterCrop' },
    example: { height: 2, width: 2 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'Resizing',
    category: 'preprocessing',
    doc: 'Resizes images to height×width.',
    positional: 4,
    args: [
      height('output'),
      width('output'),
      arg('interpolation', INTERPOLATIONS, { default: 'bilinear', doc: 'Resampling method; tfjs implements only "bilinear" and "nearest".' }),
      arg('crop_to_aspect_ratio', bool, { default: false, doc: 'Whether to crop to the target aspect ratio before resizing instead of distorting.' }),
      arg('pad_to_aspect_ratio', bool, { default: false, keras3Only: true, tfjs: null, doc: 'Keras 3 option to pad to the target aspect ratio before resizing.' }),
      arg('fill_mode', oneOf('constant'), { default: 'constant', keras3Only: true, tfjs: null, doc: 'Keras 3 fill mode for pad_to_aspect_ratio; only "constant" is supported.' }),
      arg('fill_value', num(), { default: 0, keras3Only: true, tfjs: null, doc: 'Keras 3 padding value for pad_to_aspect_ratio.' }),
      arg('antialias', bool, { default: false, keras3Only: true, tfjs: null, doc: 'Keras 3 option to antialias when downsampling (newer 3.x releases).' }),
      imageDataFormat(),
      bboxFormat(),
    ],
    // Registered in tfjs, but unusable: see the file header.
    tfjs: {
      missing: 'tfjs registers Resizing but it fails inside a model ("x must be rank 3 or 4, but got rank 1") and resizes with align_corners=true, unlike Keras, so it needs a kspec runtime class.',
    },
    example: { height: 2, width: 2 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'CategoryEncoding',
    category: 'preprocessing',
    doc: 'Encodes integer category indices as one-hot, multi-hot or count vectors.',
    positional: 3,
    args: [
      arg('num_tokens', opt(int(1)), { default: null, doc: 'Number of categories; inputs must lie in [0, num_tokens).' }),
      arg('output_mode', oneOf('one_hot', 'multi_hot', 'count'), { default: 'multi_hot', doc: 'Encoding: "one_hot", "multi_hot" or "count".' }),
      arg('sparse', bool, { default: false, tfjs: null, doc: 'Whether to return a sparse tensor; tfjs always returns a dense one.' }),
    ],
    // tfjs defect (see file header): needs a layer between it and the model input.
    tfjs: { className: 'CategoryEncoding' },
    example: { num_tokens: 4, output_mode: 'multi_hot' },
    exampleInput: [3],
  },
  {
    name: 'RandomWidth',
    category: 'preprocessing',
    doc: 'Training-time augmentation that resizes image width by a random factor.',
    keras2Only: true,
    positional: 3,
    args: [
      arg('factor', factorT, { required: true, doc: 'Width change as a fraction: a positive float f means [-f, f], or a [lower, upper] pair.' }),
      interpolation(),
      seed(),
    ],
    // Registered in tfjs, but unusable: see the file header.
    tfjs: {
      missing: 'Keras returns the input unchanged at inference, so kspec compiles it as a linear Activation (the identity); tfjs registers RandomWidth but it fails to build ("Negative dimension size") and would resize at inference.',
    },
    example: { factor: 0.2 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomHeight',
    category: 'preprocessing',
    doc: 'Training-time augmentation that resizes image height by a random factor.',
    keras2Only: true,
    positional: 3,
    args: [
      arg('factor', factorT, { required: true, doc: 'Height change as a fraction: a positive float f means [-f, f], or a [lower, upper] pair.' }),
      interpolation(),
      seed(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { factor: 0.2 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomFlip',
    category: 'preprocessing',
    doc: 'Training-time augmentation that randomly flips images.',
    positional: 2,
    args: [
      arg('mode', oneOf('horizontal', 'vertical', 'horizontal_and_vertical'), {
        default: 'horizontal_and_vertical',
        doc: 'Which flips to apply: "horizontal" (left-right), "vertical" (top-bottom) or both.',
      }),
      seed(),
      imageDataFormat(),
      bboxFormat(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { mode: 'horizontal' },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomRotation',
    category: 'preprocessing',
    doc: 'Training-time augmentation that rotates images by a random angle.',
    positional: 5,
    args: [
      arg('factor', factorT, { required: true, doc: 'Rotation range as a fraction of 2π: a float f means [-f, f], or a [lower, upper] pair.' }),
      ...affineTransformArgs(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { factor: 0.1 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomZoom',
    category: 'preprocessing',
    doc: 'Training-time augmentation that zooms images in or out by a random factor.',
    positional: 6,
    args: [
      arg('height_factor', factorT, { required: true, doc: 'Vertical zoom range as a fraction (positive zooms out): a float f means [-f, f], or a [lower, upper] pair.' }),
      arg('width_factor', opt(factorT), { default: null, doc: 'Horizontal zoom range; null keeps the aspect ratio by reusing the vertical zoom.' }),
      ...affineTransformArgs(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { height_factor: 0.1 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomTranslation',
    category: 'preprocessing',
    doc: 'Training-time augmentation that shifts images by a random offset.',
    positional: 6,
    args: [
      arg('height_factor', factorT, { required: true, doc: 'Vertical shift range as a fraction of the height: a float f means [-f, f], or a [lower, upper] pair.' }),
      arg('width_factor', factorT, { required: true, doc: 'Horizontal shift range as a fraction of the width: a float f means [-f, f], or a [lower, upper] pair.' }),
      ...affineTransformArgs(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { height_factor: 0.1, width_factor: 0.1 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomContrast',
    category: 'preprocessing',
    doc: 'Training-time augmentation that scales each channel\'s contrast by a random factor.',
    positional: 2,
    args: [
      arg('factor', factorT, { required: true, doc: 'Contrast range: a float f means a factor in [1 - f, 1 + f], or a [lower, upper] pair.' }),
      seed(),
      arg('value_range', list(num(), 2), { default: [0, 255], keras3Only: true, tfjs: null, doc: 'Keras 3 range of the input values, used to clip the output.' }),
      bboxFormat(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { factor: 0.1 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomCrop',
    category: 'preprocessing',
    doc: 'Randomly crops images to height×width in training and center-crops-and-resizes at inference.',
    positional: 3,
    args: [height('crop'), width('crop'), seed(), imageDataFormat(), bboxFormat()],
    tfjs: {
      missing: 'Not the identity at inference: Keras crops to the target aspect ratio and resizes to height×width (smart_resize), which tfjs cannot express (its Resizing is broken), so it needs a kspec runtime class.',
    },
    example: { height: 2, width: 2 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'RandomBrightness',
    category: 'preprocessing',
    doc: 'Training-time augmentation that shifts image brightness by a random amount.',
    positional: 3,
    args: [
      arg('factor', factorT, { required: true, doc: 'Brightness shift as a fraction of value_range in [-1, 1]: a float f means [-f, f], or a [lower, upper] pair.' }),
      arg('value_range', list(num(), 2), { default: [0, 255], doc: 'Range of the input values, used to scale the shift and clip the output.' }),
      seed(),
      bboxFormat(),
    ],
    tfjs: { missing: IDENTITY_AT_INFERENCE },
    example: { factor: 0.1 },
    exampleInput: [4, 4, 1],
  },
  {
    name: 'Discretization',
    category: 'preprocessing',
    doc: 'Buckets continuous values into integer bins by boundaries.',
    positional: 5,
    args: [
      arg('bin_boundaries', opt(list(num())), { default: null, doc: 'Sorted bin boundaries; value x goes to the number of boundaries ≤ x.' }),
      arg('num_bins', opt(int(1)), { default: null, doc: 'Number of bins to learn with adapt() when bin_boundaries is not given.' }),
      arg('epsilon', num({ exclusiveMin: 0 }), { default: 0.01, doc: 'Approximation error of the quantiles computed by adapt().' }),
      arg('output_mode', oneOf('int', 'one_hot', 'multi_hot', 'count'), { default: 'int', doc: 'Output: bin indices ("int") or their "one_hot", "multi_hot" or "count" encoding.' }),
      arg('sparse', bool, { default: false, doc: 'Whether non-int outputs are sparse tensors.' }),
    ],
    tfjs: {
      missing: 'tfjs has no Discretization; bucketize with a kspec runtime class (the bin boundaries are in the config) or before the model.',
    },
    example: { bin_boundaries: [0, 1] },
    exampleInput: [3],
  },
  {
    name: 'Hashing',
    category: 'preprocessing',
    doc: 'Hashes integer or string features into a fixed number of bins.',
    positional: 5,
    args: [
      arg('num_bins', int(1), { required: true, doc: 'Number of hash bins, including the mask bin when mask_value is set.' }),
      arg('mask_value', opt(any), { default: null, doc: 'Value mapped to bin 0 and excluded from hashing.' }),
      arg('salt', opt(union(int(), list(int(), 2))), { default: null, doc: 'Key for the SipHash64 variant; null uses FarmHash64.' }),
      arg('output_mode', oneOf('int', 'one_hot', 'multi_hot', 'count'), { default: 'int', doc: 'Output: bin indices ("int") or their "one_hot", "multi_hot" or "count" encoding.' }),
      arg('sparse', bool, { default: false, doc: 'Whether non-int outputs are sparse tensors.' }),
    ],
    tfjs: { missing: 'tfjs has no FarmHash64/SipHash op, so hash the features before the model.' },
    example: { num_bins: 4 },
    exampleInput: [3],
  },
  {
    name: 'IntegerLookup',
    category: 'preprocessing',
    doc: 'Maps integer tokens to contiguous vocabulary indices (or back, with invert).',
    positional: 11,
    args: [
      arg('max_tokens', opt(int(1)), { default: null, doc: 'Maximum vocabulary size including OOV and mask tokens; null means unlimited.' }),
      arg('num_oov_indices', int(0), { default: 1, doc: 'Number of indices reserved for out-of-vocabulary tokens.' }),
      arg('mask_token', opt(int()), { default: null, doc: 'Integer that stands for masked input and maps to index 0.' }),
      arg('oov_token', int(), { default: -1, doc: 'Token returned for out-of-vocabulary indices when invert is true.' }),
      arg('vocabulary', opt(union(str, list(int()))), { default: null, doc: 'The vocabulary as a list of integers or a file path.' }),
      arg('vocabulary_dtype', oneOf('int64', 'int32'), { default: 'int64', doc: 'Dtype of the vocabulary tokens.' }),
      arg('idf_weights', opt(list(num())), { default: null, doc: 'Inverse document frequencies, for output_mode "tf_idf".' }),
      arg('invert', bool, { default: false, doc: 'Whether to map indices back to tokens.' }),
      arg('output_mode', oneOf('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'), { default: 'int', doc: 'Output: indices ("int") or a "one_hot", "multi_hot", "count" or "tf_idf" encoding.' }),
      arg('sparse', bool, { default: false, doc: 'Whether non-int outputs are sparse tensors.' }),
      arg('pad_to_max_tokens', bool, { default: false, doc: 'Whether encoded outputs are padded to max_tokens features.' }),
      ...lookupTail(),
    ],
    tfjs: { missing: TFJS_NO_STRINGS },
    example: { vocabulary: [1, 2, 3] },
    exampleInput: [3],
  },
  {
    name: 'StringLookup',
    category: 'preprocessing',
    doc: 'Maps string tokens to vocabulary indices (or back, with invert).',
    positional: 11,
    args: [
      arg('max_tokens', opt(int(1)), { default: null, doc: 'Maximum vocabulary size including OOV and mask tokens; null means unlimited.' }),
      arg('num_oov_indices', int(0), { default: 1, doc: 'Number of indices reserved for out-of-vocabulary tokens.' }),
      arg('mask_token', opt(str), { default: null, doc: 'String that stands for masked input and maps to index 0.' }),
      arg('oov_token', str, { default: '[UNK]', doc: 'Token returned for out-of-vocabulary indices when invert is true.' }),
      arg('vocabulary', opt(union(str, list(str))), { default: null, doc: 'The vocabulary as a list of strings or a file path.' }),
      arg('idf_weights', opt(list(num())), { default: null, doc: 'Inverse document frequencies, for output_mode "tf_idf".' }),
      arg('encoding', str, { default: 'utf-8', doc: 'Text encoding of the string inputs.' }),
      arg('invert', bool, { default: false, doc: 'Whether to map indices back to tokens.' }),
      arg('output_mode', oneOf('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'), { default: 'int', doc: 'Output: indices ("int") or a "one_hot", "multi_hot", "count" or "tf_idf" encoding.' }),
      arg('sparse', bool, { default: false, doc: 'Whether non-int outputs are sparse tensors.' }),
      arg('pad_to_max_tokens', bool, { default: false, doc: 'Whether encoded outputs are padded to max_tokens features.' }),
      ...lookupTail(),
    ],
    tfjs: { missing: TFJS_NO_STRINGS },
    example: { vocabulary: ['a', 'b'] },
    exampleInput: [3],
  },
  {
    name: 'TextVectorization',
    category: 'preprocessing',
    doc: 'Standardizes, splits and indexes raw strings into token indices or encodings.',
    positional: 12,
    args: [
      arg('max_tokens', opt(int(1)), { default: null, doc: 'Maximum vocabulary size including OOV and mask tokens; null means unlimited.' }),
      arg('standardize', opt(str), {
        default: 'lower_and_strip_punctuation',
        doc: 'Standardization: "lower_and_strip_punctuation", "lower", "strip_punctuation", null, or a registered callable name.',
      }),
      arg('split', opt(str), { default: 'whitespace', doc: 'Splitting: "whitespace", "character", null, or a registered callable name.' }),
      arg('ngrams', opt(union(int(1), list(int(1)))), { default: null, doc: 'N-gram sizes to add: an int n (all sizes up to n) or a list of sizes.' }),
      arg('output_mode', oneOf('int', 'multi_hot', 'count', 'tf_idf'), { default: 'int', doc: 'Output: token indices ("int") or a "multi_hot", "count" or "tf_idf" encoding.' }),
      arg('output_sequence_length', opt(int(1)), { default: null, doc: 'Length to pad or truncate "int" outputs to.' }),
      arg('pad_to_max_tokens', bool, { default: false, doc: 'Whether encoded outputs are padded to max_tokens features.' }),
      arg('vocabulary', opt(union(str, list(str))), { default: null, doc: 'The vocabulary as a list of strings or a file path.' }),
      arg('idf_weights', opt(list(num())), { default: null, doc: 'Inverse document frequencies, for output_mode "tf_idf".' }),
      arg('sparse', bool, { default: false, doc: 'Whether non-int outputs are sparse tensors.' }),
      arg('ragged', bool, { default: false, doc: 'Whether "int" outputs are ragged instead of padded.' }),
      arg('encoding', str, { default: 'utf-8', doc: 'Text encoding of the string inputs.' }),
      ...lookupTail(),
    ],
    tfjs: { missing: TFJS_NO_STRINGS },
    example: { max_tokens: 10, output_sequence_length: 4, vocabulary: ['a', 'b'] },
    exampleInput: [1],
  },
];
