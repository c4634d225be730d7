/**
 * `.keras` archives are zip files holding config.json, metadata.json and model.weights.h5 (Keras 3,
 * and tf.keras 2.13–2.15 before it). They are read with fflate (pure JS, so the same code runs in
 * the browser), held to two rules that fflate alone does not keep:
 *
 * - Nothing inflates beyond the size the zip directory declares, nor beyond the caller's limit.
 *   fflate's `unzipSync` inflates into a buffer of the declared size, silently drops whatever
 *   overflows it and decodes the stream to its end: an entry claiming 10 bytes that inflates to
 *   800 MB comes back as 10 bytes after 2.4 s. So `unzipSync` only lists the directory (its
 *   filter sees every entry) and copies stored entries; deflated entries are inflated here in
 *   bounded steps with fflate's streaming `Inflate`, and stop as soon as they outgrow what they
 *   declare. Sizes over the limit are refused from the directory, before anything is read.
 * - Every malformation is an error message (or an unreadable entry), never an exception.
 */
import { Inflate, Unzip, unzipSync, type AsyncFlateStreamHandler, type UnzipFile } from 'fflate';
import { count, MAX_ARCHIVE_ENTRIES, MAX_INPUT_BYTES, MAX_WEIGHTS_BYTES } from './limits.js';

export interface ZipEntries {
  readonly names: readonly string[];
  /** The uncompressed size the zip directory declares. */
  size(name: string): number | undefined;
  /**
   * The entry's bytes; undefined when it is damaged, larger than the limit (`maxBytes`, or the
   * archive's), or not what it declares. The last entry of that name, as unzip does.
   */
  read(name: string, maxBytes?: number): Uint8Array | undefined;
}

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
export const isHdf5 = (b: Uint8Array) => b.length >= 8 && [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x);

/** One directory entry, as fflate reads it. */
interface Entry {
  readonly name: string;
  /** Position in the directory. */
  readonly index: number;
  /** How many entries of the same name come before it (the local headers are matched by it). */
  readonly occurrence: number;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
}

/** Thrown from fflate callbacks to stop it; never escapes this file. */
const STOP = Symbol('stop');
const TOO_MANY = Symbol('too many entries');

/**
 * The entries of a zip file, or a sentence saying why it cannot be read. Entries are read by exact
 * name into memory only (nothing is ever extracted to disk, so `../` names cannot escape anywhere);
 * none is inflated beyond the size it declares, nor beyond `maxEntryBytes` (zip bombs stop there).
 */
export function readZip(b: Uint8Array, maxEntryBytes = 512 * 1024 * 1024): ZipEntries | { error: string } {
  const entries: Entry[] = [];
  const last = new Map<string, Entry>();
  // A directory entry takes at least 46 bytes: more entries than that allows are read from beyond
  // the file (a damaged count, or a Zip64 record claiming billions of entries).
  const maxEntries = Math.floor(b.length / 46);
  try {
    unzipSync(b, {
      filter: (f) => {
        if (entries.length >= maxEntries) throw STOP;
        if (entries.length >= MAX_ARCHIVE_ENTRIES) throw TOO_MANY;
        const e: Entry = { name: f.name, index: entries.length, occurrence: last.has(f.name) ? last.get(f.name)!.occurrence + 1 : 0, method: f.compression, compressed: f.size, size: f.originalSize };
        entries.push(e);
        last.set(e.name, e);
        return false;
      },
    });
  } catch (e) {
    if (e === TOO_MANY) return { error: `it has more than ${count(MAX_ARCHIVE_ENTRIES)} entries` };
    // fflate's code 13 ("invalid zip data") is the end-of-directory record not found.
    return { error: (e as { code?: unknown }).code === 13 ? 'the zip directory is missing (the file is truncated or not a zip)' : 'the zip directory is damaged' };
  }
  return {
    names: entries.map((e) => e.name),
    size: (name) => last.get(name)?.size,
    read(name, maxBytes = maxEntryBytes) {
      const e = last.get(name);
      if (!e || e.size > Math.min(maxBytes, maxEntryBytes)) return undefined;
      try {
        if (e.method === 0) return e.compressed === e.size ? stored(b, e) : undefined;
        if (e.method === 8) return deflated(b, e);
      } catch {
        // A damaged entry, or an allocation the engine refuses.
      }
      return undefined;
    },
  };
}

/** A stored entry: fflate copies exactly its declared bytes (fewer when the file ends first). */
function stored(b: Uint8Array, e: Entry): Uint8Array | undefined {
  let i = 0;
  const out = unzipSync(b, { filter: () => i++ === e.index });
  // By name: the only entry extracted ("__proto__" included: the object's prototype is then the entry).
  const data: unknown = out[e.name];
  return data instanceof Uint8Array && data.length === e.size ? data : undefined;
}

/**
 * A deflated entry. fflate exposes no entry's position, so its streaming `Unzip` finds the data:
 * it walks the local headers, and the entry is the local one with the same name and occurrence
 * (and the same sizes, when the local header states them). The compressed bytes come through a
 * pass-through decoder, at most as many as the directory declares, and are inflated here.
 */
function deflated(b: Uint8Array, e: Entry): Uint8Array | undefined {
  let raw: Uint8Array | undefined;
  let seen = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    if (file.name !== e.name || seen++ !== e.occurrence) return;
    if (file.compression !== 8 || (file.size !== undefined && (file.size !== e.compressed || file.originalSize !== e.size))) throw STOP;
    const parts: Uint8Array[] = [];
    let length = 0;
    file.ondata = (err, data, final) => {
      if (err || (length += data.length) > e.compressed) throw STOP;
      parts.push(data);
      if (!final) return;
      raw = joined(b, parts, length);
      throw STOP;
    };
    file.start();
  });
  unzip.register(RawDeflate);
  try {
    // In pieces: within one push, fflate recurses once per entry (a 64 KiB piece holds at most ~2,000).
    for (let at = 0; at < b.length; at += PIECE) unzip.push(b.subarray(at, at + PIECE), at + PIECE >= b.length);
  } catch (x) {
    if (x !== STOP) return undefined;
  }
  return raw && raw.length === e.compressed ? inflateBounded(raw, e.size) : undefined;
}

const PIECE = 64 * 1024;

/**
 * The parts as one array: a view into the archive when they are consecutive views into it (the
 * usual case), else a copy (fflate copies a piece when a local header straddles two of them).
 */
function joined(b: Uint8Array, parts: readonly Uint8Array[], length: number): Uint8Array {
  let end = parts[0]?.byteOffset ?? 0;
  for (const p of parts) {
    if (p.buffer !== b.buffer || p.byteOffset !== end) return copyOf(parts, length);
    end += p.length;
  }
  return new Uint8Array(b.buffer, end - length, length);
}

function copyOf(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Hands the compressed bytes of a deflated entry over as they are. */
class RawDeflate {
  static readonly compression = 8;
  ondata!: AsyncFlateStreamHandler;
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }
}

/** The most compressed bytes inflated in one step (when far from the declared size). */
const MAX_STEP = 1024 * 1024;

/**
 * Inflates raw deflate data that must come to exactly `size` bytes, or undefined. The input goes
 * in steps small enough that one step cannot inflate much past what is left of `size` (deflate
 * expands at most 1,032:1), never less than 1 KiB: an entry that outgrows its size is dropped
 * within about a megabyte of it, and memory stays at the declared size plus that.
 */
function inflateBounded(raw: Uint8Array, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let n = 0;
  const inflate = new Inflate((chunk) => {
    if (n + chunk.length > size) throw STOP;
    out.set(chunk, n);
    n += chunk.length;
  });
  try {
    for (let at = 0; at < raw.length; ) {
      const step = Math.min(MAX_STEP, Math.max(1024, Math.ceil((size - n + 1) / 1032)));
      const end = Math.min(raw.length, at + step);
      inflate.push(raw.subarray(at, end), end === raw.length);
      at = end;
    }
  } catch {
    return undefined;
  }
  return n === size ? out : undefined;
}

export interface KerasArchive<T = string> {
  /** config.json, as text (positions in diagnostics refer to it). */
  readonly config: T;
  /** From metadata.json, when present. */
  readonly kerasVersion?: string;
}

export interface KerasArchiveWithWeights extends KerasArchive<Uint8Array> {
  /** model.weights.h5: HDF5 bytes, in a buffer of their own (offset 0, exactly their length). */
  readonly weights: Uint8Array;
}

/** Entry names as printed in messages: control characters escaped (names are the archive author's). */
const printable = (name: string) => JSON.stringify(name).slice(1, -1);
const holds = (zip: ZipEntries) => zip.names.slice(0, 5).map(printable).join(', ') || 'nothing';
const tooLarge = (name: string, size: number, limit: number) => `${name} is ${count(size)} bytes uncompressed, more than the ${count(limit)} kspec reads`;

/** config.json and the Keras version of a `.keras` archive, or why it cannot be read. */
export function readKerasArchive(b: Uint8Array, maxConfigBytes?: number): KerasArchive | { error: string } {
  const a = readKerasArchiveBytes(b, maxConfigBytes);
  return 'error' in a ? a : { ...a, config: new TextDecoder().decode(a.config) };
}

/** The same with config.json as bytes, for callers that decode it strictly. */
export function readKerasArchiveBytes(b: Uint8Array, maxConfigBytes = MAX_INPUT_BYTES): KerasArchive<Uint8Array> | { error: string } {
  const zip = readZip(b, maxConfigBytes);
  return 'error' in zip ? zip : configOf(zip, maxConfigBytes);
}

/**
 * config.json, the Keras version and model.weights.h5 of a `.keras` archive (Keras 3, or tf.keras
 * 2.13–2.15, which wrote the same layout), or why they cannot be read. The weights are read,
 * stored or deflated, up to `maxWeightsBytes` (2 GiB); what they hold is the HDF5 reader's concern.
 */
export function readKerasArchiveWeights(b: Uint8Array, options: { maxConfigBytes?: number; maxWeightsBytes?: number } = {}): KerasArchiveWithWeights | { error: string } {
  const { maxConfigBytes = MAX_INPUT_BYTES, maxWeightsBytes = MAX_WEIGHTS_BYTES } = options;
  const zip = readZip(b, Math.max(maxConfigBytes, maxWeightsBytes));
  if ('error' in zip) return zip;
  const archive = configOf(zip, maxConfigBytes);
  if ('error' in archive) return archive;
  const name = 'model.weights.h5';
  const size = zip.size(name);
  if (size === undefined) {
    const npz = zip.names.includes('model.weights.npz') ? ': its weights are in model.weights.npz (Keras\'s NumPy format), which kspec does not read' : ` (it holds ${holds(zip)})`;
    return { error: `it has no ${name}${npz}` };
  }
  if (size > maxWeightsBytes) return { error: tooLarge(name, size, maxWeightsBytes) };
  const weights = zip.read(name, maxWeightsBytes);
  if (!weights) return { error: `${name} cannot be decompressed` };
  return { ...archive, weights };
}

function configOf(zip: ZipEntries, maxConfigBytes: number): KerasArchive<Uint8Array> | { error: string } {
  const size = zip.size('config.json');
  if (size !== undefined && size > maxConfigBytes) return { error: tooLarge('config.json', size, maxConfigBytes) };
  const config = zip.read('config.json', maxConfigBytes);
  if (!config) return { error: size !== undefined ? 'config.json cannot be decompressed' : `it has no config.json (it holds ${holds(zip)})` };
  let kerasVersion: string | undefined;
  const meta = zip.read('metadata.json', maxConfigBytes);
  if (meta) {
    try {
      const m = JSON.parse(new TextDecoder().decode(meta)) as { keras_version?: unknown };
      if (typeof m.keras_version === 'string') kerasVersion = m.keras_version;
    } catch {
      // metadata.json is informative only; a broken one does not stop the model from loading.
    }
  }
  return { config, ...(kerasVersion && { kerasVersion }) };
}
