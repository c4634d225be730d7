/**
 * Kernel sizes: Keras 1 gives 2D kernels as `nb_row`, `nb_col` and 3D ones as `kernel_dim1..3`;
 * Keras 2 takes one `kernel_size` tuple (conv2d_args_preprocessor / conv3d_args_preprocessor in
 * keras/legacy/interfaces.py: `kernel_size = (nb_row, nb_col)`). 1D kernels (`filter_length`) are
 * a plain rename.
 */
import type { JsonObject } from '../../ir/json.js';
import { mapConfigs, noteArgument, noteConverted, row, type Keras1Pass } from './context.js';

const KERNEL_KEYS: Readonly<Record<string, readonly string[]>> = {
  Conv2D: ['nb_row', 'nb_col'],
  Conv2DTranspose: ['nb_row', 'nb_col'],
  SeparableConv2D: ['nb_row', 'nb_col'],
  LocallyConnected2D: ['nb_row', 'nb_col'],
  ConvLSTM2D: ['nb_row', 'nb_col'],
  Conv3D: ['kernel_dim1', 'kernel_dim2', 'kernel_dim3'],
};

export const kernelSize: Keras1Pass = (model, path, ctx) =>
  mapConfigs(model, path, (config, cls, p) => {
    const keys = row(KERNEL_KEYS, cls);
    if (!keys || !keys.some((k) => k in config)) return config;
    const missing = keys.filter((k) => !(k in config));
    if (missing.length > 0 || 'kernel_size' in config) {
      const why = missing.length > 0 ? `${missing.map((k) => JSON.stringify(k)).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing` : 'the config also has "kernel_size"';
      ctx.reporter.report('KS1018', p, { what: `The kernel size of ${cls}`, why });
      return config;
    }
    noteConverted(ctx, `${keys.join('/')} → kernel_size`);
    noteArgument(ctx, config, keys[0]!, 'kernel_size');
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(config)) {
      if (k === keys[0]) out.kernel_size = keys.map((key) => config[key]);
      else if (!keys.includes(k)) out[k] = v;
    }
    return out;
  });
