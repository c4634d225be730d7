/**
 * ZeroPadding amounts (Keras 1 keras/layers/convolutional.py):
 *  - ZeroPadding1D takes an int, `(left, right)` or `{left_pad, right_pad}`;
 *  - ZeroPadding2D takes `(rows, cols)` (symmetric), `(top, bottom, left, right)` or
 *    `{top_pad, bottom_pad, left_pad, right_pad}` (missing keys 0).
 * Keras 2 takes an int, a symmetric pair or pairs `((top, bottom), (left, right))`; it converts
 * the dicts (zeropadding2d_args_preprocessor) but reads a flat 4-tuple as an error. Both become
 * Keras 2's pair of pairs.
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { mapConfigs, noteConverted, type Keras1Pass } from './context.js';

const num = (o: JsonObject, k: string): unknown => o[k] ?? 0;

export const paddingAmounts: Keras1Pass = (model, path, ctx) =>
  mapConfigs(model, path, (config, cls) => {
    const v = config.padding;
    let padding: unknown;
    if (cls === 'ZeroPadding1D' && isObj(v)) padding = [num(v, 'left_pad'), num(v, 'right_pad')];
    else if (cls === 'ZeroPadding2D' && isObj(v)) padding = [[num(v, 'top_pad'), num(v, 'bottom_pad')], [num(v, 'left_pad'), num(v, 'right_pad')]];
    else if (cls === 'ZeroPadding2D' && Array.isArray(v) && v.length === 4) padding = [[v[0], v[1]], [v[2], v[3]]];
    else return config;
    noteConverted(ctx, `${cls} padding → Keras 2 form`);
    return { ...config, padding };
  });
