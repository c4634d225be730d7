/** What every lowering shares: the reporter, the dialect's semantics, and class resolution. */
import type { Semantics } from '../ir/activations.js';
import type { Reporter } from '../diagnostics/report.js';
import { lookupLayer, type LayerSpec } from '../ir/catalogue/index.js';

export interface LowerContext {
  readonly reporter: Reporter;
  readonly semantics: Semantics;
}

/** Strips a Python module prefix: `tf.keras.layers.Dense` → `Dense`. */
export function bareClassName(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}

/**
 * A class name as written → its catalogue row (aliases resolved), or an empty row standing for a
 * class kspec does not know. Lowering goes on either way; the unknown-layer, layer-alias and
 * custom-code rules report what they see in `origin.written`.
 */
export function resolveClass(raw: string, python = false): { spec: LayerSpec; known: boolean } {
  // Only Python call strings carry module paths; a Keras config's class_name is the name itself.
  const name = python ? bareClassName(raw) : raw;
  const found = lookupLayer(name);
  if (found) return { spec: found.spec, known: true };
  return { spec: { name, category: 'core', doc: '', args: [], positional: 0, tfjs: { missing: '' } }, known: false };
}
