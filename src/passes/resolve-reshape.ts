/**
 * `Reshape((3, -1))`: Keras infers the -1 when it builds the model, tfjs leaves it unknown in its
 * symbolic shapes, so a Flatten or Dense after it fails to build in tfjs (verified). Where shape
 * inference knows the size, kspec writes it instead of -1.
 */
import { inferShapes } from '../infer/index.js';
import type { InferResult } from '../infer/types.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export function resolveReshape(graph: ModelGraph, shapes: InferResult = inferShapes(graph)): ModelGraph {
  return { ...graph, layers: graph.layers.map((l) => resolveLayer(l, shapes)) };
}

function resolveLayer(layer: LayerNode, shapes: InferResult): LayerNode {
  if (layer.model) {
    const nested = shapes.nested.get(layer.name);
    return nested ? { ...layer, model: resolveReshape(layer.model, nested) } : layer;
  }
  const target = layer.config.target_shape;
  if (layer.className !== 'Reshape' || !Array.isArray(target) || !target.includes(-1)) return layer;
  const outs = shapes.layers.get(layer.name)?.outputs.map((call) => call[0]) ?? [];
  const first = outs[0];
  if (!first || outs.some((o) => !o || o.join() !== first.join())) return layer;
  const resolved = first.slice(1);
  if (resolved.length !== target.length || resolved.some((d) => typeof d !== 'number')) return layer;
  return { ...layer, config: { ...layer.config, target_shape: resolved } };
}
