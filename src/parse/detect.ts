/**
 * Which dialect a parsed document is written in, and where its model object sits.
 *   kspec   — our readable format (top-level `layers` / `inputs` / `input_shape`)
 *   keras2  — tf.keras 2.x `model.to_json()` / `to_yaml()`, also the `{model_config}` wrapper
 *   keras3  — Keras 3 `to_json()` / `.keras` config.json
 *   tfjs    — tfjs `model.json` (`format: layers-model`) or a bare tfjs topology
 *   keras1  — Keras 1.x configs
 */
import type { Path } from '../diagnostics/diagnostic.js';
import { isObj } from '../ir/json.js';

export type Dialect = 'kspec' | 'keras2' | 'keras3' | 'tfjs' | 'keras1';
export const DIALECTS: readonly Dialect[] = ['kspec', 'keras2', 'keras3', 'tfjs', 'keras1'];

export interface Detected {
  readonly dialect: Dialect;
  /** The model object (`{class_name, config}`, or the kspec spec) and its path. */
  readonly model: Record<string, unknown>;
  readonly path: Path;
}


/** Where the model object sits inside a document of `dialect` (wrappers unwrapped). */
export function unwrap(value: Record<string, unknown>): { model: Record<string, unknown>; path: Path; tfjs: boolean } {
  let model = value;
  let path: (string | number)[] = [];
  let tfjs = false;
  if (isObj(model.modelTopology)) {
    model = model.modelTopology;
    path = ['modelTopology'];
    tfjs = true;
  }
  if (isObj(model.model_config)) {
    model = model.model_config;
    path = [...path, 'model_config'];
  }
  if (value.format === 'layers-model') tfjs = true;
  return { model, path, tfjs };
}

export function detectDialect(value: unknown, forced?: Dialect): Detected | { found: string } {
  if (!isObj(value)) return { found: Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}` };
  const { model, path, tfjs } = unwrap(value);
  if (forced) return { dialect: forced, model: forced === 'kspec' ? value : model, path: forced === 'kspec' ? [] : path };
  if (typeof model.class_name === 'string' && 'config' in model) {
    const version = String(model.keras_version ?? value.keras_version ?? '');
    if (version.startsWith('tfjs') || tfjs) return { dialect: keras3Markers(model) ? 'keras3' : 'tfjs', model, path };
    if (version.startsWith('1.') || keras1Markers(model)) return { dialect: 'keras1', model, path };
    if (version.startsWith('3.') || keras3Markers(model)) return { dialect: 'keras3', model, path };
    return { dialect: 'keras2', model, path };
  }
  if (Array.isArray(value.layers) || 'inputs' in value || 'input_shape' in value || '$schema' in value) {
    return { dialect: 'kspec', model: value, path: [] };
  }
  const keys = Object.keys(value).slice(0, 5).map((k) => JSON.stringify(k));
  return { found: keys.length ? `keys ${keys.join(', ')}` : 'an empty mapping' };
}

function layerEntries(model: Record<string, unknown>): Record<string, unknown>[] {
  const c = model.config;
  const layers = Array.isArray(c) ? c : isObj(c) && Array.isArray(c.layers) ? c.layers : [];
  return layers.filter(isObj);
}

/** Keras 3 writes `batch_shape`, `{args, kwargs}` inbound nodes, flat input triples, DTypePolicy. */
function keras3Markers(model: Record<string, unknown>): boolean {
  const c = model.config;
  if (isObj(c) && Array.isArray(c.input_layers) && typeof c.input_layers[0] === 'string') return true;
  if (isObj(c) && isObj(c.dtype) && c.dtype.class_name === 'DTypePolicy') return true;
  for (const l of layerEntries(model)) {
    const cfg = isObj(l.config) ? l.config : {};
    if ('batch_shape' in cfg) return true;
    if (isObj(cfg.dtype) && cfg.dtype.class_name === 'DTypePolicy') return true;
    if (Array.isArray(l.inbound_nodes) && l.inbound_nodes.some((n) => isObj(n) && 'args' in n)) return true;
  }
  return false;
}

const KERAS1_KEYS = ['nb_filter', 'border_mode', 'init', 'subsample', 'dim_ordering', 'nb_row'];
function keras1Markers(model: Record<string, unknown>): boolean {
  for (const l of layerEntries(model)) {
    if (l.class_name === 'Merge') return true;
    const cfg = isObj(l.config) ? l.config : {};
    if (KERAS1_KEYS.some((k) => k in cfg)) return true;
  }
  return false;
}
