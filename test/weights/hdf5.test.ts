/**
 * src/weights/hdf5.ts on files the tests write with h5wasm in Keras's layouts: exact shapes,
 * dtypes and bytes (bit for bit, NaN payloads included), both string forms, empty name lists,
 * chunked name lists, child order, links, and the jsfive internals the reader relies on.
 */
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/parse/archive.js';
import { catchHdf5, type Hdf5Dataset, Hdf5Error, type Hdf5Group, nameList, openHdf5, walk } from '../../src/weights/hdf5.js';
import { zip } from '../zip.js';
import { EMPTY, fixed, keras3WeightsH5, legacyModelH5, legacyWeightsGroup, readBack, writeHdf5 } from './h5write.js';

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
/** Float32 values whose bits a trip through a JS number could change: NaN payloads, -0, subnormals. */
const awkward = new Float32Array(new Uint32Array([0x7fa00001, 0xffc00123, 0x80000000, 0x00000001, 0x807fffff, 0x3f800000]).buffer);
const f32 = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 31 + i) * 3);

function dataset(root: Hdf5Group, path: string): Hdf5Dataset {
  const node = root.get(path);
  if (node?.kind !== 'dataset') throw new Error(`no dataset at ${path}`);
  return node;
}

function group(root: Hdf5Group, path: string): Hdf5Group {
  const node = root.get(path);
  if (node?.kind !== 'group') throw new Error(`no group at ${path}`);
  return node;
}

const DENSE = { name: 'dense', weights: [{ name: 'dense/kernel:0', data: f32(12, 1), shape: [3, 4] }, { name: 'dense/bias:0', data: awkward.slice(0, 4), shape: [4] }] };
const BN = {
  name: 'batch_normalization_1',
  // The scope differs from the layer name, as in real Keras 2.0 files (#01).
  weights: ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((w, i) => ({ name: `batch_normalization_1_1/${w}:0`, data: f32(4, 10 + i), shape: [4] })),
};
const LAYERS = [{ name: 'input_1', weights: [] }, DENSE, BN, { name: 'activation_1', weights: [] }];
const CONFIG = { class_name: 'Sequential', config: { name: 'sequential', layers: [] } };

describe.each(['fixed', 'vlen'] as const)('a Keras 2 full-model file with %s-length strings', (strings) => {
  const bytes = legacyModelH5(CONFIG, LAYERS, { strings, topLevel: true });
  const root = openHdf5(bytes);

  it('decodes the root attributes to plain strings', () => {
    expect(root.attrs.get('keras_version')).toBe(strings === 'fixed' ? '2.2.4' : '2.12.0');
    expect(root.attrs.get('backend')).toBe('tensorflow');
    expect(JSON.parse(root.attrs.get('model_config') as string)).toEqual(CONFIG);
  });

  it('reads layer_names in model order and each weight_names, the empty ones as []', () => {
    const weights = group(root, 'model_weights');
    expect(nameList(weights, 'layer_names')).toEqual(['input_1', 'dense', 'batch_normalization_1', 'activation_1']);
    expect(nameList(group(weights, 'input_1'), 'weight_names')).toEqual([]);
    expect(nameList(group(weights, 'top_level_model_weights'), 'weight_names')).toEqual([]);
    expect(group(weights, 'activation_1').attrs.get('weight_names')).toEqual([]);
    expect(nameList(group(weights, 'dense'), 'weight_names')).toEqual(['dense/kernel:0', 'dense/bias:0']);
    expect(nameList(group(weights, 'batch_normalization_1'), 'weight_names')).toEqual(BN.weights.map((w) => w.name));
    // The groups themselves are stored sorted by name, whatever the model order.
    expect(weights.names).toEqual(['activation_1', 'batch_normalization_1', 'dense', 'input_1', 'top_level_model_weights']);
  });

  it('reads every weight bit for bit, with its shape and dtype, through its weight name', () => {
    for (const layer of [DENSE, BN]) {
      for (const w of layer.weights) {
        const ds = dataset(root, `model_weights/${layer.name}/${w.name}`);
        expect(ds.shape).toEqual(w.shape);
        expect(ds.dtype).toBe('float32');
        expect(ds.storedType).toBe('little-endian float32');
        expect(ds.bytes()).toEqual(bytesOf(w.data));
        expect(bytesOf(ds.array())).toEqual(bytesOf(w.data));
        expect(ds.bytes()).toEqual(readBack(bytes, ds.path).bytes);
      }
    }
  });
});

describe('a Keras 3 .weights.h5 and a .keras archive', () => {
  const cell = Array.from({ length: 12 }, (_, i) => ({ data: f32(2 + i, i), shape: [2 + i] }));
  const weights = keras3WeightsH5([
    { path: 'layers/dense', name: 'dense_1', vars: [{ data: f32(6, 3), shape: [2, 3] }, { data: awkward.slice(0, 3), shape: [3] }] },
    { path: 'layers/gru/cell', name: 'gru_cell', vars: cell },
    { path: 'layers/gru', name: 'gru_1', vars: [] },
  ]);

  it('reads vars by index with their name attribute, and the empty vars groups', () => {
    const root = openHdf5(weights);
    expect(root.names).toEqual(['layers', 'optimizer', 'vars']);
    const vars = group(root, 'layers/dense/vars');
    expect(vars.attrs.get('name')).toBe('dense_1');
    expect(vars.names).toEqual(['0', '1']);
    expect(dataset(root, 'layers/dense/vars/1').bytes()).toEqual(bytesOf(awkward.slice(0, 3)));
    expect(group(root, 'layers/gru/vars').names).toEqual([]);
    expect(group(root, 'layers/gru').names).toEqual(['cell', 'vars']);
    expect(dataset(root, '/optimizer/vars/0')).toMatchObject({ shape: [], dtype: 'int64' });
    expect(dataset(root, 'optimizer/vars/0').array()).toEqual(BigInt64Array.of(600n));
  });

  it('lists children in stored order (byte order: "10" before "2"), not in JS integer-key order', () => {
    const vars = group(openHdf5(weights), 'layers/gru/cell/vars');
    expect(vars.names).toEqual(['0', '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(vars.sortedNames).toEqual(vars.names);
    for (let i = 0; i < 12; i++) expect(dataset(vars, String(i)).bytes()).toEqual(bytesOf(cell[i]!.data));
  });

  it('reads model.weights.h5 out of a stored .keras zip, and out of a view into a larger buffer', () => {
    const archive = zip([
      { name: 'metadata.json', data: Buffer.from('{"keras_version": "3.9.2"}'), deflate: false },
      { name: 'config.json', data: Buffer.from('{}'), deflate: false },
      { name: 'model.weights.h5', data: weights, deflate: false },
    ]);
    const entries = readZip(archive);
    if ('error' in entries) throw new Error(entries.error);
    // fflate copies a stored member into a buffer of its own.
    const member = entries.read('model.weights.h5')!;
    expect(dataset(openHdf5(member), 'layers/dense/vars/0').bytes()).toEqual(bytesOf(f32(6, 3)));
    const view = new Uint8Array(member.length + 8).subarray(8);
    view.set(member);
    expect(dataset(openHdf5(view), 'layers/dense/vars/0').bytes()).toEqual(bytesOf(f32(6, 3)));
  });
});

describe('name lists', () => {
  const names = Array.from({ length: 10 }, (_, i) => `layer_${i}`);

  it.each([2, 3, 7])('layer_names split in %i chunks concatenate in numeric order', (chunks) => {
    const root = openHdf5(writeHdf5(legacyWeightsGroup(names.map((name) => ({ name, weights: [] })), { strings: 'vlen', layerNameChunks: chunks })));
    expect(root.attrs.has('layer_names')).toBe(false);
    expect(nameList(root, 'layer_names')).toEqual(names);
  });

  it('follows Keras: chunks in numeric order whatever the stored order, up to the first gap; the whole attribute wins', () => {
    const root = openHdf5(writeHdf5({ attrs: { a1: ['c'], a0: fixed(['a', 'b']), a2: ['d'], b0: ['x'], b2: ['y'], c: ['whole'], c0: ['chunk'] } }));
    expect([...root.attrs.keys()]).toEqual(['a1', 'a0', 'a2', 'b0', 'b2', 'c', 'c0']);
    expect(nameList(root, 'a')).toEqual(['a', 'b', 'c', 'd']);
    expect(nameList(root, 'b')).toEqual(['x']);
    expect(nameList(root, 'c')).toEqual(['whole']);
    expect(nameList(root, 'missing')).toBeUndefined();
  });

  it('refuses an attribute that is not a list of names, as an Hdf5Error', () => {
    const root = openHdf5(writeHdf5({ attrs: { scalar: 'one', numbers: 1.5 } }));
    expect(() => nameList(root, 'scalar')).toThrow(Hdf5Error);
    expect(() => nameList(root, 'numbers')).toThrow('the attribute "numbers" of "/" is not a list of names');
  });
});

describe('attributes', () => {
  const root = openHdf5(
    writeHdf5({
      attrs: {
        vlen: 'dénse_😀',
        vlist: ['a', '', 'ü'],
        fixedScalar: fixed('2.0.5'),
        fixedList: fixed(['input_1', 'dense', 'batch_normalization_1']),
        empty: EMPTY,
        number: 0.1,
        ['__proto__']: ['not a prototype'],
      },
    }),
  );

  it('decode to plain values: both string forms without padding, the empty float64 array as []', () => {
    // In stored order; a Map, so a hostile name is an ordinary key.
    expect([...root.attrs]).toEqual([
      ['vlen', 'dénse_😀'],
      ['vlist', ['a', '', 'ü']],
      ['fixedScalar', '2.0.5'],
      ['fixedList', ['input_1', 'dense', 'batch_normalization_1']],
      ['empty', []],
      ['number', 0.1],
      ['__proto__', ['not a prototype']],
    ]);
  });
});

describe('datasets', () => {
  const big = 2n ** 60n + 1n;
  const bytes = writeHdf5(
    {
      children: {
        f64: { data: Float64Array.of(0.1, -0, Number.MIN_VALUE, 1e308), shape: [2, 2] },
        i32: { data: Int32Array.of(-1, 2 ** 31 - 1), shape: [2] },
        i64: { data: BigInt64Array.of(big, -big), shape: [2] },
        u8: { data: Uint8Array.of(0, 255, 7), shape: [3] },
        i8: { data: Int8Array.of(-128, 127), shape: [2] },
        bf16: { data: Uint16Array.of(0x3f80, 0xc000), shape: [2], dtype: '<H', attrs: { dtype: 'bfloat16' } },
        scalar: { data: Float32Array.of(2.5), shape: [] },
        empty: { data: new Float32Array(0), shape: [0, 3] },
        chunked: { data: f32(100, 7), shape: [10, 10], chunks: [4, 3], gzip: true },
        chunked64: { data: BigInt64Array.of(1n, 2n), shape: [2], chunks: [1] },
      },
    },
    {
      extra: (f) => f.create_dataset({ name: 'text', data: ['a', 'b'] }),
    },
  );
  const root = openHdf5(bytes);

  it.each([
    ['f64', 'float64', [2, 2], Float64Array.of(0.1, -0, Number.MIN_VALUE, 1e308)],
    ['i32', 'int32', [2], Int32Array.of(-1, 2 ** 31 - 1)],
    ['i64', 'int64', [2], BigInt64Array.of(big, -big)],
    ['u8', 'uint8', [3], Uint8Array.of(0, 255, 7)],
    ['i8', 'int8', [2], Int8Array.of(-128, 127)],
    ['bf16', 'bfloat16', [2], Uint16Array.of(0x3f80, 0xc000)],
    ['scalar', 'float32', [], Float32Array.of(2.5)],
    ['empty', 'float32', [0, 3], new Float32Array(0)],
  ] as const)('%s: %s %j, exact (int64 beyond 2^53 included)', (name, dtype, shape, expected) => {
    const ds = dataset(root, name);
    expect(ds.dtype).toBe(dtype);
    expect(ds.shape).toEqual(shape);
    expect(ds.array()).toEqual(expected);
    expect(ds.bytes()).toEqual(readBack(bytes, `/${name}`).bytes);
  });

  it('contiguous data is a view into the given buffer, not a copy', () => {
    const ds = dataset(root, 'f64');
    expect(ds.bytes().buffer).toBe(bytes.buffer);
    expect(ds.array().buffer).toBe(bytes.buffer);
  });

  it('chunked, compressed data is read through jsfive for types a JS number holds exactly', () => {
    expect(dataset(root, 'chunked').array()).toEqual(f32(100, 7));
    expect(() => dataset(root, 'chunked64').bytes()).toThrow('the dataset "/chunked64" is chunked int64, which kspec reads only when stored contiguously');
  });

  it('non-numeric data has no dtype and says what it holds', () => {
    const ds = dataset(root, 'text');
    expect(ds.dtype).toBeUndefined();
    expect(ds.storedType).toBe('a 16-byte variable-length type');
    const r = catchHdf5(() => ds.bytes());
    expect('error' in r && r.error.kind).toBe('unsupported');
  });

  it('big-endian data comes back little-endian', () => {
    // h5wasm writes no big-endian data: flip the byte-order bit of the one float32 datatype message and reverse each element.
    const values = Float32Array.of(1.5, -2.25, 1e-30);
    const file = writeHdf5({ children: { be: { data: values, shape: [3] } } });
    const le = bytesOf(values);
    const header = [0x11, 0x20, 0x1f, 0x00, 0x04, 0x00, 0x00, 0x00];
    const at = file.findIndex((_, i) => header.every((x, j) => file[i + j] === x));
    const data = file.findIndex((_, i) => le.every((x, j) => file[i + j] === x));
    file[at + 1] = file[at + 1]! | 0x01;
    for (let i = 0; i < le.length; i += 4) file.set(le.slice(i, i + 4).reverse(), data + i);
    const ds = dataset(openHdf5(file), 'be');
    expect(ds.storedType).toBe('big-endian float32');
    expect(ds.array()).toEqual(values);
  });
});

describe('groups and links', () => {
  const bytes = writeHdf5(
    // (Not integer-like names: the spec is a JS object, whose keys would put those first.)
    { children: { b: {}, x10: {}, x2: {}, a: { children: { x: { data: Float32Array.of(1), shape: [1] } } } } },
    {
      newStyle: true,
      extra: (f) => {
        f.create_hard_link('/a', 'hard');
        f.create_soft_link('/a/x', 'soft');
        f.create_soft_link('/nowhere', 'broken');
      },
    },
  );
  const root = openHdf5(bytes);

  it('new-style groups keep creation order; sortedNames gives the h5py order', () => {
    expect(root.names).toEqual(['b', 'x10', 'x2', 'a', 'hard', 'soft', 'broken']);
    expect(root.sortedNames).toEqual(['a', 'b', 'broken', 'hard', 'soft', 'x10', 'x2']);
  });

  it('a hard link is the same object; soft links resolve; a broken one is undefined', () => {
    expect(group(root, 'hard').address).toBe(group(root, 'a').address);
    expect(dataset(root, 'soft').address).toBe(dataset(root, 'a/x').address);
    expect(root.get('broken')).toBeUndefined();
    expect(root.get('a/x/deeper')).toBeUndefined();
    expect(root.get('missing')).toBeUndefined();
  });

  it('walk visits every object once, at its first path', () => {
    expect([...walk(root)].map((n) => n.path)).toEqual(['/b', '/x10', '/x2', '/a', '/a/x']);
  });

  it('attributes past the compact limit (dense storage) are refused, not silently missing', () => {
    const attrs = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a${i}`, `v${i}`]));
    const r = catchHdf5(() => openHdf5(writeHdf5({ attrs }, { newStyle: true })).attrs);
    expect(r).toEqual({ error: expect.objectContaining({ kind: 'unsupported', message: 'the attributes of "/" are stored in a dense attribute heap, which kspec does not read' }) });
  });
});
