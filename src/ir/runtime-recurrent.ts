/**
 * Recurrent configs tfjs 4.22 cannot build as Keras computes them, and what kspec builds instead
 * (passes/runtime-recurrent.ts applies it; the gru-reset-after rule, KS5008, says so). tfjs-free,
 * so the compiler reads it without loading tfjs; the runtime classes (src/runtime/recurrent.ts,
 * conv1d.ts) register under these names.
 *
 * - GRU / GRUCell with `reset_after` true or absent (the Keras 2 and 3 default): tfjs's GRUCell
 *   throws on it → kspec's KspecGRU / KspecGRUCell (Keras's formula, bias (2, 3·units)).
 * - CuDNNGRU (Keras 2, tf.compat.v1): Keras's GRU(reset_after=True, activation="tanh",
 *   recurrent_activation="sigmoid") — the variant Keras documents as "compatible with CuDNNGRU"
 *   (gru.py), cuDNN's GRU: r and z gates on both biases, ĥ = tanh(W_h·x + b_Wh + r ⊙ (R_h·h + b_Rh))
 *   → KspecGRU.
 * - CuDNNLSTM: Keras's LSTM(activation="tanh", recurrent_activation="sigmoid") with its
 *   unit_forget_bias (cuDNN computes only that) → tfjs's own LSTM.
 *
 * Weights (for the weights converter; nothing here converts them). Keras 2 stores CuDNN layers'
 * weights in cuDNN's layout, not in GRU/LSTM's: keras-team/keras `keras/saving/legacy/hdf5_format.py`
 * `_convert_rnn_weights` (called from `preprocess_weights_for_loading`) converts them when a CuDNN
 * weight list is loaded into a GRU/LSTM, recognising the source by the bias shape:
 * - input kernel (in, n·u), per gate block k (in, u): `k.T.reshape(k.shape, order="F")` — the layer
 *   hands cuDNN each block flattened without transposing (`canonical_to_params`,
 *   `gru_lstm_utils.py`, transpose_weights=False), so cuDNN reads it as a (u, in) matrix W and
 *   computes W·x; the GRU/LSTM block is W.T, i.e. `reshape(k, [u, in]).T`;
 * - recurrent kernel (u, n·u), per gate block: transposed (`k.T`);
 * - bias: CuDNNLSTM's (8u,) = [input biases i, f, c, o | recurrent biases i, f, c, o] → LSTM's (4u,)
 *   is the sum of the two halves; CuDNNGRU's (6u,) = [input z, r, h | recurrent z, r, h] →
 *   GRU(reset_after=True)'s (2, 3u) is the same values reshaped to two rows.
 * Gate blocks stay in Keras's order (LSTM i, f, c, o; GRU z, r, h): the CuDNN layers reorder them
 * only when building cuDNN's parameter buffer (CuDNNGRU passes r before z). A GRU with
 * reset_after=False has no CuDNN equivalent (Keras raises "... is not compatible with ...").
 * The converter is for Keras 2 HDF5 weights; no Keras 3 file holds CuDNN layers (Keras 3 removed them).
 */
import type { Config } from './graph.js';

/** kspec runtime class names (`kspec/runtime`). */
export const RUNTIME_GRU = 'KspecGRU';
export const RUNTIME_GRU_CELL = 'KspecGRUCell';
export const RUNTIME_CONV1D_TRANSPOSE = 'KspecConv1DTranspose';
export const RUNTIME_SEPARABLE_CONV1D = 'KspecSeparableConv1D';

export interface RuntimeRecurrent {
  readonly className: string;
  readonly config: Config;
}

const GLOROT_UNIFORM = { class_name: 'GlorotUniform', config: { seed: null } } as const;

/** `reset_after` true, or absent (Keras's default is true in Keras 2 and 3). */
export const resetAfter = (config: Config): boolean => config.reset_after !== false;

/** The GRU classes whose `reset_after` decides (GRU, GRUCell) and their runtime class. */
export const GRU_RUNTIME: Readonly<Record<string, string>> = { GRU: RUNTIME_GRU, GRUCell: RUNTIME_GRU_CELL };

/** What kspec builds for a recurrent config tfjs cannot build as Keras does; undefined when tfjs can. */
export function runtimeRecurrent(className: string, config: Config): RuntimeRecurrent | undefined {
  const gru = GRU_RUNTIME[className];
  if (gru) return resetAfter(config) ? { className: gru, config: { ...config, reset_after: true } } : undefined;
  if (className === 'CuDNNGRU') return { className: RUNTIME_GRU, config: { ...config, activation: 'tanh', recurrent_activation: 'sigmoid', reset_after: true } };
  if (className === 'CuDNNLSTM') {
    // Explicit where tfjs's LSTM defaults differ (glorot_normal kernel, no unit_forget_bias): a
    // nested CuDNNLSTM (in Bidirectional) is not reached by fill-defaults.
    return {
      className: 'LSTM',
      config: {
        ...config,
        activation: 'tanh',
        recurrent_activation: 'sigmoid',
        unit_forget_bias: config.unit_forget_bias ?? true,
        kernel_initializer: config.kernel_initializer ?? GLOROT_UNIFORM,
      },
    };
  }
  return undefined;
}

/** Config keys that hold nested layers: wrappers' `layer`/`backward_layer`, RNN's `cell`, StackedRNNCells' `cells`. */
export const NESTED_LAYER_KEYS = ['layer', 'backward_layer', 'cell', 'cells'] as const;
