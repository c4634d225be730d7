/**
 * Activations tfjs cannot run as written become what tfjs runs exactly (facts §1–2): a string tfjs
 * reads (`silu` → `swish`), or explicit layers after a linear activation (`leaky_relu` → linear +
 * `LeakyReLU{alpha: 0.2}`). The original layer keeps its name and weights; new layers get
 * deterministic names; in functional graphs every consumer is rewired to the last new layer.
 * The activation rules have reported whatever cannot be rewritten; this pass only rewrites.
 */
import { classifyActivation, type LayerTemplate, type Semantics } from '../ir/activations.js';
import { lookupLayer } from '../ir/catalogue/index.js';
import { kerasSnakeCase, Names, type Config, type LayerNode, type ModelGraph, type TensorRef } from '../ir/graph.js';
import { isObj } from '../ir/json.js';

/** Keys of an Activation layer that describe the layer itself, not the function (kept on rewrite). */
const LAYER_KEYS = ['batch_input_shape', 'input_shape', 'batch_size', 'dtype', 'trainable'];

export function expandActivations(graph: ModelGraph, semantics: Semantics): ModelGraph {
  const taken = new Names(graph.layers.map((l) => l.name));
  const layers: LayerNode[] = [];
  /** Each layer followed by a chain → the chain's last layer, which takes over its consumers. */
  const movedTo = new Map<string, string>();
  const added = new Set<LayerNode>();
  for (const original of graph.layers) {
    const layer = original.model ? { ...original, model: expandActivations(original.model, semantics) } : original;
    const result = rewriteLayer(layer, semantics);
    if (!result) {
      layers.push(layer);
      continue;
    }
    const { replaced, chain } = result;
    layers.push(replaced);
    // `replaced` keeps the original name; the chain follows it and takes over its consumers.
    let prev = replaced;
    for (const t of chain) {
      const name = taken.unique(`${layer.name}_${kerasSnakeCase(t.className)}`);
      const calls = graph.style === 'functional' ? prev.calls.map((_, k) => ({ inputs: [{ layer: prev.name, node: k, tensor: 0 }], kwargs: {} })) : [];
      const node: LayerNode = { name, className: t.className, config: t.config, calls, origin: { at: layer.origin.args?.activation?.value ?? layer.origin.at, synthetic: 'activation' } };
      layers.push(node);
      added.add(node);
      prev = node;
    }
    if (chain.length > 0) movedTo.set(layer.name, prev.name);
  }
  if (movedTo.size === 0) return { ...graph, layers, outputs: graph.outputs };
  // One rewiring pass (not one per rewritten layer: that is quadratic in big models).
  const rewire = (t: TensorRef): TensorRef => {
    const to = movedTo.get(t.layer);
    return to === undefined ? t : { ...t, layer: to };
  };
  return { ...graph, layers: layers.map((l) => (added.has(l) ? l : rewireLayer(l, rewire))), outputs: graph.outputs.map(rewire) };
}

function rewireLayer(l: LayerNode, rewire: (t: TensorRef) => TensorRef): LayerNode {
  if (l.calls.length === 0) return l;
  return { ...l, calls: l.calls.map((c) => ({ ...c, inputs: c.inputs.map(rewire) })) };
}

type Rewrite = { json: string } | { chain: readonly LayerTemplate[] } | undefined;

function rewrite(value: unknown, semantics: Semantics): Rewrite {
  const o = classifyActivation(value, semantics);
  return o.kind === 'builtin' ? { json: o.json } : o.kind === 'chain' ? { chain: o.chain } : undefined;
}

/** The layer with compiled activations, and the layers to insert after it (if any). */
function rewriteLayer(layer: LayerNode, semantics: Semantics): { replaced: LayerNode; chain: readonly LayerTemplate[] } | undefined {
  if (layer.model) return undefined;
  const spec = lookupLayer(layer.className)?.spec;
  if (!spec) return undefined;
  if (spec.name === 'Activation') {
    const out = rewrite(layer.config.activation, semantics);
    if (!out) return undefined;
    if ('json' in out) return { replaced: { ...layer, config: { ...layer.config, activation: out.json } }, chain: [] };
    const [first, ...rest] = out.chain;
    const kept = Object.fromEntries(LAYER_KEYS.filter((k) => k in layer.config).map((k) => [k, layer.config[k]]));
    return { replaced: { ...layer, className: first!.className, config: { ...kept, ...first!.config } }, chain: rest };
  }
  if (spec.category === 'recurrent') {
    const config = cellActivations(layer.config, semantics);
    return config && { replaced: { ...layer, config }, chain: [] };
  }
  const inner = isObj(layer.config.layer) ? layer.config.layer : undefined;
  if (spec.name === 'Bidirectional' && inner) {
    const innerCfg = cellActivations(isObj(inner.config) ? inner.config : {}, semantics);
    return innerCfg && { replaced: { ...layer, config: { ...layer.config, layer: { ...inner, config: innerCfg } } }, chain: [] };
  }
  if (spec.name === 'TimeDistributed' && inner) {
    // Elementwise (and last-axis) activations commute with TimeDistributed: apply them after it.
    const innerCfg = isObj(inner.config) ? inner.config : {};
    if (!('activation' in innerCfg)) return undefined;
    const out = rewrite(innerCfg.activation, semantics);
    if (!out) return undefined;
    const config = { ...layer.config, layer: { ...inner, config: { ...innerCfg, activation: 'json' in out ? out.json : 'linear' } } };
    return { replaced: { ...layer, config }, chain: 'chain' in out ? out.chain : [] };
  }
  if (!('activation' in layer.config)) return undefined;
  const out = rewrite(layer.config.activation, semantics);
  if (!out) return undefined;
  const config: Config = { ...layer.config, activation: 'json' in out ? out.json : 'linear' };
  return { replaced: { ...layer, config }, chain: 'chain' in out ? out.chain : [] };
}

/** Inside a recurrent cell only a string tfjs reads can be used; nothing can be inserted. */
function cellActivations(config: Config, semantics: Semantics): Config | undefined {
  const out: Record<string, unknown> = { ...config };
  for (const key of ['activation', 'recurrent_activation']) {
    if (!(key in config) || config[key] === null) continue;
    const r = rewrite(config[key], semantics);
    if (!r || !('json' in r)) return undefined;
    out[key] = r.json;
  }
  return out;
}
