/** Layers tfjs lacks but can compute exactly another way (ir/replaced-classes.ts) become that way. */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { REPLACED_CLASSES, type Replacement } from '../ir/replaced-classes.js';
import { mapLayers } from './map-layers.js';

const BASE_KEYS = ['batch_input_shape', 'dtype', 'trainable'];

export function replaceClasses(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, replaceLayer);
}

function replaceLayer(layer: LayerNode): LayerNode {
  const r = REPLACED_CLASSES[layer.className];
  return r ? replaceWith(layer, r) : layer;
}

/** The layer as the replacement class, keeping its name, calls and base arguments (input shape, dtype, trainable). */
export function replaceWith(layer: LayerNode, r: Replacement): LayerNode {
  const kept = Object.fromEntries(BASE_KEYS.filter((k) => k in layer.config).map((k) => [k, layer.config[k]]));
  return { ...layer, className: r.className, config: { ...kept, ...r.config } };
}
