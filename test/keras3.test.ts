/** Keras 3 → tfjs: each normalisation pass alone, then archives (.keras zip files). */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { Reporter } from '../src/diagnostics/report.js';
import { batchShape } from '../src/lower/keras3/batch-shape.js';
import { dtypePolicy } from '../src/lower/keras3/dtype-policy.js';
import { inboundNodes } from '../src/lower/keras3/inbound-nodes.js';
import { ioLayers } from '../src/lower/keras3/io-layers.js';
import { readKerasArchive, readKerasArchiveWeights } from '../src/parse/archive.js';
import { loadSpec } from '../src/source/load.js';
import { zip, zipFiles } from './zip.js';

tf.setBackend('cpu');
const kt = (name: string, node = 0, tensor = 0) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [name, node, tensor] } });
const policy = (name: string) => ({ module: 'keras', class_name: 'DTypePolicy', config: { name }, registered_name: null });
const ctx = () => ({ reporter: new Reporter('m.json') });
const model = (layers: object[], extra: object = {}) => ({ class_name: 'Functional', config: { name: 'f', layers, ...extra } });

describe('Keras 3 passes', () => {
  it('batch_shape → batch_input_shape', () => {
    const out = batchShape(model([{ class_name: 'InputLayer', config: { batch_shape: [null, 4], name: 'x' } }]), [], ctx());
    expect((out.config as { layers: { config: object }[] }).layers[0]!.config).toEqual({ name: 'x', batch_input_shape: [null, 4] });
  });

  it('DTypePolicy → its name; mixed precision → float32 with a warning', () => {
    const c = ctx();
    const out = dtypePolicy(model([{ class_name: 'Dense', config: { dtype: policy('float32') } }, { class_name: 'Dense', config: { dtype: policy('mixed_float16') } }], { dtype: policy('float32') }), [], c);
    const cfg = out.config as { dtype: unknown; layers: { config: { dtype: unknown } }[] };
    expect([cfg.dtype, ...cfg.layers.map((l) => l.config.dtype)]).toEqual(['float32', 'float32', 'float32']);
    expect(c.reporter.diagnostics.map((d) => [d.code, d.at.path.join('/')])).toEqual([['KS1013', 'config/layers/1/config/dtype']]);
  });

  it('{args, kwargs} → node lists: merge lists, tensors in kwargs, unset kwargs dropped, nested models +1', () => {
    const layers = [
      { class_name: 'InputLayer', name: 'x', config: { name: 'x' }, inbound_nodes: [] },
      { class_name: 'Sequential', name: 'inner', config: { name: 'inner', layers: [] }, inbound_nodes: [{ args: [kt('x')], kwargs: { mask: null } }] },
      { class_name: 'Add', name: 'add', config: { name: 'add' }, inbound_nodes: [{ args: [[kt('x'), kt('inner', 0, 0)]], kwargs: {} }] },
      { class_name: 'Attention', name: 'att', config: { name: 'att' }, inbound_nodes: [{ args: [[kt('add'), kt('x')]], kwargs: { mask: [null, null], training: false, key: kt('inner') } }] },
    ];
    const out = inboundNodes(model(layers), [], ctx());
    expect((out.config as { layers: { inbound_nodes: unknown }[] }).layers.map((l) => l.inbound_nodes)).toEqual([
      [],
      [[['x', 0, 0, {}]]],
      [[['x', 0, 0, {}], ['inner', 1, 0, {}]]],
      [[['add', 0, 0, { training: false, key: ['inner', 1, 0] }], ['x', 0, 0, { training: false, key: ['inner', 1, 0] }]]],
    ]);
  });

  it('a call on constants is reported', () => {
    const c = ctx();
    inboundNodes(model([{ class_name: 'Dense', name: 'd', config: {}, inbound_nodes: [{ args: [3], kwargs: {} }] }]), [], c);
    expect(c.reporter.diagnostics.map((d) => d.code)).toEqual(['KS1015']);
  });

  it('flat triples and dicts → lists of triples (dicts in key order, with a note); nested Sequential outputs +1', () => {
    const c = ctx();
    const layers = [{ class_name: 'Sequential', name: 'seq', config: { name: 'seq', layers: [] } }];
    const out = ioLayers(model(layers, { input_layers: ['x', 0, 0], output_layers: { b: ['seq', 0, 0], a: ['y', 0, 0] } }), [], c);
    const cfg = out.config as { input_layers: unknown; output_layers: unknown };
    expect(cfg.input_layers).toEqual([['x', 0, 0]]);
    expect(cfg.output_layers).toEqual([['seq', 1, 0], ['y', 0, 0]]);
    expect(c.reporter.diagnostics.map((d) => d.message)).toEqual(["The model's outputs are a dict in Keras; tfjs takes a list, so they are ordered as b, a."]);
  });
});


const config = JSON.stringify({
  module: 'keras', class_name: 'Sequential', registered_name: null,
  config: { name: 'zipped', layers: [
    { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 3], dtype: 'float32', name: 'input_layer' }, registered_name: null },
    { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense', units: 2, activation: 'hard_silu', dtype: policy('float32') }, registered_name: null },
  ] },
});

describe('.keras archives', () => {
  it.each([true, false])('reads config.json and the Keras version (deflated: %s)', (deflate) => {
    const a = readKerasArchive(zipFiles({ 'metadata.json': '{"keras_version": "3.9.2", "date_saved": "2025-01-01"}', 'config.json': config, 'model.weights.h5': 'x' }, deflate));
    expect(a).toEqual({ config, kerasVersion: '3.9.2' });
  });

  it('compiles what it holds, noting the version', () => {
    const spec = loadSpec(zipFiles({ 'config.json': config, 'metadata.json': '{"keras_version": "3.9.2"}' }), 'model.keras');
    if ('error' in spec) throw new Error(JSON.stringify(spec.error));
    expect(spec.fileName).toBe('model.keras/config.json');
    const r = compile(spec.text, { fileName: spec.fileName, kerasVersion: spec.kerasVersion! });
    expect(r.diagnostics[0]!.message).toBe('Read from a file saved by Keras 3.9.2.');
    expect(r.modelJSON?.modelTopology.config.name).toBe('zipped');
  });

  it.each([
    ['a truncated archive', zipFiles({ 'config.json': config }).slice(0, 60), 'the zip directory is missing (the file is truncated or not a zip)'],
    ['an archive without config.json', zipFiles({ 'weights.h5': 'x' }), 'it has no config.json (it holds weights.h5)'],
    ['a damaged entry', (() => { const b = zipFiles({ 'config.json': config }); b[40] = b[40]! ^ 0xff; b[41] = b[41]! ^ 0xff; return b; })(), 'config.json cannot be decompressed'],
  ])('%s is a diagnostic, not a crash', (_, bytes, detail) => {
    expect(loadSpec(bytes, 'model.keras')).toEqual({ error: { code: 'KS1017', detail } });
  });

  describe('model.weights.h5, for weight conversion', () => {
    const h5 = Buffer.concat([Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251))]);
    const files = (weights: Uint8Array, deflate: boolean, version = '3.9.2') => zip([
      { name: 'metadata.json', data: Buffer.from(`{"keras_version": "${version}"}`), deflate },
      { name: 'config.json', data: Buffer.from(config), deflate },
      { name: 'model.weights.h5', data: weights, deflate },
    ]);

    it.each([true, false])('reads config.json, the Keras version and the weights (deflated: %s)', (deflate) => {
      const a = readKerasArchiveWeights(files(h5, deflate));
      if ('error' in a) throw new Error(a.error);
      expect(new TextDecoder().decode(a.config)).toBe(config);
      expect(a.kerasVersion).toBe('3.9.2');
      expect(Buffer.from(a.weights).equals(h5)).toBe(true);
      // A buffer of its own, as the HDF5 reader takes it without copying.
      expect([a.weights.byteOffset, a.weights.buffer.byteLength]).toEqual([0, h5.length]);
    });

    it('reads the archives tf.keras 2.13–2.15 wrote, the same layout', () => {
      const a = readKerasArchiveWeights(files(h5, false, '2.15.0'));
      expect('error' in a ? a.error : a.kerasVersion).toBe('2.15.0');
    });

    it('reads a deflated member larger than the pieces it is read in (1 MiB)', () => {
      let x = 1;
      const noise = Buffer.from(Array.from({ length: 3 * 1024 * 1024 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 24)));
      const a = readKerasArchiveWeights(files(noise, true));
      expect('error' in a ? a.error : Buffer.from(a.weights).equals(noise)).toBe(true);
    });

    it('a mix: stored config.json, deflated weights, and the other way round', () => {
      for (const [c, w] of [[false, true], [true, false]]) {
        const a = readKerasArchiveWeights(zip([{ name: 'config.json', data: Buffer.from(config), deflate: c }, { name: 'model.weights.h5', data: h5, deflate: w }]));
        expect('error' in a ? a.error : Buffer.from(a.weights).equals(h5)).toBe(true);
      }
    });

    it.each([
      ['no weights', zipFiles({ 'config.json': config, 'metadata.json': '{}' }), 'it has no model.weights.h5 (it holds config.json, metadata.json)'],
      ['NumPy weights', zipFiles({ 'config.json': config, 'model.weights.npz': 'x' }), "it has no model.weights.h5: its weights are in model.weights.npz (Keras's NumPy format), which kspec does not read"],
      ['no config.json', zipFiles({ 'model.weights.h5': 'x' }), 'it has no config.json (it holds model.weights.h5)'],
      ['damaged weights', (() => { const b = files(h5, true); const at = b.indexOf('model.weights.h5') + 16; b[at + 5] = b[at + 5]! ^ 0xff; return b; })(), 'model.weights.h5 cannot be decompressed'],
    ])('%s: an error, not a crash', (_, bytes, error) => {
      expect(readKerasArchiveWeights(bytes)).toEqual({ error });
    });

    it('loadSpec still reads config.json only', () => {
      const spec = loadSpec(files(h5, true), 'model.keras');
      expect('error' in spec ? spec.error : spec.kerasVersion).toBe('3.9.2');
    });
  });

  it('recognises HDF5 by its signature whatever the extension', () => {
    expect(loadSpec(new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'model.keras')).toEqual({ error: { code: 'KS1008', dialect: 'HDF5 (.h5)' } });
  });
});
