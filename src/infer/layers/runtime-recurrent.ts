/**
 * Keras classes tfjs 4.22 lacks that kspec compiles (catalogue `tfjs.runtime`, passes/runtime-recurrent.ts):
 *
 * - Conv1DTranspose, SeparableConv1D: kspec's runtime classes, with Keras's output lengths
 *   (deconv_output_length with output_padding and dilation; conv_output_length, "causal" keeping
 *   the length) and Keras's weights: Conv1DTranspose k·filters·in + filters, SeparableConv1D
 *   k·in·dm + in·dm·filters + filters.
 * - CuDNNGRU: compiled to KspecGRU (reset_after=True): 3u·(in + u) + 6u, the same count as Keras's
 *   CuDNNGRU (bias 6u).
 * - CuDNNLSTM: compiled to tfjs's LSTM: 4u·(in + u) + 4u. Keras's CuDNNLSTM holds 8u biases (input and
 *   recurrent, which the weights converter sums), so Keras counts 4u more than the compiled model.
 *
 * GRU with reset_after=True needs no row of its own: recurrent.ts's GRU row already counts the
 * (2, 3u) bias when reset_after is true or absent (the catalogue default); KspecGRU (the runtime
 * class a compiled model.json names) reuses it, and KspecGRUCell is in recurrent.ts's cell table.
 */
import type { Cfg } from '../config.js';
import { convTranspose, separable } from './convolution.js';
import { RECURRENT_ROWS } from './recurrent.js';
import type { LayerRow } from './row.js';

/** A CuDNN layer read with the row of the Keras layer kspec compiles it to, `fixed` keys forced (messages keep its name). */
function asLayer(row: LayerRow, fixed: Readonly<Record<string, unknown>>): LayerRow {
  const as = (c: Cfg): Cfg => ({ className: c.className, get: (k) => (k in fixed ? fixed[k] : c.get(k)) });
  return {
    output: (inputs, c) => row.output(inputs, as(c)),
    ...(row.params && { params: (inputs, c) => row.params!(inputs, as(c)) }),
  };
}

export const RUNTIME_RECURRENT_ROWS: Readonly<Record<string, LayerRow>> = {
  Conv1DTranspose: convTranspose(1),
  SeparableConv1D: separable(1),
  // kspec's runtime GRU as emitted (a kspec model.json read back): GRU's row, reset_after defaulting to true.
  KspecGRU: RECURRENT_ROWS.GRU!,
  // cuDNN layers always have biases.
  CuDNNGRU: asLayer(RECURRENT_ROWS.GRU!, { reset_after: true, use_bias: true }),
  CuDNNLSTM: asLayer(RECURRENT_ROWS.LSTM!, { use_bias: true }),
};
