/**
 * Live tfjs models. tfjs (and kspec's runtime classes, which import it) are imported here only,
 * lazily, so commands that do not build never load them.
 */
import type { LayersModel } from '@tensorflow/tfjs';
import { withInitializers } from './build/initializers.js';
import { matchWeights, type Weights } from './build/weights.js';
import { compile, type CompileOptions } from './compile.js';
import { convertKerasModel, type ConvertInput, type ConvertOptions } from './weights/convert.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { formatDiagnostics } from './diagnostics/format.js';

export { useWasmBackend, type WasmOptions } from './build/backend.js';
export type { Weights } from './build/weights.js';

/**
 * Thrown by `buildModel` when the spec has errors (carrying every diagnostic), or when the weights
 * given do not fit the model (no diagnostics: the message lists every problem).
 */
export class KspecError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[], text: string) {
    super(text);
    this.name = 'KspecError';
  }
}

export interface BuildOptions extends CompileOptions {
  /**
   * The model's weight values. The model is then built without computing random initial values, and
   * every weight must be given, with its shape and dtype, or `buildModel` throws a KspecError.
   */
  readonly weights?: Weights;
}

/**
 * The model tfjs's `tf.models.modelFromJSON` builds from the compiled model.json, with the same
 * config (`model.toJSON()`) and initial values from the same distributions — computed faster
 * (src/build/initializers.ts), or not at all when `weights` are given.
 */
export async function buildModel(text: string, options: BuildOptions = {}): Promise<LayersModel> {
  const result = compile(text, options);
  if (!result.ok || !result.modelJSON) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    throw new KspecError(result.diagnostics, formatDiagnostics(errors, result.source, { color: false, frames: false }));
  }
  return fromTopology(result.modelJSON.modelTopology, options.weights);
}

/**
 * A trained Keras model (`.keras`, Keras HDF5, or a config and its weights file) as a live tfjs model,
 * converted by `convertKerasModel`: every weight holds the stored value, bit for bit. Throws a
 * KspecError carrying the diagnostics when the model or its weights cannot be converted.
 */
export async function loadKerasModel(input: Uint8Array | ArrayBuffer | ConvertInput, options: ConvertOptions = {}): Promise<LayersModel> {
  const r = convertKerasModel(input, options);
  if (!r.ok || !r.modelJSON || !r.weightSpecs) {
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    throw new KspecError(r.diagnostics, formatDiagnostics(errors, r.source, { color: false, frames: false }));
  }
  return fromTopology(r.modelJSON.modelTopology, { weightSpecs: [...r.weightSpecs] as never, weightData: r.weightData! });
}

/** tfjs's model of a compiled topology, with `weights` set (or fast initial values). */
async function fromTopology(topology: unknown, weights: Weights | undefined): Promise<LayersModel> {
  const tf = await import('@tensorflow/tfjs');
  // Registers kspec's runtime layer classes, which compiled models may name (KspecActivation).
  await import('./runtime/index.js');
  type Topology = import('@tensorflow/tfjs').io.ModelJSON['modelTopology'];
  const modelTopology = topology as Topology;
  // modelFromJSON builds every layer synchronously, before its first await: the initializers are
  // swapped for exactly that long. (Were it ever not so, tfjs's own initializers would run: slower,
  // never different.)
  const model = await withInitializers(tf, weights ? 'zeros' : 'fast', () => tf.models.modelFromJSON({ modelTopology }));
  if (!weights) return model;
  const matched = matchWeights(tf, model, weights);
  if ('problems' in matched) {
    model.dispose();
    const n = matched.problems.length;
    throw new KspecError([], `The weights do not fit the model (${n} problem${n === 1 ? '' : 's'}):\n${matched.problems.map((p) => `  ${p}`).join('\n')}`);
  }
  model.setWeights(matched.values);
  tf.dispose(matched.owned);
  return model;
}
