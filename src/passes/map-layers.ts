/** The graph with `fn` applied to every layer, nested models' layers included (a nested model's own node is kept). */
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export function mapLayers(graph: ModelGraph, fn: (layer: LayerNode) => LayerNode): ModelGraph {
  return { ...graph, layers: graph.layers.map((layer) => (layer.model ? { ...layer, model: mapLayers(layer.model, fn) } : fn(layer))) };
}
