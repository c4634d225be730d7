/**
 * IR → a tfjs `model.json` (`format: layers-model`) whose `modelTopology` is the Keras 2 dialect
 * tfjs 4.22's `modelFromJSON` reads. Deterministic: the same graph gives the same bytes.
 */
import { lookupLayer, tfjsSupports } from '../ir/catalogue/index.js';
import type { LayerNode, ModelGraph, TensorRef } from '../ir/graph.js';
import { VERSION } from '../version.js';

export interface ModelTopology {
  readonly class_name: string;
  readonly config: Record<string, unknown>;
  readonly keras_version: string;
  readonly backend: string;
}

export interface ModelJSON {
  readonly format: 'layers-model';
  readonly generatedBy: string;
  readonly convertedBy: null;
  readonly modelTopology: ModelTopology;
  /** Carried over from a tfjs model.json input: layer names and weights are unchanged. */
  readonly weightsManifest?: unknown;
  readonly trainingConfig?: unknown;
  readonly userDefinedMetadata?: unknown;
}

/** Keys of a tfjs model.json that describe weights and training, kept when a model.json is compiled. */
export const PASSTHROUGH_KEYS = ['weightsManifest', 'trainingConfig', 'userDefinedMetadata'] as const;

export function toModelJSON(graph: ModelGraph, passthrough: Readonly<Record<string, unknown>> = {}): ModelJSON {
  const kept = Object.fromEntries(PASSTHROUGH_KEYS.filter((k) => passthrough[k] !== undefined).map((k) => [k, passthrough[k]]));
  return {
    format: 'layers-model',
    generatedBy: `kspec ${VERSION}`,
    convertedBy: null,
    modelTopology: { class_name: modelClass(graph, 'tfjs'), config: modelConfig(graph, 'tfjs'), keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' },
    ...kept,
  };
}

/** Who reads the topology: tfjs (its class names) or tf.keras 2.x (Keras's). */
type Flavor = 'tfjs' | 'keras2';

/** `Model` is the functional class name every tfjs version registers; tf.keras ≥ 2.3 writes `Functional`. */
const modelClass = (g: ModelGraph, flavor: Flavor): string => (g.style === 'sequential' ? 'Sequential' : flavor === 'tfjs' ? 'Model' : 'Functional');
const triple = (t: TensorRef) => [t.layer, t.node, t.tensor];

function modelConfig(g: ModelGraph, flavor: Flavor = 'tfjs'): Record<string, unknown> {
  if (g.style === 'sequential') return { name: g.name, layers: g.layers.map((l) => layerEntry(l, false, flavor)) };
  return { name: g.name, layers: g.layers.map((l) => layerEntry(l, true, flavor)), input_layers: g.inputs.map(triple), output_layers: g.outputs.map(triple) };
}

function layerEntry(l: LayerNode, functional: boolean, flavor: Flavor): Record<string, unknown> {
  let entry: Record<string, unknown>;
  if (l.model) entry = { class_name: modelClass(l.model, flavor), config: modelConfig({ ...l.model, name: l.name }, flavor) };
  else {
    const spec = lookupLayer(l.className)?.spec;
    const className = flavor === 'tfjs' && spec && tfjsSupports(spec) ? spec.tfjs.className : (spec?.name ?? l.className);
    entry = { class_name: className, config: { name: l.name, ...l.config } };
  }
  if (!functional) return entry;
  return { ...entry, name: l.name, inbound_nodes: l.calls.map((c) => c.inputs.map((t) => [...triple(t), c.kwargs])) };
}

/** `model.to_json()` as tf.keras 2.15 writes it, for Python users (`convert --to keras2`). */
export function toKeras2JSON(graph: ModelGraph): Record<string, unknown> {
  return { class_name: modelClass(graph, 'keras2'), config: modelConfig(graph, 'keras2'), keras_version: '2.15.0', backend: 'tensorflow' };
}
