/**
 * The real trained files in ../shared/models (skipped where that folder is absent): every dataset
 * and attribute read through src/weights/hdf5.ts (jsfive) equals what h5wasm (the HDF5 C library)
 * reads — the second reader that shares no code with kspec's. docs/weights.md has the figures.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as h5 from 'h5wasm/node';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../src/parse/archive.js';
import { type AttrValue, openHdf5, walk } from '../../src/weights/hdf5.js';
import { ROOT } from '../helpers.js';
import { tmpdir } from 'node:os';

/** h5wasm's Node build works on the real file system. */
const REAL = join(tmpdir(), `kspec-real-${process.pid}.h5`);

const MODELS = join(ROOT, '..', 'shared', 'models');
const files = existsSync(MODELS) ? readdirSync(MODELS).filter((f) => /\.(h5|hdf5|keras)$/.test(f)).sort() : [];

/** The HDF5 bytes of a model file: itself, or model.weights.h5 inside a .keras zip. */
function hdf5Of(file: string): Uint8Array {
  const bytes = new Uint8Array(readFileSync(join(MODELS, file)));
  if (bytes[0] !== 0x50) return bytes;
  const zip = readZip(bytes);
  if ('error' in zip) throw new Error(zip.error);
  return zip.read('model.weights.h5')!;
}

type Tree = Map<string, { attrs: Record<string, unknown>; data?: Uint8Array; shape?: number[] }>;

const plain = (v: unknown): unknown => (typeof v === 'bigint' ? Number(v) : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v);

function viaH5wasm(bytes: Uint8Array, FS: { writeFile(p: string, d: Uint8Array): void; unlink(p: string): void }): Tree {
  FS.writeFile(REAL, bytes);
  const file = new h5.File(REAL, 'r');
  const tree: Tree = new Map();
  const attrs = (o: h5.Group | h5.Dataset) => Object.fromEntries(Object.entries(o.attrs).map(([k, a]) => [k, plain(a.value)]));
  const visit = (g: h5.Group, path: string) => {
    tree.set(path || '/', { attrs: attrs(g) });
    for (const name of g.keys()) {
      const child = g.get(name);
      if (child instanceof h5.Dataset) {
        let v = child.value as unknown;
        // Scalars come back as numbers: rebuild their stored bytes.
        if (!ArrayBuffer.isView(v)) v = child.metadata.type === 0 ? BigInt64Array.of(BigInt(v as number)) : child.metadata.size === 8 ? Float64Array.of(v as number) : Float32Array.of(v as number);
        const a = v as ArrayBufferView;
        tree.set(`${path}/${name}`, { attrs: attrs(child), data: new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice(), shape: child.shape ?? [] });
      } else if (child instanceof h5.Group) visit(child, `${path}/${name}`);
    }
  };
  try {
    visit(file, '');
  } finally {
    file.close();
    FS.unlink(REAL);
  }
  return tree;
}

function viaKspec(bytes: Uint8Array): Tree {
  const root = openHdf5(bytes);
  const attrs = (m: ReadonlyMap<string, AttrValue>) => Object.fromEntries(m);
  const tree: Tree = new Map([['/', { attrs: attrs(root.attrs) }]]);
  for (const node of walk(root)) {
    tree.set(node.path, node.kind === 'dataset' ? { attrs: attrs(node.attrs), data: node.bytes(), shape: [...node.shape] } : { attrs: attrs(node.attrs) });
  }
  return tree;
}

describe.skipIf(files.length === 0)('real Keras files: kspec reads what the HDF5 C library reads', async () => {
  const FS = (await h5.ready).FS as unknown as { writeFile(p: string, d: Uint8Array): void; unlink(p: string): void };
  it.each(files)('%s', (file) => {
    const bytes = hdf5Of(file);
    const expected = viaH5wasm(bytes, FS);
    const actual = viaKspec(bytes);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [path, e] of expected) {
      const a = actual.get(path)!;
      expect(a.attrs, path).toEqual(e.attrs);
      expect(a.shape, path).toEqual(e.shape);
      if (e.data) expect(Buffer.compare(a.data!, e.data), path).toBe(0);
    }
  });
});
