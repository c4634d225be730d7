/**
 * Run: build the model with tfjs in the page (kspec's `buildModel`) and predict on a random batch.
 * This module, tfjs and kspec's runtime classes load when Run is first pressed, never with the page.
 */
import type * as TF from '@tensorflow/tfjs';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { buildModel } from '../../src/build.js';
import { useWasmBackend } from '../../src/build/backend.js';
import type { Analysis } from './analysis.js';

export type BackendChoice = 'auto' | 'webgl' | 'wasm' | 'cpu';

export interface TensorInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: string;
}

export interface RunReport {
  readonly backend: string;
  readonly params: number;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** The first values of the first output (its first sample). */
  readonly sample: readonly number[];
  readonly buildMs: number;
  readonly predictMs: number;
}

/** Sizes for what the model leaves open: the batch, and any other unknown dimension. */
const BATCH = 2;
const FREE_DIM = 8;
const SAMPLE_VALUES = 8;

async function startBackend(tf: typeof TF, name: Exclude<BackendChoice, 'auto'>): Promise<boolean> {
  if (tf.getBackend() === name) return true;
  try {
    // Vite serves the binaries as assets; tfjs picks the variant the browser supports.
    if (name === 'wasm') return await useWasmBackend({ wasmPaths: { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded } });
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** The first backend of the choice that starts: WebGL, then WebAssembly, then plain JavaScript. */
async function selectBackend(tf: typeof TF, choice: BackendChoice): Promise<string> {
  for (const name of choice === 'auto' ? (['webgl', 'wasm', 'cpu'] as const) : [choice]) {
    if (await startBackend(tf, name)) return name;
  }
  throw new Error(`tfjs's ${choice} backend cannot start in this browser; choose another backend`);
}

/** Random values for one model input: integer indices in range when it feeds an Embedding. */
function randomInput(tf: typeof TF, model: TF.LayersModel, input: TF.SymbolicTensor): TF.Tensor {
  const shape = input.shape.map((d, i) => d ?? (i === 0 ? BATCH : FREE_DIM));
  const embedding = model.layers.find((l) => l.getClassName() === 'Embedding' && l.inboundNodes.some((n) => n.inputTensors.includes(input)));
  const inputDim = embedding?.getConfig().inputDim;
  if (typeof inputDim === 'number') return tf.randomUniform(shape, 0, inputDim, 'int32');
  if (input.dtype === 'int32') return tf.randomUniform(shape, 0, 2, 'int32');
  return tf.randomNormal(shape);
}

export async function runModel(analysis: Analysis, choice: BackendChoice): Promise<RunReport> {
  const tf = await import('@tensorflow/tfjs');
  const backend = await selectBackend(tf, choice);
  const t0 = performance.now();
  const model = await buildModel(analysis.input.text, analysis.options);
  const buildMs = performance.now() - t0;
  const xs = model.inputs.map((input) => randomInput(tf, model, input));
  try {
    const t1 = performance.now();
    const predicted = model.predict(xs.length === 1 ? xs[0]! : xs);
    const ys = Array.isArray(predicted) ? predicted : [predicted];
    // Reading the values waits for the backend (WebGL runs asynchronously): that is the real time.
    const values = await Promise.all(ys.map((y) => y.data()));
    const predictMs = performance.now() - t1;
    const first = ys[0];
    const perSample = first && first.shape[0] ? first.size / first.shape[0] : 0;
    const info = (t: TF.Tensor, name: string): TensorInfo => ({ name, shape: t.shape, dtype: t.dtype });
    const report: RunReport = {
      backend,
      params: model.countParams(),
      inputs: xs.map((x, i) => info(x, model.inputNames[i] ?? `input ${i}`)),
      outputs: ys.map((y, i) => info(y, model.outputNames[i] ?? `output ${i}`)),
      sample: Array.from(values[0] ?? [], Number).slice(0, Math.min(SAMPLE_VALUES, perSample)),
      buildMs,
      predictMs,
    };
    tf.dispose(ys);
    return report;
  } finally {
    tf.dispose(xs);
    model.dispose();
  }
}
