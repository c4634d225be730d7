/**
 * `convertKerasModel` / `loadKerasModel` / `kspec convert --to tfjs -o`, end to end: small trained
 * models (convert-models.ts) saved as each Keras version saves them (keras-save.ts, no Python, no
 * binary fixtures), converted, and checked three ways: every array round-trips bit for bit through
 * the tfjs manifest; the loaded tfjs model predicts what the plain-JS reference (forward.ts) does;
 * and the conversion is deterministic. Then the diagnostics (KS7001–KS7009: code, message and
 * line:col in the config), quantization and sharding, and the CLI.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KspecError, loadKerasModel } from '../../src/build.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { convertKerasModel, type ConvertedModel, type ConvertInput, type ConvertOptions } from '../../src/weights/convert.js';
import { runMainAsync } from '../cli-run.js';
import { BIDI, CASES, CNN, GRU_V1, GRU_V3, MLP, NESTED_IN_SEQUENTIAL, type Format, type ModelCase } from './convert-models.js';
import type { Tensor as RefTensor } from './forward.js';
import { keras3Archive, keras3WeightsOnly, kerasH5, kerasWeightsH5, type ModelConfig, type Tensor, type Weights } from './keras-save.js';
import { concatBytes } from '../helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// ---- saving and checking ----

type Input = Uint8Array | ConvertInput;

/** A model saved in `format`: what the converter is given, and the config text diagnostics point into. */
function saved(c: ModelCase, format: Format, weights: Weights = c.weights): { input: Input; config: ModelConfig } {
  switch (format) {
    case 'h5 2.2.4':
      return { input: kerasH5(c.keras224 ?? c.keras2, weights, { version: '2.2.4' }), config: c.keras224 ?? c.keras2 };
    case 'h5 2.15.0':
      return { input: kerasH5(c.keras2, weights, { version: '2.15.0' }), config: c.keras2 };
    case 'h5 3.9.2':
      return { input: kerasH5(c.keras3, weights, { version: '3.9.2' }), config: c.keras3 };
    case 'keras 3.9.2':
      return { input: keras3Archive(c.keras3, weights, { version: '3.9.2' }), config: c.keras3 };
    case 'keras tf2.13 windows':
      return { input: keras3Archive(c.keras2, weights, { tfKeras213: true, windows: true }), config: c.keras2 };
    case 'weights.h5 2.15.0 + config':
      return { input: { config: JSON.stringify(c.keras2, null, 2), weights: kerasWeightsH5(c.keras2, weights, { version: '2.15.0' }) }, config: c.keras2 };
    case 'weights.h5 3.9.2 + config':
      return { input: { config: JSON.stringify(c.keras3, null, 2), weights: keras3WeightsOnly(c.keras3, weights, { version: '3.9.2' }) }, config: c.keras3 };
  }
}
const isKeras3 = (f: Format) => f === 'h5 3.9.2' || f === 'keras 3.9.2' || f === 'weights.h5 3.9.2 + config';

const errorsOf = (r: ConvertedModel) => r.diagnostics.filter((d) => d.severity === 'error');
const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const specsOf = (r: ConvertedModel) => [...r.weightSpecs!] as unknown as tf.io.WeightsManifestEntry[];

function expectOk(r: ConvertedModel): void {
  expect(errorsOf(r).map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(r.ok).toBe(true);
}

/** Every array written, decoded from weightData with the manifest, byte for byte, under its tfjs name. */
function expectBitExact(r: ConvertedModel, weights: Weights, names: Readonly<Record<string, readonly string[]>>): void {
  const expected = [...weights].flatMap(([layer, tensors]) => {
    const n = names[layer];
    if (!n || n.length !== tensors.length) throw new Error(`test setup: names for ${layer}`);
    return tensors.map((t, i) => [n[i]!, t] as const);
  });
  // The manifest lists exactly these weights, layer by layer in Keras order.
  expect(r.weightSpecs!.map((s) => s.name)).toEqual(Object.values(names).flat());
  const decoded = tf.io.decodeWeights(r.weightData!, specsOf(r));
  try {
    expect(Object.keys(decoded).sort()).toEqual(expected.map(([n]) => n).sort());
    for (const [name, t] of expected) {
      const got = decoded[name]!;
      expect(got.shape, name).toEqual(t.shape);
      expect(got.dtype, name).toBe('float32');
      expect(Buffer.compare(bytesOf(got.dataSync() as Float32Array), bytesOf(t.data)), name).toBe(0);
    }
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

function predict(model: tf.LayersModel, input: ModelCase['input']): { shape: number[]; data: Float32Array } {
  const y = tf.tidy(() => model.predict(tf.tensor(input.data, [...input.shape])) as tf.Tensor);
  const out = { shape: y.shape, data: y.dataSync() as Float32Array };
  y.dispose();
  return out;
}

/** Largest difference, relative to the output's scale (max |ref|, at least 1). */
function relativeDiff(got: { shape: readonly number[]; data: ArrayLike<number> }, ref: RefTensor): number {
  expect(got.shape).toEqual(ref.shape);
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < ref.data.length; i++) {
    diff = Math.max(diff, Math.abs(got.data[i]! - ref.data[i]!));
    scale = Math.max(scale, Math.abs(ref.data[i]!));
  }
  return diff / scale;
}

async function expectPredicts(input: Input, c: ModelCase, tolerance = 1e-4, options: ConvertOptions = {}): Promise<void> {
  const model = await loadKerasModel(input, options);
  try {
    expect(relativeDiff(predict(model, c.input), c.reference())).toBeLessThanOrEqual(tolerance);
  } finally {
    model.dispose();
  }
}

const concat = concatBytes;
/** The shards, each copied as it comes: a shard's bytes are only valid until the next is asked for (shards.ts). */
function shardsOf(r: ConvertedModel): { path: string; data: Uint8Array }[] {
  const out: { path: string; data: Uint8Array }[] = [];
  for (const s of r.shards!()) out.push({ path: s.path, data: s.data.slice() });
  return out;
}

/** Where a layer's diagnostics point: its `class_name` value, as line:col of the config text (1-based). */
function layerPosition(text: string, layer: string): { line: number; column: number } {
  const named = new RegExp(`"name"\\s*:\\s*"${layer}"`).exec(text);
  if (!named) throw new Error(`test setup: no layer ${layer}`);
  const key = /"class_name"\s*:\s*/g;
  let offset = -1;
  for (let m = key.exec(text); m && m.index < named.index; m = key.exec(text)) offset = m.index + m[0].length;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const where = (r: ConvertedModel, d: Diagnostic) => r.source.position(d.span!.start);
const brief = (r: ConvertedModel, d: Diagnostic) => ({ code: d.code, severity: d.severity, message: d.message, file: d.file, ...where(r, d) });

// ---- 1–2: every model in every format ----

describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  for (const format of c.formats) {
    it(format, async () => {
      const { input } = saved(c, format);
      const r = convertKerasModel(input);
      // (i) converted, without errors or warnings.
      expectOk(r);
      expect(r.modelJSON!.weightsManifest).toEqual([{ paths: ['group1-shard1of1.bin'], weights: r.weightSpecs }]);
      // (ii) bit for bit, under the names tfjs gives the weights.
      expectBitExact(r, c.weights, isKeras3(format) ? (c.tfjsNames3 ?? c.tfjsNames) : c.tfjsNames);
      // The shards are weightData, cut.
      expect(Buffer.compare(concat(shardsOf(r).map((s) => s.data)), new Uint8Array(r.weightData!))).toBe(0);
      // (iii) the tfjs model predicts what Keras would.
      await expectPredicts(input, c);
      // (iv) deterministic: the same model.json text and shard bytes again.
      const again = convertKerasModel(saved(c, format).input);
      expect(JSON.stringify(again.modelJSON)).toBe(JSON.stringify(r.modelJSON));
      expect(shardsOf(again)).toEqual(shardsOf(r));
    });
  }
});

describe('inputs and versions', () => {
  it('a Keras 2.2.4 GRU config without reset_after is read as reset_after=false (from the file\'s keras_version)', async () => {
    const cfg = (GRU_V1.keras224!.config as { layers: { class_name: string; config: object }[] }).layers[0]!;
    expect(cfg.class_name).toBe('GRU');
    expect(cfg.config).not.toHaveProperty('reset_after');
    const { input } = saved(GRU_V1, 'h5 2.2.4');
    const r = convertKerasModel(input);
    expectOk(r);
    expect(r.diagnostics.map((d) => d.code)).toContain('KS1016');
    expect(r.weightSpecs!.find((s) => s.name === 'gru/bias')!.shape).toEqual([9]);
    // tfjs's own GRU (reset_after=false), not kspec's runtime class.
    const layers = (r.modelJSON!.modelTopology as unknown as { config: { layers: { class_name: string; config: { reset_after?: boolean } }[] } }).config.layers;
    expect(layers.map((l) => [l.class_name, l.config.reset_after])).toEqual([['GRU', false], ['Dense', undefined]]);
    // The same config with nothing saying it is from Keras ≤ 2.2 (a tf.keras weights file): Keras's
    // default (true) wants a (2, 9) bias, and the (9,) one is reported.
    const unversioned = convertKerasModel({ config: JSON.stringify(GRU_V1.keras224), weights: kerasWeightsH5(GRU_V1.keras224!, GRU_V1.weights, { version: '2.15.0' }) });
    expect(errorsOf(unversioned).map((d) => d.code)).toEqual(['KS7005']);
  });

  /**
   * KNOWN GAP (reported): the `keras_version` that Keras 2's `model.to_json()` writes beside the
   * config, and the `keras_version` attribute of the weights file, are both ignored when the config
   * is given separately, so a Keras ≤ 2.2 config without reset_after gets Keras 2.3+'s default.
   */
  it('a Keras 2.2.4 to_json() config (keras_version beside it) with its weights-only file reads reset_after=false', () => {
    const config = JSON.stringify({ ...GRU_V1.keras224, keras_version: '2.2.4', backend: 'tensorflow' });
    const r = convertKerasModel({ config, weights: kerasWeightsH5(GRU_V1.keras224!, GRU_V1.weights, { version: '2.2.4' }) });
    expectOk(r);
  });

  it('takes an ArrayBuffer as well as a Uint8Array, and a config as bytes', async () => {
    const h5 = saved(CNN, 'h5 2.15.0').input as Uint8Array;
    const a = convertKerasModel(h5);
    const b = convertKerasModel(h5.slice().buffer);
    expectOk(b);
    expect(JSON.stringify(b.modelJSON)).toBe(JSON.stringify(a.modelJSON));
    expect(Buffer.compare(new Uint8Array(b.weightData!), new Uint8Array(a.weightData!))).toBe(0);
    const separate = saved(CNN, 'weights.h5 2.15.0 + config').input as ConvertInput;
    const fromBytes = convertKerasModel({ config: new TextEncoder().encode(separate.config as string), weights: (separate.weights as Uint8Array).slice().buffer });
    expectOk(fromBytes);
    expect(Buffer.compare(new Uint8Array(fromBytes.weightData!), new Uint8Array(a.weightData!))).toBe(0);
  });

  it('reads the GRU reset_after=true model of (e) from a deflated .keras archive', async () => {
    const input = keras3Archive(GRU_V3.keras3, GRU_V3.weights, { deflate: true });
    const r = convertKerasModel(input);
    expectOk(r);
    expectBitExact(r, GRU_V3.weights, GRU_V3.tfjsNames);
    await expectPredicts(input, GRU_V3);
  });
});

// ---- 3: diagnostics ----

type Json = Record<string, unknown>;
const layersOf = (c: ModelConfig) => (c.config as { layers: Json[] }).layers;
const withLayers = (c: ModelConfig, layers: Json[]): ModelConfig => ({ ...c, config: { ...(c.config as Json), layers } });
/** A layer entry of `c` with its config changed. */
const editLayer = (c: ModelConfig, name: string, edit: (config: Json) => Json): ModelConfig =>
  withLayers(c, layersOf(c).map((l) => ((l.config as Json).name === name ? { ...l, config: edit(l.config as Json) } : l)));
const tensor = (shape: number[], seed = 1): Tensor => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed + i)) });

describe('diagnostics: code, message and line:col in the config', () => {
  const text2 = JSON.stringify(MLP.keras2, null, 2);
  const text3 = JSON.stringify(MLP.keras3, null, 2);
  /** MLP weights with dense_1's kernel and bias one unit short. */
  const wrong: Weights = new Map([...MLP.weights, ['dense_1', [tensor([8, 3]), tensor([3])]]]);

  function expectFailed(r: ConvertedModel): void {
    expect(r.ok).toBe(false);
    // Never a model with some weights left random: no model at all.
    expect(r.modelJSON).toBeUndefined();
    expect(r.weightSpecs).toBeUndefined();
    expect(r.weightData).toBeUndefined();
    expect(r.shards).toBeUndefined();
  }

  it('KS7005: a weight of the wrong shape, in a full HDF5 file (the config is its model_config attribute)', async () => {
    const r = convertKerasModel(kerasH5(MLP.keras2, wrong, { version: '2.15.0' }));
    expectFailed(r);
    const text = JSON.stringify(MLP.keras2);
    expect(r.source.text).toBe(text);
    const at = layerPosition(text, 'dense_1');
    expect(at.line).toBe(1);
    expect(errorsOf(r).map((d) => brief(r, d))).toEqual([
      { code: 'KS7005', severity: 'error', file: 'model.h5/model_config', ...at, message: 'Layer "dense_1" weight "kernel" has shape [8, 4] in the model, but the weights file stores [8, 3] at "/model_weights/dense_1/dense_1/kernel:0".' },
      { code: 'KS7005', severity: 'error', file: 'model.h5/model_config', ...at, message: 'Layer "dense_1" weight "bias" has shape [4] in the model, but the weights file stores [3] at "/model_weights/dense_1/dense_1/bias:0".' },
    ]);
    // loadKerasModel throws with the same diagnostics.
    const thrown = await loadKerasModel(kerasH5(MLP.keras2, wrong, { version: '2.15.0' })).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(KspecError);
    expect((thrown as KspecError).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KS7005', 'KS7005']);
    expect((thrown as KspecError).message).toContain(`model.h5/model_config:1:${at.column}: error KS7005 Layer "dense_1" weight "kernel"`);
  });

  it('KS7005: with the config given separately (a multi-line position) and in a .keras archive', () => {
    const r = convertKerasModel({ config: text2, weights: kerasWeightsH5(MLP.keras2, wrong, { version: '2.15.0' }), configName: 'mlp.json', weightsName: 'mlp.h5' });
    expectFailed(r);
    const at = layerPosition(text2, 'dense_1');
    expect(at.line).toBeGreaterThan(1);
    expect(brief(r, errorsOf(r)[0]!)).toEqual({
      code: 'KS7005', severity: 'error', file: 'mlp.json', ...at,
      message: 'Layer "dense_1" weight "kernel" has shape [8, 4] in the model, but the weights file stores [8, 3] at "/dense_1/dense_1/kernel:0".',
    });

    const k = convertKerasModel(keras3Archive(MLP.keras3, wrong), { fileName: 'mlp.keras' });
    expectFailed(k);
    const first = errorsOf(k)[0]!;
    expect(first.message).toBe('Layer "dense_1" weight "kernel" has shape [8, 4] in the model, but the weights file stores [8, 3] at "/layers/dense_1/vars/0".');
    expect(first.file).toBe('mlp.keras/config.json');
    expect(k.source.text).toBe(JSON.stringify(MLP.keras3));
    expect(where(k, first)).toEqual(layerPosition(k.source.text, 'dense_1'));
  });

  it('KS7003: a layer whose arrays are missing', () => {
    const without = withLayers(MLP.keras2, layersOf(MLP.keras2).slice(0, 2));
    const r = convertKerasModel({ config: text2, weights: kerasWeightsH5(without, new Map([['dense', MLP.weights.get('dense')!]]), { version: '2.15.0' }) });
    expectFailed(r);
    expect(errorsOf(r).map((d) => brief(r, d))).toEqual([
      { code: 'KS7003', severity: 'error', file: 'model.json', ...layerPosition(text2, 'dense_1'), message: 'The weights file has no value for layer "dense_1": it needs kernel [8, 4], bias [4].' },
    ]);
  });

  it('KS7004: a layer group the model does not have (reported at the top of the config)', () => {
    const extra = withLayers(MLP.keras2, [...layersOf(MLP.keras2), { class_name: 'Dense', config: { name: 'dense_2', units: 2 } }]);
    const r = convertKerasModel({ config: text2, weights: kerasWeightsH5(extra, new Map([...MLP.weights, ['dense_2', [tensor([4, 2]), tensor([2])]]]), { version: '2.15.0' }) });
    expectFailed(r);
    expect(errorsOf(r).map((d) => brief(r, d))).toEqual([
      { code: 'KS7004', severity: 'error', file: 'model.json', line: 1, column: 1, message: 'The weights file holds an array [4, 2] at "/dense_2/dense_2/kernel:0", which no layer of the model has.' },
      { code: 'KS7004', severity: 'error', file: 'model.json', line: 1, column: 1, message: 'The weights file holds an array [2] at "/dense_2/dense_2/bias:0", which no layer of the model has.' },
    ]);
  });

  it('KS7006: a layer with the wrong number of arrays', () => {
    const noBias = editLayer(MLP.keras2, 'dense_1', (c) => ({ ...c, use_bias: false }));
    const r = convertKerasModel({ config: text2, weights: kerasWeightsH5(noBias, new Map([['dense', MLP.weights.get('dense')!], ['dense_1', [MLP.weights.get('dense_1')![0]!]]]), { version: '2.15.0' }) });
    expectFailed(r);
    expect(errorsOf(r).map((d) => brief(r, d))).toEqual([
      { code: 'KS7006', severity: 'error', file: 'model.json', ...layerPosition(text2, 'dense_1'), message: 'Layer "dense_1" has 2 weights (kernel [8, 4], bias [4]) in the model, but the weights file stores 1 array ([8, 4]).' },
    ]);
  });

  it('KS7002: a weights-only HDF5 file given alone, with the command that converts it', async () => {
    const weightsOnly = kerasWeightsH5(MLP.keras2, MLP.weights, { version: '2.15.0' });
    for (const [options, file] of [[{}, 'model.h5'], [{ fileName: 'mlp_weights.h5' }, 'mlp_weights.h5']] as const) {
      const r = convertKerasModel(weightsOnly, options);
      expectFailed(r);
      expect(r.diagnostics).toHaveLength(1);
      expect(brief(r, r.diagnostics[0]!)).toEqual({ code: 'KS7002', severity: 'error', file, line: 1, column: 1, message: `"${file}" holds weights only, without the model's config.` });
      expect(r.diagnostics[0]!.suggestions).toEqual([`convert the model's config with this file as its weights: kspec convert <config.json> --weights ${file} --to tfjs -o <folder>`]);
    }
    await expect(loadKerasModel(weightsOnly)).rejects.toThrow('holds weights only');
  });

  it('KS7001: random bytes or a truncated HDF5 file as the weights, and a truncated model file', () => {
    const junk = Uint8Array.from({ length: 200 }, (_, i) => (i * 37 + 11) % 256);
    const cases: [Input, string, string][] = [
      [{ config: text2, weights: junk, weightsName: 'junk.h5' }, 'junk.h5', 'it is not an HDF5 file'],
      [{ config: text2, weights: junk.buffer }, 'model.weights.h5', 'it is not an HDF5 file'],
    ];
    const h5 = kerasWeightsH5(MLP.keras2, MLP.weights, { version: '2.15.0' });
    cases.push([{ config: text2, weights: h5.slice(0, h5.length >> 1) }, 'model.weights.h5', `the file is truncated: it has ${h5.length >> 1} of its ${h5.length} bytes`]);
    const full = kerasH5(MLP.keras2, MLP.weights, { version: '2.15.0' });
    cases.push([full.slice(0, full.length >> 1), 'model.h5', `the file is truncated: it has ${full.length >> 1} of its ${full.length} bytes`]);
    for (const [input, file, detail] of cases) {
      const r = convertKerasModel(input);
      expectFailed(r);
      expect(errorsOf(r).map((d) => brief(r, d))).toEqual([{ code: 'KS7001', severity: 'error', file, line: 1, column: 1, message: `The weights in "${file}" cannot be read: ${detail}.` }]);
    }
  });

  it('KS7009: a Keras 2 weights-only file whose layer names are all different is matched by position (a warning), and right', async () => {
    const renamed = editLayer(editLayer(MLP.keras2, 'dense', (c) => ({ ...c, name: 'dense_7' })), 'dense_1', (c) => ({ ...c, name: 'dense_8' }));
    const weights = kerasWeightsH5(renamed, new Map([['dense_7', MLP.weights.get('dense')!], ['dense_8', MLP.weights.get('dense_1')!]]), { version: '2.15.0' });
    const input = { config: text2, weights };
    const r = convertKerasModel(input);
    expect(r.ok).toBe(true);
    expect(errorsOf(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info').map((d) => brief(r, d))).toEqual([
      { code: 'KS7009', severity: 'warning', file: 'model.json', line: 1, column: 1, message: "None of the weights file's layer names is in the config, so its 2 layers with weights are matched in order, as Keras's load_weights does." },
    ]);
    expectBitExact(r, MLP.weights, MLP.tfjsNames);
    await expectPredicts(input, MLP);
    // One name in common: by name, and the other layer's arrays are reported, never guessed.
    const half = editLayer(MLP.keras2, 'dense_1', (c) => ({ ...c, name: 'dense_8' }));
    const byName = convertKerasModel({ config: text2, weights: kerasWeightsH5(half, new Map([['dense', MLP.weights.get('dense')!], ['dense_8', MLP.weights.get('dense_1')!]]), { version: '2.15.0' }) });
    expect(errorsOf(byName).map((d) => d.code).sort()).toEqual(['KS7003', 'KS7004', 'KS7004']);
  });

  /**
   * KNOWN BUG (reported, src/weights/match.ts inOrder): Keras's load_weights by position counts a
   * nested model as one layer with weights (its arrays trainable first); kspec's positional match
   * takes only the top-level layers that are not models, so the nested group's 8 arrays go to the
   * head (KS7006), the head's are "beyond the model's 1 layers" (KS7004), the sub-layers KS7003.
   */
  it('KS7009 by position with a nested model (the nested model is one layer, as in Keras)', async () => {
    const c = NESTED_IN_SEQUENTIAL;
    const renamed = JSON.parse(JSON.stringify(c.keras2).replaceAll('"encoder"', '"model_9"').replaceAll('"head"', '"dense_9"').replaceAll('"enc_', '"x_')) as ModelConfig;
    const weights: Weights = new Map([...c.weights].map(([k, v]) => [k === 'head' ? 'dense_9' : k.replace('enc_', 'x_'), v]));
    const input = { config: JSON.stringify(c.keras2, null, 2), weights: kerasWeightsH5(renamed, weights, { version: '2.15.0' }) };
    const r = convertKerasModel(input);
    expect(errorsOf(r).map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toContain('KS7009');
    expectBitExact(r, c.weights, c.tfjsNames);
    await expectPredicts(input, c);
  });

  it('KS7007: optimizer state in the file is an info, and the model converts', () => {
    for (const version of ['2.2.4', '2.15.0', '3.9.2']) {
      const r = convertKerasModel(kerasH5(version.startsWith('3') ? MLP.keras3 : MLP.keras2, MLP.weights, { version, optimizer: true }));
      expectOk(r);
      const info = r.diagnostics.filter((d) => d.code === 'KS7007');
      expect(info.map((d) => brief(r, d)), version).toEqual([
        { code: 'KS7007', severity: 'info', file: 'model.h5/model_config', line: 1, column: 1, message: 'The weights file also holds optimizer and metric state (2 arrays), which is not converted: tfjs models load for inference.' },
      ]);
      expectBitExact(r, MLP.weights, MLP.tfjsNames);
    }
    // Without an optimizer, no such note.
    expect(convertKerasModel(kerasH5(MLP.keras2, MLP.weights, { version: '2.15.0' })).diagnostics.map((d) => d.code)).not.toContain('KS7007');
    // .keras archives always hold the optimizer's variables (and tf.keras's metrics).
    const archived = convertKerasModel(keras3Archive(CNN.keras2, CNN.weights, { tfKeras213: true }));
    expect(archived.diagnostics.find((d) => d.code === 'KS7007')?.message).toBe('The weights file also holds optimizer and metric state (4 arrays), which is not converted: tfjs models load for inference.');
  });

  it('KS7008: Keras ≥ 3.6 saved the arrays for a layer of another name (reported at that layer)', () => {
    const renamed = editLayer(MLP.keras3, 'dense', (c) => ({ ...c, name: 'hidden' }));
    const weights: Weights = new Map([['hidden', MLP.weights.get('dense')!], ['dense_1', MLP.weights.get('dense_1')!]]);
    const r = convertKerasModel({ config: text3, weights: keras3WeightsOnly(renamed, weights, { version: '3.9.2' }) });
    expectFailed(r);
    expect(errorsOf(r).map((d) => brief(r, d))).toEqual([
      { code: 'KS7008', severity: 'error', file: 'model.json', ...layerPosition(text3, 'dense'), message: 'The weights at "/layers/dense/vars" were saved for a layer named "hidden", but the config has "dense" there.' },
    ]);
    // Keras 3.3 wrote no names: the same file converts (Keras matches by class and position too).
    const unnamed = convertKerasModel({ config: text3, weights: keras3WeightsOnly(renamed, weights, { version: '3.3.3' }) });
    expectOk(unnamed);
    expectBitExact(unnamed, MLP.weights, MLP.tfjsNames);
  });
});

// ---- 4: quantization and shards ----

describe('--quantize and shardSize', () => {
  const input = () => saved(CNN, 'h5 2.15.0').input;
  const all = [...CNN.weights].flatMap(([layer, ts]) => ts.map((t, i) => [CNN.tfjsNames[layer]![i]!, t] as const));
  const count = all.reduce((n, [, t]) => n + t.data.length, 0);

  function decoded(r: ConvertedModel): Map<string, Float32Array> {
    const d = tf.io.decodeWeights(r.weightData!, specsOf(r));
    const out = new Map(Object.entries(d).map(([k, v]) => [k, v.dataSync() as Float32Array]));
    tf.dispose(Object.values(d));
    return out;
  }

  it('float16: the converter\'s manifest entries, half the bytes, values to half precision, predictions close', async () => {
    const r = convertKerasModel(input(), { quantize: 'float16' });
    expectOk(r);
    expect(r.weightSpecs).toEqual(all.map(([name, t]) => ({ name, shape: t.shape, dtype: 'float32', quantization: { dtype: 'float16', original_dtype: 'float32' } })));
    expect(r.weightData!.byteLength).toBe(2 * count);
    const values = decoded(r);
    for (const [name, t] of all) {
      const got = values.get(name)!;
      t.data.forEach((v, i) => expect(Math.abs(got[i]! - v), name).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
    }
    await expectPredicts(input(), CNN, 1e-2, { quantize: 'float16' });
  });

  it('uint8 (and uint16): min and scale as the converter computes them, values within half a step, predictions close', async () => {
    for (const [dtype, quantMax, tolerance] of [['uint8', 255, 5e-2], ['uint16', 65535, 1e-3]] as const) {
      const r = convertKerasModel(input(), { quantize: dtype });
      expectOk(r);
      expect(r.weightData!.byteLength).toBe((dtype === 'uint8' ? 1 : 2) * count);
      const values = decoded(r);
      r.weightSpecs!.forEach((spec, k) => {
        const [name, t] = all[k]!;
        expect(spec).toEqual({ name, shape: t.shape, dtype: 'float32', quantization: { dtype, min: expect.any(Number), scale: expect.any(Number), original_dtype: 'float32' } });
        // tensorflowjs/quantization.py: scale = (max - min) / quant_max, min nudged so 0 is a whole step.
        let lo = Infinity;
        let hi = -Infinity;
        for (const v of t.data) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
        const scale = (hi - lo) / quantMax;
        const min = lo <= 0 && hi >= 0 ? -Math.round(-lo / scale) * scale : lo;
        const q = spec.quantization!;
        expect(q.scale! / scale, name).toBeCloseTo(1, 6);
        expect(Math.abs(q.min! - min), name).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(min)));
        const got = values.get(name)!;
        t.data.forEach((v, i) => expect(Math.abs(got[i]! - v), name).toBeLessThanOrEqual(scale * 0.5 + 1e-6));
      });
      await expectPredicts(input(), CNN, tolerance, { quantize: dtype });
    }
  });

  it('a small shardSize: group1-shardNofM.bin paths, each full but the last, whose concatenation is weightData', async () => {
    const r = convertKerasModel(input(), { shardSize: 256 });
    expectOk(r);
    const total = 4 * count;
    const n = Math.ceil(total / 256);
    expect(n).toBeGreaterThan(2);
    const paths = Array.from({ length: n }, (_, i) => `group1-shard${i + 1}of${n}.bin`);
    expect(r.modelJSON!.weightsManifest).toEqual([{ paths, weights: r.weightSpecs }]);
    const shards = shardsOf(r);
    expect(shards.map((s) => s.path)).toEqual(paths);
    expect(shards.map((s) => s.data.length)).toEqual(paths.map((_, i) => (i < n - 1 ? 256 : total - 256 * (n - 1))));
    expect(Buffer.compare(concat(shards.map((s) => s.data)), new Uint8Array(r.weightData!))).toBe(0);
    // The same bytes as one shard, only cut.
    expect(Buffer.compare(new Uint8Array(r.weightData!), new Uint8Array(convertKerasModel(input()).weightData!))).toBe(0);
    expectBitExact(r, CNN.weights, CNN.tfjsNames);
    // Quantized and sharded together.
    const q = convertKerasModel(input(), { shardSize: 100, quantize: 'uint8' });
    expect(q.modelJSON!.weightsManifest[0]!.paths).toHaveLength(Math.ceil(count / 100));
    expect(Buffer.compare(concat(shardsOf(q).map((s) => s.data)), new Uint8Array(q.weightData!))).toBe(0);
  });
});

// ---- 5: the CLI ----

describe('kspec convert --to tfjs -o (in process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kspec-convert-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** A folder the CLI wrote, loaded by tfjs's own loader (no kspec code but the runtime classes). */
  async function loadFolder(folder: string, modelFile = 'model.json'): Promise<tf.LayersModel> {
    await import('../../src/runtime/index.js');
    const json = JSON.parse(readFileSync(join(folder, modelFile), 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect(json.weightsManifest).toHaveLength(1);
    const group = json.weightsManifest[0]!;
    const weightData = concat(group.paths.map((p) => readFileSync(join(folder, p)))).buffer as ArrayBuffer;
    return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: group.weights, weightData }));
  }

  async function expectFolderPredicts(folder: string, c: ModelCase, tolerance = 1e-4, modelFile = 'model.json'): Promise<void> {
    const model = await loadFolder(folder, modelFile);
    try {
      expect(relativeDiff(predict(model, c.input), c.reference())).toBeLessThanOrEqual(tolerance);
    } finally {
      model.dispose();
    }
  }

  it('converts a .h5 file into model.json and its shard, which tfjs loads and which predict like Keras (exit 0)', async () => {
    const file = join(dir, 'model.h5');
    writeFileSync(file, saved(GRU_V3, 'h5 2.15.0').input as Uint8Array);
    const out = join(dir, 'out');
    const r = await runMainAsync(['convert', file, '--to', 'tfjs', '-o', out]);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['group1-shard1of1.bin', 'model.json']);
    const expected = convertKerasModel(readFileSync(file), { fileName: 'model.h5' });
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe(JSON.stringify(expected.modelJSON) + '\n');
    expect(Buffer.compare(readFileSync(join(out, 'group1-shard1of1.bin')), new Uint8Array(expected.weightData!))).toBe(0);
    expect(r.stderr).toContain(`kspec: wrote ${join(out, 'model.json')} and 1 shard (8 weights, ${expected.weightData!.byteLength} bytes)`);
    await expectFolderPredicts(out, GRU_V3);
  });

  it('a config with --weights, --shard-size, --quantize and -o <folder>/model.json', async () => {
    const { input } = saved(BIDI, 'weights.h5 3.9.2 + config');
    const config = join(dir, 'bidi.json');
    const weights = join(dir, 'bidi.weights.h5');
    writeFileSync(config, (input as ConvertInput).config as string);
    writeFileSync(weights, (input as ConvertInput).weights as Uint8Array);
    const out = join(dir, 'bidi-out');
    const r = await runMainAsync(['convert', config, '--weights', weights, '--to', 'tfjs', '-o', join(out, 'bidi.json'), '--shard-size', '256', '--quantize', 'float16']);
    expect(r.code).toBe(0);
    const files = readdirSync(out).sort();
    const shards = files.filter((f) => f.endsWith('.bin'));
    expect(files).toEqual(['bidi.json', ...shards]);
    expect(shards.length).toBeGreaterThan(1);
    expect(shards).toEqual(shards.map((_, i) => `group1-shard${i + 1}of${shards.length}.bin`));
    const json = JSON.parse(readFileSync(join(out, 'bidi.json'), 'utf8'));
    expect(json.weightsManifest[0].weights.every((w: { quantization?: object }) => JSON.stringify(w.quantization) === '{"dtype":"float16","original_dtype":"float32"}')).toBe(true);
    await expectFolderPredicts(out, BIDI, 1e-2, 'bidi.json');
  });

  it('a .keras archive with -o', async () => {
    const file = join(dir, 'cnn.keras');
    writeFileSync(file, saved(CNN, 'keras 3.9.2').input as Uint8Array);
    const out = join(dir, 'cnn-out');
    const r = await runMainAsync(['convert', file, '--to', 'tfjs', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('KS7007');
    await expectFolderPredicts(out, CNN);
  });

  it('exit 1 on KS7xxx errors, with the diagnostic on stderr, and nothing written', async () => {
    const file = join(dir, 'wrong.h5');
    writeFileSync(file, kerasH5(MLP.keras2, new Map([...MLP.weights, ['dense_1', [tensor([8, 3]), tensor([3])]]]), { version: '2.15.0' }));
    const out = join(dir, 'wrong-out');
    const r = await runMainAsync(['convert', file, '--to', 'tfjs', '-o', out]);
    expect(r.code).toBe(1);
    const at = layerPosition(JSON.stringify(MLP.keras2), 'dense_1');
    expect(r.stderr).toContain(`wrong.h5/model_config:1:${at.column}: error KS7005 Layer "dense_1" weight "kernel" has shape [8, 4] in the model, but the weights file stores [8, 3] at "/model_weights/dense_1/dense_1/kernel:0".`);
    expect(existsSync(out)).toBe(false);

    const weightsOnly = join(dir, 'weights-only.h5');
    writeFileSync(weightsOnly, kerasWeightsH5(MLP.keras2, MLP.weights, { version: '2.15.0' }));
    const w = await runMainAsync(['convert', weightsOnly, '--to', 'tfjs', '-o', out]);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain('error KS7002 "weights-only.h5" holds weights only');
    expect(w.stderr).toContain('--weights weights-only.h5');
    expect(existsSync(out)).toBe(false);

    const config = join(dir, 'mlp.json');
    writeFileSync(config, JSON.stringify(MLP.keras2, null, 2));
    const junk = join(dir, 'junk.h5');
    writeFileSync(junk, Uint8Array.from({ length: 64 }, (_, i) => i));
    const j = await runMainAsync(['convert', config, '--weights', junk, '--to', 'tfjs', '-o', out]);
    expect(j.code).toBe(1);
    expect(j.stderr).toContain('error KS7001 The weights in "junk.h5" cannot be read: it is not an HDF5 file.');
    expect(existsSync(out)).toBe(false);
  });

  it('exit 2 on usage errors (no -o, an unknown --quantize, a bad --shard-size, --to keras2), and nothing written', async () => {
    const file = join(dir, 'usage.h5');
    writeFileSync(file, kerasH5(MLP.keras2, MLP.weights, { version: '2.15.0' }));
    const out = join(dir, 'usage-out');
    const cases: [string[], string][] = [
      [['convert', file, '--to', 'tfjs'], 'give -o <folder>'],
      [['convert', file, '--to', 'tfjs', '-o', out, '--quantize', 'int4'], '--quantize takes float16, uint8, uint16'],
      [['convert', file, '--to', 'tfjs', '-o', out, '--shard-size', '0'], '--shard-size takes a positive number of bytes'],
      [['convert', file, '--to', 'keras2', '-o', out], 'trained weights convert --to tfjs only'],
    ];
    for (const [args, message] of cases) {
      const r = await runMainAsync(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
