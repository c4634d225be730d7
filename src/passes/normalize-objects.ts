/**
 * Initializers, regularizers and constraints in the `{class_name, config}` form tfjs deserializes:
 * string shorthands expanded (`he_normal`), Keras names tfjs spells differently renamed
 * (`LecunNormal` → `LeCunNormal`), `L1`/`L2` written as the `L1L2` they equal.
 */
import { argsOf, lookupLayer, type ArgType, type LayerSpec } from '../ir/catalogue/index.js';
import type { Config, LayerNode, ModelGraph } from '../ir/graph.js';
import { lookupObject, toTfjsObject, type ObjectKind } from '../ir/objects.js';
import { isObj } from '../ir/json.js';
import { mapLayers } from './map-layers.js';


export function normalizeObjects(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, normalizeLayer);
}

function normalizeLayer(layer: LayerNode): LayerNode {
  const spec = lookupLayer(layer.className)?.spec;
  return spec ? { ...layer, config: normalizeConfig(spec, layer.config) } : layer;
}

function kindOf(t: ArgType): ObjectKind | 'layer' | undefined {
  if (t.t === 'initializer' || t.t === 'regularizer' || t.t === 'constraint' || t.t === 'layer') return t.t;
  if (t.t === 'union') for (const o of t.of) { const k = kindOf(o); if (k) return k; }
  return undefined;
}

function normalizeConfig(spec: LayerSpec, config: Config): Config {
  const args = argsOf(spec);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const arg = args.get(key);
    const kind = arg && kindOf(arg.type);
    out[key] = kind && value !== null ? normalizeValue(kind, value) : value;
  }
  return out;
}

function normalizeValue(kind: ObjectKind | 'layer', value: unknown): unknown {
  if (kind === 'layer') {
    if (!isObj(value)) return value;
    const inner = lookupLayer(String(value.class_name))?.spec;
    if (!inner || !isObj(value.config)) return value;
    return { class_name: inner.name, config: normalizeConfig(inner, value.config) };
  }
  const name = typeof value === 'string' ? value : isObj(value) ? String(value.class_name) : undefined;
  const row = name === undefined ? undefined : lookupObject(kind, name);
  if (!row) return value;
  const config = isObj(value) && isObj(value.config) ? value.config : {};
  return toTfjsObject(row, config);
}
