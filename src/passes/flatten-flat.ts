/**
 * `Flatten` of an input that is already flat, (batch, features): Keras passes it through unchanged,
 * tfjs refuses to build it (its Flatten needs rank 3 or more). Where shape inference knows that every
 * call of the layer gets a rank-2 input, kspec writes a linear Activation (the identity) instead; the
 * flatten-flat rule (KS6003) says so, and stays an error where the pass cannot rewrite the layer
 * (a Flatten wrapped in TimeDistributed, a shared Flatten that also gets a higher-rank input).
 */
import { inferShapes } from '../infer/index.js';
import type { InferResult } from '../infer/types.js';
import { lookupLayer } from '../ir/catalogue/index.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { replaceWith } from './replace-classes.js';

const LINEAR = { className: 'Activation', config: { activation: 'linear' } };

/** A Flatten layer every call of which gets one rank-2 input, as far as `shapes` knows. */
export function isFlatFlatten(layer: LayerNode, shapes: InferResult): boolean {
  if (layer.model || lookupLayer(layer.className)?.spec.name !== 'Flatten') return false;
  const calls = shapes.layers.get(layer.name)?.inputs;
  return calls !== undefined && calls.length > 0 && calls.every((inputs) => inputs.length === 1 && inputs[0]!.length === 2);
}

export function flattenFlat(graph: ModelGraph, shapes?: InferResult): ModelGraph {
  // Shape inference only for graphs that have a Flatten (compile runs this on every model).
  if (!shapes && !hasFlatten(graph)) return graph;
  const known = shapes ?? inferShapes(graph);
  return { ...graph, layers: graph.layers.map((l) => rewrite(l, known)) };
}

const hasFlatten = (g: ModelGraph): boolean =>
  g.layers.some((l) => (l.model ? hasFlatten(l.model) : lookupLayer(l.className)?.spec.name === 'Flatten'));

function rewrite(layer: LayerNode, shapes: InferResult): LayerNode {
  if (layer.model) {
    const nested = shapes.nested.get(layer.name);
    return nested ? { ...layer, model: flattenFlat(layer.model, nested) } : layer;
  }
  return isFlatFlatten(layer, shapes) ? replaceWith(layer, LINEAR) : layer;
}
