/**
 * `dim_ordering` → `data_format` (keras/legacy/interfaces.py value_conversions: "tf" →
 * "channels_last", "th" → "channels_first", "default" → None, i.e. Keras 2's configured default).
 *
 * Keras 1 layers resolve `dim_ordering="default"` to `image_dim_ordering()` (keras.json) when they
 * are built, so saved configs hold "tf" or "th" — except that ZeroPadding2D/3D, UpSampling2D/3D,
 * Cropping2D/3D and SpatialDropout2D/3D do not save it at all (their get_config writes only
 * padding / size / cropping / p), and Keras 1 reloads them with the keras.json of the machine that
 * loads the model. A layer without `dim_ordering` (or with "default") therefore takes the
 * ordering every other layer of the file records: for "tf" (Keras's default) nothing changes; for
 * "th" it becomes channels_first, with a warning naming the layers. When the file records both
 * orderings, or none, channels_last is assumed (Keras 2's default), with a warning if it matters.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import { isObj, type JsonObject } from '../../ir/json.js';
import { mapConfigs, mapEntries, noteArgument, noteConverted, renameKey, row, without, type Keras1Context, type Keras1Pass } from './context.js';

const RANK2 = ['Conv2D', 'Conv2DTranspose', 'SeparableConv2D', 'LocallyConnected2D', 'ConvLSTM2D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalMaxPooling2D', 'GlobalAveragePooling2D', 'UpSampling2D', 'ZeroPadding2D', 'Cropping2D', 'SpatialDropout2D'];
const RANK3 = ['Conv3D', 'MaxPooling3D', 'AveragePooling3D', 'GlobalMaxPooling3D', 'GlobalAveragePooling3D', 'UpSampling3D', 'ZeroPadding3D', 'Cropping3D', 'SpatialDropout3D'];
/** Keras 2 classes that take a data_format (Keras 1: a dim_ordering). */
export const DATA_FORMAT_CLASSES = new Set([...RANK2, ...RANK3]);
/** Classes whose Keras 1 get_config omits dim_ordering. */
const UNSAVED = new Set(['UpSampling2D', 'UpSampling3D', 'ZeroPadding2D', 'ZeroPadding3D', 'Cropping2D', 'Cropping3D', 'SpatialDropout2D', 'SpatialDropout3D']);

const FORMATS: Readonly<Record<string, string>> = { tf: 'channels_last', th: 'channels_first' };

/** Every "tf" / "th" the file records. */
function recorded(model: JsonObject, path: Path): Set<string> {
  const seen = new Set<string>();
  mapEntries(model, path, (e) => {
    if (isObj(e.config) && (e.config.dim_ordering === 'tf' || e.config.dim_ordering === 'th')) seen.add(e.config.dim_ordering);
    return e;
  });
  return seen;
}

function names(list: readonly string[]): string {
  const q = list.slice(0, 3).map((n) => JSON.stringify(n));
  const more = list.length - q.length;
  if (more > 0) return `${q.join(', ')} and ${more} more`;
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

export const dimOrdering: Keras1Pass = (model, path, ctx) => {
  const seen = recorded(model, path);
  const ordering = seen.size === 1 ? [...seen][0]! : 'tf';
  const assumed =
    seen.size === 1 ? `"${ordering}" (${FORMATS[ordering]}), the ordering every other layer of this model records`
    : seen.size === 0 ? '"tf" (channels_last), Keras\'s default'
    : '"tf" (channels_last), Keras\'s default, as this model records both "th" and "tf"';
  const unsaved: { name: string; at: Path }[] = [];
  const defaults: { name: string; at: Path }[] = [];
  const out = mapConfigs(model, path, (config, cls, p) => {
    const name = String(config.name ?? cls);
    if (!('dim_ordering' in config)) {
      if (!DATA_FORMAT_CLASSES.has(cls) || 'data_format' in config) return config;
      // Matters only when the assumption is not Keras 2's own default.
      if (seen.size === 1 && ordering === 'th') unsaved.push({ name, at: p });
      else if (seen.size > 1) unsaved.push({ name, at: p });
      return ordering === 'th' && seen.size === 1 ? { ...config, data_format: FORMATS.th } : config;
    }
    const v = config.dim_ordering;
    if (v === 'default') {
      defaults.push({ name, at: [...p, 'dim_ordering'] });
      noteConverted(ctx, 'dim_ordering → data_format');
      noteArgument(ctx, config, 'dim_ordering', 'data_format');
      return ordering === 'th' && seen.size === 1 ? renameKey(config, 'dim_ordering', 'data_format', () => FORMATS.th) : without(config, 'dim_ordering');
    }
    const format = row(FORMATS, v);
    if (!format) {
      ctx.reporter.report('KS1018', [...p, 'dim_ordering'], { what: `dim_ordering ${JSON.stringify(v)}`, why: 'Keras 1 knows "tf", "th" and "default" only' });
      return without(config, 'dim_ordering');
    }
    noteConverted(ctx, 'dim_ordering → data_format');
    noteArgument(ctx, config, 'dim_ordering', 'data_format');
    return renameKey(config, 'dim_ordering', 'data_format', () => format);
  });
  const why = (list: readonly unknown[], what: string) => (list.length === 1 ? `has ${what}` : `have ${what}`);
  if (unsaved.length > 0) {
    ctx.reporter.report('KS1020', unsaved[0]!.at, { layers: names(unsaved.map((u) => u.name)), why: why(unsaved, 'no dim_ordering (Keras 1 does not save it for padding, cropping, upsampling and spatial dropout layers, and takes it from keras.json when it loads the model)'), assumed });
  }
  if (defaults.length > 0) {
    ctx.reporter.report('KS1020', defaults[0]!.at, { layers: names(defaults.map((u) => u.name)), why: why(defaults, 'dim_ordering "default", which Keras 1 takes from keras.json when it builds the layer'), assumed });
  }
  return out;
};
