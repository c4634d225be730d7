/**
 * Read-only HDF5 for the weights converter: bytes in (ArrayBuffer or Uint8Array), plain values
 * out, synchronous, no file system, so the same code runs in Node and in the browser.
 *
 * Built on jsfive (pure JS, a port of pyfive); docs/weights.md has the measurements behind the
 * choice. jsfive does the hard parts (superblock, object headers, B-trees, local/global/fractal
 * heaps, variable-length strings, chunk filters). This file adds what the converter needs and
 * jsfive does not give:
 * - Dataset bytes as a view into the file. jsfive's `value` is a JS array of doubles decoded one
 *   element at a time: several times the memory, int64 rounded to doubles, and float16/bfloat16
 *   bits lost. So the datatype and layout messages are read here.
 * - Attributes read message by message into a Map. jsfive collects them in a plain object, where
 *   an attribute named "__proto__" would replace the object's prototype. Fixed-length strings lose
 *   their padding here as HDF5 defines it (jsfive keeps the NULs).
 * - Child names in stored order. jsfive collects links in plain objects, whose keys put
 *   integer-like names ("0", "1", "10") first in numeric order, whatever the file stores.
 * - One error type. jsfive throws strings, TypeErrors and RangeErrors on damaged input; every
 *   call into it, and every read of an offset taken from the file, runs inside `guard`, which turns
 *   them into an `Hdf5Error` naming the object. Callers catch Hdf5Error at the stage boundary
 *   (`catchHdf5`) and report a diagnostic; anything else that throws is a bug.
 * - Bounded work. jsfive follows B-tree child pointers as stored, so a crafted file that lists one
 *   node many times keeps it busy for minutes (a 150 KB file did): `checkTree` vets every version-1
 *   B-tree (group links, data chunks) before jsfive walks it. An attribute claiming more values
 *   than its message holds, and a file shorter than its superblock says, are refused before jsfive
 *   reads them. Not vetted: the version-2 B-trees and fractal heaps of "new-style" groups with many
 *   links, which h5py writes only when asked for libver="latest" or track_order; Keras never does.
 *
 * The tree is read lazily: opening parses the superblock and the root group only; a group's
 * links, an object's attributes and a dataset's bytes are read when asked for.
 */
import * as jsfive from 'jsfive';

export type Hdf5ErrorKind =
  /** The bytes do not start with the HDF5 signature (empty, a zip, a JSON file…). */
  | 'not-hdf5'
  /** The signature is there but a structure is damaged or truncated. */
  | 'corrupt'
  /** Valid HDF5 that uses a feature this reader does not read (a compound dataset, dense attributes…). */
  | 'unsupported';

export class Hdf5Error extends Error {
  override readonly name = 'Hdf5Error';
  constructor(
    readonly kind: Hdf5ErrorKind,
    message: string,
    /** The HDF5 path of the object that could not be read. */
    readonly path = '/',
  ) {
    super(message);
  }
}

/** Attribute values as plain JS. Empty arrays of any type (Keras's float64 "no names") are `[]`. */
export type AttrValue = string | number | readonly string[] | readonly number[] | null;

export type DType = 'float16' | 'bfloat16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64';
/** float16 and bfloat16 come as Uint16Array (their raw bits); int64/uint64 as BigInt arrays. */
export type TypedArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array | BigUint64Array;

interface ObjectBase {
  /** Absolute path, "/" for the root. */
  readonly path: string;
  /** File offset of the object header: equal for two paths hard-linked to one object. */
  readonly address: number;
  /** Attributes in stored order; values that are not numbers or strings (references, compounds) are null. */
  readonly attrs: ReadonlyMap<string, AttrValue>;
}

export interface Hdf5Group extends ObjectBase {
  readonly kind: 'group';
  /**
   * Child names in the order the file stores them: creation order in new-style groups; name
   * order (UTF-8 bytes) in the old-style groups h5py writes by default, whose B-tree is keyed by
   * name, so that order is computed here rather than taken from jsfive (see above).
   */
  readonly names: readonly string[];
  /** The same in name order (UTF-8 bytes), the order h5py iterates in whatever the file stores. */
  readonly sortedNames: readonly string[];
  /** A descendant by relative path ("dense/kernel:0"); undefined when it is missing or a broken soft link. */
  get(path: string): Hdf5Node | undefined;
}

export interface Hdf5Dataset extends ObjectBase {
  readonly kind: 'dataset';
  readonly shape: readonly number[];
  /** undefined for data that is not numbers (strings, compounds, opaque without a Keras dtype tag). */
  readonly dtype: DType | undefined;
  /** The stored type in words ("little-endian float32", "a 2-byte opaque type"), for messages. */
  readonly storedType: string;
  /**
   * The elements, little-endian, in C order. For contiguous little-endian data (everything Keras
   * writes) this is a view into the bytes given to `openHdf5`: treat it as read-only.
   */
  bytes(): Uint8Array;
  /** The same as a typed array: a view when the data is aligned in the file, else a copy. */
  array(): TypedArray;
}

export type Hdf5Node = Hdf5Group | Hdf5Dataset;

/** `\x89HDF\r\n\x1a\n` */
const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** Header message types (HDF5 file format spec, IV.A.2). */
const MSG = { datatype: 0x03, external: 0x07, layout: 0x08, attribute: 0x0c, symbolTable: 0x11, attributeInfo: 0x15 } as const;
const TYPE_CLASSES = ['integer', 'float', 'time', 'string', 'bitfield', 'opaque', 'compound', 'reference', 'enum', 'variable-length', 'array'];
const UNDEFINED_ADDRESS = 0xffffffffffffffffn;

/** Opens an HDF5 file held in memory; throws Hdf5Error when it is not one or is damaged. */
export function openHdf5(data: ArrayBuffer | Uint8Array): Hdf5Group {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((x, i) => bytes[i] !== x)) {
    throw new Hdf5Error('not-hdf5', bytes.length === 0 ? 'the file is empty' : 'the file does not start with the HDF5 signature');
  }
  // jsfive reads through DataViews at absolute offsets, so it needs a buffer that starts at the
  // file's first byte: a view into a larger buffer (a zip member, a pooled Node Buffer) is copied once.
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const buffer = whole ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
  // The superblock records the file's length (at 40 in version 0, 44 in 1, 28 in 2 and 3); HDF5 refuses a
  // shorter file, and so does this reader, even when what was cut off is never read.
  const view = new DataView(buffer);
  const at = [40, 44][bytes[8]!] ?? 28;
  if (buffer.byteLength >= at + 8 && bytes[bytes[8]! <= 1 ? 13 : 9] === 8) {
    const end = view.getBigUint64(at, true);
    if (end !== UNDEFINED_ADDRESS && end > BigInt(buffer.byteLength)) throw new Hdf5Error('corrupt', `the file is truncated: it has ${buffer.byteLength} of its ${end} bytes`);
  }
  harden();
  const file = guard('/', 'superblock or root group', () => new jsfive.File(buffer));
  return new Group(file, '/');
}

let hardened = false;

/**
 * Every old-style group read in jsfive, the root's included, goes through one method of a class
 * jsfive does not export, DataObjects._iter_links_btree_v1. The class is reached through the
 * smallest file jsfive opens (a version-2 superblock and an empty root object header, built
 * here), and the method is wrapped, once, to vet the B-tree first.
 */
function harden(): void {
  if (hardened) return;
  const b = new Uint8Array(64);
  const v = new DataView(b.buffer);
  b.set(SIGNATURE);
  b.set([2, 8, 8], 8); // superblock version 2, 8-byte offsets and lengths
  v.setBigUint64(20, UNDEFINED_ADDRESS, true); // no superblock extension
  v.setBigUint64(28, 64n, true); // end of file
  v.setBigUint64(36, 48n, true); // root object header
  b.set([0x4f, 0x48, 0x44, 0x52, 2, 0, 0], 48); // "OHDR", version 2, no flags, no messages
  const proto = Object.getPrototypeOf(new jsfive.File(b.buffer)._dataobjects) as { _iter_links_btree_v1: (this: jsfive.DataObjects, btree: number, heap: number) => Iterable<unknown> };
  const read = proto._iter_links_btree_v1;
  proto._iter_links_btree_v1 = function* (btree, heap) {
    checkTree(new DataView(this.fh), btree, 8);
    yield* read.call(this, btree, heap);
  };
  hardened = true;
}

/**
 * Fails unless every node of the version-1 B-tree at `root`, and every leaf target (symbol table
 * node or data chunk), occurs once with the right level: that bounds jsfive's walk by the file's
 * size. Keys are `keySize` bytes (8 for groups; 8 + 8 per dimension for chunks).
 */
function checkTree(view: DataView, root: number, keySize: number): void {
  const seen = new Set<number>([root]);
  const stack: Array<[at: number, level: number | undefined]> = [[root, undefined]];
  while (stack.length > 0) {
    const [at, expected] = stack.pop()!;
    const level = view.getUint8(at + 5);
    if (view.getUint32(at, true) !== 0x45455254 || (expected !== undefined && level !== expected)) throw new Error(`no B-tree node at offset ${at}`);
    const entries = view.getUint16(at + 6, true);
    for (let i = 0; i < entries; i++) {
      const child = u64(view, at + 24 + keySize + i * (keySize + 8));
      if (child === undefined || seen.has(child)) throw new Error('a B-tree lists one node twice');
      seen.add(child);
      if (level > 0) stack.push([child, level - 1]);
    }
  }
}

/** Runs `read`, returning an Hdf5Error as data; any other exception is a bug and propagates. */
export function catchHdf5<T>(read: () => T): { value: T } | { error: Hdf5Error } {
  try {
    return { value: read() };
  } catch (e) {
    if (e instanceof Hdf5Error) return { error: e };
    throw e;
  }
}

/**
 * A Keras name list (`layer_names`, `weight_names`), or undefined when the attribute is absent.
 * A list longer than HDF5's 64 KB header limit is split into `<name>0`, `<name>1`, …, read up to
 * the first missing index, exactly as Keras's load_attributes_from_hdf5_group reads it. Both string
 * forms decode; an empty list (an empty float64 array in the file) is [].
 */
export function nameList(node: Hdf5Node, name: string): readonly string[] | undefined {
  const attrs = node.attrs;
  const keys = attrs.has(name) ? [name] : [];
  if (keys.length === 0) for (let i = 0; attrs.has(`${name}${i}`); i++) keys.push(`${name}${i}`);
  if (keys.length === 0) return undefined;
  const names: string[] = [];
  for (const key of keys) {
    const v = attrs.get(key);
    if (!isList(v) || !v.every((s): s is string => typeof s === 'string')) {
      throw new Hdf5Error('corrupt', `the attribute "${key}" of "${node.path}" is not a list of names`, node.path);
    }
    names.push(...v);
  }
  return names;
}

/**
 * Every object under `group`, depth first, children in stored order. Each object comes once, at
 * the first path that reaches it: a link to an object already seen is skipped, which also ends
 * the cycles a damaged file can contain.
 */
export function* walk(group: Hdf5Group): Generator<Hdf5Node> {
  const seen = new Set<number>([group.address]);
  const stack = [{ group, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next === top.group.names.length) {
      stack.pop();
      continue;
    }
    const child = top.group.get(top.group.names[top.next++]!);
    if (!child || seen.has(child.address)) continue;
    seen.add(child.address);
    yield child;
    if (child.kind === 'group') stack.push({ group: child, next: 0 });
  }
}

const isList = (v: AttrValue | undefined): v is readonly string[] | readonly number[] => Array.isArray(v);

function guard<T>(path: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof Hdf5Error) throw e;
    const detail = JSON.stringify(String(e instanceof Error ? e.message : e)).slice(1, -1);
    throw new Hdf5Error('corrupt', `"${path}" cannot be read: its ${what} is damaged (${detail.length > 100 ? `${detail.slice(0, 100)}…` : detail})`, path);
  }
}

/** UTF-8 byte order, which is code point order (JS's default sort compares UTF-16 units). */
function byteOrder(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const join = (path: string, name: string) => (path === '/' ? `/${name}` : `${path}/${name}`);
const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** A file offset or length read from the file: a safe integer, or undefined for "not allocated". */
function u64(view: DataView, at: number): number | undefined {
  const v = view.getBigUint64(at, true);
  if (v === UNDEFINED_ADDRESS) return undefined;
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`offset ${v} is out of range`);
  return Number(v);
}

function message(objects: jsfive.DataObjects, type: number): number | undefined {
  return objects.find_msg_type(type)[0]?.get('offset_to_message');
}

function required(objects: jsfive.DataObjects, type: number): number {
  const at = message(objects, type);
  if (at === undefined) throw new Error(`header message ${type} is missing`);
  return at;
}

class Group implements Hdf5Group {
  readonly kind = 'group';
  readonly address: number;
  #names?: readonly string[];
  #attrs?: ReadonlyMap<string, AttrValue>;
  readonly #children = new Map<string, Hdf5Node | undefined>();

  constructor(
    private readonly group: jsfive.Group,
    readonly path: string,
  ) {
    this.address = group._dataobjects.offset;
  }

  get names(): readonly string[] {
    return (this.#names ??= guard(this.path, 'member list', () => {
      const objects = this.group._dataobjects;
      const links = [...objects.iter_links()].map(([name]) => name);
      const names = message(objects, MSG.symbolTable) === undefined ? links : links.sort(byteOrder);
      // HDF5 forbids these; jsfive would read "a/b" as a path and "." as the group itself.
      const bad = names.find((n, i) => n === '' || n === '.' || n.includes('/') || names.indexOf(n) !== i);
      if (bad !== undefined) throw new Hdf5Error('corrupt', `the group "${this.path}" has an invalid or repeated member name "${bad}"`, this.path);
      return names;
    }));
  }

  get sortedNames(): readonly string[] {
    return [...this.names].sort(byteOrder);
  }

  get attrs(): ReadonlyMap<string, AttrValue> {
    return (this.#attrs ??= readAttributes(this.group._dataobjects, this.path));
  }

  get(path: string): Hdf5Node | undefined {
    let node: Hdf5Node | undefined = this;
    for (const part of path.split('/')) {
      if (part === '') continue;
      if (node?.kind !== 'group') return undefined;
      node = (node as Group).child(part);
    }
    return node;
  }

  private child(name: string): Hdf5Node | undefined {
    if (this.#children.has(name)) return this.#children.get(name);
    let node: Hdf5Node | undefined;
    if (this.names.includes(name)) {
      const path = join(this.path, name);
      const obj = guard(path, 'object header', () => this.group.get(name));
      if (obj instanceof jsfive.Dataset) node = new Dataset(obj, path);
      else if (obj instanceof jsfive.Group) node = new Group(obj, path);
    }
    this.#children.set(name, node);
    return node;
  }
}

/** What the datatype message says, as far as the converter cares. */
interface StoredType {
  readonly dtype: DType | undefined;
  readonly size: number;
  readonly bigEndian: boolean;
  readonly words: string;
}

/** Where the elements are (the data layout message); `dims` of a chunked layout counts the element-size dimension. */
type Storage = { readonly kind: 'inline'; readonly address: number | undefined; readonly size: number | undefined } | { readonly kind: 'chunked'; readonly address: number | undefined; readonly dims: number };

class Dataset implements Hdf5Dataset {
  readonly kind = 'dataset';
  readonly address: number;
  readonly shape: readonly number[];
  readonly dtype: DType | undefined;
  readonly storedType: string;
  readonly #type: StoredType;
  readonly #storage: Storage;
  #attrs?: ReadonlyMap<string, AttrValue>;

  constructor(
    private readonly dataset: jsfive.Dataset,
    readonly path: string,
  ) {
    const objects = dataset._dataobjects;
    this.address = objects.offset;
    this.shape = guard(path, 'shape', () => {
      const shape = [...dataset.shape];
      if (!shape.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new Error('a dimension is not a count');
      return shape;
    });
    const tag = this.attrs.get('dtype');
    this.#type = guard(path, 'datatype', () => readType(new DataView(objects.fh), required(objects, MSG.datatype), tag));
    this.#storage = guard(path, 'data layout', () => {
      if (message(objects, MSG.external) !== undefined) throw new Hdf5Error('unsupported', `the data of "${path}" is stored in an external file`, path);
      return readStorage(new DataView(objects.fh), required(objects, MSG.layout), path);
    });
    this.dtype = this.#type.dtype;
    this.storedType = this.#type.words;
  }

  get attrs(): ReadonlyMap<string, AttrValue> {
    return (this.#attrs ??= readAttributes(this.dataset._dataobjects, this.path));
  }

  bytes(): Uint8Array {
    const { dtype, size, bigEndian, words } = this.#type;
    if (dtype === undefined) throw new Hdf5Error('unsupported', `the dataset "${this.path}" holds ${words}, not numbers`, this.path);
    const count = this.shape.reduce((a, b) => a * b, 1);
    const length = count * size;
    const storage = this.#storage;
    if (storage.kind === 'chunked') return this.#fromChunks(dtype, count, storage);
    return guard(this.path, 'data', () => {
      const file = this.dataset._dataobjects.fh;
      if (!Number.isSafeInteger(length) || (storage.size !== undefined && storage.size < length)) throw new Error(`${length} bytes of data do not fit the ${storage.size} stored`);
      // Never written (h5py leaves such a dataset unallocated): HDF5 reads the fill value, zero.
      if (storage.address === undefined) return new Uint8Array(length);
      if (storage.address + length > file.byteLength) throw new Hdf5Error('corrupt', `the data of "${this.path}" runs past the end of the file, which is truncated`, this.path);
      const view = new Uint8Array(file, storage.address, length);
      return bigEndian && size > 1 ? swapBytes(view, size) : view;
    });
  }

  array(): TypedArray {
    const bytes = this.bytes();
    const make = ARRAYS[this.dtype!];
    const aligned = bytes.byteOffset % make.bytes === 0 ? bytes : new Uint8Array(bytes);
    return make.view(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / make.bytes);
  }

  /**
   * Chunked data (h5py writes it only when asked for chunks or compression; Keras never does) goes
   * through jsfive's element-by-element decoder: only types that survive a trip through a JS
   * number, and no more elements than MAX_CHUNKED (a JS array of doubles is 8+ bytes each).
   */
  #fromChunks(dtype: DType, count: number, storage: Extract<Storage, { kind: 'chunked' }>): Uint8Array {
    const make = ARRAYS[dtype];
    if (!make.viaNumbers) throw new Hdf5Error('unsupported', `the dataset "${this.path}" is chunked ${dtype}, which kspec reads only when stored contiguously`, this.path);
    if (count > MAX_CHUNKED) throw new Hdf5Error('unsupported', `the dataset "${this.path}" is chunked and has ${count} elements, more than the ${MAX_CHUNKED} kspec reads chunked`, this.path);
    if (storage.address === undefined) return new Uint8Array(count * make.bytes); // never written: the fill value, zero
    const values = guard(this.path, 'chunked data', () => {
      checkTree(new DataView(this.dataset._dataobjects.fh), storage.address!, 8 + 8 * storage.dims);
      return this.dataset.value;
    });
    if (!Array.isArray(values) || values.length !== count || !values.every((v) => typeof v === 'number')) {
      throw new Hdf5Error('corrupt', `the chunked data of "${this.path}" does not match its shape`, this.path);
    }
    const out = make.view(new ArrayBuffer(count * make.bytes), 0, count) as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
    out.set(values as number[]);
    return new Uint8Array(out.buffer);
  }
}

const MAX_CHUNKED = 2 ** 26;

const ARRAYS: Record<DType, { bytes: number; viaNumbers: boolean; view: (b: ArrayBuffer, at: number, n: number) => TypedArray }> = {
  float16: { bytes: 2, viaNumbers: false, view: (b, at, n) => new Uint16Array(b, at, n) },
  bfloat16: { bytes: 2, viaNumbers: false, view: (b, at, n) => new Uint16Array(b, at, n) },
  float32: { bytes: 4, viaNumbers: true, view: (b, at, n) => new Float32Array(b, at, n) },
  float64: { bytes: 8, viaNumbers: true, view: (b, at, n) => new Float64Array(b, at, n) },
  int8: { bytes: 1, viaNumbers: true, view: (b, at, n) => new Int8Array(b, at, n) },
  int16: { bytes: 2, viaNumbers: true, view: (b, at, n) => new Int16Array(b, at, n) },
  int32: { bytes: 4, viaNumbers: true, view: (b, at, n) => new Int32Array(b, at, n) },
  int64: { bytes: 8, viaNumbers: false, view: (b, at, n) => new BigInt64Array(b, at, n) },
  uint8: { bytes: 1, viaNumbers: true, view: (b, at, n) => new Uint8Array(b, at, n) },
  uint16: { bytes: 2, viaNumbers: true, view: (b, at, n) => new Uint16Array(b, at, n) },
  uint32: { bytes: 4, viaNumbers: true, view: (b, at, n) => new Uint32Array(b, at, n) },
  uint64: { bytes: 8, viaNumbers: false, view: (b, at, n) => new BigUint64Array(b, at, n) },
};

function swapBytes(data: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i += size) for (let j = 0; j < size; j++) out[i + j] = data[i + size - 1 - j]!;
  return out;
}

/**
 * The datatype message (spec IV.A.2.d). Floats are told apart by size and exponent width, so
 * float16 (5) and bfloat16 (8) keep their identity; Keras 3 stores bfloat16 as a 2-byte type
 * tagged with the dataset attribute dtype="bfloat16" (saving_lib.py H5Entry.__setitem__).
 */
function readType(view: DataView, at: number, tag: AttrValue | undefined): StoredType {
  const cls = view.getUint8(at) & 0x0f;
  const bits = view.getUint8(at + 1);
  const size = view.getUint32(at + 4, true);
  const bigEndian = (bits & 0x01) !== 0;
  const order = bigEndian ? 'big-endian' : 'little-endian';
  const other = (words: string): StoredType => ({ dtype: undefined, size, bigEndian, words });
  if (tag === 'bfloat16' && size === 2 && (cls === 0 || cls === 1 || cls === 5)) return { dtype: 'bfloat16', size, bigEndian, words: `${order} bfloat16` };
  if (cls === 0 && [1, 2, 4, 8].includes(size)) {
    const dtype = `${bits & 0x08 ? 'int' : 'uint'}${size * 8}` as DType;
    return { dtype, size, bigEndian, words: `${order} ${dtype}` };
  }
  if (cls === 1 && (bits & 0x40) === 0) {
    const exponent = view.getUint8(at + 13);
    const dtype = ({ '2/5': 'float16', '2/8': 'bfloat16', '4/8': 'float32', '8/11': 'float64' } as Record<string, DType>)[`${size}/${exponent}`];
    return dtype ? { dtype, size, bigEndian, words: `${order} ${dtype}` } : other(`a ${size}-byte float with a ${exponent}-bit exponent`);
  }
  return other(`a ${size}-byte ${TYPE_CLASSES[cls] ?? 'unknown'} type`);
}

/** The data layout message (spec IV.A.2.i), versions 1 to 4. */
function readStorage(view: DataView, at: number, path: string): Storage {
  const version = view.getUint8(at);
  if (version === 1 || version === 2) {
    const rank = view.getUint8(at + 1);
    const cls = view.getUint8(at + 2);
    if (cls === 1) return { kind: 'inline', address: u64(view, at + 8), size: undefined };
    if (cls === 2) return { kind: 'chunked', address: u64(view, at + 8), dims: rank };
    const sizeAt = at + 8 + rank * 4;
    return { kind: 'inline', address: sizeAt + 4, size: view.getUint32(sizeAt, true) };
  }
  if (version === 3 || version === 4) {
    const cls = view.getUint8(at + 1);
    if (cls === 0) return { kind: 'inline', address: at + 4, size: view.getUint16(at + 2, true) };
    if (cls === 1) return { kind: 'inline', address: u64(view, at + 2), size: u64(view, at + 10) };
    if (cls === 2 && version === 3) return { kind: 'chunked', address: u64(view, at + 3), dims: view.getUint8(at + 2) };
  }
  throw new Hdf5Error('unsupported', `the dataset "${path}" uses a data layout (version ${version}) that kspec does not read`, path);
}

/**
 * Attribute types jsfive decodes to numbers or strings: integers, IEEE floats, fixed-length and
 * variable-length strings. For others it prints a warning on the console (or fails); their values
 * are of no use here, so they are not handed to it.
 */
function decodable({ cls, bits, size }: { cls: number; bits: number; size: number }): boolean {
  if (cls === 0) return [1, 2, 4, 8].includes(size);
  if (cls === 1) return [2, 4, 8].includes(size);
  return cls === 3 || (cls === 9 && (bits & 0x0f) === 1);
}

function readAttributes(objects: jsfive.DataObjects, path: string): ReadonlyMap<string, AttrValue> {
  return guard(path, 'attributes', () => {
    const view = new DataView(objects.fh);
    // Attributes past the compact limit live in a fractal heap jsfive does not read; h5py puts them
    // there only in files written with libver="latest". Better refused than silently missing.
    const info = message(objects, MSG.attributeInfo);
    if (info !== undefined && u64(view, info + 2 + (view.getUint8(info + 1) & 0x01 ? 2 : 0)) !== undefined) {
      throw new Hdf5Error('unsupported', `the attributes of "${path}" are stored in a dense attribute heap, which kspec does not read`, path);
    }
    const attrs = new Map<string, AttrValue>();
    for (const msg of objects.find_msg_type(MSG.attribute)) {
      const at = msg.get('offset_to_message')!;
      const header = attributeHeader(view, at, msg.get('size')!, path);
      attrs.set(header.name, decodable(header) ? plain(objects.unpack_attribute(at)[1], header.cls === 3 ? header.bits & 0x0f : undefined) : null);
    }
    return attrs;
  });
}

/**
 * An attribute message's name and its datatype's class, first bit field and size (spec IV.A.2.m), once
 * its values are known to fit in the message. jsfive reads fixed-length strings past the end of
 * the file as "" instead of failing, so an attribute claiming 2^31 of them would fill memory.
 */
function attributeHeader(view: DataView, at: number, messageSize: number, path: string): { name: string; cls: number; bits: number; size: number } {
  const version = view.getUint8(at);
  if (version !== 1 && version !== 3) throw new Hdf5Error('unsupported', `an attribute of "${path}" is stored in a version ${version} message, which kspec does not read`, path);
  const [nameSize, typeSize] = [view.getUint16(at + 2, true), view.getUint16(at + 4, true)];
  const nameAt = at + (version === 1 ? 8 : 9);
  const name = new TextDecoder().decode(new Uint8Array(view.buffer, nameAt, nameSize)).replace(/\0+$/, '');
  const typeAt = nameAt + (version === 1 ? pad8(nameSize) : nameSize);
  const spaceAt = typeAt + (version === 1 ? pad8(typeSize) : typeSize);
  // Dataspace (IV.A.2.b): version 1 has an 8-byte header, version 2 a 4-byte one (and a type; 2 = null).
  const [spaceVersion, rank] = [view.getUint8(spaceAt), view.getUint8(spaceAt + 1)];
  let count = spaceVersion === 2 && view.getUint8(spaceAt + 3) === 2 ? 0 : 1;
  for (let i = 0; i < rank; i++) count *= Number(view.getBigUint64(spaceAt + (spaceVersion === 1 ? 8 : 4) + i * 8, true));
  const size = view.getUint32(typeAt + 4, true);
  if (count * size > messageSize) throw new Error(`the attribute "${name}" claims ${count} values, more than its message holds`);
  return { name, cls: view.getUint8(typeAt) & 0x0f, bits: view.getUint8(typeAt + 1), size };
}

/** Fixed-length string padding (spec IV.A.2.d): 0 null-terminated, 1 null-padded, 2 space-padded. */
function unpad(s: string, padding: number | undefined): string {
  if (padding === 0) return s.includes('\0') ? s.slice(0, s.indexOf('\0')) : s;
  if (padding === 1) return s.replace(/\0+$/, '');
  if (padding === 2) return s.replace(/ +$/, '');
  return s;
}

function plain(value: unknown, padding: number | undefined): AttrValue {
  if (typeof value === 'string') return unpad(value, padding);
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    if (value.every((v): v is string => typeof v === 'string')) return value.map((s) => unpad(s, padding));
    if (value.every((v): v is number => typeof v === 'number')) return value;
  }
  return null;
}
