/**
 * Keras 2 JSON / legacy YAML / tfjs topology → IR. These share one wire format (Keras 2, snake_case),
 * so lowering is mostly a faithful copy that records where every layer and argument came from.
 */
import type { Location, Path } from '../diagnostics/diagnostic.js';
import type { ArgOrigin, CallNode, Config, LayerNode, ModelGraph, Origin, TensorRef } from '../ir/graph.js';
import { argsOf, isModelClass, type LayerSpec } from '../ir/catalogue/index.js';
import { resolveClass, type LowerContext } from './context.js';
import { isObj, setOwn } from '../ir/json.js';

const NO_KWARGS: Record<string, unknown> = Object.freeze({});

/** A layer entry's keys; those after `inbound_nodes` are Keras 2.13+ metadata, meaningless for the model. */
const ENTRY_KEYS = new Set(['class_name', 'config', 'name', 'inbound_nodes', 'module', 'registered_name', 'build_config', 'compile_config', 'shared_object_id']);

export function lowerKerasModel(ctx: LowerContext, model: Record<string, unknown>, path: Path): ModelGraph | undefined {
  const cls = String(model.class_name);
  const config = model.config;
  if (cls === 'Sequential') {
    const layersValue = Array.isArray(config) ? config : isObj(config) ? config.layers : undefined;
    const layersPath = Array.isArray(config) ? [...path, 'config'] : [...path, 'config', 'layers'];
    if (!Array.isArray(layersValue)) {
      ctx.reporter.report('KS2009', [...path, 'config'], { detail: 'A Sequential config needs a "layers" list' });
      return undefined;
    }
    const name = isObj(config) && typeof config.name === 'string' ? config.name : 'sequential';
    const layers = lowerLayers(ctx, layersValue, layersPath, false);
    if (!layers) return undefined;
    return { name, style: 'sequential', layers, inputs: [], outputs: [], origin: { at: { path } } };
  }
  if (cls === 'Functional' || cls === 'Model') {
    if (!isObj(config) || !Array.isArray(config.layers)) {
      ctx.reporter.report('KS2009', [...path, 'config'], { detail: `A ${cls} config needs a "layers" list` });
      return undefined;
    }
    const layers = lowerLayers(ctx, config.layers, [...path, 'config', 'layers'], true);
    const inputs = tensorList(ctx, config.input_layers, [...path, 'config', 'input_layers']);
    const outputs = tensorList(ctx, config.output_layers, [...path, 'config', 'output_layers']);
    if (!layers || !inputs || !outputs) return undefined;
    const name = typeof config.name === 'string' ? config.name : 'model';
    return { name, style: 'functional', layers, inputs, outputs, origin: { at: { path } } };
  }
  if (typeof model.class_name !== 'string') ctx.reporter.report('KS2009', path, { detail: 'A Keras model is a mapping with "class_name" and "config"' });
  else ctx.reporter.report('KS2009', { path: [...path, 'class_name'], part: 'value' }, { detail: `The model class must be "Sequential", "Functional" or "Model", not ${JSON.stringify(cls)}` });
  return undefined;
}

function lowerLayers(ctx: LowerContext, entries: unknown[], path: Path, functional: boolean): LayerNode[] | undefined {
  const out: LayerNode[] = [];
  let ok = true;
  entries.forEach((entry, i) => {
    const p = [...path, i];
    const layer = lowerEntry(ctx, entry, p, functional);
    if (layer) out.push(layer);
    else ok = false;
  });
  return ok ? out : undefined;
}

function lowerEntry(ctx: LowerContext, entry: unknown, path: Path, functional: boolean): LayerNode | undefined {
  if (!isObj(entry) || typeof entry.class_name !== 'string') {
    ctx.reporter.report('KS2009', path, { detail: 'A layer entry needs a "class_name" string and a "config" mapping' });
    return undefined;
  }
  if (isModelClass(entry.class_name)) return nestedModel(ctx, entry, path, functional);
  const config = isObj(entry.config) ? entry.config : entry.config === undefined ? {} : undefined;
  if (!config) {
    ctx.reporter.report('KS2009', [...path, 'config'], { detail: 'A layer "config" must be a mapping' });
    return undefined;
  }
  const classAt: Location = { path: [...path, 'class_name'], part: 'value' };
  const calls = functional ? inboundNodes(ctx, entry.inbound_nodes, [...path, 'inbound_nodes']) : [];
  if (!calls) return undefined;
  // References name the entry (Keras's `layer_data['name']`); TensorFlowOpLayer's config name lacks its `tf_op_layer_` prefix.
  const name = typeof entry.name === 'string' ? entry.name : typeof config.name === 'string' ? config.name : undefined;
  if (name === undefined) {
    ctx.reporter.report('KS2009', path, { detail: 'A layer entry needs a "name"' });
    return undefined;
  }
  const { spec } = resolveClass(entry.class_name);
  const { name: _, ...rest } = config;
  const cfg = pythonBools(spec, rest);
  for (const k in entry) {
    if (!ENTRY_KEYS.has(k)) {
      ctx.reporter.report('KS2009', { path: [...path, k], part: 'key' }, { detail: `Unknown key ${JSON.stringify(k)} in a layer entry` });
      return undefined;
    }
  }
  const wired = spec.category === 'attention' ? calls.map(attentionInputs) : calls;
  return { name, className: spec.name, config: cfg, calls: wired, origin: new EntryOrigin(classAt, entry.class_name, path, cfg) };
}

/**
 * Argument positions are derivable from the entry's path, and only a diagnostic reads them: they
 * are built on first use, which keeps lowering a large config cheap.
 */
class EntryOrigin implements Origin {
  private built?: Record<string, ArgOrigin>;
  constructor(
    readonly at: Location,
    readonly written: string,
    readonly entry: Path,
    private readonly config: Config,
  ) {}
  get args(): Readonly<Record<string, ArgOrigin>> {
    if (!this.built) {
      this.built = {};
      // setOwn: a `__proto__` key is an argument like any other (and reported as unknown, at itself).
      for (const k in this.config) setOwn(this.built, k, { key: { path: [...this.entry, 'config', k], part: 'key' }, value: { path: [...this.entry, 'config', k] } });
    }
    return this.built;
  }
}

/** A nested model entry; Keras 2.0's list-style nested Sequential has no name, so it gets Keras's. */
function nestedModel(ctx: LowerContext, entry: Record<string, unknown>, path: Path, functional: boolean): LayerNode | undefined {
  const calls = functional ? inboundNodes(ctx, entry.inbound_nodes, [...path, 'inbound_nodes']) : [];
  const model = calls && lowerKerasModel(ctx, entry, path);
  if (!model) return undefined;
  const config = isObj(entry.config) ? entry.config : {};
  const name = typeof config.name === 'string' ? config.name : typeof entry.name === 'string' ? entry.name : model.name;
  return { name, className: model.style === 'sequential' ? 'Sequential' : 'Functional', config: {}, calls, model: { ...model, name }, origin: { at: { path: [...path, 'class_name'], part: 'value' }, entry: path } };
}

/**
 * Attention layers are called `layer(query, value=…, key=…)`; Keras writes the keyword tensors into
 * the node's kwargs as `[layer, node, tensor]`. kspec's runtime layers take `[query, value, key]`.
 */
function attentionInputs(call: CallNode): CallNode {
  const ref = (v: unknown) => tensorRef(v);
  const { query, value, key, ...rest } = call.kwargs;
  const q = ref(query);
  const v = ref(value);
  const k = ref(key);
  if (!q && !v && !k) return call;
  const inputs = [...(q ? [q] : []), ...call.inputs, ...(v ? [v] : []), ...(k ? [k] : [])];
  return { ...call, inputs, kwargs: { ...rest, ...(!q && query !== undefined && { query }), ...(!v && value !== undefined && { value }), ...(!k && key !== undefined && { key }) } };
}

function inboundNodes(ctx: LowerContext, nodes: unknown, path: Path): CallNode[] | undefined {
  if (nodes === undefined) return [];
  if (!Array.isArray(nodes)) {
    ctx.reporter.report('KS2009', path, { detail: '"inbound_nodes" must be a list of calls' });
    return undefined;
  }
  const calls: CallNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node: unknown = nodes[i];
    if (!Array.isArray(node)) {
      ctx.reporter.report('KS2009', [...path, i], { detail: 'Each inbound node must be a list of [layer, node_index, tensor_index, kwargs] entries' });
      return undefined;
    }
    const inputs: TensorRef[] = [];
    let kwargs: Record<string, unknown> = NO_KWARGS;
    for (let j = 0; j < node.length; j++) {
      const t: unknown = node[j];
      const ref = tensorRef(t);
      if (!ref) {
        ctx.reporter.report('KS2009', [...path, i, j], { detail: 'An inbound tensor must be [layer, node_index, tensor_index, kwargs]' });
        return undefined;
      }
      inputs.push(ref);
      if (Array.isArray(t) && isObj(t[3])) kwargs = t[3];
    }
    calls.push({ inputs, kwargs });
  }
  return calls;
}

function tensorRef(t: unknown): TensorRef | undefined {
  if (!Array.isArray(t) || typeof t[0] !== 'string') return undefined;
  const node = t[1] ?? 0;
  const tensor = t[2] ?? 0;
  if (!Number.isInteger(node) || !Number.isInteger(tensor)) return undefined;
  return { layer: t[0], node: node as number, tensor: tensor as number };
}

function tensorList(ctx: LowerContext, v: unknown, path: Path): TensorRef[] | undefined {
  if (!Array.isArray(v)) {
    ctx.reporter.report('KS2009', path, { detail: `${JSON.stringify(path[path.length - 1])} must be a list of [layer, node_index, tensor_index] triples` });
    return undefined;
  }
  const out: TensorRef[] = [];
  for (const [i, t] of v.entries()) {
    const ref = tensorRef(t);
    if (!ref) {
      ctx.reporter.report('KS2009', [...path, i], { detail: 'Expected a [layer, node_index, tensor_index] triple' });
      return undefined;
    }
    out.push(ref);
  }
  return out;
}

/**
 * Python reads any number as a truth value, and saved configs hold `"scale": 1` (tf.keras 2.14's
 * BatchNormalization in a real model file): 0 and 1 for a true/false argument are read as Keras
 * reads them. Other numbers stay, for the argument checks to report.
 */
function pythonBools(spec: LayerSpec, config: Config): Config {
  let out: Record<string, unknown> | undefined;
  for (const k in config) {
    const v = config[k];
    if ((v === 0 || v === 1) && argsOf(spec).get(k)?.type.t === 'bool') setOwn((out ??= { ...config }), k, v === 1);
  }
  return out ?? config;
}
