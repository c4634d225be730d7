/** Visiting every layer of a graph, nested models included. */
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export function forEachLayer(graph: ModelGraph, fn: (layer: LayerNode, graph: ModelGraph) => void): void {
  const stack: ModelGraph[] = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    for (const layer of g.layers) {
      fn(layer, g);
      if (layer.model) stack.push(layer.model);
    }
  }
}

/** Structural equality of JSON values (for comparing configs with defaults). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
