/**
 * Recurrent layers: SimpleRNN, LSTM, GRU, their cells, RNN, StackedRNNCells, ConvLSTM1D/2D/3D and the
 * Keras 2 cuDNN layers.
 *
 * Sources read:
 * - Keras 2.15: keras-team/tf-keras `tf_keras/layers/rnn/lstm.py` at 6add81a9 (the Keras 2.15 code base),
 *   and keras-team/keras `keras/layers/rnn/{base_rnn,simple_rnn,gru,lstm,conv_lstm1d,conv_lstm2d,
 *   conv_lstm3d,base_conv_lstm,base_cudnn_rnn,cudnn_lstm}.py` (last Keras 2 versions kept under
 *   `keras/layers/`; signatures and get_config identical to the 2.15 LSTMCell/LSTM read in tf-keras).
 *   Base RNN config (K2): return_sequences, return_state, go_backwards, stateful, unroll, time_major,
 *   plus num_constants / zero_output_for_mask only when set. Cells and LSTM/GRU/SimpleRNN add
 *   `enable_caching_device` only when it differs from the eager default (rnn_utils).
 * - Keras 3: keras-team/keras `keras/src/layers/rnn/{rnn,simple_rnn,lstm,gru,conv_lstm,conv_lstm2d}.py`
 *   (HEAD-era versions) and a third-party dump of Keras 3 `keras.layers` constructor signatures (found
 *   with find_string; used only to confirm signature order). K3 RNN config: return_sequences,
 *   return_state, go_backwards, stateful, unroll, zero_output_for_mask (+ cell for plain RNN).
 * - tfjs 4.22: `dist/layers/recurrent.{js,d.ts}`, `dist/layers/convolutional_recurrent.js`, and runs of
 *   `tf.models.modelFromJSON` (test/catalogue-b.test.ts).
 *
 * tfjs defaults that differ from Keras (verified in recurrent.js): kernel initializer 'glorotNormal',
 * LSTM/GRU recurrent activation 'hardSigmoid', LSTM `unitForgetBias` undefined (false), and GRU
 * `resetAfter` — GRUCell throws "GRUCell does not support reset_after parameter set to true."
 * tfjs RNN layers ignore `activity_regularizer` (TODO in recurrent.js) and have no `time_major`.
 * `tfjsDefault` values below are written in Keras JSON form, like `default`.
 *
 * Not verified: the exact Keras 3 version in which `seed` started appearing in SimpleRNN's config, and
 * whether Keras 3 ConvLSTM configs can carry `unroll=true` (ConvRNN rejects it in both Keras versions).
 */
import type { ArgSpec, LayerSpec } from './types.js';
import {
  activation, arg, bool, constraint, dataFormat, initializer, int, intOrTuple, layer, list, num, oneOf,
  opt, regularizer, union,
} from './t.js';
import { GLOROT_NORMAL, GLOROT_UNIFORM, ZEROS } from './base.js';
import { RUNTIME_GRU, RUNTIME_GRU_CELL } from '../runtime-recurrent.js';

const ORTHOGONAL = { class_name: 'Orthogonal', config: { gain: 1, seed: null } } as const;
const rate = num({ min: 0, max: 1 });
const seedArg = opt(int());
const HARD_SIGMOID_TFJS = 'hard_sigmoid';

// ---- argument builders (one per recurring Keras argument, so rows read like signatures) ----

const units = (): ArgSpec => arg('units', int(1), { required: true, doc: 'Dimensionality of the output space (number of hidden units).' });
const act = (): ArgSpec => arg('activation', opt(activation), { default: 'tanh', doc: 'Activation applied to the candidate state and output; null means linear.' });
const recAct = (tfjsDiffers: boolean): ArgSpec =>
  arg('recurrent_activation', opt(activation), {
    default: 'sigmoid',
    ...(tfjsDiffers && { tfjsDefault: HARD_SIGMOID_TFJS }),
    doc: 'Activation of the recurrent gates; tfjs defaults to "hard_sigmoid" where Keras defaults to "sigmoid".',
  });
const useBias = (): ArgSpec => arg('use_bias', bool, { default: true, doc: 'Whether the layer uses a bias vector.' });
const kernelInit = (): ArgSpec => arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, tfjsDefault: GLOROT_NORMAL, doc: 'Initializer for the input kernel.' });
const recInit = (): ArgSpec => arg('recurrent_initializer', initializer, { default: ORTHOGONAL, doc: 'Initializer for the recurrent kernel (tfjs Orthogonal is slow on large kernels).' });
const biasInit = (): ArgSpec => arg('bias_initializer', initializer, { default: ZEROS, doc: 'Initializer for the bias vector.' });
const unitForgetBias = (): ArgSpec =>
  arg('unit_forget_bias', bool, { default: true, tfjsDefault: false, doc: 'Whether to add 1 to the forget-gate bias at initialization.' });
const kernelReg = (): ArgSpec => arg('kernel_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the input kernel.' });
const recReg = (): ArgSpec => arg('recurrent_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the recurrent kernel.' });
const biasReg = (): ArgSpec => arg('bias_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the bias vector.' });
const actReg = (): ArgSpec =>
  arg('activity_regularizer', opt(regularizer), { default: null, tfjs: null, doc: 'Regularizer applied to the layer output; tfjs recurrent layers ignore it.' });
const kernelCon = (): ArgSpec => arg('kernel_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the input kernel.' });
const recCon = (): ArgSpec => arg('recurrent_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the recurrent kernel.' });
const biasCon = (): ArgSpec => arg('bias_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the bias vector.' });
const dropout = (): ArgSpec => arg('dropout', rate, { default: 0, doc: 'Fraction of the input units dropped during training.' });
const recDropout = (): ArgSpec => arg('recurrent_dropout', rate, { default: 0, doc: 'Fraction of the recurrent units dropped during training.' });
const returnSequences = (): ArgSpec => arg('return_sequences', bool, { default: false, doc: 'Whether to return the full output sequence instead of only the last output.' });
const returnState = (): ArgSpec => arg('return_state', bool, { default: false, doc: 'Whether to return the final states in addition to the output.' });
const goBackwards = (): ArgSpec => arg('go_backwards', bool, { default: false, doc: 'Whether to process the input sequence backwards and return the reversed sequence.' });
const stateful = (): ArgSpec => arg('stateful', bool, { default: false, doc: 'Whether the last state of each batch sample is the initial state of the same sample in the next batch.' });
const unroll = (): ArgSpec => arg('unroll', bool, { default: false, doc: 'Whether to unroll the recurrence instead of using a symbolic loop (short sequences only).' });
const timeMajor = (): ArgSpec =>
  arg('time_major', bool, {
    default: false,
    keras2Only: true,
    tfjs: null,
    doc: 'Keras 2 flag for [time, batch, features] inputs; tfjs has no such mode, so only false can be emitted.',
  });
const implementation = (tfjs: boolean): ArgSpec =>
  arg('implementation', int(0, 2), {
    default: 2,
    ...(!tfjs && { tfjs: null }),
    doc: 'Computation mode (1: many small ops, 2: fused ops); the result is the same, and Keras 3 accepts it but does not write it.',
  });
const zeroOutputForMask = (): ArgSpec =>
  arg('zero_output_for_mask', bool, {
    default: false,
    tfjs: null,
    doc: 'Whether masked timesteps output zeros instead of the previous output (Keras 2 writes it only when true; tfjs ignores it).',
  });
const cachingDevice = (): ArgSpec =>
  arg('enable_caching_device', bool, {
    default: true,
    keras2Only: true,
    tfjs: null,
    doc: 'Keras 2 variable-caching switch, written to configs only when it differs from the eager default.',
  });
const seed = (): ArgSpec => arg('seed', seedArg, { default: null, keras3Only: true, tfjs: null, doc: 'Random seed for dropout (Keras 3).' });
const useCudnn = (): ArgSpec =>
  arg('use_cudnn', union(oneOf('auto'), bool), {
    default: 'auto',
    keras3Only: true,
    tfjs: null,
    doc: 'Keras 3 choice of the cuDNN kernel; it does not change results and is not written by get_config.',
  });

/** Shared Keras 2 / Keras 3 ConvLSTM rows (same argument list, only kernel rank and defaults differ). */
function convLstm(rank: 1 | 2 | 3): readonly ArgSpec[] {
  const tuple1 = rank === 1 ? 1 : Array(rank).fill(1);
  return [
    arg('filters', int(1), { required: true, doc: 'Number of output filters of the convolutions.' }),
    arg('kernel_size', intOrTuple(rank, 1), { required: true, doc: `Size of the ${rank}D convolution window, an int or a list of ${rank} ints.` }),
    arg('strides', intOrTuple(rank, 1), { default: tuple1, doc: 'Strides of the input convolution (Keras 3 writes the default as 1).' }),
    arg('padding', oneOf('valid', 'same'), { default: 'valid', doc: 'Input convolution padding; the recurrent convolution always uses "same".' }),
    arg('data_format', dataFormat, { default: null, doc: 'Position of the channels axis; null means the Keras default "channels_last".' }),
    arg('dilation_rate', intOrTuple(rank, 1), { default: tuple1, doc: 'Dilation rate of the input convolution (Keras 3 writes the default as 1).' }),
    act(),
    arg('recurrent_activation', opt(activation), {
      default: 'hard_sigmoid',
      doc: 'Gate activation; the Keras 2 default is "hard_sigmoid" (0.2x+0.5, as in tfjs) and the Keras 3 default is "sigmoid".',
    }),
    useBias(),
    kernelInit(),
    recInit(),
    biasInit(),
    unitForgetBias(),
    kernelReg(),
    recReg(),
    biasReg(),
    actReg(),
    kernelCon(),
    recCon(),
    biasCon(),
    returnSequences(),
    returnState(),
    goBackwards(),
    stateful(),
    dropout(),
    recDropout(),
    // Config-only keys inherited from the base RNN config.
    arg('unroll', bool, { default: false, doc: 'Always false: convolutional RNNs cannot be unrolled (Keras and tfjs both raise).' }),
    timeMajor(),
    zeroOutputForMask(),
    seed(),
  ];
}

const TFJS_NO_CONVLSTM1D = 'tfjs has only ConvLSTM2D: add a size-1 rows axis with Reshape, use ConvLSTM2D with kernel_size [1, k] (strides and dilation [1, s]), then Reshape the size-1 axis away.';
const TFJS_NO_CONVLSTM3D = 'tfjs has only ConvLSTM2D and no 3D recurrent convolution, so the layer needs a kspec runtime class.';

const KERAS_RECURRENT_LAYERS: readonly LayerSpec[] = [
  {
    name: 'SimpleRNN',
    category: 'recurrent',
    doc: 'Fully connected recurrent layer whose output is fed back as the next input.',
    positional: 20,
    args: [
      units(), act(), useBias(), kernelInit(), recInit(), biasInit(), kernelReg(), recReg(), biasReg(), actReg(),
      kernelCon(), recCon(), biasCon(), dropout(), recDropout(), returnSequences(), returnState(), goBackwards(),
      stateful(), unroll(),
      timeMajor(), zeroOutputForMask(), cachingDevice(), seed(),
    ],
    tfjs: { className: 'SimpleRNN' },
    example: { units: 2, recurrent_initializer: ZEROS },
    exampleInput: [4, 3],
  },
  {
    name: 'LSTM',
    category: 'recurrent',
    doc: 'Long Short-Term Memory recurrent layer (Hochreiter 1997).',
    positional: 23,
    args: [
      units(), act(), recAct(true), useBias(), kernelInit(), recInit(), biasInit(), unitForgetBias(), kernelReg(),
      recReg(), biasReg(), actReg(), kernelCon(), recCon(), biasCon(), dropout(), recDropout(), returnSequences(),
      returnState(), goBackwards(), stateful(), timeMajor(), unroll(),
      implementation(true), zeroOutputForMask(), cachingDevice(), seed(), useCudnn(),
    ],
    tfjs: { className: 'LSTM' },
    example: { units: 2, recurrent_initializer: ZEROS },
    exampleInput: [4, 3],
  },
  {
    name: 'GRU',
    category: 'recurrent',
    doc: 'Gated Recurrent Unit layer (Cho et al. 2014).',
    positional: 23,
    args: [
      units(), act(), recAct(true), useBias(), kernelInit(), recInit(), biasInit(), kernelReg(), recReg(), biasReg(),
      actReg(), kernelCon(), recCon(), biasCon(), dropout(), recDropout(), returnSequences(), returnState(),
      goBackwards(), stateful(), unroll(), timeMajor(),
      arg('reset_after', bool, {
        default: true,
        tfjsDefault: false,
        doc: 'Whether the reset gate is applied after the recurrent matrix product (cuDNN-compatible, the Keras default); tfjs 4.22 rejects true, which kspec compiles to its runtime KspecGRU.',
      }),
      implementation(true), zeroOutputForMask(), cachingDevice(), seed(), useCudnn(),
    ],
    tfjs: { className: 'GRU' },
    // reset_after must be written explicitly: Keras's default (true) is the variant tfjs cannot run.
    example: { units: 2, reset_after: false, recurrent_initializer: ZEROS },
    exampleInput: [4, 3],
  },
  {
    name: 'SimpleRNNCell',
    category: 'recurrent',
    doc: 'One step of a SimpleRNN, to be wrapped in an RNN layer.',
    positional: 14,
    args: [
      units(), act(), useBias(), kernelInit(), recInit(), biasInit(), kernelReg(), recReg(), biasReg(),
      kernelCon(), recCon(), biasCon(), dropout(), recDropout(),
      cachingDevice(), seed(),
    ],
    tfjs: { className: 'SimpleRNNCell' },
    example: { units: 2, recurrent_initializer: ZEROS },
    // A cell takes one timestep (batch, features); tests wrap it in RNN over a short sequence.
    exampleInput: [3],
  },
  {
    name: 'LSTMCell',
    category: 'recurrent',
    doc: 'One step of an LSTM, to be wrapped in an RNN layer.',
    positional: 16,
    args: [
      units(), act(), recAct(true), useBias(), kernelInit(), recInit(), biasInit(), unitForgetBias(), kernelReg(),
      recReg(), biasReg(), kernelCon(), recCon(), biasCon(), dropout(), recDropout(),
      implementation(true), cachingDevice(), seed(),
    ],
    tfjs: { className: 'LSTMCell' },
    example: { units: 2, recurrent_initializer: ZEROS },
    exampleInput: [3],
  },
  {
    name: 'GRUCell',
    category: 'recurrent',
    doc: 'One step of a GRU, to be wrapped in an RNN layer.',
    positional: 16,
    args: [
      units(), act(), recAct(true), useBias(), kernelInit(), recInit(), biasInit(), kernelReg(), recReg(), biasReg(),
      kernelCon(), recCon(), biasCon(), dropout(), recDropout(),
      arg('reset_after', bool, {
        default: true,
        tfjsDefault: false,
        doc: 'Whether the reset gate is applied after the recurrent matrix product (the Keras default); tfjs 4.22 rejects true, which kspec compiles to its runtime KspecGRUCell.',
      }),
      implementation(true), cachingDevice(), seed(),
    ],
    tfjs: { className: 'GRUCell' },
    example: { units: 2, reset_after: false, recurrent_initializer: ZEROS },
    exampleInput: [3],
  },
  {
    name: 'RNN',
    category: 'recurrent',
    doc: 'Generic recurrent layer that runs a cell (or a stack of cells) over a sequence.',
    positional: 7,
    args: [
      arg('cell', union(layer, list(layer)), {
        required: true,
        doc: 'The cell as a nested {class_name, config}; a Python list of cells is serialized as StackedRNNCells, the only list form tfjs reads.',
      }),
      returnSequences(), returnState(), goBackwards(), stateful(), unroll(),
      arg('time_major', bool, { default: false, keras2Only: true, tfjs: null, doc: 'Keras 2 flag for [time, batch, features] inputs; tfjs has no such mode.' }),
      zeroOutputForMask(),
      arg('num_constants', int(0), {
        default: 0,
        keras2Only: true,
        tfjs: null,
        doc: 'Number of constant inputs passed to the cell, written by Keras 2 only when non-zero; tfjs does not support RNN constants.',
      }),
    ],
    tfjs: { className: 'RNN' },
    example: { cell: { class_name: 'SimpleRNNCell', config: { units: 2, recurrent_initializer: ZEROS } } },
    exampleInput: [4, 3],
  },
  {
    name: 'StackedRNNCells',
    category: 'recurrent',
    doc: 'Wrapper that makes a list of RNN cells behave as one cell.',
    positional: 1,
    args: [arg('cells', list(layer), { required: true, doc: 'The cells, each a nested {class_name, config}, applied bottom to top.' })],
    tfjs: { className: 'StackedRNNCells' },
    example: {
      cells: [
        { class_name: 'SimpleRNNCell', config: { units: 2, recurrent_initializer: ZEROS } },
        { class_name: 'LSTMCell', config: { units: 3, recurrent_initializer: ZEROS } },
      ],
    },
    exampleInput: [3],
  },
  {
    name: 'ConvLSTM1D',
    category: 'recurrent',
    doc: 'LSTM whose input and recurrent transformations are 1D convolutions.',
    positional: 26,
    args: convLstm(1),
    tfjs: { missing: TFJS_NO_CONVLSTM1D },
    example: { filters: 2, kernel_size: 2 },
    exampleInput: [3, 5, 1],
  },
  {
    name: 'ConvLSTM2D',
    category: 'recurrent',
    doc: 'LSTM whose input and recurrent transformations are 2D convolutions.',
    positional: 26,
    args: convLstm(2),
    tfjs: { className: 'ConvLSTM2D' },
    example: { filters: 2, kernel_size: 2, recurrent_initializer: ZEROS },
    exampleInput: [3, 5, 5, 1],
  },
  {
    name: 'ConvLSTM3D',
    category: 'recurrent',
    doc: 'LSTM whose input and recurrent transformations are 3D convolutions.',
    positional: 26,
    args: convLstm(3),
    tfjs: { missing: TFJS_NO_CONVLSTM3D },
    example: { filters: 2, kernel_size: 2 },
    exampleInput: [3, 4, 4, 4, 1],
  },
  {
    name: 'CuDNNLSTM',
    category: 'recurrent',
    doc: 'Keras 2 GPU-only LSTM backed by cuDNN (tf.compat.v1.keras.layers.CuDNNLSTM).',
    keras2Only: true,
    positional: 16,
    args: [
      units(), kernelInit(), recInit(), biasInit(), unitForgetBias(), kernelReg(), recReg(), biasReg(), actReg(),
      kernelCon(), recCon(), biasCon(), returnSequences(), returnState(), goBackwards(), stateful(),
      arg('time_major', bool, { default: false, tfjs: null, doc: 'Whether inputs are [time, batch, features]; only false can be emitted for tfjs.' }),
    ],
    // kspec compiles it to tfjs's LSTM with activation "tanh" and recurrent_activation "sigmoid" (the
    // only math cuDNN implements; passes/runtime-recurrent.ts). Its Keras weights are in cuDNN's
    // layout (bias of 8·units): ir/runtime-recurrent.ts records Keras 2's conversion.
    tfjs: { className: 'LSTM' },
    example: { units: 2, recurrent_initializer: ZEROS },
    exampleInput: [4, 3],
  },
  {
    name: 'CuDNNGRU',
    category: 'recurrent',
    doc: 'Keras 2 GPU-only GRU backed by cuDNN (tf.compat.v1.keras.layers.CuDNNGRU).',
    keras2Only: true,
    positional: 15,
    args: [
      units(), kernelInit(), recInit(), biasInit(), kernelReg(), recReg(), biasReg(), actReg(),
      kernelCon(), recCon(), biasCon(), returnSequences(), returnState(), goBackwards(), stateful(),
      arg('time_major', bool, { default: false, tfjs: null, doc: 'Whether inputs are [time, batch, features]; only false can be emitted for tfjs.' }),
    ],
    // A GRU with reset_after=true and recurrent_activation "sigmoid", which tfjs 4.22 cannot run:
    // kspec compiles it to its runtime KspecGRU (passes/runtime-recurrent.ts); the bias (6·units)
    // is KspecGRU's (2, 3·units) flattened, the kernels are in cuDNN's layout (ir/runtime-recurrent.ts).
    tfjs: { className: RUNTIME_GRU, runtime: true },
    example: { units: 2, recurrent_initializer: ZEROS },
    exampleInput: [4, 3],
  },
];

/** Docs of the runtime GRU arguments whose GRU doc speaks of tfjs's defaults. */
const RUNTIME_GRU_DOCS: Readonly<Record<string, string>> = {
  recurrent_activation: 'Activation of the recurrent gates (Keras\'s default "sigmoid").',
  reset_after: 'Whether the reset gate is applied after the recurrent matrix product, with a (2, 3·units) bias (the Keras default); false is tfjs\'s GRU formula.',
};

/**
 * kspec's runtime classes for GRU / GRUCell with reset_after=True (src/runtime/recurrent.ts), which
 * passes/runtime-recurrent.ts emits: the Keras class's arguments with Keras's defaults (the runtime
 * class defaults to them, so fill-defaults has nothing to write). A row of their own, so kspec reads
 * back the model.json it writes (KspecGRU stands for GRU, not for CuDNNGRU, which also compiles to it).
 */
function runtimeGru(gru: LayerSpec, name: string): LayerSpec {
  return {
    name,
    category: 'recurrent',
    doc: `kspec runtime ${gru.name} computing Keras's reset_after=True formula with its (2, 3·units) bias, which tfjs 4.22 refuses (tfjs needs \`import "kspec/runtime"\` to load it).`,
    positional: gru.positional,
    runtime: true,
    args: gru.args.map(({ tfjsDefault: _, ...a }) => ({ ...a, doc: RUNTIME_GRU_DOCS[a.name] ?? a.doc })),
    tfjs: { className: name },
    example: { units: 2, recurrent_initializer: ZEROS },
    ...(gru.exampleInput && { exampleInput: gru.exampleInput }),
  };
}

const row = (name: string): LayerSpec => KERAS_RECURRENT_LAYERS.find((r) => r.name === name)!;

export const RECURRENT_LAYERS: readonly LayerSpec[] = [
  ...KERAS_RECURRENT_LAYERS,
  runtimeGru(row('GRU'), RUNTIME_GRU),
  runtimeGru(row('GRUCell'), RUNTIME_GRU_CELL),
];
