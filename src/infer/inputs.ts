/**
 * Where a graph's input shapes come from: an InputLayer's batch_input_shape (Keras 3 batch_shape,
 * input_shape/shape + batch_size), a first layer's batch_input_shape / input_shape / input_dim,
 * Embedding's implicit (input_length,) or (None,), or a nested model's own first layer.
 */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import type { Dim, Shape } from './types.js';

const isDims = (v: unknown): v is Dim[] => Array.isArray(v) && v.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 0));
const batchOf = (v: unknown): Dim => (typeof v === 'number' && Number.isInteger(v) ? v : null);

/** The shape a layer's config declares for the model input (Keras 2 `Layer.__init__` order). */
export function declaredShape(l: LayerNode): Shape | undefined {
  const c = l.config;
  for (const key of ['batch_input_shape', 'batch_shape']) if (isDims(c[key])) return c[key] as Dim[];
  const batch = batchOf(c.batch_size);
  for (const key of ['input_shape', 'shape']) if (isDims(c[key])) return [batch, ...(c[key] as Dim[])];
  if (typeof c.input_dim === 'number' && Number.isInteger(c.input_dim) && l.className !== 'Embedding') return [batch, c.input_dim];
  // Keras 2 and tfjs give a first Embedding the input shape (input_length,), or (None,).
  if (l.className === 'Embedding') {
    const len = c.input_length;
    if (len === undefined || len === null) return [batch, null];
    const lens = Array.isArray(len) ? len : [len];
    return lens.every((d) => d === null || typeof d === 'number') ? [batch, ...(lens as Dim[])] : undefined;
  }
  return undefined;
}

/** The input shape a sequential graph declares (its first layer's, through nested models). */
export function sequentialInput(g: ModelGraph, depth: number): Shape | undefined {
  const first = g.layers[0];
  if (!first || depth > MAX_DEPTH) return undefined;
  if (first.model) return first.model.style === 'sequential' ? sequentialInput(first.model, depth + 1) : functionalInputs(first.model)[0];
  return declaredShape(first);
}

/** Each functional input's declared shape, in `graph.inputs` order. */
export function functionalInputs(g: ModelGraph): (Shape | undefined)[] {
  return g.inputs.map((t) => {
    const l = g.layers.find((x) => x.name === t.layer);
    return l && l.className === 'InputLayer' ? declaredShape(l) : undefined;
  });
}

/** Nesting deeper than this is not followed (the IR never nests this deep; no recursion runs away). */
export const MAX_DEPTH = 64;
