/**
 * Hostile bytes through src/weights/hdf5.ts: whatever the input, reading it completely either
 * succeeds or throws an Hdf5Error — never another exception, never a hang.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catchHdf5, type Hdf5ErrorKind, nameList, openHdf5, walk } from '../../src/weights/hdf5.js';
import { SEED } from '../hostile/helpers.js';
import { zip } from '../zip.js';
import { keras3WeightsH5, legacyModelH5 } from './h5write.js';

/** Everything a converter would touch: every attribute, name list and dataset. */
function readAll(bytes: Uint8Array): number {
  const root = openHdf5(bytes);
  let n = root.attrs.size;
  nameList(root, 'layer_names');
  for (const node of walk(root)) {
    n += node.attrs.size;
    if (node.kind === 'group') nameList(node, 'weight_names');
    else if (node.dtype) n += node.array().length;
  }
  return n;
}

/** The outcome of reading everything: "ok" or the Hdf5Error kind; anything else thrown fails the test. */
const outcome = (bytes: Uint8Array): 'ok' | Hdf5ErrorKind => {
  const r = catchHdf5(() => readAll(bytes));
  return 'error' in r ? r.error.kind : 'ok';
};

const f32 = (n: number) => Float32Array.from({ length: n }, (_, i) => i / 7);
const LEGACY = legacyModelH5({ class_name: 'Sequential' }, [{ name: 'dense', weights: [{ name: 'dense/kernel:0', data: f32(12), shape: [3, 4] }, { name: 'dense/bias:0', data: f32(4), shape: [4] }] }, { name: 'dropout', weights: [] }], { strings: 'fixed' });
const KERAS3 = keras3WeightsH5([{ path: 'layers/dense', name: 'dense', vars: [{ data: f32(6), shape: [2, 3] }] }]);
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

describe('not HDF5 at all', () => {
  it.each([
    ['empty', new Uint8Array(0), 'the file is empty'],
    ['a zip (a .keras archive)', zip([{ name: 'config.json', data: Buffer.from('{}') }]), 'the file does not start with the HDF5 signature'],
    ['JSON', new TextEncoder().encode('{"class_name": "Sequential"}'), 'the file does not start with the HDF5 signature'],
    ['half a signature', Uint8Array.from(SIGNATURE.slice(0, 4)), 'the file does not start with the HDF5 signature'],
  ])('%s', (_, bytes, message) => {
    const r = catchHdf5(() => openHdf5(bytes));
    expect(r).toEqual({ error: expect.objectContaining({ kind: 'not-hdf5', message, path: '/' }) });
  });

  it('accepts an ArrayBuffer as well as a Uint8Array', () => {
    expect(outcome(new ArrayBuffer(0) as unknown as Uint8Array)).toBe('not-hdf5');
    expect(readAll(LEGACY.slice().buffer as unknown as Uint8Array)).toBeGreaterThan(0);
  });
});

describe('damaged HDF5', () => {
  it.each([
    ['the signature only', Uint8Array.from(SIGNATURE)],
    ['the signature and zeros', Uint8Array.from([...SIGNATURE, ...new Array(200).fill(0)])],
    ['the signature and 0xff', Uint8Array.from([...SIGNATURE, ...new Array(200).fill(0xff)])],
  ])('%s is corrupt', (_, bytes) => {
    expect(outcome(bytes)).toBe('corrupt');
  });

  it('random bytes after the signature: Hdf5Error or nothing, never another exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (tail) => {
        expect(['ok', 'corrupt', 'unsupported']).toContain(outcome(Uint8Array.from([...SIGNATURE, ...tail])));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('a file shorter than its superblock says is truncated, even when the missing part is never read', () => {
    const r = catchHdf5(() => openHdf5(KERAS3.slice(0, -1)));
    expect(r).toEqual({ error: expect.objectContaining({ kind: 'corrupt', message: `the file is truncated: it has ${KERAS3.length - 1} of its ${KERAS3.length} bytes` }) });
  });

  it.each([
    ['a Keras 2 full model', LEGACY],
    ['a Keras 3 .weights.h5', KERAS3],
  ])('%s truncated anywhere: every length either reads or is an Hdf5Error', (_, file) => {
    const kinds = new Set<string>();
    for (let length = 0; length < file.length; length += 13) kinds.add(outcome(file.slice(0, length)));
    expect([...kinds].sort()).toEqual(['corrupt', 'not-hdf5']);
    expect(outcome(file)).toBe('ok');
  });

  it.each([
    ['a Keras 2 full model', LEGACY],
    ['a Keras 3 .weights.h5', KERAS3],
  ])('%s with bytes overwritten anywhere: Hdf5Error or nothing, never another exception', (_, file) => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: file.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), (edits) => {
        const bytes = file.slice();
        for (const [at, value] of edits) bytes[at] = value;
        expect(['ok', 'corrupt', 'unsupported', 'not-hdf5']).toContain(outcome(bytes));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('a group B-tree that lists one node thousands of times is refused at once, not walked for hours', () => {
    // Superblock 0: the root symbol-table entry caches the root group's B-tree and heap addresses
    // (offsets 80, 88), and the root's symbol-table message holds the same pair. Two new levels
    // above the real leaf node, 2,000 entries each pointing at the level below: 4,000,000 leaf
    // visits for jsfive as written.
    const view = new DataView(LEGACY.buffer, LEGACY.byteOffset, LEGACY.byteLength);
    const btree = view.getBigUint64(80, true);
    const heap = view.getBigUint64(88, true);
    const n = 2000;
    const node = (level: number, child: bigint) => {
      const b = new DataView(new ArrayBuffer(24 + n * 16 + 8));
      [0x54, 0x52, 0x45, 0x45, 0, level].forEach((x, i) => b.setUint8(i, x));
      b.setUint16(6, n, true);
      b.setBigInt64(8, -1n, true);
      b.setBigInt64(16, -1n, true);
      for (let i = 0; i < n; i++) b.setBigUint64(24 + 8 + i * 16, child, true);
      return new Uint8Array(b.buffer);
    };
    const level1 = BigInt(LEGACY.length);
    const one = node(1, btree);
    const level2 = level1 + BigInt(one.length);
    const bomb = new Uint8Array([...LEGACY, ...one, ...node(2, level1)]);
    const pair = new DataView(new ArrayBuffer(16));
    pair.setBigUint64(0, btree, true);
    pair.setBigUint64(8, heap, true);
    const old = new Uint8Array(pair.buffer);
    let patched = 0;
    for (let i = 0; i + 16 <= LEGACY.length; i++) {
      if (old.every((x, j) => bomb[i + j] === x)) {
        new DataView(bomb.buffer).setBigUint64(i, level2, true);
        patched++;
      }
    }
    expect(patched).toBe(2);
    const t0 = performance.now();
    const r = catchHdf5(() => readAll(bomb));
    expect(r).toEqual({ error: expect.objectContaining({ kind: 'corrupt', message: '"/" cannot be read: its superblock or root group is damaged (a B-tree lists one node twice)' }) });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
