/** Layers tfjs lacks but can compute exactly another way (ir/replaced-classes.ts) become that way. */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { REPLACED_CLASSES } from '../ir/replaced-classes.js';

const BASE_KEYS = ['batch_input_shape', 'dtype', 'trainable'];

export function replaceClasses(graph: ModelGraph): ModelGraph {
  return { ...graph, layers: graph.layers.map(replaceLayer) };
}

function replaceLayer(layer: LayerNode): LayerNode {
  if (layer.model) return { ...layer, model: replaceClasses(layer.model) };
  const r = REPLACED_CLASSES[layer.className];
  if (!r) return layer;
  const kept = Object.fromEntries(BASE_KEYS.filter((k) => k in layer.config).map((k) => [k, layer.config[k]]));
  return { ...layer, className: r.className, config: { ...kept, ...r.config } };
}
