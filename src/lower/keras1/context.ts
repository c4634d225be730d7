/**
 * What the Keras 1 normalisation passes share. Each pass rewrites a model object (JSON) into a
 * copy; none mutates its input. Keras 1 writes a Sequential model's `config` as a bare list of layer
 * entries, and a `Model`'s as `{name, layers, input_layers, output_layers}`; both are handled, and
 * so are the models a Sequential model's first `Merge` takes (`config.layers` of that entry).
 *
 * Diagnostics point at the original text: the passes that rename, report and check run on the
 * structure as written; the passes that insert or move layers run last and record how each new
 * path maps back (`pathMaps`), and renamed arguments are recorded per layer (`renamedArgs`), so
 * that the lowered graph's origins can be translated back by `finishKeras1`.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { Reporter } from '../../diagnostics/report.js';
import { isObj, setOwn, type JsonObject } from '../../ir/json.js';

/** A Keras 1 `Deconvolution2D` output_shape, compared with what Conv2DTranspose computes once shapes are known. */
export interface DeconvShape {
  readonly layer: string;
  /** `(batch, …)` as Keras 1 wrote it. */
  readonly shape: readonly unknown[];
  readonly at: Path;
}

/** Layer conversions are counted in the summary note; argument conversions are listed once. */
export type ConversionKind = 'layer' | 'argument';

export interface Keras1Context {
  readonly reporter: Reporter;
  /** What was converted, for the one summary note per file: "Convolution2D → Conv2D" → kind and count. */
  readonly converted: Map<string, { readonly kind: ConversionKind; n: number }>;
  /** Checks that need shapes, run on the lowered graph by `finishKeras1`. */
  readonly deconvShapes: DeconvShape[];
  /** Per structural pass, in order: a path after the pass → the path before it. */
  readonly pathMaps: ((p: Path) => Path)[];
  /** Layer name → Keras 2 argument → the Keras 1 argument it was written as. */
  readonly renamedArgs: Map<string, Map<string, string>>;
}

export function keras1Context(reporter: Reporter): Keras1Context {
  return { reporter, converted: new Map(), deconvShapes: [], pathMaps: [], renamedArgs: new Map() };
}

/** Records one conversion for the summary note. */
export function noteConverted(ctx: Keras1Context, what: string, kind: ConversionKind = 'argument'): void {
  const seen = ctx.converted.get(what);
  if (seen) seen.n++;
  else ctx.converted.set(what, { kind, n: 1 });
}

/** Records that the layer configured by `config` now has `to` where Keras 1 wrote `from`. */
export function noteArgument(ctx: Keras1Context, config: JsonObject, from: string, to: string): void {
  if (typeof config.name !== 'string') return;
  let m = ctx.renamedArgs.get(config.name);
  if (!m) ctx.renamedArgs.set(config.name, (m = new Map()));
  if (!m.has(to)) m.set(to, from);
}

/** A pass over one model object (`{class_name, config}`) at `path`. */
export type Keras1Pass = (model: JsonObject, path: Path, ctx: Keras1Context) => JsonObject;

/** Keras 1 model classes (`Graph`, Keras 1's legacy container, is reported by the class pass). */
export const MODEL_CLASSES = new Set(['Sequential', 'Model', 'Functional']);

export const isModelEntry = (v: unknown): boolean => isObj(v) && MODEL_CLASSES.has(String(v.class_name));

/** A layer entry that merges models (Keras 1's `Merge([model_a, model_b])`): its `config.layers`. */
export function mergedModels(e: unknown): unknown[] | undefined {
  if (!isObj(e) || isModelEntry(e) || !isObj(e.config) || !Array.isArray(e.config.layers)) return undefined;
  return e.config.layers.some(isModelEntry) ? e.config.layers : undefined;
}

/** A table row by key, own keys only (a config may name a class "__proto__"). */
export function row<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The layer entries of a model object and their path (list-style or `{layers}` config). */
export function layersOf(model: JsonObject, path: Path): { layers: unknown[]; path: Path } | undefined {
  const c = model.config;
  if (Array.isArray(c)) return { layers: c, path: [...path, 'config'] };
  if (isObj(c) && Array.isArray(c.layers)) return { layers: c.layers, path: [...path, 'config', 'layers'] };
  return undefined;
}

/** The model with its layer list replaced, in the config style it was written in. */
export function withLayers(model: JsonObject, layers: unknown[]): JsonObject {
  const c = model.config;
  return Array.isArray(c) ? { ...model, config: layers } : { ...model, config: { ...(c as JsonObject), layers } };
}

/** A layer entry's name: the entry's own (Model graphs) or its config's (Sequential lists). */
export function entryName(entry: JsonObject): string | undefined {
  if (typeof entry.name === 'string') return entry.name;
  return isObj(entry.config) && typeof entry.config.name === 'string' ? entry.config.name : undefined;
}

/**
 * Applies `fn` to a model and, bottom-up, to every nested model entry and every model a Merge
 * entry takes, rebuilding the copies.
 */
export function eachModel(model: JsonObject, path: Path, fn: (m: JsonObject, p: Path) => JsonObject): JsonObject {
  const at = layersOf(model, path);
  if (!at) return fn(model, path);
  const layers = at.layers.map((l, i) => {
    if (isObj(l) && isModelEntry(l)) return eachModel(l, [...at.path, i], fn);
    const merged = mergedModels(l);
    if (!merged || !isObj(l) || !isObj(l.config)) return l;
    const branches = merged.map((b, j) => (isObj(b) && isModelEntry(b) ? eachModel(b, [...at.path, i, 'config', 'layers', j], fn) : b));
    return { ...l, config: { ...l.config, layers: branches } };
  });
  return fn(withLayers(model, layers), path);
}

/**
 * Replaces every layer entry (not model entries) through `fn`, in nested and merged models too,
 * and the layer a wrapper (`Bidirectional`, `TimeDistributed`) holds in `config.layer` before the
 * wrapper itself. `fn` says whether the entry is wrapped (a wrapped layer has no input of its own).
 */
export function mapEntries(model: JsonObject, path: Path, fn: (entry: JsonObject, path: Path, wrapped: boolean) => JsonObject): JsonObject {
  const visit = (entry: JsonObject, p: Path, wrapped: boolean): JsonObject => {
    let e = entry;
    if (isObj(e.config) && isObj(e.config.layer) && typeof e.config.layer.class_name === 'string') {
      e = { ...e, config: { ...e.config, layer: visit(e.config.layer, [...p, 'config', 'layer'], true) } };
    }
    return fn(e, p, wrapped);
  };
  return eachModel(model, path, (m, p) => {
    const at = layersOf(m, p);
    if (!at) return m;
    return withLayers(m, at.layers.map((l, i) => (isObj(l) && !isModelEntry(l) && typeof l.class_name === 'string' ? visit(l, [...at.path, i], false) : l)));
  });
}

/** Replaces each layer entry's config through `fn` (entries without a config mapping are kept). */
export function mapConfigs(model: JsonObject, path: Path, fn: (config: JsonObject, cls: string, path: Path, entry: JsonObject, wrapped: boolean) => JsonObject): JsonObject {
  return mapEntries(model, path, (e, p, wrapped) => {
    if (!isObj(e.config)) return e;
    const config = fn(e.config, String(e.class_name), [...p, 'config'], e, wrapped);
    return config === e.config ? e : { ...e, config };
  });
}

/** `config` without `keys` (the same object when none is present). */
export function without(config: JsonObject, ...keys: string[]): JsonObject {
  if (!keys.some((k) => Object.hasOwn(config, k))) return config;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(config)) if (!keys.includes(k)) setOwn(out, k, v);
  return out;
}

/**
 * `config` with `from` renamed to `to`, in place (key order kept). When both are present, Keras 2
 * raises ("received both the legacy keyword argument … and the Keras 2 keyword argument"); the
 * caller reports it and the Keras 2 one is kept.
 */
export function renameKey(config: JsonObject, from: string, to: string, value: (v: unknown) => unknown = (v) => v): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(config)) {
    if (k === from) {
      if (!Object.hasOwn(config, to)) setOwn(out, to, value(v));
    } else setOwn(out, k, v);
  }
  return out;
}

const startsWith = (p: Path, prefix: Path): boolean => p.length >= prefix.length && prefix.every((s, i) => p[i] === s);

/**
 * A path map for a layer list at `list` rebuilt from an old one: `from[i]` is the old path (a full
 * path) of new item i. Paths outside the list are kept.
 */
export function listMap(list: Path, from: readonly Path[]): (p: Path) => Path {
  return (p) => {
    if (!startsWith(p, list) || p.length === list.length) return p;
    const i = p[list.length];
    const old = typeof i === 'number' ? from[i] : undefined;
    return old ? [...old, ...p.slice(list.length + 1)] : p;
  };
}
