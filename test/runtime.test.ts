/**
 * Every Keras 3 activation name compiles to a tfjs model computing Keras's formula: each is compiled
 * from a kspec spec, built with `buildModel`, and compared with the formula written out below in
 * plain float64 JS (independent of src/runtime). Also: the runtime class in model.json, loading it
 * with and without `kspec/runtime`, and ReLU with negative_slope / threshold / max_value.
 *
 * Error measure: |tfjs − formula| / max(1, |formula|), i.e. absolute for outputs within [-1, 1] and
 * relative beyond (float32 cannot hold 1e4 or e^50 to 1e-5 absolute). Bound: 1e-5.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { resolveActivation } from '../src/ir/activations.js';
import { inferShapes } from '../src/infer/index.js';
import '../src/runtime/index.js';
import { ROOT } from './helpers.js';

tf.setBackend('cpu');

// ---- Keras 3 formulas (keras/src/activations/activations.py, backend/tensorflow/nn.py), float64 ----

type Vec = (row: number[]) => number[];
const each = (f: (x: number) => number): Vec => (row) => row.map(f);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** log(1 + e^x) without overflow. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const clip = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
/** erf: Taylor series below 3, erfc's continued fraction above (both far below 1e-12 here). */
function erf(z: number): number {
  const a = Math.abs(z);
  if (a < 3) {
    let term = a;
    let sum = a;
    for (let n = 1; n < 200; n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(z) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  let f = a;
  for (let n = 80; n >= 1; n--) f = a + n / 2 / f;
  return Math.sign(z) * (1 - Math.exp(-a * a) / (Math.sqrt(Math.PI) * f));
}
const softmax: Vec = (row) => {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};
const logSoftmax: Vec = (row) => {
  const m = Math.max(...row);
  const lse = Math.log(row.reduce((a, x) => a + Math.exp(x - m), 0));
  return row.map((x) => x - m - lse);
};
/** Martins & Astudillo 2016, Algorithm 1: tau from the k largest, k the support size. */
const sparsemax: Vec = (row) => {
  const z = [...row].sort((a, b) => b - a);
  let k = 0;
  let sumK = 0;
  let cum = 0;
  z.forEach((v, j) => {
    cum += v;
    if (1 + (j + 1) * v > cum) {
      k = j + 1;
      sumK = cum;
    }
  });
  const tau = (sumK - 1) / k;
  return row.map((x) => Math.max(x - tau, 0));
};
const glu: Vec = (row) => {
  const h = row.length / 2;
  return row.slice(0, h).map((a, i) => a * sigmoid(row[h + i]!));
};
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;
const hardSigmoidK3 = (x: number) => clip(x / 6 + 0.5, 0, 1);

const KERAS3: Record<string, Vec> = {
  relu: each((x) => Math.max(x, 0)),
  leaky_relu: each((x) => (x >= 0 ? x : 0.2 * x)),
  relu6: each((x) => clip(x, 0, 6)),
  softmax,
  elu: each((x) => (x > 0 ? x : Math.expm1(x))),
  selu: each((x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x))),
  softplus: each(softplus),
  softsign: each((x) => x / (Math.abs(x) + 1)),
  silu: each((x) => x * sigmoid(x)),
  swish: each((x) => x * sigmoid(x)),
  gelu: each((x) => 0.5 * x * (1 + erf(x / Math.SQRT2))),
  tanh: each(Math.tanh),
  sigmoid: each(sigmoid),
  exponential: each(Math.exp),
  hard_sigmoid: each(hardSigmoidK3),
  linear: each((x) => x),
  mish: each((x) => x * Math.tanh(softplus(x))),
  log_softmax: logSoftmax,
  hard_silu: each((x) => (x < -3 ? 0 : x > 3 ? x : (x * (x + 3)) / 6)),
  hard_swish: each((x) => (x < -3 ? 0 : x > 3 ? x : (x * (x + 3)) / 6)),
  celu: each((x) => Math.max(x, 0) + Math.expm1(Math.min(x, 0))),
  squareplus: each((x) => (x + Math.sqrt(x * x + 4)) / 2),
  soft_shrink: each((x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0)),
  glu,
  tanh_shrink: each((x) => x - Math.tanh(x)),
  hard_tanh: each((x) => clip(x, -1, 1)),
  hard_shrink: each((x) => (Math.abs(x) > 0.5 ? x : 0)),
  log_sigmoid: each((x) => -softplus(-x)),
  sparse_plus: each((x) => (x <= -1 ? 0 : x < 1 ? 0.25 * (x + 1) ** 2 : x)),
  sparsemax,
  sparse_sigmoid: each((x) => (x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1))),
};

// ---- inputs and the error measure ----

const EDGES = [-1e4, -50, -3.5, -1, -1e-3, 0, 1e-3, 0.5, 1, 3.5, 50, 1e4];
/** Closely spaced values, so softmax-like functions are not one-hot and sparsemax has k > 1. */
const CLOSE = [-0.9, -0.75, -0.5, -0.25, -1e-3, 0, 1e-3, 0.1, 0.25, 0.3, 0.45, 0.5];
const ROWS = [EDGES, CLOSE].map((r) => r.map(Math.fround));

function error(got: number, want: number): number {
  if (got === want) return 0; // also ±Infinity on both sides
  return Math.abs(got - want) / Math.max(1, Math.abs(want));
}

async function run(model: tf.LayersModel, rows = ROWS): Promise<number[][]> {
  const out = model.predict(tf.tensor2d(rows)) as tf.Tensor;
  const values = (await out.array()) as number[][];
  tf.dispose(out);
  return values;
}

function maxError(got: number[][], f: Vec, rows = ROWS): number {
  let worst = 0;
  rows.forEach((row, i) => {
    const want = f(row);
    expect(got[i]!.length).toBe(want.length);
    want.forEach((w, j) => (worst = Math.max(worst, error(got[i]![j]!, w))));
  });
  return worst;
}

const MEASURED: Record<string, number> = {};
afterAll(() => {
  const lines = Object.entries(MEASURED).map(([n, e]) => `  ${n.padEnd(24)} ${e.toExponential(2)}`);
  console.log(`max error per activation (|Δ| / max(1, |keras|)):\n${lines.join('\n')}`);
});

const spec = (layer: string, width = 12) => `input_shape: [${width}]\nlayers:\n  - ${layer}\n`;

// ---- every Keras 3 name ----

describe('every Keras 3 activation computes the Keras 3 formula', () => {
  // kspec specs read hard_sigmoid as Keras 2's; Keras 3's is checked through the Keras 3 table below.
  const names = Object.keys(KERAS3).filter((n) => n !== 'hard_sigmoid');
  it.each(names)('%s', async (name) => {
    const r = compile(spec(`Activation('${name}')`), { fileName: 'm.yaml' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const model = await buildModel(spec(`Activation('${name}')`), { fileName: 'm.yaml' });
    const e = maxError(await run(model), KERAS3[name]!);
    MEASURED[name] = e;
    expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('sparsemax with a support of several (where Keras before keras-team/keras#23469 was wrong)', async () => {
    const got = (await run(await buildModel(spec("Activation('sparsemax')"), { fileName: 'm.yaml' })))[1]!;
    expect(got.filter((v) => v > 0)).toHaveLength(4);
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(got.slice(8)).toEqual([0.125, 0.175, 0.325, 0.375].map((v) => expect.closeTo(v, 6)));
  });

  it('hard_sigmoid under Keras 3 semantics (the activation table) is clip(x/6 + 0.5, 0, 1)', async () => {
    const t = resolveActivation('hard_sigmoid', 'keras3')!.target;
    expect(t.kind).toBe('layers');
    const chain = t.kind === 'layers' ? t.chain : [];
    const text = `input_shape: [12]\nlayers:\n${chain.map((l) => `  - ${l.className}: ${JSON.stringify(l.config)}\n`).join('')}`;
    const e = maxError(await run(await buildModel(text, { fileName: 'm.yaml' })), KERAS3.hard_sigmoid!);
    MEASURED['hard_sigmoid (Keras 3)'] = e;
    expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('hard_sigmoid in a Keras 3 config is clip(x/6 + 0.5, 0, 1)', async () => {
    const layer = (class_name: string, config: object) => ({ module: 'keras.layers', class_name, config, registered_name: null });
    const k3 = JSON.stringify({
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: { name: 'm', trainable: true, layers: [layer('InputLayer', { batch_shape: [null, 12], dtype: 'float32', sparse: false, name: 'input_layer' }), layer('Activation', { name: 'a', activation: 'hard_sigmoid', dtype: 'float32' })] },
    });
    const e = maxError(await run(await buildModel(k3, { fileName: 'm.json' })), KERAS3.hard_sigmoid!);
    MEASURED['hard_sigmoid (Keras 3 config)'] = e;
    expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('hard_sigmoid in a kspec spec is Keras 2\'s clip(0.2·x + 0.5, 0, 1)', async () => {
    const model = await buildModel(spec("Activation('hard_sigmoid')"), { fileName: 'm.yaml' });
    const e = maxError(await run(model), each((x) => clip(0.2 * x + 0.5, 0, 1)));
    MEASURED['hard_sigmoid (Keras 2)'] = e;
    expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('as a layer argument too: Dense(12, activation=…) with an identity kernel', async () => {
    for (const name of ['squareplus', 'sparse_plus', 'soft_shrink', 'sparsemax']) {
      const model = await buildModel(spec(`Dense(12, use_bias=False, kernel_initializer='identity', activation='${name}')`), { fileName: 'm.yaml' });
      expect(maxError(await run(model), KERAS3[name]!)).toBeLessThanOrEqual(1e-5);
    }
  });

  it('glu halves the last axis: shapes, parameter counts and the built model agree', async () => {
    const text = "input_shape: [4]\nlayers:\n  - Dense(8, activation='glu')\n  - Dense(3)\n";
    const r = compile(text, { fileName: 'm.yaml' });
    expect(r.ok).toBe(true);
    const shapes = inferShapes(r.graph!);
    const last = [...shapes.layers.values()].at(-1)!;
    expect(last.inputs[0]).toEqual([[null, 4]]);
    const model = await buildModel(text, { fileName: 'm.yaml' });
    expect(model.outputs[0]!.shape).toEqual([null, 3]);
    expect(model.countParams()).toBe(4 * 8 + 8 + 4 * 3 + 3);
    expect(compile("input_shape: [5]\nlayers:\n  - Activation('glu')\n  - Dense(2)\n", { fileName: 'm.yaml' }).diagnostics.map((d) => d.code)).toContain('KS6004');
  });

  it('is stable far out: squareplus, sparse_plus, log_sigmoid and exponential at ±1e30', async () => {
    const far = [[-1e30, -1e20, -1e10, 1e10, 1e20, 1e30]];
    for (const name of ['squareplus', 'sparse_plus', 'log_sigmoid', 'exponential', 'soft_shrink', 'hard_silu', 'tanh_shrink']) {
      const model = await buildModel(spec(`Activation('${name}')`, 6), { fileName: 'm.yaml' });
      const got = await run(model, far);
      expect(got[0]!.some(Number.isNaN), name).toBe(false);
      expect(maxError(got, KERAS3[name]!, far.map((r) => r.map(Math.fround))), name).toBeLessThanOrEqual(1e-5);
    }
  });
});

// ---- model.json ----

describe('the runtime class in model.json', () => {
  const text = spec("Activation('squareplus')");
  const modelJSON = compile(text, { fileName: 'm.yaml' }).modelJSON!;
  const topology = modelJSON.modelTopology as unknown as tf.io.ModelJSON['modelTopology'];

  it('is named KspecActivation with Keras parameter names', () => {
    const layers = (modelJSON.modelTopology.config as { layers: { class_name: string; config: Record<string, unknown> }[] }).layers;
    expect(layers.map((l) => l.class_name)).toEqual(['KspecActivation']);
    expect(layers[0]!.config).toMatchObject({ function: 'squareplus', b: 4 });
  });

  it('loads with plain tf.loadLayersModel once the runtime is imported, and round-trips through toJSON', async () => {
    const model = await tf.loadLayersModel(tf.io.fromMemory(topology));
    expect(maxError(await run(model), KERAS3.squareplus!)).toBeLessThanOrEqual(1e-5);
    const again = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as never });
    expect(await run(again)).toEqual(await run(model));
  });

  it('round-trips every function and its parameters through getConfig', async () => {
    for (const [fn, extra] of [['soft_shrink', { threshold: 0.25 }], ['relu', { negative_slope: 0.1, threshold: 0.5, max_value: 2 }], ['glu', { axis: -1 }], ['hard_silu', {}]] as const) {
      const layer = { class_name: 'KspecActivation', config: { name: 'k', batch_input_shape: [null, 12], function: fn, ...extra } };
      const model = await tf.models.modelFromJSON({ modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: [layer] } } as never });
      const json = model.toJSON(null, false) as { config: { layers: { config: Record<string, unknown> }[] } };
      expect(json.config.layers[0]!.config).toMatchObject({ function: fn, ...extra });
      const again = await tf.models.modelFromJSON({ modelTopology: json as never });
      expect(await run(again)).toEqual(await run(model));
    }
  });

  it('builds and predicts after a mask-producing Embedding', async () => {
    const text = "input_shape: [3]\nlayers:\n  - Embedding(5, 4, mask_zero=True)\n  - Activation('squareplus')\n  - LSTM(2)\n";
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const out = model.predict(tf.tensor2d([[1, 2, 0]])) as tf.Tensor;
    expect(out.shape).toEqual([1, 2]);
    tf.dispose(out);
  });

  it('fails cleanly without the runtime: tfjs names the class it does not know', () => {
    const script = `import * as tf from '@tensorflow/tfjs';
      try { await tf.models.modelFromJSON({ modelTopology: ${JSON.stringify(topology)} }); console.log('loaded'); }
      catch (e) { console.log(e.constructor.name + ': ' + e.message.split('\\n')[0]); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('ValueError: Unknown layer: KspecActivation. This may be due to one of the following reasons:');
  });

  it.skipIf(!existsSync(join(ROOT, 'dist/src/runtime/index.js')))("import 'kspec/runtime' (the package export) registers it", () => {
    const script = `import * as tf from '@tensorflow/tfjs'; import 'kspec/runtime';
      const m = await tf.models.modelFromJSON({ modelTopology: ${JSON.stringify(topology)} });
      console.log(m.layers.map((l) => l.getClassName()).join());`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('KspecActivation');
  });
});

// ---- ReLU's negative_slope / threshold / max_value ----

/** Keras's ReLU layer, piecewise: min(x, max_value) above the threshold, slope·(x − threshold) at or below it. */
const kerasRelu = (slope: number, threshold: number, max: number | null) =>
  each((x) => (x > threshold ? (max === null ? x : Math.min(x, max)) : slope * (x - threshold)));

describe('ReLU with negative_slope / threshold / max_value computes Keras\'s formula', () => {
  it.each([
    ['ReLU(negative_slope=0.1)', 0.1, 0, null, 'LeakyReLU'],
    ['ReLU(threshold=0.5)', 0, 0.5, null, 'ThresholdedReLU'],
    ['ReLU(negative_slope=0.1, threshold=0.5)', 0.1, 0.5, null, 'KspecActivation'],
    ['ReLU(max_value=6, negative_slope=0.1)', 0.1, 0, 6, 'KspecActivation'],
    ['ReLU(max_value=2, threshold=0.5)', 0, 0.5, 2, 'KspecActivation'],
    ['ReLU(3, 0.2, 1)', 0.2, 1, 3, 'KspecActivation'],
    ['ReLU(max_value=6)', 0, 0, 6, 'ReLU'],
  ] as const)('%s → %s', async (layer, slope, threshold, max, cls) => {
    const r = compile(spec(layer), { fileName: 'm.yaml' });
    expect(r.ok).toBe(true);
    expect((r.modelJSON!.modelTopology.config as { layers: { class_name: string }[] }).layers.map((l) => l.class_name)).toEqual([cls]);
    const e = maxError(await run(await buildModel(spec(layer), { fileName: 'm.yaml' })), kerasRelu(slope, threshold, max));
    MEASURED[layer] = e;
    expect(e).toBeLessThanOrEqual(1e-5);
  });

  it('given as an activation object and inside TimeDistributed', async () => {
    const dense = spec("Dense(12, use_bias=False, kernel_initializer='identity', activation=ReLU(threshold=0.5, negative_slope=0.1))");
    expect(maxError(await run(await buildModel(dense, { fileName: 'm.yaml' })), kerasRelu(0.1, 0.5, null))).toBeLessThanOrEqual(1e-5);
    const td = 'input_shape: [2, 12]\nlayers:\n  - TimeDistributed(ReLU(threshold=0.5, negative_slope=0.1, max_value=2))\n';
    const model = await buildModel(td, { fileName: 'm.yaml' });
    const out = model.predict(tf.tensor3d([ROWS])) as tf.Tensor;
    const got = (await out.array()) as number[][][];
    expect(maxError(got[0]!, kerasRelu(0.1, 0.5, 2))).toBeLessThanOrEqual(1e-5);
  });
});

describe('ELU with alpha ≠ 1 (tfjs refuses it) computes Keras\'s formula', () => {
  it.each([0.5, 2, 0])('alpha %s, as a layer and as an activation', async (alpha) => {
    const xs = [-1e4, -50, -3.5, -1, -1e-3, 0, 1e-3, 0.5, 1, 3.5, 50];
    const want = xs.map((x) => (x > 0 ? x : alpha * Math.expm1(x)));
    for (const layer of [`ELU(alpha=${alpha})`, `Activation('linear')`]) {
      const spec = layer.startsWith('ELU') ? `input_shape: [${xs.length}]\nlayers:\n  - ${layer}\n` : `input_shape: [${xs.length}]\nlayers:\n  - Dense(${xs.length}, use_bias=False, kernel_initializer='identity', activation=ELU(alpha=${alpha}))\n`;
      const model = await buildModel(spec, { fileName: 'elu.yaml' });
      const got = Array.from((model.predict(tf.tensor2d([xs])) as tf.Tensor).dataSync());
      got.forEach((v, i) => expect(Math.abs(v - want[i]!) / Math.max(1, Math.abs(want[i]!))).toBeLessThan(1e-5));
    }
  });
});
