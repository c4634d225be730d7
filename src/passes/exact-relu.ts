/**
 * tfjs's ReLU reads only `max_value`: a ReLU with a non-zero `negative_slope` or `threshold` (which
 * tfjs would silently drop) becomes a layer computing Keras's formula (Keras 2 `backend.relu` and
 * Keras 3 `ReLU.static_call` are the same):
 * - slope only: LeakyReLU{alpha: slope} (Keras itself then calls leaky_relu);
 * - threshold only: ThresholdedReLU{theta: threshold}, which tfjs computes as x·[x > theta], as Keras does;
 * - otherwise: kspec's runtime KspecActivation{function: 'relu', …}.
 * The first two stay plain tfjs.
 * Runs after expand-activations, so a ReLU given as an activation (`activation=ReLU(threshold=1)`)
 * is caught too, and inside TimeDistributed. relu-ignored-argument (KS5005) says so.
 */
import { isObj } from '../ir/json.js';
import type { Config, LayerNode, ModelGraph } from '../ir/graph.js';
import { RUNTIME_ACTIVATION } from '../runtime/functions.js';

const nonZero = (v: unknown): v is number => typeof v === 'number' && v !== 0;

/** Whether tfjs's ReLU would drop an argument of this config (what KS5005 reports). */
export function reluNeedsRewrite(config: Readonly<Record<string, unknown>>): boolean {
  return nonZero(config.negative_slope) || nonZero(config.threshold);
}

/**
 * The class and arguments that compute a ReLU config exactly, or undefined when tfjs's ReLU already
 * does. `args` replace ReLU's own three; the layer's other keys (name, input shape, …) are kept.
 */
export function exactReluLayer(config: Readonly<Record<string, unknown>>): { className: string; args: Config } | undefined {
  if (!reluNeedsRewrite(config)) return undefined;
  const { negative_slope: slope, threshold, max_value: max } = config;
  const capped = max !== null && max !== undefined;
  if (!capped && !nonZero(threshold)) return { className: 'LeakyReLU', args: { alpha: slope } };
  if (!capped && !nonZero(slope)) return { className: 'ThresholdedReLU', args: { theta: threshold } };
  return { className: RUNTIME_ACTIVATION, args: { function: 'relu', ...(nonZero(slope) && { negative_slope: slope }), ...(nonZero(threshold) && { threshold }), ...(capped && { max_value: max }) } };
}

/** The config of the replacement: ReLU's own arguments swapped for the replacement's. */
function replaced(config: Config): { className: string; config: Config } | undefined {
  const exact = exactReluLayer(config);
  if (!exact) return undefined;
  const { negative_slope: _s, threshold: _t, max_value: _m, ...rest } = config;
  return { className: exact.className, config: { ...rest, ...exact.args } };
}

export function exactRelu(graph: ModelGraph): ModelGraph {
  return { ...graph, layers: graph.layers.map(exactLayer) };
}

function exactLayer(layer: LayerNode): LayerNode {
  if (layer.model) return { ...layer, model: exactRelu(layer.model) };
  if (layer.className === 'ReLU') {
    const r = replaced(layer.config);
    return r ? { ...layer, className: r.className, config: r.config } : layer;
  }
  const inner = layer.config.layer;
  if (layer.className !== 'TimeDistributed' || !isObj(inner) || inner.class_name !== 'ReLU' || !isObj(inner.config)) return layer;
  const r = replaced(inner.config);
  return r ? { ...layer, config: { ...layer.config, layer: { ...inner, class_name: r.className, config: r.config } } } : layer;
}
