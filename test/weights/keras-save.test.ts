/**
 * keras-save.ts writes what Keras's savers write: each small model saved in each format, read back
 * through h5wasm (the HDF5 C library), checked path by path, attribute by attribute, byte by byte
 * against ../shared/reference/keras-weight-layouts.md (§n) and the dumps of real files (#nn). The
 * expected values are written out here; nothing reads ../shared.
 */
import * as h5 from 'h5wasm/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/parse/archive.js';
import { readBack } from './h5write.js';
import { keras3Archive, keras3WeightsOnly, kerasH5, kerasWeightsH5, type ModelConfig, snakeCase, type Tensor } from './keras-save.js';

const FS = (await h5.ready).FS as unknown as { writeFile(p: string, d: Uint8Array): void; unlink(p: string): void };

/** An attribute as stored: its value and string form (`vlen`, `|S<n>`, or Keras's empty float64 list). */
interface Seen {
  readonly value: unknown;
  readonly form: string;
}
interface Entry {
  readonly kind: 'group' | 'dataset';
  readonly attrs: Record<string, Seen>;
  readonly shape?: number[];
}

/** Every group and dataset of an HDF5 file, by path ("/" for the root, no leading slash otherwise). */
function tree(bytes: Uint8Array): Map<string, Entry> {
  const name = join(tmpdir(), `keras-save-${process.pid}.h5`);
  FS.writeFile(name, bytes);
  const file = new h5.File(name, 'r');
  const out = new Map<string, Entry>();
  const attrs = (o: h5.Group | h5.Dataset) =>
    Object.fromEntries(
      Object.entries(o.attrs).map(([k, a]) => {
        const m = a.metadata;
        const form = m.type === 3 ? (m.vlen ? 'vlen' : `|S${m.size}`) : m.type === 1 && m.size === 8 && a.shape?.[0] === 0 ? 'empty float64' : `type ${m.type}`;
        return [k, { value: form === 'empty float64' ? [] : a.value, form }];
      }),
    );
  const visit = (g: h5.Group, path: string) => {
    out.set(path || '/', { kind: 'group', attrs: attrs(g) });
    for (const key of g.keys()) {
      const child = g.get(key);
      const p = path ? `${path}/${key}` : key;
      if (child instanceof h5.Group) visit(child, p);
      else if (child instanceof h5.Dataset) out.set(p, { kind: 'dataset', attrs: attrs(child), shape: child.shape ?? [] });
    }
  };
  try {
    visit(file, '');
  } finally {
    file.close();
    FS.unlink(name);
  }
  return out;
}

const t = (shape: number[], seed: number): Tensor => ({ shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed * 31 + i) * 2) });
const bytesOf = (x: Tensor) => new Uint8Array(x.data.buffer, x.data.byteOffset, x.data.byteLength);
const layer = (class_name: string, name: string, config: object = {}) => ({ class_name, config: { name, ...config } });
const seq = (name: string, layers: object[]): ModelConfig => ({ class_name: 'Sequential', config: { name, layers } });
const fn = (name: string, layers: object[], class_name = 'Functional'): ModelConfig => ({ class_name, config: { name, layers, input_layers: [], output_layers: [] } });
const input = (name: string) => layer('InputLayer', name, { batch_input_shape: [null, 4] });

/** The model.weights.h5 inside a .keras archive. */
function member(archive: Uint8Array, name = 'model.weights.h5'): Uint8Array {
  const entries = readZip(archive);
  if ('error' in entries) throw new Error(entries.error);
  return entries.read(name)!;
}

/** Asserts each path holds its tensor, bit for bit and with its shape, read back by h5wasm. */
function expectTensors(bytes: Uint8Array, expected: Record<string, Tensor>) {
  for (const [path, x] of Object.entries(expected)) {
    const back = readBack(bytes, path);
    expect(back.shape, path).toEqual(x.shape);
    expect(Buffer.compare(back.bytes, bytesOf(x)), path).toBe(0);
  }
}

const groups = (tr: Map<string, Entry>, under: string) => [...tr.keys()].filter((p) => p.startsWith(under) && tr.get(p)!.kind === 'group');

// ---- models ----

const DENSE = seq('sequential', [input('dense_input'), layer('Dense', 'dense', { units: 4 }), layer('Dropout', 'dropout'), layer('Dense', 'dense_1', { units: 2 })]);
const DENSE_W = new Map([
  ['dense', [t([3, 4], 1), t([4], 2)]],
  ['dense_1', [t([4, 2], 3), t([2], 4)]],
]);

describe('kerasH5: a Dense Sequential in each version (§1, §1b)', () => {
  const versions = ['2.0.5', '2.2.4', '2.10.0', '2.15.0', '3.9.2'] as const;
  it.each(versions)('Keras %s', (version) => {
    const bytes = kerasH5(DENSE, DENSE_W, { version });
    const tr = tree(bytes);
    const old = version.startsWith('2.0') || version.startsWith('2.2');
    const root = tr.get('/')!.attrs;
    expect(root.keras_version!.value).toBe(version);
    expect(root.backend!.value).toBe('tensorflow');
    expect(JSON.parse(root.model_config!.value as string)).toEqual(DENSE);
    // Keras ≤ 2.2 wrote fixed-length byte strings, sized to the longest (#05 `|S15` for `embedding_17`).
    const mw = tr.get('model_weights')!.attrs;
    expect(mw.layer_names).toEqual({ value: ['dense', 'dropout', 'dense_1'], form: old ? '|S7' : 'vlen' });
    expect(mw.keras_version!.value).toBe(version);
    const names = version === '3.9.2' ? ['sequential/dense/kernel', 'sequential/dense/bias'] : ['dense/kernel:0', 'dense/bias:0'];
    expect(tr.get('model_weights/dense')!.attrs.weight_names!.value).toEqual(names);
    expect(tr.get('model_weights/dropout')!.attrs.weight_names).toEqual({ value: [], form: 'empty float64' });
    // tf.keras ≥ 2.7 and Keras 3 add an empty top_level_model_weights (#09, #12); older ones do not (#05, #07).
    expect(tr.has('model_weights/top_level_model_weights')).toBe(!old);
    if (!old) expect(tr.get('model_weights/top_level_model_weights')!.attrs.weight_names!.form).toBe('empty float64');
    expect(tr.has('model_weights/dense_input')).toBe(false);
    expect(tr.has('optimizer_weights')).toBe(false);
    expectTensors(bytes, {
      [`model_weights/dense/${names[0]}`]: DENSE_W.get('dense')![0]!,
      [`model_weights/dense/${names[1]}`]: DENSE_W.get('dense')![1]!,
      [`model_weights/dense_1/${names[0]!.replace('dense', 'dense_1')}`]: DENSE_W.get('dense_1')![0]!,
    });
  });

  it('adds optimizer_weights and training_config for a compiled model (#07, #09, #12)', () => {
    for (const [version, first] of [['2.2.4', 'Adam_1/iterations:0'], ['2.10.0', 'Adam/iter:0'], ['3.9.2', 'adam/iteration']] as const) {
      const tr = tree(kerasH5(DENSE, DENSE_W, { version, optimizer: true }));
      expect((tr.get('optimizer_weights')!.attrs.weight_names!.value as string[])[0]).toBe(first);
      expect(tr.get(`optimizer_weights/${first}`)).toMatchObject({ kind: 'dataset', shape: [] });
      expect(JSON.parse(tr.get('/')!.attrs.training_config!.value as string)).toHaveProperty('optimizer_config');
    }
  });

  it('splits layer_names into layer_names0, layer_names1 on request (§1 "Attribute chunking")', () => {
    const mw = tree(kerasH5(DENSE, DENSE_W, { version: '2.10.0', layerNameChunks: 2 })).get('model_weights')!.attrs;
    expect(mw.layer_names).toBeUndefined();
    expect([mw.layer_names0!.value, mw.layer_names1!.value]).toEqual([['dense', 'dropout'], ['dense_1']]);
  });
});

describe('a Conv2D + BatchNormalization Functional model', () => {
  const bn = layer('BatchNormalization', 'batch_normalization_1');
  const model = (cls: string) => fn('model_1', [input('input_1'), layer('Conv2D', 'conv2d_1', { filters: 4 }), bn, layer('Activation', 'activation_1')], cls);
  const W = new Map([
    ['conv2d_1', [t([3, 3, 1, 4], 5), t([4], 6)]],
    ['batch_normalization_1', [t([4], 7), t([4], 8), t([4], 9), t([4], 10)]],
  ]);

  it('Keras 2.0.5 "Model": the InputLayer is listed (#02), BN weights in Keras order (§4)', () => {
    const bytes = kerasH5(model('Model'), W, { version: '2.0.5' });
    const tr = tree(bytes);
    expect(tr.get('model_weights')!.attrs.layer_names!.value).toEqual(['input_1', 'conv2d_1', 'batch_normalization_1', 'activation_1']);
    expect(tr.get('model_weights/input_1')!.attrs.weight_names!.form).toBe('empty float64');
    const bnNames = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `batch_normalization_1/${w}:0`);
    expect(tr.get('model_weights/batch_normalization_1')!.attrs.weight_names).toEqual({ value: bnNames, form: '|S39' });
    expectTensors(bytes, Object.fromEntries(bnNames.map((n, i) => [`model_weights/batch_normalization_1/${n}`, W.get('batch_normalization_1')![i]!])));
  });

  it('Keras 2.0/2.1 scope quirk: group batch_normalization_1 holds batch_normalization_1_1/beta:0 (#01)', () => {
    const bytes = kerasH5(model('Model'), W, { version: '2.0.5', scopes: { batch_normalization_1: 'batch_normalization_1_1', conv2d_1: 'conv2d_1_1' } });
    const tr = tree(bytes);
    expect(tr.get('model_weights/batch_normalization_1')!.attrs.weight_names!.value).toContain('batch_normalization_1_1/beta:0');
    expect(tr.get('model_weights/conv2d_1')!.attrs.weight_names!.value).toEqual(['conv2d_1_1/kernel:0', 'conv2d_1_1/bias:0']);
    expectTensors(bytes, { 'model_weights/batch_normalization_1/batch_normalization_1_1/beta:0': W.get('batch_normalization_1')![1]! });
    expect(() => kerasH5(model('Functional'), W, { version: '2.10.0', scopes: { conv2d_1: 'x' } })).toThrow('Keras 2.0–2.2 only');
  });

  it('.keras: class-name paths, the InputLayer in a Functional list, empty vars for weightless layers (§3, #21)', () => {
    const bytes = member(keras3Archive(model('Functional'), W, { version: '3.9.2' }));
    const tr = tree(bytes);
    expect(groups(tr, 'layers/').filter((p) => p.endsWith('/vars'))).toEqual([
      'layers/activation/vars',
      'layers/batch_normalization/vars',
      'layers/conv2d/vars',
      'layers/input_layer/vars',
    ]);
    expect(tr.get('layers/input_layer/vars')!.attrs.name!.value).toBe('input_1');
    expect(tr.get('layers/batch_normalization/vars')!.attrs.name!.value).toBe('batch_normalization_1');
    expect(tr.get('vars')!.attrs.name!.value).toBe('model_1');
    expectTensors(bytes, Object.fromEntries(W.get('batch_normalization_1')!.map((x, i) => [`layers/batch_normalization/vars/${i}`, x])));
    expectTensors(bytes, { 'layers/conv2d/vars/0': W.get('conv2d_1')![0]! });
  });
});

describe('LSTM', () => {
  const model = (names: string[]) => seq('sequential', [input('masking_input'), layer('Masking', 'masking'), ...names.map((n) => layer('LSTM', n, { units: 2 })), layer('Dense', 'dense')]);
  const lstm = (seed: number) => [t([3, 8], seed), t([2, 8], seed + 1), t([8], seed + 2)];
  const W = (names: string[]) => new Map([...names.map((n, i) => [n, lstm(10 * i)] as const), ['dense', [t([2, 1], 99), t([1], 98)]]]);

  it('tf.keras 2.10: a cell scope with its own counter, lstm_1/lstm_cell_1/kernel:0 (#09)', () => {
    const names = ['lstm', 'lstm_1', 'lstm_2'];
    const bytes = kerasH5(model(names), W(names), { version: '2.10.0' });
    const tr = tree(bytes);
    expect(tr.get('model_weights')!.attrs.layer_names!.value).toEqual(['masking', 'lstm', 'lstm_1', 'lstm_2', 'dense']);
    expect(tr.get('model_weights/lstm_1')!.attrs.weight_names).toEqual({ value: ['lstm_1/lstm_cell_1/kernel:0', 'lstm_1/lstm_cell_1/recurrent_kernel:0', 'lstm_1/lstm_cell_1/bias:0'], form: 'vlen' });
    expect(tr.get('model_weights/lstm')!.attrs.weight_names!.value).toEqual(['lstm/lstm_cell/kernel:0', 'lstm/lstm_cell/recurrent_kernel:0', 'lstm/lstm_cell/bias:0']);
    expectTensors(bytes, { 'model_weights/lstm_2/lstm_2/lstm_cell_2/recurrent_kernel:0': W(names).get('lstm_2')![1]! });
  });

  it('Keras 2.2: no cell scope, lstm_1/kernel:0 (#15)', () => {
    const names = ['lstm_1', 'lstm_2'];
    const tr = tree(kerasH5(model(names), W(names), { version: '2.2.4' }));
    expect(tr.get('model_weights/lstm_1')!.attrs.weight_names!.value).toEqual(['lstm_1/kernel:0', 'lstm_1/recurrent_kernel:0', 'lstm_1/bias:0']);
  });

  it('Keras 3 legacy h5: sequential/lstm/lstm_cell/kernel (#12, #13)', () => {
    const names = ['lstm', 'lstm_1'];
    const bytes = kerasH5(model(names), W(names), { version: '3.9.2' });
    expect(tree(bytes).get('model_weights/lstm_1')!.attrs.weight_names!.value).toEqual(['sequential/lstm_1/lstm_cell/kernel', 'sequential/lstm_1/lstm_cell/recurrent_kernel', 'sequential/lstm_1/lstm_cell/bias']);
    expectTensors(bytes, { 'model_weights/lstm_1/sequential/lstm_1/lstm_cell/bias': W(names).get('lstm_1')![2]! });
  });

  it('.keras: layers/lstm/cell/vars/0..2, the layer\'s own vars empty (#23, #24)', () => {
    const names = ['lstm_2', 'lstm_3'];
    const bytes = member(keras3Archive(model(names), W(names), { version: '3.6.0' }));
    const tr = tree(bytes);
    expect(tr.get('layers/lstm/vars')!.attrs.name!.value).toBe('lstm_2');
    expect(tr.get('layers/lstm_1/cell/vars')!.attrs.name!.value).toBe('lstm_cell');
    expect(groups(tr, 'layers/lstm_1')).toEqual(['layers/lstm_1', 'layers/lstm_1/cell', 'layers/lstm_1/cell/vars', 'layers/lstm_1/vars']);
    expect(tr.has('layers/lstm/vars/0')).toBe(false);
    expectTensors(bytes, Object.fromEntries(W(names).get('lstm_3')!.map((x, i) => [`layers/lstm_1/cell/vars/${i}`, x])));
  });
});

describe('GRU, reset_after false and true (§4)', () => {
  const gru = (name: string, resetAfter: boolean) => layer('GRU', name, { units: 2, reset_after: resetAfter });
  const w = (resetAfter: boolean) => [t([1, 6], 1), t([2, 6], 2), resetAfter ? t([2, 6], 3) : t([6], 3)];

  it('Keras 2.0/2.2, reset_after false: gru_2/kernel:0, bias (3u,) (#02)', () => {
    const bytes = kerasH5(fn('model_2', [input('input_2'), gru('gru_2', false)], 'Model'), new Map([['gru_2', w(false)]]), { version: '2.0.5' });
    expect(tree(bytes).get('model_weights/gru_2')!.attrs.weight_names!.value).toEqual(['gru_2/kernel:0', 'gru_2/recurrent_kernel:0', 'gru_2/bias:0']);
    expectTensors(bytes, { 'model_weights/gru_2/gru_2/bias:0': w(false)[2]! });
  });

  it('tf.keras and Keras 3, reset_after true: bias (2, 3u) (#08, #12, #18)', () => {
    const model = seq('sequential', [gru('gru', true), layer('Dense', 'dense')]);
    const W = new Map([['gru', w(true)], ['dense', [t([2, 1], 4), t([1], 5)]]]);
    expectTensors(kerasH5(model, W, { version: '2.10.0' }), { 'model_weights/gru/gru/gru_cell/bias:0': w(true)[2]! });
    expectTensors(kerasH5(model, W, { version: '3.9.2' }), { 'model_weights/gru/sequential/gru/gru_cell/bias': w(true)[2]! });
    const archived = tree(member(keras3Archive(model, W)));
    // #18: `layers/gru/vars` @name gru…, `layers/gru/cell/vars` @name gru_cell, bias (2, 150).
    expect(archived.get('layers/gru/cell/vars')!.attrs.name!.value).toBe('gru_cell');
    expect(archived.get('layers/gru/cell/vars/2')!.shape).toEqual([2, 6]);
  });
});

describe('Bidirectional', () => {
  const fwd = [t([3, 6], 1), t([2, 6], 2), t([6], 3)];
  const bwd = [t([3, 6], 4), t([2, 6], 5), t([6], 6)];

  it('Keras 2.2.4: bidirectional_5/forward_gru_4/kernel:0, forward first (#05)', () => {
    const model = seq('sequential_19', [layer('Embedding', 'embedding_17'), layer('Bidirectional', 'bidirectional_5', { layer: layer('GRU', 'gru_4', { reset_after: false }) }), layer('Dense', 'dense_17')]);
    const W = new Map([['embedding_17', [t([10, 3], 7)]], ['bidirectional_5', [...fwd, ...bwd]], ['dense_17', [t([4, 1], 8), t([1], 9)]]]);
    const bytes = kerasH5(model, W, { version: '2.2.4' });
    const names = tree(bytes).get('model_weights/bidirectional_5')!.attrs.weight_names!;
    expect(names.value).toEqual(['forward', 'backward'].flatMap((d) => ['kernel', 'recurrent_kernel', 'bias'].map((w) => `bidirectional_5/${d}_gru_4/${w}:0`)));
    expect(names.form).toBe('|S49');
    expectTensors(bytes, { 'model_weights/bidirectional_5/bidirectional_5/forward_gru_4/kernel:0': fwd[0]!, 'model_weights/bidirectional_5/bidirectional_5/backward_gru_4/bias:0': bwd[2]! });
  });

  it('tf.keras: each Bidirectional takes three cell names, its copies the 2nd and 3rd (#26)', () => {
    const bidi = (name: string, inner: string) => layer('Bidirectional', name, { layer: layer('LSTM', inner) });
    const model = seq('sequential', [layer('Embedding', 'embedding'), bidi('bidirectional', 'lstm'), bidi('bidirectional_1', 'lstm_1')]);
    const W = new Map([['embedding', [t([10, 3], 7)]], ['bidirectional', [...fwd, ...bwd]], ['bidirectional_1', [...fwd, ...bwd]]]);
    const tr = tree(kerasH5(model, W, { version: '2.10.0' }));
    const names = (g: string) => tr.get(`model_weights/${g}`)!.attrs.weight_names!.value as string[];
    expect([names('bidirectional')[0], names('bidirectional')[3]]).toEqual(['bidirectional/forward_lstm/lstm_cell_1/kernel:0', 'bidirectional/backward_lstm/lstm_cell_2/kernel:0']);
    expect([names('bidirectional_1')[0], names('bidirectional_1')[5]]).toEqual(['bidirectional_1/forward_lstm_1/lstm_cell_4/kernel:0', 'bidirectional_1/backward_lstm_1/lstm_cell_5/bias:0']);
  });

  // Keras 3 configs hold the forward copy, already named forward_…, and the backward one (#13).
  const k3 = seq('sequential', [
    { class_name: 'InputLayer', config: { name: 'input_layer', batch_shape: [null, 5, 3] } },
    layer('Bidirectional', 'bidirectional', { layer: layer('LSTM', 'forward_lstm'), backward_layer: layer('LSTM', 'backward_lstm', { go_backwards: true }) }),
  ]);
  const W3 = new Map([['bidirectional', [...fwd, ...bwd]]]);

  it('Keras 3 legacy h5: sequential/bidirectional/forward_lstm/lstm_cell/kernel (#13)', () => {
    const bytes = kerasH5(k3, W3, { version: '3.9.2' });
    expect(tree(bytes).get('model_weights/bidirectional')!.attrs.weight_names!.value).toEqual(
      ['forward', 'backward'].flatMap((d) => ['kernel', 'recurrent_kernel', 'bias'].map((w) => `sequential/bidirectional/${d}_lstm/lstm_cell/${w}`)),
    );
    expectTensors(bytes, { 'model_weights/bidirectional/sequential/bidirectional/backward_lstm/lstm_cell/kernel': bwd[0]! });
  });

  it('.keras: forward_layer/cell/vars and backward_layer/cell/vars (§3, #19)', () => {
    const bytes = member(keras3Archive(k3, W3));
    const tr = tree(bytes);
    expect(groups(tr, 'layers/')).toEqual([
      'layers/bidirectional',
      'layers/bidirectional/backward_layer',
      'layers/bidirectional/backward_layer/cell',
      'layers/bidirectional/backward_layer/cell/vars',
      'layers/bidirectional/backward_layer/vars',
      'layers/bidirectional/forward_layer',
      'layers/bidirectional/forward_layer/cell',
      'layers/bidirectional/forward_layer/cell/vars',
      'layers/bidirectional/forward_layer/vars',
      'layers/bidirectional/vars',
    ]);
    expect(tr.get('layers/bidirectional/forward_layer/vars')!.attrs.name!.value).toBe('forward_lstm');
    expect(tr.get('layers/bidirectional/backward_layer/vars')!.attrs.name!.value).toBe('backward_lstm');
    expectTensors(bytes, { ...Object.fromEntries(fwd.map((x, i) => [`layers/bidirectional/forward_layer/cell/vars/${i}`, x])), ...Object.fromEntries(bwd.map((x, i) => [`layers/bidirectional/backward_layer/cell/vars/${i}`, x])) });
  });
});

describe('TimeDistributed(Dense)', () => {
  const td = layer('TimeDistributed', 'time_distributed_2', { layer: layer('Dense', 'dense_2', { units: 3 }) });
  const W = new Map([['time_distributed_2', [t([4, 3], 1), t([3], 2)]]]);

  it('Keras 2.0: the wrapped layer\'s weights under the wrapper\'s scope, time_distributed_2/kernel:0 (#02)', () => {
    const bytes = kerasH5(fn('model_2', [input('input_2'), td], 'Model'), W, { version: '2.0.5' });
    expect(tree(bytes).get('model_weights/time_distributed_2')!.attrs.weight_names!.value).toEqual(['time_distributed_2/kernel:0', 'time_distributed_2/bias:0']);
    expectTensors(bytes, { 'model_weights/time_distributed_2/time_distributed_2/kernel:0': W.get('time_distributed_2')![0]! });
  });

  it('Keras 3 legacy h5: the wrapped layer\'s scope inside the wrapper\'s', () => {
    const tr = tree(kerasH5(seq('sequential', [td]), W, { version: '3.9.2' }));
    expect(tr.get('model_weights/time_distributed_2')!.attrs.weight_names!.value).toEqual(['sequential/time_distributed_2/dense_2/kernel', 'sequential/time_distributed_2/dense_2/bias']);
  });

  it('.keras: layers/time_distributed/layer/vars/0..1 (#23, #25)', () => {
    const bytes = member(keras3Archive(seq('sequential', [td]), W, { version: '3.6.0' }));
    const tr = tree(bytes);
    expect(tr.get('layers/time_distributed/vars')!.attrs.name!.value).toBe('time_distributed_2');
    expect(tr.get('layers/time_distributed/layer/vars')!.attrs.name!.value).toBe('dense_2');
    expectTensors(bytes, { 'layers/time_distributed/layer/vars/0': W.get('time_distributed_2')![0]!, 'layers/time_distributed/layer/vars/1': W.get('time_distributed_2')![1]! });
  });
});

describe('a Sequential nesting a Functional', () => {
  const encoder = (cls: string, trainable = true) =>
    fn('encoder', [input('input_layer_1'), layer('Conv2D', 'conv2d'), layer('BatchNormalization', 'batch_normalization'), layer('Conv2D', 'conv2d_1')], cls).config as object;
  const model = (cls: string, trainable = true) => seq('sequential', [input('input_layer'), { class_name: cls, config: { ...encoder(cls), trainable } }, layer('Dense', 'dense')]);
  const W = new Map([
    ['conv2d', [t([3, 3, 1, 2], 1), t([2], 2)]],
    ['batch_normalization', [t([2], 3), t([2], 4), t([2], 5), t([2], 6)]],
    ['conv2d_1', [t([3, 3, 2, 2], 7), t([2], 8)]],
    ['dense', [t([8, 1], 9), t([1], 10)]],
  ]);
  // #17: every trainable weight of the nested model's layers, then the non-trainable ones.
  const nestedNames = ['conv2d/kernel', 'conv2d/bias', 'batch_normalization/gamma', 'batch_normalization/beta', 'conv2d_1/kernel', 'conv2d_1/bias', 'batch_normalization/moving_mean', 'batch_normalization/moving_variance'];

  it.each([['2.2.4', 'Model'], ['2.10.0', 'Functional']])('Keras %s: one layer_names entry, sub-layer weights with no model prefix, BN moving stats last (#07, #17)', (version, cls) => {
    const bytes = kerasH5(model(cls), W, { version });
    const tr = tree(bytes);
    expect(tr.get('model_weights')!.attrs.layer_names!.value).toEqual(['encoder', 'dense']);
    expect(tr.get('model_weights/encoder')!.attrs.weight_names!.value).toEqual(nestedNames.map((n) => `${n}:0`));
    expectTensors(bytes, { 'model_weights/encoder/batch_normalization/moving_mean:0': W.get('batch_normalization')![2]!, 'model_weights/encoder/conv2d_1/kernel:0': W.get('conv2d_1')![0]! });
  });

  it('a frozen nested model keeps its layers\' order', () => {
    const tr = tree(kerasH5(model('Functional', false), W, { version: '2.10.0' }));
    expect((tr.get('model_weights/encoder')!.attrs.weight_names!.value as string[]).slice(2, 6)).toEqual(['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w) => `batch_normalization/${w}:0`));
  });

  it('Keras 3 legacy h5: the nested Functional\'s paths carry no prefix, the Sequential\'s layers do', () => {
    const tr = tree(kerasH5(model('Functional'), W, { version: '3.9.2' }));
    expect(tr.get('model_weights/encoder')!.attrs.weight_names!.value).toEqual(nestedNames);
    expect(tr.get('model_weights/dense')!.attrs.weight_names!.value).toEqual(['sequential/dense/kernel', 'sequential/dense/bias']);
  });

  it('.keras: layers/functional/layers/…, the Functional\'s InputLayer included (#21, §3)', () => {
    const bytes = member(keras3Archive(model('Functional'), W));
    const tr = tree(bytes);
    expect(groups(tr, 'layers/').filter((p) => p.endsWith('/vars'))).toEqual([
      'layers/dense/vars',
      'layers/functional/layers/batch_normalization/vars',
      'layers/functional/layers/conv2d/vars',
      'layers/functional/layers/conv2d_1/vars',
      'layers/functional/layers/input_layer/vars',
      'layers/functional/vars',
    ]);
    expect(tr.get('layers/functional/vars')!.attrs.name!.value).toBe('encoder');
    expectTensors(bytes, Object.fromEntries(W.get('batch_normalization')!.map((x, i) => [`layers/functional/layers/batch_normalization/vars/${i}`, x])));
  });
});

describe('.keras with nested Functionals sharing an InputLayer, as #22', () => {
  // #22: encoder and decoder saved as functional and functional_1; the decoder's conv2d_3 at
  // layers/functional_1/layers/conv2d; the encoder's InputLayer, shared with the outer model, once.
  const model = fn('autoencoder', [
    layer('InputLayer', 'input_layer'),
    fn('encoder', [layer('InputLayer', 'input_layer'), layer('Conv2D', 'conv2d'), layer('Conv2D', 'conv2d_1')]),
    fn('decoder', [layer('InputLayer', 'input_layer_1'), layer('Conv2DTranspose', 'conv2d_transpose'), layer('Conv2D', 'conv2d_3')]),
  ]);
  const W = new Map([
    ['conv2d', [t([3, 3, 1, 2], 1), t([2], 2)]],
    ['conv2d_1', [t([3, 3, 2, 2], 3), t([2], 4)]],
    ['conv2d_transpose', [t([3, 3, 2, 2], 5), t([2], 6)]],
    ['conv2d_3', [t([3, 3, 2, 1], 7), t([1], 8)]],
  ]);

  it.each(['3.5.0', '3.9.2'])('Keras %s', (version) => {
    const bytes = member(keras3Archive(model, W, { version }));
    const tr = tree(bytes);
    expect(groups(tr, 'layers/').filter((p) => p.endsWith('/vars'))).toEqual([
      'layers/functional/layers/conv2d/vars',
      'layers/functional/layers/conv2d_1/vars',
      'layers/functional/vars',
      'layers/functional_1/layers/conv2d/vars',
      'layers/functional_1/layers/conv2d_transpose/vars',
      'layers/functional_1/layers/input_layer/vars',
      'layers/functional_1/vars',
      'layers/input_layer/vars',
    ]);
    expect(tr.get('layers/functional_1/layers/conv2d/vars')!.attrs.name?.value).toBe(version === '3.9.2' ? 'conv2d_3' : undefined);
    expectTensors(bytes, { 'layers/functional_1/layers/conv2d/vars/0': W.get('conv2d_3')![0]!, 'layers/functional_1/layers/conv2d_transpose/vars/0': W.get('conv2d_transpose')![0]! });
  });
});

describe('.keras archives and .weights.h5', () => {
  it('holds metadata.json, config.json, model.weights.h5, stored unless asked to deflate (§0, §3)', () => {
    for (const deflate of [false, true]) {
      const archive = keras3Archive(DENSE, DENSE_W, { version: '3.3.3', deflate });
      const entries = readZip(archive);
      if ('error' in entries) throw new Error(entries.error);
      expect(entries.names).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
      expect(archive[8]).toBe(deflate ? 8 : 0); // the first member's compression method
      expect(JSON.parse(new TextDecoder().decode(entries.read('metadata.json')))).toMatchObject({ keras_version: '3.3.3' });
      expect(JSON.parse(new TextDecoder().decode(entries.read('config.json')))).toEqual(DENSE);
    }
  });

  it('writes @name on vars groups from Keras 3.6 only (#18, #21, #23; not #20)', () => {
    const named = tree(member(keras3Archive(DENSE, DENSE_W, { version: '3.9.2' })));
    expect(named.get('vars')!.attrs.name!.value).toBe('sequential');
    expect(named.get('layers/dropout/vars')!.attrs.name!.value).toBe('dropout');
    expect(named.get('optimizer/vars')!.attrs.name!.value).toBe('adam');
    const unnamed = tree(member(keras3Archive(DENSE, DENSE_W, { version: '3.3.3' })));
    expect([...unnamed.values()].every((e) => Object.keys(e.attrs).length === 0)).toBe(true);
    // #20: the model's own vars, one group per layer (the Sequential's InputLayer left out), the optimizer.
    expect([...unnamed.keys()].filter((p) => unnamed.get(p)!.kind === 'group')).toEqual(['/', 'layers', 'layers/dense', 'layers/dense/vars', 'layers/dense_1', 'layers/dense_1/vars', 'layers/dropout', 'layers/dropout/vars', 'optimizer', 'optimizer/vars', 'vars']);
    expect(unnamed.get('optimizer/vars/0')).toMatchObject({ kind: 'dataset', shape: [] });
  });

  it('keras3WeightsOnly: the same tree as model.weights.h5 (§3, #24, #25)', () => {
    for (const version of ['3.3.3', '3.9.2']) expect(tree(keras3WeightsOnly(DENSE, DENSE_W, { version }))).toEqual(tree(member(keras3Archive(DENSE, DENSE_W, { version }))));
  });

  it('tf.keras 2.13 on Windows: _layer_checkpoint_dependencies\\simple_rnn\\cell/vars/0 at the root (#06)', () => {
    const model = seq('sequential', [layer('SimpleRNN', 'simple_rnn'), layer('Dense', 'dense')]);
    const W = new Map([['simple_rnn', [t([34, 4], 1), t([4, 4], 2), t([4], 3)]], ['dense', [t([4, 34], 4), t([34], 5)]]]);
    const archive = keras3Archive(model, W, { tfKeras213: true, windows: true });
    expect(JSON.parse(new TextDecoder().decode(member(archive, 'metadata.json')))).toMatchObject({ keras_version: '2.13.1' });
    const bytes = member(archive);
    const tr = tree(bytes);
    expect([...tr.keys()].filter((p) => !p.includes('/'))).toEqual([
      '_layer_checkpoint_dependencies\\dense',
      '_layer_checkpoint_dependencies\\simple_rnn',
      '_layer_checkpoint_dependencies\\simple_rnn\\cell',
      'metrics\\mean',
      'optimizer',
      'vars',
    ]);
    expect(tr.get('_layer_checkpoint_dependencies\\simple_rnn/vars')!.kind).toBe('group');
    expect([...tr.values()].every((e) => Object.keys(e.attrs).length === 0)).toBe(true);
    expectTensors(bytes, { '_layer_checkpoint_dependencies\\simple_rnn\\cell/vars/0': W.get('simple_rnn')![0]!, '_layer_checkpoint_dependencies\\dense/vars/1': W.get('dense')![1]! });
  });

  it('tf.keras 2.13: a layer with weights counted twice, so the second Dense is dense_2', () => {
    const tr = tree(keras3WeightsOnly(DENSE, DENSE_W, { tfKeras213: true }));
    expect(groups(tr, '_layer_checkpoint_dependencies/').filter((p) => p.endsWith('/vars'))).toEqual([
      '_layer_checkpoint_dependencies/dense/vars',
      '_layer_checkpoint_dependencies/dense_2/vars',
      '_layer_checkpoint_dependencies/dropout/vars',
    ]);
    expect(() => keras3WeightsOnly(DENSE, DENSE_W, { tfKeras213: true, version: '3.9.2' })).toThrow('tfKeras213 with version 3.9.2');
  });

  it('tf.keras 2.15 on Windows: layers\\conv1d/vars/0 (#14)', () => {
    const model = seq('sequential', [layer('Conv1D', 'conv1d'), layer('AveragePooling1D', 'average_pooling1d'), layer('Conv1D', 'conv1d_1')]);
    const W = new Map([['conv1d', [t([2, 1, 3], 1), t([3], 2)]], ['conv1d_1', [t([2, 3, 4], 3), t([4], 4)]]]);
    const bytes = keras3WeightsOnly(model, W, { version: '2.15.0', windows: true });
    expect([...tree(bytes).keys()].filter((p) => p.startsWith('layers'))).toEqual([
      'layers\\average_pooling1d',
      'layers\\average_pooling1d/vars',
      'layers\\conv1d',
      'layers\\conv1d/vars',
      'layers\\conv1d/vars/0',
      'layers\\conv1d/vars/1',
      'layers\\conv1d_1',
      'layers\\conv1d_1/vars',
      'layers\\conv1d_1/vars/0',
      'layers\\conv1d_1/vars/1',
    ]);
    expectTensors(bytes, { 'layers\\conv1d_1/vars/0': W.get('conv1d_1')![0]! });
  });
});

describe('kerasWeightsH5: save_weights("x.h5") in Keras 2 (§2)', () => {
  it('Keras 2.2.2: the model_weights layout at the root, no config (#15)', () => {
    const model = seq('sequential_1', [layer('LSTM', 'lstm_1'), layer('Dropout', 'dropout_1'), layer('Dense', 'dense_1')]);
    const W = new Map([['lstm_1', [t([5, 8], 1), t([2, 8], 2), t([8], 3)]], ['dense_1', [t([2, 1], 4), t([1], 5)]]]);
    const bytes = kerasWeightsH5(model, W, { version: '2.2.2' });
    const tr = tree(bytes);
    expect(Object.keys(tr.get('/')!.attrs).sort()).toEqual(['backend', 'keras_version', 'layer_names']);
    expect(tr.get('/')!.attrs.layer_names).toEqual({ value: ['lstm_1', 'dropout_1', 'dense_1'], form: '|S9' });
    expect(tr.get('lstm_1')!.attrs.weight_names!.value).toEqual(['lstm_1/kernel:0', 'lstm_1/recurrent_kernel:0', 'lstm_1/bias:0']);
    expect(tr.has('top_level_model_weights')).toBe(false);
    expectTensors(bytes, { 'lstm_1/lstm_1/kernel:0': W.get('lstm_1')![0]! });
  });

  it('tf.keras 2.7: a Functional\'s InputLayer, nested models, top_level_model_weights (#17)', () => {
    const inner = fn('model_6', [input('input_13'), layer('Conv2D', 'conv2d_10'), layer('BatchNormalization', 'batch_normalization_20')]);
    const model = fn('model_8', [input('input_12'), inner]);
    const W = new Map([['conv2d_10', [t([2, 2, 1, 2], 1), t([2], 2)]], ['batch_normalization_20', [t([2], 3), t([2], 4), t([2], 5), t([2], 6)]]]);
    const tr = tree(kerasWeightsH5(model, W, { version: '2.7.0' }));
    expect(tr.get('/')!.attrs.layer_names).toEqual({ value: ['input_12', 'model_6'], form: 'vlen' });
    expect(tr.get('top_level_model_weights')!.attrs.weight_names!.form).toBe('empty float64');
    expect((tr.get('model_6')!.attrs.weight_names!.value as string[]).slice(-2)).toEqual(['batch_normalization_20/moving_mean:0', 'batch_normalization_20/moving_variance:0']);
  });

  it('refuses Keras 3, which writes no such file', () => {
    expect(() => kerasWeightsH5(DENSE, DENSE_W, { version: '3.9.2' })).toThrow('keras3WeightsOnly');
  });
});

describe('inputs', () => {
  it('snakeCase is Keras\'s to_snake_case', () => {
    const cases = { Conv2DTranspose: 'conv2d_transpose', PReLU: 'p_re_lu', LSTM: 'lstm', BatchNormalization: 'batch_normalization', Functional: 'functional', GlobalAveragePooling1D: 'global_average_pooling1d', InputLayer: 'input_layer', SimpleRNN: 'simple_rnn', TimeDistributed: 'time_distributed', DepthwiseConv2D: 'depthwise_conv2d', ReLU: 're_lu' };
    for (const [cls, snake] of Object.entries(cases)) expect(snakeCase(cls), cls).toBe(snake);
    // tf.keras's counts digits as lower case after a capital: its ConvLSTM2D is the well-known conv_lst_m2d.
    expect([snakeCase('Conv2DTranspose', true), snakeCase('ConvLSTM2D'), snakeCase('ConvLSTM2D', true)]).toEqual(['conv2d_transpose', 'conv_lstm2d', 'conv_lst_m2d']);
  });

  it('throws on a miscounted, missing or unknown layer\'s weights', () => {
    expect(() => kerasH5(DENSE, new Map([['dense', [t([3, 4], 1)]], ['dense_1', DENSE_W.get('dense_1')!]]), { version: '2.10.0' })).toThrow('dense (Dense) has 2 weights (kernel, bias), 1 given');
    expect(() => kerasH5(DENSE, new Map([['dense', DENSE_W.get('dense')!]]), { version: '2.10.0' })).toThrow('dense_1 (Dense) has 2 weights');
    expect(() => kerasH5(DENSE, new Map([...DENSE_W, ['dense_9', []]]), { version: '2.10.0' })).toThrow('the model does not have: dense_9');
    const custom = seq('sequential', [layer('MyLayer', 'my_layer')]);
    expect(() => kerasH5(custom, new Map([['my_layer', [t([2], 1)]]]), { version: '2.10.0' })).toThrow('no weight names known for MyLayer');
    // saving_lib needs no names: a custom layer's arrays are its vars in order.
    expect(tree(keras3WeightsOnly(custom, new Map([['my_layer', [t([2], 1)]]]))).get('layers/my_layer/vars/0')!.shape).toEqual([2]);
  });
});
