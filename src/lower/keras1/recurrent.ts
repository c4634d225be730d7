/**
 * Recurrent layers (SimpleRNN, GRU, LSTM, ConvLSTM2D), beyond the plain renames:
 *  - `consume_less` → `implementation`. Keras 2.0 maps cpu → 0, mem → 1, gpu → 2
 *    (legacy_recurrent_support); tf.keras and tfjs treat 0 as 1 (with a deprecation warning), and
 *    the mode never changes what the layer computes, so "cpu" and "mem" become 1 and "gpu" 2.
 *  - `forget_bias_init` (LSTM, ConvLSTM2D; Keras 1 default "one"): "one" → `unit_forget_bias:
 *    true`, as Keras 2.0 converts it. Any other initializer has no Keras 2 form; Keras 2.0 drops it
 *    with a warning, which leaves Keras 2's unit_forget_bias=True — the opposite of what was
 *    written — so kspec writes `unit_forget_bias: false`. It only affects initialization.
 *  - GRU: Keras 1's GRU applies the reset gate before the recurrent matrix product, which is
 *    Keras 2's `reset_after=False` (tf.keras 2 defaults to True), so that is written explicitly.
 *  - GRU, LSTM and ConvLSTM2D default `inner_activation` to "hard_sigmoid" in Keras 1 (tf.keras 2:
 *    "sigmoid"), so a config without one gets "hard_sigmoid" written.
 */
import { mapConfigs, noteArgument, noteConverted, renameKey, row, without, type Keras1Pass } from './context.js';

const GATED = new Set(['GRU', 'LSTM', 'ConvLSTM2D']);
const RECURRENT = new Set(['SimpleRNN', ...GATED]);
const IMPLEMENTATION: Readonly<Record<string, number>> = { cpu: 1, mem: 1, gpu: 2 };

export const recurrentOptions: Keras1Pass = (model, path, ctx) =>
  mapConfigs(model, path, (config, cls, p) => {
    if (!RECURRENT.has(cls)) return config;
    let out = config;
    if ('consume_less' in out) {
      const mode = out.consume_less;
      const impl = row(IMPLEMENTATION, mode);
      if (impl === undefined) {
        ctx.reporter.report('KS1018', [...p, 'consume_less'], { what: `consume_less ${JSON.stringify(mode)}`, why: 'Keras 1 knows "cpu", "mem" and "gpu" only' });
        out = without(out, 'consume_less');
      } else {
        noteConverted(ctx, 'consume_less → implementation');
        noteArgument(ctx, config, 'consume_less', 'implementation');
        out = 'implementation' in out ? without(out, 'consume_less') : renameKey(out, 'consume_less', 'implementation', () => impl);
      }
    }
    if ('forget_bias_init' in out) {
      noteConverted(ctx, 'forget_bias_init → unit_forget_bias');
      noteArgument(ctx, config, 'forget_bias_init', 'unit_forget_bias');
      const one = out.forget_bias_init === 'one' || out.forget_bias_init === 'ones';
      out = 'unit_forget_bias' in out ? without(out, 'forget_bias_init') : renameKey(out, 'forget_bias_init', 'unit_forget_bias', () => one);
    }
    if (GATED.has(cls) && !('recurrent_activation' in out)) out = { ...out, recurrent_activation: 'hard_sigmoid' };
    if (cls === 'GRU' && !('reset_after' in out)) out = { ...out, reset_after: false };
    return out;
  });
