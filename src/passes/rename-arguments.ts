/**
 * Keras spellings tfjs reads under another name: LeakyReLU's `negative_slope` (Keras 3) is tfjs's
 * `alpha` — tfjs would otherwise ignore it and keep 0.3.
 */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { mapLayers } from './map-layers.js';

const RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  LeakyReLU: { negative_slope: 'alpha' },
};

export function renameArguments(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, renameLayer);
}

function renameLayer(layer: LayerNode): LayerNode {
  const renames = RENAMES[layer.className];
  if (!renames || !Object.keys(layer.config).some((k) => k in renames)) return layer;
  const config = Object.fromEntries(Object.entries(layer.config).map(([k, v]) => [renames[k] ?? k, v]));
  return { ...layer, config };
}
