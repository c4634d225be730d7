/**
 * Recurrent layers tfjs 4.22 cannot build as Keras computes them become what computes Keras's
 * formula (ir/runtime-recurrent.ts): GRU / GRUCell with reset_after true or absent → kspec's
 * KspecGRU / KspecGRUCell, CuDNNGRU → KspecGRU, CuDNNLSTM → tfjs's LSTM with cuDNN's activations.
 * Also inside Bidirectional / TimeDistributed (`layer`, `backward_layer`), RNN (`cell`, a cell or a
 * list) and StackedRNNCells (`cells`), at any depth; nested runtime-implemented Keras classes
 * (Conv1DTranspose, SeparableConv1D in a TimeDistributed) get their runtime class name, which the
 * model.json emitter writes only for top-level layers.
 *
 * Runs last, after resolve-reshape: the earlier passes (defaults, object spellings, rejected keys)
 * and shape inference still see Keras classes, which have catalogue and shape rows.
 */
import { lookupLayer } from '../ir/catalogue/index.js';
import type { Config, LayerNode, ModelGraph } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { NESTED_LAYER_KEYS, runtimeRecurrent } from '../ir/runtime-recurrent.js';
import { mapLayers } from './map-layers.js';

export function runtimeRecurrentLayers(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, rewriteNode);
}

function rewriteNode(layer: LayerNode): LayerNode {
  const r = runtimeRecurrent(layer.className, layer.config);
  const config = rewriteNested(r?.config ?? layer.config);
  if (!r && config === layer.config) return layer;
  return { ...layer, className: r?.className ?? layer.className, config };
}

/** The config with every nested layer rewritten (the same object when nothing changes). */
function rewriteNested(config: Config): Config {
  let out = config;
  for (const key of NESTED_LAYER_KEYS) {
    const v = config[key];
    const next = Array.isArray(v) ? rewriteList(v) : rewriteEntry(v);
    if (next !== v) out = { ...out, [key]: next };
  }
  return out;
}

function rewriteList(list: readonly unknown[]): readonly unknown[] {
  const next = list.map(rewriteEntry);
  return next.some((v, i) => v !== list[i]) ? next : list;
}

/** A nested `{class_name, config}` layer, rewritten. */
function rewriteEntry(v: unknown): unknown {
  if (!isObj(v) || typeof v.class_name !== 'string' || !isObj(v.config)) return v;
  const r = runtimeRecurrent(v.class_name, v.config);
  let className = r?.className ?? v.class_name;
  const spec = lookupLayer(className)?.spec;
  if (spec && 'className' in spec.tfjs && spec.tfjs.runtime) className = spec.tfjs.className;
  const config = rewriteNested(r?.config ?? v.config);
  return className === v.class_name && config === v.config ? v : { ...v, class_name: className, config };
}
