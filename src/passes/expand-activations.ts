/**
 * Activations tfjs cannot run as written become what tfjs runs exactly (facts §1–2): a string tfjs
 * reads (`silu` → `swish`), or explicit layers after a linear activation (`leaky_relu` → linear +
 * `LeakyReLU{alpha: 0.2}`). The original layer keeps its name and weights; new layers get
 * deterministic names; in functional graphs every consumer is rewired to the last new layer.
 */
import type { Location } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Reporter } from '../diagnostics/report.js';
import { ACTIVATION_LAYER_CLASSES, activationNames, resolveActivation, type LayerTemplate, type Semantics } from '../ir/activations.js';
import { lookupLayer } from '../ir/catalogue/index.js';
import { parseCallString } from '../parse/call-string.js';
import { kerasSnakeCase, uniqueName, type Config, type LayerNode, type ModelGraph, type TensorRef } from '../ir/graph.js';
import { isObj } from '../ir/json.js';

interface Ctx {
  readonly reporter: Reporter;
  readonly semantics: Semantics;
}

/** Keys of an Activation layer that describe the layer itself, not the function (kept on rewrite). */
const LAYER_KEYS = ['batch_input_shape', 'input_shape', 'batch_size', 'dtype', 'trainable'];

type Outcome = { json: string } | { chain: readonly LayerTemplate[] } | undefined;

/** What an activation value compiles to; reports unknown and unsupported ones. */
function compileActivation(ctx: Ctx, value: unknown, at: Location): Outcome {
  if (value === null || value === undefined) return { json: 'linear' };
  if (isObj(value)) {
    const cls = String(value.class_name);
    const defaults = ACTIVATION_LAYER_CLASSES[cls];
    if (!defaults) {
      ctx.reporter.report('KS3005', at, { name: cls, layer: cls });
      return undefined;
    }
    const config: Record<string, unknown> = { ...defaults };
    for (const [k, v] of Object.entries(isObj(value.config) ? value.config : {})) if (!['name', 'trainable', 'dtype'].includes(k)) config[k] = v;
    // Keras 3 spells LeakyReLU's slope `negative_slope`; tfjs reads only `alpha`.
    if (cls === 'LeakyReLU' && 'negative_slope' in config) {
      config.alpha = config.negative_slope;
      delete config.negative_slope;
    }
    const chain = [{ className: cls, config }];
    ctx.reporter.report('KS3002', at, { name: cls, to: describe(chain) });
    return { chain };
  }
  if (typeof value !== 'string') return undefined;
  const call = activationCall(value);
  if (call) return compileActivation(ctx, call, at);
  const resolved = resolveActivation(value, ctx.semantics);
  if (!resolved) {
    ctx.reporter.report('KS3001', at, { name: value }, { suggestions: didYouMean(value, activationNames()) });
    return undefined;
  }
  const t = resolved.target;
  if (t.kind === 'unsupported') {
    ctx.reporter.report('KS3003', at, { name: value, why: t.why });
    return undefined;
  }
  if (t.kind === 'builtin') {
    if (t.json !== value) ctx.reporter.report('KS3002', at, { name: value, to: JSON.stringify(t.json) });
    return { json: t.json };
  }
  ctx.reporter.report('KS3002', at, { name: value, to: describe(t.chain) });
  return { chain: t.chain };
}

/**
 * `'LeakyReLU(alpha=0.05)'` / `'LeakyReLU(0.05)'` as an activation string: a parameterised
 * activation layer, arguments mapped by the layer's Keras signature. Only literals are read.
 */
function activationCall(value: string): Record<string, unknown> | undefined {
  if (!value.includes('(')) return undefined;
  const stmt = parseCallString(value);
  if ('message' in stmt || stmt.target || stmt.expr.kind !== 'call' || stmt.expr.callee.kind !== 'name') return undefined;
  const cls = resolveActivation(stmt.expr.callee.name, 'keras2');
  if (!cls || typeof cls === 'string' || !cls.viaClass) return undefined;
  const spec = lookupLayer(cls.name)?.spec;
  const config: Record<string, unknown> = {};
  for (const [i, a] of stmt.expr.args.entries()) {
    const key = a.name ?? spec?.args[i]?.name;
    if (key === undefined || a.value.kind !== 'literal') return undefined;
    config[key] = a.value.value;
  }
  return { class_name: cls.name, config };
}

function describe(chain: readonly LayerTemplate[]): string {
  const parts = chain.map((l) => {
    const args = Object.entries(l.config).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    return args ? `${l.className}{${args}}` : l.className;
  });
  return `${chain.length === 1 ? 'a' : 'the'} ${parts.join(' → ')} layer${chain.length === 1 ? '' : 's'} after a linear activation`;
}

export function expandActivations(graph: ModelGraph, ctx: Ctx): ModelGraph {
  const taken = new Set<string>();
  for (const l of graph.layers) taken.add(l.name);
  let layers = graph.layers.map((l) => (l.model ? { ...l, model: expandActivations(l.model, ctx) } : l));
  let outputs = graph.outputs;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    const result = rewriteLayer(ctx, layer);
    if (!result) continue;
    const { replaced, chain } = result;
    if (chain.length === 0) {
      layers = [...layers.slice(0, i), replaced, ...layers.slice(i + 1)];
      continue;
    }
    // `replaced` keeps the original name; the chain follows it and takes over its consumers.
    const added: LayerNode[] = [];
    let prev = replaced;
    for (const t of chain) {
      const name = uniqueName(`${layer.name}_${kerasSnakeCase(t.className)}`, taken);
      const calls = graph.style === 'functional' ? prev.calls.map((_, k) => ({ inputs: [{ layer: prev.name, node: k, tensor: 0 }], kwargs: {} })) : [];
      const node: LayerNode = { name, className: t.className, config: t.config, calls, origin: { at: layer.origin.args?.activation?.value ?? layer.origin.at, synthetic: 'activation' } };
      added.push(node);
      prev = node;
    }
    const last = prev.name;
    const rewire = (t: TensorRef): TensorRef => (t.layer === layer.name ? { ...t, layer: last } : t);
    const fresh = new Set(added.map((a) => a.name));
    layers = [
      ...layers.slice(0, i).map((l) => rewireLayer(l, rewire)),
      replaced,
      ...added,
      ...layers.slice(i + 1).map((l) => (fresh.has(l.name) ? l : rewireLayer(l, rewire))),
    ];
    outputs = outputs.map(rewire);
    i += added.length;
  }
  return { ...graph, layers, outputs };
}

function rewireLayer(l: LayerNode, rewire: (t: TensorRef) => TensorRef): LayerNode {
  if (l.calls.length === 0) return l;
  return { ...l, calls: l.calls.map((c) => ({ ...c, inputs: c.inputs.map(rewire) })) };
}

/** The layer with compiled activations, and the layers to insert after it (if any). */
function rewriteLayer(ctx: Ctx, layer: LayerNode): { replaced: LayerNode; chain: readonly LayerTemplate[] } | undefined {
  if (layer.model) return undefined;
  const spec = lookupLayer(layer.className)?.spec;
  if (!spec) return undefined;
  const argAt = (k: string) => layer.origin.args?.[k]?.value ?? layer.origin.at;
  if (spec.name === 'Activation') {
    const out = compileActivation(ctx, layer.config.activation, argAt('activation'));
    if (!out) return undefined;
    if ('json' in out) return { replaced: { ...layer, config: { ...layer.config, activation: out.json } }, chain: [] };
    const [first, ...rest] = out.chain;
    const kept = Object.fromEntries(LAYER_KEYS.filter((k) => k in layer.config).map((k) => [k, layer.config[k]]));
    return { replaced: { ...layer, className: first!.className, config: { ...kept, ...first!.config } }, chain: rest };
  }
  if (spec.category === 'recurrent') {
    const config = recurrent(ctx, layer.config, argAt);
    return config && { replaced: { ...layer, config }, chain: [] };
  }
  if (spec.name === 'Bidirectional' && isObj(layer.config.layer)) {
    const inner = layer.config.layer;
    const innerCfg = recurrent(ctx, isObj(inner.config) ? inner.config : {}, () => argAt('layer'));
    return innerCfg && { replaced: { ...layer, config: { ...layer.config, layer: { ...inner, config: innerCfg } } }, chain: [] };
  }
  if (spec.name === 'TimeDistributed' && isObj(layer.config.layer)) {
    // Elementwise (and last-axis) activations commute with TimeDistributed: apply them after it.
    const inner = layer.config.layer;
    const innerCfg = isObj(inner.config) ? inner.config : {};
    if (!('activation' in innerCfg)) return undefined;
    const out = compileActivation(ctx, innerCfg.activation, argAt('layer'));
    if (!out) return undefined;
    const activation = 'json' in out ? out.json : 'linear';
    const config = { ...layer.config, layer: { ...inner, config: { ...innerCfg, activation } } };
    return { replaced: { ...layer, config }, chain: 'chain' in out ? out.chain : [] };
  }
  if (!('activation' in layer.config)) return undefined;
  const out = compileActivation(ctx, layer.config.activation, argAt('activation'));
  if (!out) return undefined;
  const config: Config = { ...layer.config, activation: 'json' in out ? out.json : 'linear' };
  return { replaced: { ...layer, config }, chain: 'chain' in out ? out.chain : [] };
}

/** Inside a recurrent cell only a string tfjs reads can be used; nothing can be inserted. */
function recurrent(ctx: Ctx, config: Config, argAt: (k: string) => Location): Config | undefined {
  const out: Record<string, unknown> = { ...config };
  let ok = true;
  for (const key of ['activation', 'recurrent_activation']) {
    if (!(key in config)) continue;
    const value = config[key];
    if (value === null) continue;
    const r = typeof value === 'string' ? resolveActivation(value, ctx.semantics) : undefined;
    if (r?.target.kind === 'builtin') {
      out[key] = r.target.json;
      continue;
    }
    if (typeof value === 'string' && !r) ctx.reporter.report('KS3001', argAt(key), { name: value }, { suggestions: didYouMean(value, activationNames()) });
    else ctx.reporter.report('KS3004', argAt(key), { name: typeof value === 'string' ? value : String(isObj(value) ? value.class_name : value), arg: key });
    ok = false;
  }
  return ok ? out : undefined;
}
