/**
 * Keras 2 saves BatchNormalization's `axis` as a list (`[3]`); tfjs's BatchNormalization takes one
 * integer and reads a one-item list only through JavaScript's coercion of `[3]` to 3 (its typed
 * API, and so generated TypeScript, refuses it). The same axis as an integer is what tfjs means.
 * Lists of several axes are left alone: the shape rules report them.
 */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { mapLayers } from './map-layers.js';

const SCALAR_AXIS = new Set(['BatchNormalization']);

export function scalarAxis(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, scalarLayer);
}

function scalarLayer(layer: LayerNode): LayerNode {
  const axis = layer.config.axis;
  if (!SCALAR_AXIS.has(layer.className) || !Array.isArray(axis) || axis.length !== 1) return layer;
  return { ...layer, config: { ...layer.config, axis: axis[0] } };
}
