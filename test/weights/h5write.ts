/**
 * HDF5 files written by the tests themselves, in the layouts Keras writes, so the weights tests
 * need no binary fixtures. The writer is h5wasm (the HDF5 C library compiled to WebAssembly): it
 * shares no code with jsfive, which src/weights/hdf5.ts reads with, so a test that reads back what
 * it wrote checks one implementation against the other. h5wasm also serves as the second reader
 * (`readBack`).
 *
 * h5wasm's Node build works on the real file system: files go to the temporary folder.
 *
 * Files are written with libver ("earliest", "v110"), which gives what h5py writes by default and
 * what every real Keras file has: superblock version 0, old-style (symbol table) groups.
 */
import * as h5 from 'h5wasm/node';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const Module = await h5.ready;
const FS = Module.FS as unknown as { writeFile(path: string, data: Uint8Array): void; readFile(path: string): Uint8Array; unlink(path: string): void };

/** An attribute as Keras (through h5py) stores it. */
export type Attr =
  /** A variable-length UTF-8 string (tf.keras 2.x, Keras 3, h5py ≥ 3). */
  | string
  /** A list of variable-length UTF-8 strings. */
  | readonly string[]
  /** Fixed-length byte strings, `|S<n>` (Keras 2.0–2.2, older h5py): scalar or list. */
  | { readonly fixed: string | readonly string[] }
  /** What Keras writes for an empty name list: an empty float64 array. */
  | { readonly empty: true }
  | number;

export const EMPTY: Attr = { empty: true };
export const fixed = (v: string | readonly string[]): Attr => ({ fixed: v });

export interface DatasetSpec {
  readonly data: Float32Array | Float64Array | Int8Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array;
  readonly shape: readonly number[];
  /** h5wasm dtype, when the array type is not enough ("<H" with a bfloat16 tag, say). */
  readonly dtype?: string;
  readonly chunks?: readonly number[];
  readonly gzip?: boolean;
  readonly attrs?: Readonly<Record<string, Attr>>;
}

export interface GroupSpec {
  readonly attrs?: Readonly<Record<string, Attr>>;
  /** Children in creation order; a name with "/" creates the groups on the way, as h5py does. */
  readonly children?: Readonly<Record<string, GroupSpec | DatasetSpec>>;
}

export interface WriteOptions {
  /** h5wasm's default bounds instead: superblock 2, new-style groups, links in creation order. */
  readonly newStyle?: boolean;
  /** Called on the open file before it is closed, for what the spec cannot say (links). */
  readonly extra?: (file: h5.File) => void;
}

const isDataset = (s: GroupSpec | DatasetSpec): s is DatasetSpec => 'data' in s;
const utf8 = (s: string) => new TextEncoder().encode(s).length;
let counter = 0;

/** The bytes of an HDF5 file holding `root`. */
export function writeHdf5(root: GroupSpec, options: WriteOptions = {}): Uint8Array {
  const name = join(tmpdir(), `kspec-test-${process.pid}-${counter++}.h5`);
  const file = new h5.File(name, 'w', options.newStyle ? {} : { libver: ['earliest', 'v110'] });
  const fixedSizes = new Set<number>();
  try {
    writeGroup(file, root, fixedSizes);
    options.extra?.(file);
  } finally {
    file.close();
  }
  const bytes = FS.readFile(name);
  FS.unlink(name);
  return nullPadded(bytes, fixedSizes);
}

function writeGroup(group: h5.Group, spec: GroupSpec, fixedSizes: Set<number>): void {
  for (const [key, value] of Object.entries(spec.attrs ?? {})) writeAttr(group, key, value, fixedSizes);
  for (const [path, child] of Object.entries(spec.children ?? {})) {
    const parts = path.split('/');
    let parent = group;
    for (const part of parts.slice(0, -1)) parent = (parent.get(part) as h5.Group | null) ?? parent.create_group(part);
    const leaf = parts.at(-1)!;
    if (isDataset(child)) {
      const ds = parent.create_dataset({ name: leaf, data: child.data, shape: [...child.shape], ...(child.dtype && { dtype: child.dtype }), ...(child.chunks && { chunks: [...child.chunks] }), ...(child.gzip && { compression: 'gzip' as const }) });
      for (const [key, value] of Object.entries(child.attrs ?? {})) writeAttr(ds, key, value, fixedSizes);
    } else writeGroup(parent.create_group(leaf), child, fixedSizes);
  }
}

const isList = (v: Attr): v is readonly string[] => Array.isArray(v);

function writeAttr(target: h5.Group | h5.Dataset, key: string, value: Attr, fixedSizes: Set<number>): void {
  if (typeof value === 'string') target.create_attribute(key, value);
  else if (isList(value)) target.create_attribute(key, [...value]);
  else if (typeof value === 'number') target.create_attribute(key, new Float64Array([value]), [], '<d');
  else if ('empty' in value) target.create_attribute(key, new Float64Array(0), [0], '<d');
  else {
    // numpy sizes |S<n> to the longest string, so the longest has no NUL after it.
    const scalar = typeof value.fixed === 'string';
    const list = typeof value.fixed === 'string' ? [value.fixed] : [...value.fixed];
    const size = Math.max(1, ...list.map(utf8));
    fixedSizes.add(size);
    target.create_attribute(key, scalar ? list[0]! : list, scalar ? [] : [list.length], `A${size}`);
  }
}

/**
 * h5wasm's fixed-length strings ("A<n>") are null-terminated; h5py's `|S<n>` are null-padded. The
 * bytes are the same, only the padding flag in the datatype message differs: it is set here, on
 * every fixed-string datatype header (class 3, version 1, ASCII) of a size this file used. Test
 * data never contains that 8-byte pattern.
 */
function nullPadded(bytes: Uint8Array, sizes: ReadonlySet<number>): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (bytes[i] === 0x13 && bytes[i + 1] === 0 && bytes[i + 2] === 0 && bytes[i + 3] === 0 && sizes.has(view.getUint32(i + 4, true))) bytes[i + 1] = 0x01;
  }
  return bytes;
}

/** Reads a dataset and an attribute back through h5wasm, the reader that shares no code with kspec's. */
export function readBack(bytes: Uint8Array, path: string): { bytes: Uint8Array; shape: number[] } {
  const name = join(tmpdir(), `kspec-read-${process.pid}-${counter++}.h5`);
  FS.writeFile(name, bytes);
  const file = new h5.File(name, 'r');
  try {
    const ds = file.get(path) as h5.Dataset;
    let v = ds.value as unknown;
    if (!ArrayBuffer.isView(v)) v = ds.metadata.size === 8 && ds.metadata.type === 0 ? BigInt64Array.of(BigInt(v as number)) : ds.metadata.size === 8 ? Float64Array.of(v as number) : Float32Array.of(v as number);
    const a = v as ArrayBufferView;
    return { bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice(), shape: ds.shape ?? [] };
  } finally {
    file.close();
    FS.unlink(name);
  }
}

// ---- Keras layouts (../shared/reference/keras-weight-layouts.md §1–3) ----

export interface KerasWeight {
  /** As Keras names it in `weight_names`: "dense/kernel:0" (Keras 2), "sequential/gru/gru_cell/kernel" (Keras 3 legacy). */
  readonly name: string;
  readonly data: Float32Array | Float64Array | Int32Array | BigInt64Array;
  readonly shape: readonly number[];
}

export interface KerasLayer {
  readonly name: string;
  readonly weights: readonly KerasWeight[];
}

export interface LegacyOptions {
  /** Which string form the name lists use: fixed `|S` (Keras ≤ 2.2) or variable-length (tf.keras 2.x). */
  readonly strings: 'fixed' | 'vlen';
  /** Split layer_names into this many chunks (`layer_names0`, …), as Keras does past 64 KB. */
  readonly layerNameChunks?: number;
  /** Write `top_level_model_weights` with an empty weight_names (tf.keras ≥ 2.7). */
  readonly topLevel?: boolean;
  readonly kerasVersion?: string;
}

/** numpy's array_split: n nearly equal consecutive parts, the longer ones first. */
export function arraySplit<T>(list: readonly T[], n: number): T[][] {
  const base = Math.floor(list.length / n);
  const extra = list.length % n;
  const parts: T[][] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    const size = base + (i < extra ? 1 : 0);
    parts.push(list.slice(at, at + size));
    at += size;
  }
  return parts;
}

function nameAttrs(key: string, names: readonly string[], strings: 'fixed' | 'vlen', chunks = 1): Record<string, Attr> {
  const form = (list: readonly string[]): Attr => (list.length === 0 ? EMPTY : strings === 'fixed' ? fixed(list) : list);
  if (chunks <= 1) return { [key]: form(names) };
  return Object.fromEntries(arraySplit(names, chunks).map((part, i) => [`${key}${i}`, form(part)]));
}

/** The `model_weights` group of `model.save("x.h5")`, or the root of `save_weights("x.h5")`. */
export function legacyWeightsGroup(layers: readonly KerasLayer[], o: LegacyOptions): GroupSpec {
  const version = o.kerasVersion ?? (o.strings === 'fixed' ? '2.2.4' : '2.12.0');
  const all = o.topLevel ? [...layers, { name: 'top_level_model_weights', weights: [] }] : layers;
  const children: Record<string, GroupSpec | DatasetSpec> = {};
  // Keras creates the layer groups sorted by name, whatever the model order (layer_names keeps that).
  for (const layer of [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    children[layer.name] = {
      attrs: nameAttrs('weight_names', layer.weights.map((w) => w.name), o.strings),
      children: Object.fromEntries(layer.weights.map((w) => [w.name, { data: w.data, shape: w.shape }])),
    };
  }
  return { attrs: { backend: 'tensorflow', keras_version: version, ...nameAttrs('layer_names', layers.map((l) => l.name), o.strings, o.layerNameChunks) }, children };
}

/** A Keras 2 full-model file: `model.save("x.h5")`. */
export function legacyModelH5(modelConfig: unknown, layers: readonly KerasLayer[], o: LegacyOptions): Uint8Array {
  const version = o.kerasVersion ?? (o.strings === 'fixed' ? '2.2.4' : '2.12.0');
  const str = (s: string): Attr => (o.strings === 'fixed' ? fixed(s) : s);
  return writeHdf5({
    attrs: { keras_version: str(version), backend: str('tensorflow'), model_config: str(JSON.stringify(modelConfig)) },
    children: { model_weights: legacyWeightsGroup(layers, o) },
  });
}

/** One Keras 3 object's variables: `<path>/vars/0`, `1`, …, with the `name` attribute (Keras ≥ 3.6). */
export interface Keras3Vars {
  readonly path: string;
  readonly name?: string;
  readonly vars: ReadonlyArray<Omit<KerasWeight, 'name'>>;
}

/** A Keras 3 `.weights.h5` (also `model.weights.h5` inside a `.keras` zip). */
export function keras3WeightsH5(objects: readonly Keras3Vars[]): Uint8Array {
  const children: Record<string, GroupSpec | DatasetSpec> = {};
  for (const o of objects) {
    children[`${o.path}/vars`] = {
      ...(o.name && { attrs: { name: o.name } }),
      children: Object.fromEntries(o.vars.map((v, i) => [String(i), { data: v.data, shape: v.shape }])),
    };
  }
  children['optimizer/vars'] = { attrs: { name: 'adam' }, children: { '0': { data: BigInt64Array.of(600n), shape: [] } } };
  children.vars = {};
  return writeHdf5({ children });
}
