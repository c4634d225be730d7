/**
 * BatchNormalization `mode` (Keras 1 keras/layers/normalization.py):
 *   0 — feature-wise, moving statistics at inference: Keras 2's BatchNormalization; dropped, as
 *       batchnorm_args_preprocessor does;
 *   1 — sample-wise: each sample normalised by its own mean and std, at inference too;
 *   2 — feature-wise with the current batch's statistics, at inference too.
 * Keras 2 raises for 1 and 2 ("no longer supported"), and tfjs has no layer that computes them.
 */
import { mapConfigs, noteConverted, row, without, type Keras1Pass } from './context.js';

const MODES: Readonly<Record<number, string>> = {
  1: 'mode 1 normalises each sample by its own statistics, at inference too, which Keras 2 and tfjs cannot compute',
  2: "mode 2 normalises with the current batch's statistics at inference too, which Keras 2 and tfjs cannot compute",
};

export const batchNormalization: Keras1Pass = (model, path, ctx) =>
  mapConfigs(model, path, (config, cls, p) => {
    if (cls !== 'BatchNormalization' || !('mode' in config)) return config;
    const mode = config.mode;
    if (mode === 0) {
      noteConverted(ctx, 'BatchNormalization mode 0 dropped');
      return without(config, 'mode');
    }
    const why = typeof mode === 'number' ? row(MODES, String(mode)) : undefined;
    ctx.reporter.report('KS1018', [...p, 'mode'], { what: `BatchNormalization(mode=${JSON.stringify(mode)})`, why: why ?? 'Keras 1 knows the modes 0, 1 and 2 only' });
    // Reported once: the key is dropped so that it is not also an unknown argument.
    return without(config, 'mode');
  });
