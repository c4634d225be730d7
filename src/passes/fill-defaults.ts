/**
 * Where tfjs's default differs from Keras's (initializers, Softmax axis, …), write Keras's value
 * explicitly so tfjs computes what Keras would.
 */
import { argsOf, lookupLayer, tfjsSupports } from '../ir/catalogue/index.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export function fillDefaults(graph: ModelGraph): ModelGraph {
  return { ...graph, layers: graph.layers.map(fillLayer) };
}

function fillLayer(layer: LayerNode): LayerNode {
  if (layer.model) return { ...layer, model: fillDefaults(layer.model) };
  const spec = lookupLayer(layer.className)?.spec;
  if (!spec || !tfjsSupports(spec)) return layer;
  let config: Record<string, unknown> | undefined;
  for (const arg of argsOf(spec).values()) {
    if (arg.tfjsDefault === undefined || arg.default === undefined || arg.tfjs === null || arg.keras3Only) continue;
    if (arg.name in layer.config) continue;
    config ??= { ...layer.config };
    config[arg.name] = arg.default;
  }
  return config ? { ...layer, config } : layer;
}
