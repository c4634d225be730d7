/**
 * Live tfjs models. tfjs (and kspec's runtime classes, which import it) are imported here only,
 * lazily, so commands that do not build never load them.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { compile, type CompileOptions } from './compile.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { formatDiagnostics } from './diagnostics/format.js';

/** Thrown by `buildModel` when the spec has errors; carries every diagnostic. */
export class KspecError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[], text: string) {
    super(text);
    this.name = 'KspecError';
  }
}

export async function buildModel(text: string, options: CompileOptions = {}): Promise<LayersModel> {
  const result = compile(text, options);
  if (!result.ok || !result.modelJSON) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new KspecError(result.diagnostics, formatDiagnostics(errors, result.source, { color: false, frames: false }));
  }
  const tf = await import('@tensorflow/tfjs');
  // Registers kspec's runtime layer classes, which compiled models may name (KspecActivation).
  await import('./runtime/index.js');
  type Topology = import('@tensorflow/tfjs').io.ModelJSON['modelTopology'];
  return tf.models.modelFromJSON({ modelTopology: result.modelJSON.modelTopology as unknown as Topology });
}
