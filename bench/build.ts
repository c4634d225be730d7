/**
 * `npm run bench` (after bench/lint.js): building live models and running them, each figure beside
 * its baseline measured in this run.
 *   - stacked 512-unit LSTM (Input [100, 64] → LSTM(512, return_sequences) → LSTM(512) → Dense(10)):
 *     kspec buildModel (target < 15 s) vs plain tfjs, which takes tens of minutes and is ESTIMATED:
 *     tfjs's Orthogonal timed on one [64, 256] kernel and scaled by n³ to the two [512, 2048] ones
 *     (a lower bound: tfjs's time grows a little faster than n³), plus kspec's time for the rest
 *   - ResNet-50: kspec buildModel vs tf.models.modelFromJSON on the same model.json (target ≤ 1.1×)
 *   - both with weights given (`buildModel(text, { weights })`) vs without
 *   - predict on the wasm backend vs cpu (ResNet-50 on one 224×224 image; the LSTM stack)
 *   - initial values per value: kspec's VarianceScaling (Glorot, He, LeCun) vs tfjs's; the
 *     initializers kspec leaves to tfjs vs filling a Float32Array with Math.random (linear, like it)
 */
import * as tf from '@tensorflow/tfjs';
import { buildModel, useWasmBackend } from '../src/build.js';
import { withInitializers } from '../src/build/initializers.js';
import { compile } from '../src/compile.js';
import { resnet50 } from './resnet.js';

await tf.setBackend('cpu');

async function time(f: () => unknown): Promise<number> {
  const start = performance.now();
  await f();
  return performance.now() - start;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function medianOf(runs: number, f: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await time(f));
  return median(times);
}
const s = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
const rows: string[][] = [];
const row = (what: string, value: string, baseline: string, ratio: string, target = '') => rows.push([what, value, baseline, ratio, target]);
/** Builds with kspec (or plain tfjs from `json`), runs `use`, frees the model. */
async function built(text: string, options: Parameters<typeof buildModel>[1], use: (m: tf.LayersModel) => unknown = () => {}): Promise<void> {
  const model = await buildModel(text, options);
  await use(model);
  model.dispose();
}
const plain = async (topology: object) => (await tf.models.modelFromJSON({ modelTopology: structuredClone(topology) as never })).dispose();

// ---- stacked 512-unit LSTM ----
const lstmText = 'name: lstm_stack\ninput_shape: [100, 64]\nlayers:\n  - LSTM(512, return_sequences=True)\n  - LSTM(512)\n  - Dense(10)\n';
const lstmOptions = { fileName: 'lstm.yaml' };
const lstmBuild = await time(() => built(lstmText, lstmOptions));
// (tidy's callback returns nothing: tidy would walk a returned typed array index by index.)
const orthogonal = (shape: number[]) => () => tf.tidy(() => void tf.initializers.orthogonal({}).apply(shape).dataSync());
const quiet = console.warn;
console.warn = () => {}; // tfjs warns that its Orthogonal is slow on more than 2,000 values
const tfjsOrtho64 = await time(orthogonal([64, 256]));
console.warn = quiet;
// kspec's Orthogonal: tfjs's initializer object, with the apply buildModel gives it during a build.
const kspecOrtho = (shape: number[]) => medianOf(3, () => withInitializers(tf, 'fast', orthogonal(shape)));
const [kspecOrtho64, kspecOrtho512] = [await kspecOrtho([64, 256]), await kspecOrtho([512, 2048])];
const tfjsLstmEstimate = 2 * tfjsOrtho64 * 512 + Math.max(0, lstmBuild - 2 * kspecOrtho512);
row('Orthogonal, one [64, 256] kernel', `${kspecOrtho64.toFixed(1)} ms`, `${s(tfjsOrtho64)} tfjs`, `${(tfjsOrtho64 / kspecOrtho64).toFixed(0)}× faster`);
row('Orthogonal, one [512, 2048] kernel', s(kspecOrtho512), `≥ ${s(tfjsOrtho64 * 512)} tfjs (est.)`, `≥ ${((tfjsOrtho64 * 512) / kspecOrtho512).toFixed(0)}× faster`);
row('build stacked 512-unit LSTM', s(lstmBuild), `≥ ${s(tfjsLstmEstimate)} tfjs (est.)`, `≥ ${(tfjsLstmEstimate / lstmBuild).toFixed(0)}× faster`, '< 15 s');

// ---- ResNet-50 ----
const resnetText = JSON.stringify(resnet50());
const resnetOptions = { fileName: 'resnet50.json' };
const resnetTopology = compile(resnetText, resnetOptions).modelJSON!.modelTopology;
const kspecTimes: number[] = [];
const tfjsTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  kspecTimes.push(await time(() => built(resnetText, resnetOptions)));
  tfjsTimes.push(await time(() => plain(resnetTopology)));
}
const [resnetKspec, resnetTfjs] = [median(kspecTimes), median(tfjsTimes)];
row('build ResNet-50 (compile included)', s(resnetKspec), `${s(resnetTfjs)} tfjs`, `${(resnetKspec / resnetTfjs).toFixed(2)}×`, '≤ 1.1×');

// ---- with weights: nothing random is computed ----
const weightsOf = async (text: string, options: { fileName: string }) => {
  const model = await buildModel(text, options);
  const values = model.getWeights().map((w) => w.clone());
  model.dispose();
  return values;
};
for (const [what, text, options, without] of [['ResNet-50', resnetText, resnetOptions, resnetKspec], ['stacked 512-unit LSTM', lstmText, lstmOptions, lstmBuild]] as const) {
  const weights = await weightsOf(text, options);
  const withWeights = await medianOf(3, () => built(text, { ...options, weights }));
  tf.dispose(weights);
  row(`build ${what} with weights given`, s(withWeights), `${s(without)} without`, `${(without / withWeights).toFixed(1)}× faster`);
}

// ---- predict: wasm vs cpu ----
for (const [what, text, options, input] of [['ResNet-50, 1×224×224×3', resnetText, resnetOptions, [1, 224, 224, 3]], ['stacked 512-unit LSTM, 1×100×64', lstmText, lstmOptions, [1, 100, 64]]] as const) {
  await built(text, options, async (model) => {
    const x = tf.randomNormal([...input], 0, 1, 'float32', 1);
    const run = () => tf.tidy(() => void (model.predict(x) as tf.Tensor).dataSync());
    await tf.setBackend('cpu');
    const cpu = await time(run); // seconds per run, so one run (a second one takes as long)
    await useWasmBackend();
    await time(run); // the first run on wasm compiles kernels
    const wasm = await medianOf(3, run);
    await tf.setBackend('cpu');
    x.dispose();
    row(`predict ${what}`, `${s(wasm)} wasm`, `${s(cpu)} cpu`, `${(cpu / wasm).toFixed(1)}× faster`);
  });
}

// ---- the other initializers: kspec's VarianceScaling vs tfjs's; those kspec keeps vs a bare fill ----
const N = 2048 * 2048;
const perValue = (ms: number) => `${((ms * 1e6) / N).toFixed(0)} ns`;
const i = tf.initializers;
const apply = (init: { apply: (shape: number[]) => tf.Tensor }, mode?: 'fast') => () =>
  tf.tidy(() => void (mode ? withInitializers(tf, mode, () => init.apply([2048, 2048])) : init.apply([2048, 2048])).dataSync());
for (const [name, init] of [['GlorotUniform', i.glorotUniform({})], ['HeNormal (truncated normal)', i.heNormal({})]] as const) {
  const [ours, theirs] = [await medianOf(5, apply(init, 'fast')), await medianOf(5, apply(init))];
  row(`${name}, per value`, perValue(ours), `${perValue(theirs)} tfjs`, `${(theirs / ours).toFixed(1)}× faster`);
}
const fill = await medianOf(5, () => {
  const a = new Float32Array(N);
  for (let k = 0; k < N; k++) a[k] = Math.random();
});
for (const [name, init] of [['RandomUniform', i.randomUniform({})], ['TruncatedNormal', i.truncatedNormal({})], ['Identity', i.identity({})]] as const) {
  const t = await medianOf(5, apply(init));
  row(`${name} (tfjs's), per value`, perValue(t), `${perValue(fill)} Math.random`, `${(t / fill).toFixed(1)}×`);
}

const wasmFlags = (await Promise.all(['WASM_HAS_SIMD_SUPPORT', 'WASM_HAS_MULTITHREAD_SUPPORT'].map(async (f) => `${f.slice(9).toLowerCase()} ${await tf.env().getAsync(f)}`))).join(', ');
console.log(`\nkspec build benchmark (${process.version}, tfjs ${tf.version.tfjs}, cpu backend; wasm: ${wasmFlags})\n`);
const widths = [44, 12, 22, 14];
for (const r of [['measure', 'value', 'baseline', 'ratio', 'target'], ...rows]) console.log(r.map((c, k) => (k === 0 ? c.padEnd(widths[0]!) : k < 4 ? c.padStart(widths[k]!) : `  ${c}`)).join(' '));
