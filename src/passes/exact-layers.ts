/**
 * ReLU and ELU configs tfjs would compute differently (ir/exact-layers.ts) become the layer that
 * computes Keras's formula. Runs after expand-activations, so an activation given as a layer
 * (`activation=ELU(alpha=0.5)`) is caught too, and inside TimeDistributed. The relu-ignored-argument
 * (KS5005) and elu-alpha (KS5007) rules say so.
 */
import { EXACT_LAYERS, exactLayer } from '../ir/exact-layers.js';
import type { Config, LayerNode, ModelGraph } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { mapLayers } from './map-layers.js';

function replaced(className: string, config: Config): { className: string; config: Config } | undefined {
  const exact = exactLayer(className, config);
  if (!exact) return undefined;
  const replaces = new Set(EXACT_LAYERS[className]!.replaces);
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !replaces.has(k)));
  return { className: exact.className, config: { ...rest, ...exact.args } };
}

export function exactLayers(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, exactNode);
}

function exactNode(layer: LayerNode): LayerNode {
  const r = replaced(layer.className, layer.config);
  if (r) return { ...layer, className: r.className, config: r.config };
  const inner = layer.config.layer;
  if (layer.className !== 'TimeDistributed' || !isObj(inner) || !isObj(inner.config)) return layer;
  const ri = replaced(String(inner.class_name), inner.config);
  return ri ? { ...layer, config: { ...layer.config, layer: { ...inner, class_name: ri.className, config: ri.config } } } : layer;
}
