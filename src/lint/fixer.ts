/** The interface rules use to build fixes; implemented in lint/fix-edits.ts on the parsed document. */
import type { Location, TextEdit } from '../diagnostics/diagnostic.js';
import type { LayerTemplate } from '../ir/activations.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export interface Fixer {
  /** Replaces the value at `at` (a whole scalar, or a range inside a call string) by `value`. */
  replaceValue(at: Location, value: string | number | boolean | null): TextEdit[] | undefined;
  /** Renames the mapping key at `at` (a key location). */
  renameKey(at: Location, key: string): TextEdit[] | undefined;
  /** Adds `key: value` to the layer's arguments. */
  addArgument(layer: LayerNode, key: string, value: string | number | boolean | null): TextEdit[] | undefined;
  /**
   * Inserts `chain` after `layer` in `graph` (consumers rewired in Keras functional configs).
   * Undefined when the file's structure does not allow a safe edit.
   */
  insertAfter(graph: ModelGraph, layer: LayerNode, chain: readonly LayerTemplate[]): TextEdit[] | undefined;
}
