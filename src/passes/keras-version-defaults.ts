/**
 * Defaults that depend on the Keras version that saved the model, when a file says which
 * (`keras_version` of an HDF5 file, metadata.json of an archive). GRU's `reset_after` arrived in
 * Keras 2.1.5 defaulting to false and became true in tf.keras 2.x (TF 2.0): a config from Keras
 * ≤ 2.2 without the key means false, and its weights have the (3·units,) bias of that variant.
 */
import type { Config, LayerNode, ModelGraph } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { mapLayers } from './map-layers.js';

const GRU = new Set(['GRU', 'GRUCell']);
/** Keys under which a layer holds another layer's `{class_name, config}`. */
const WRAPPED = ['layer', 'backward_layer', 'cell'] as const;

/** Whether configs from this Keras version predate `reset_after: true` as GRU's default. */
export const resetAfterFalse = (version: string): boolean => /^(1|2\.[0-2])(\.|$)/.test(version);

export function kerasVersionDefaults(graph: ModelGraph, version: string | undefined): ModelGraph {
  if (!version || !resetAfterFalse(version)) return graph;
  return mapLayers(graph, (l: LayerNode) => {
    const config = resetAfter(l.className, l.config);
    return config === l.config ? l : { ...l, config };
  });
}

function resetAfter(className: string, config: Config): Config {
  let out: Record<string, unknown> | undefined;
  if (GRU.has(className) && !('reset_after' in config)) out = { ...config, reset_after: false };
  for (const key of WRAPPED) {
    const v = config[key];
    if (!isObj(v) || typeof v.class_name !== 'string' || !isObj(v.config)) continue;
    const inner = resetAfter(v.class_name, v.config);
    if (inner !== v.config) (out ??= { ...config })[key] = { ...v, config: inner };
  }
  return out ?? config;
}
