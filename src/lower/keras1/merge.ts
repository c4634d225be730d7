/**
 * Keras 1's `Merge` layer (keras/engine/topology.py in Keras 1; keras/legacy/layers.py in Keras 2.0,
 * unchanged) → the Keras 2 merge class its `mode` computes, as in `Merge.call`:
 *   sum → Add, mul → Multiply, ave → Average, max → Maximum,
 *   concat → Concatenate(axis=concat_axis), dot → Dot(axes=dot_axes)  (both K.batch_dot, same
 *   axis convention: counted with the batch axis, an int or a pair),
 *   cos → reported: Keras 1 divides by max(sqrt(x·x · y·y), epsilon) and then expand_dims the
 *     result, which neither Dot(normalize=True) (it clips each norm separately) nor any other tfjs
 *     layer computes;
 *   a lambda or function `mode` (`mode_type` "lambda"/"function") → reported: Python code.
 * The bookkeeping keys (`mode_type`, `output_shape`, `output_mask`, `arguments`, …) only matter
 * for callable modes and are dropped.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import { isObj, type JsonObject } from '../../ir/json.js';
import { mapEntries, noteConverted, row, without, type Keras1Context, type Keras1Pass } from './context.js';

const ELEMENTWISE: Readonly<Record<string, string>> = { sum: 'Add', mul: 'Multiply', ave: 'Average', max: 'Maximum' };
const DROPPED = ['mode', 'mode_type', 'concat_axis', 'dot_axes', 'output_shape', 'output_shape_type', 'output_mask', 'output_mask_type', 'arguments', 'node_indices', 'tensor_indices'];

/** Keras 1 wrote `dot_axes` as an int, a pair, or (early 1.x) a pair of one-element lists. */
function dotAxes(v: unknown): unknown {
  if (Array.isArray(v) && v.length === 2 && v.every((a) => Array.isArray(a) && a.length === 1)) return v.map((a) => (a as unknown[])[0]);
  return v;
}

export function convertMerge(entry: JsonObject, path: Path, ctx: Keras1Context): JsonObject {
  // A config that is not a mapping is the lowering's to report.
  const config = entry.config === undefined ? {} : entry.config;
  if (!isObj(config)) return entry;
  const modeType = config.mode_type ?? 'raw';
  const mode = config.mode ?? 'sum';
  const at = { path: [...path, 'config', 'mode'] };
  if (modeType !== 'raw' || typeof mode !== 'string') {
    ctx.reporter.report('KS1018', at, { what: 'A Merge layer with a Python function as its mode', why: 'kspec never runs Python code, and tfjs has no merge layer that could run it' });
    return entry;
  }
  const base = without(config, ...DROPPED);
  let converted: { class_name: string; config: JsonObject };
  const elementwise = row(ELEMENTWISE, mode);
  if (elementwise) converted = { class_name: elementwise, config: base };
  else if (mode === 'concat') converted = { class_name: 'Concatenate', config: { ...base, axis: config.concat_axis ?? -1 } };
  else if (mode === 'dot') converted = { class_name: 'Dot', config: { ...base, axes: dotAxes(config.dot_axes ?? -1), normalize: false } };
  else {
    const why = mode === 'cos'
      ? 'Keras 1 divides x·y by max(sqrt((x·x)(y·y)), epsilon) and adds an axis, which no Keras 2 or tfjs layer computes (Dot(normalize=True) clips each norm separately)'
      : 'Keras 1 knows the modes sum, mul, concat, ave, cos, dot and max only';
    ctx.reporter.report('KS1018', at, { what: `Merge(mode=${JSON.stringify(mode)})`, why });
    return entry;
  }
  noteConverted(ctx, `Merge(mode="${mode}") → ${converted.class_name}`, 'layer');
  return { ...entry, ...converted };
}

/** Merge layers anywhere; a Merge of models keeps `layers` for the Sequential-with-Merge pass. */
export const mergeLayers: Keras1Pass = (model, path, ctx) =>
  mapEntries(model, path, (entry, p) => (entry.class_name === 'Merge' ? convertMerge(entry, p, ctx) : entry));
