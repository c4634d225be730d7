/** Visiting every layer of a graph, nested models included. */
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export function forEachLayer(graph: ModelGraph, fn: (layer: LayerNode, graph: ModelGraph) => void): void {
  const stack: ModelGraph[] = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    for (const layer of g.layers) {
      fn(layer, g);
      if (layer.model) stack.push(layer.model);
    }
  }
}
