/** What the Keras 3 normalisation passes share. Each pass rewrites a model object (JSON) in place of a copy. */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { Reporter } from '../../diagnostics/report.js';
import { isObj, type JsonObject } from '../../ir/json.js';

export interface Keras3Context {
  readonly reporter: Reporter;
}

/** A pass over one model object (`{class_name, config}`) at `path`; nested models are visited by `eachModel`. */
export type Keras3Pass = (model: JsonObject, path: Path, ctx: Keras3Context) => JsonObject;

export const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);

/** The layer entries of a model object. */
export function layersOf(model: JsonObject): JsonObject[] {
  const c = model.config;
  return isObj(c) && Array.isArray(c.layers) ? c.layers.filter(isObj) : [];
}

/** Applies `fn` to a model and, bottom-up, to every nested model entry, rebuilding the copies. */
export function eachModel(model: JsonObject, path: Path, fn: (m: JsonObject, p: Path) => JsonObject): JsonObject {
  const c = model.config;
  if (!isObj(c) || !Array.isArray(c.layers)) return fn(model, path);
  const layers = c.layers.map((l, i) => (isObj(l) && MODEL_CLASSES.has(String(l.class_name)) ? eachModel(l, [...path, 'config', 'layers', i], fn) : l));
  return fn({ ...model, config: { ...c, layers } }, path);
}

/** Replaces each layer entry's config through `fn` (entries without a config are kept). */
export function mapConfigs(model: JsonObject, fn: (config: JsonObject, entry: JsonObject, index: number) => JsonObject): JsonObject {
  const c = model.config;
  if (!isObj(c) || !Array.isArray(c.layers)) return model;
  return { ...model, config: { ...c, layers: c.layers.map((l, i) => (isObj(l) && isObj(l.config) ? { ...l, config: fn(l.config, l, i) } : l)) } };
}
