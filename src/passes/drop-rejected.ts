/**
 * Drops keys Keras writes but never uses and tfjs refuses to load (catalogue `tfjsRejects`), such
 * as the base-Conv `kernel_initializer` Keras 2 writes into every SeparableConv config, and
 * activity regularizers, which tfjs cannot build and which change only the training loss
 * (activity-regularizer, KS5011).
 */
import { argsOf, lookupLayer } from '../ir/catalogue/index.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { mapLayers } from './map-layers.js';

export function dropRejected(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, dropLayer);
}

function dropLayer(layer: LayerNode): LayerNode {
  const spec = lookupLayer(layer.className)?.spec;
  if (!spec) return layer;
  const args = argsOf(spec);
  const drop = Object.keys(layer.config).filter((k) => args.get(k)?.tfjsRejects || (k === 'activity_regularizer' && layer.config[k] !== null));
  if (drop.length === 0) return layer;
  return { ...layer, config: Object.fromEntries(Object.entries(layer.config).filter(([k]) => !drop.includes(k))) };
}
