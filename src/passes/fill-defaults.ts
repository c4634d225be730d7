/**
 * Where tfjs's default differs from Keras's (initializers, Softmax axis, LSTM's recurrent activation
 * and unit_forget_bias, …), write Keras's value explicitly so tfjs computes what Keras would —
 * wrapped layers too (`Bidirectional(LSTM(3))`, `TimeDistributed(Dense(4))`, RNN cells).
 *
 * A Bidirectional's unnamed layer gets Keras's default name (`lstm`): tfjs would invent one from a
 * process-wide counter (`lstm_LSTM1`), and its weights are named after it
 * (`bidirectional/forward_lstm/kernel`), so weights could not be matched to it by name.
 */
import { argsOf, lookupLayer, tfjsSupports, type LayerSpec } from '../ir/catalogue/index.js';
import { kerasSnakeCase, type Config, type LayerNode, type ModelGraph } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { mapLayers } from './map-layers.js';

export function fillDefaults(graph: ModelGraph): ModelGraph {
  return mapLayers(graph, fillLayer);
}

function fillLayer(layer: LayerNode): LayerNode {
  const spec = lookupLayer(layer.className)?.spec;
  if (!spec) return layer;
  const config = fillConfig(spec, layer.config);
  return config === layer.config ? layer : { ...layer, config };
}

/** A config with Keras's values where tfjs's default differs, nested layers filled too. */
function fillConfig(spec: LayerSpec, config: Config): Config {
  if (!tfjsSupports(spec)) return config;
  let out: Record<string, unknown> | undefined;
  for (const arg of argsOf(spec).values()) {
    const v = config[arg.name];
    // A wrapped layer (`layer`, `backward_layer`, `cell`) gets its own defaults.
    if (arg.type.t === 'layer' && isObj(v) && isObj(v.config)) {
      const inner = lookupLayer(String(v.class_name))?.spec;
      let filled = inner && fillConfig(inner, v.config);
      if (spec.name === 'Bidirectional' && arg.name === 'layer' && typeof v.config.name !== 'string') filled = { ...(filled ?? v.config), name: kerasSnakeCase(String(v.class_name)) };
      if (filled && filled !== v.config) (out ??= { ...config })[arg.name] = { ...v, config: filled };
      continue;
    }
    if (arg.tfjsDefault === undefined || arg.default === undefined || arg.tfjs === null || arg.keras3Only) continue;
    if (arg.name in config) continue;
    (out ??= { ...config })[arg.name] = arg.default;
  }
  return out ?? config;
}
