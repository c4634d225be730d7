/**
 * `.keras` archives are zip files holding config.json, metadata.json and model.weights.h5. A small
 * zip reader (central directory, stored and deflated entries) over Node's zlib: no dependency,
 * and every malformation is an error message, never an exception.
 */
import { createRequire } from 'node:module';

/** zlib is loaded on the first deflated entry, not by every command that never reads an archive. */
let zlib: typeof import('node:zlib') | undefined;
const inflateRawSync: typeof import('node:zlib').inflateRawSync = (data, options) => (zlib ??= createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib')).inflateRawSync(data, options);

export interface ZipEntries {
  readonly names: readonly string[];
  /** The uncompressed size the zip directory declares. */
  size(name: string): number | undefined;
  /** The entry's bytes; undefined when it is damaged, larger than the limit, or not what it declares. */
  read(name: string): Uint8Array | undefined;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
export const isHdf5 = (b: Uint8Array) => b.length >= 8 && [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x);

/**
 * The entries of a zip file, or a sentence saying why it cannot be read. Entries are read by exact
 * name into memory only (nothing is ever extracted to disk, so `../` names cannot escape anywhere);
 * none is inflated beyond the size it declares, nor beyond `maxEntryBytes` (zip bombs stop there).
 */
export function readZip(b: Uint8Array, maxEntryBytes = 512 * 1024 * 1024): ZipEntries | { error: string } {
  // The end-of-central-directory record is in the last 65,557 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65557); i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { error: 'the zip directory is missing (the file is truncated or not a zip)' };
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  const entries = new Map<string, { method: number; size: number; compressed: number; local: number }>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return { error: 'the zip directory is damaged' };
    const method = u16(b, p + 10);
    const compressed = u32(b, p + 20);
    const size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extra = u16(b, p + 30);
    const comment = u16(b, p + 32);
    const local = u32(b, p + 42);
    const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
    entries.set(name, { method, size, compressed, local });
    p += 46 + nameLen + extra + comment;
  }
  return {
    names: [...entries.keys()],
    size: (name) => entries.get(name)?.size,
    read(name) {
      const e = entries.get(name);
      if (!e || e.size > maxEntryBytes || e.local + 30 > b.length || u32(b, e.local) !== 0x04034b50) return undefined;
      const start = e.local + 30 + u16(b, e.local + 26) + u16(b, e.local + 28);
      const data = b.subarray(start, start + e.compressed);
      if (data.length !== e.compressed) return undefined;
      if (e.method === 0) return data;
      if (e.method !== 8) return undefined;
      try {
        const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
        return out.length === e.size ? out : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

export interface KerasArchive<T = string> {
  /** config.json, as text (positions in diagnostics refer to it). */
  readonly config: T;
  /** From metadata.json, when present. */
  readonly kerasVersion?: string;
}

/** Entry names as printed in messages: control characters escaped (names are the archive author's). */
const printable = (name: string) => JSON.stringify(name).slice(1, -1);

/** config.json and the Keras version of a `.keras` archive, or why it cannot be read. */
export function readKerasArchive(b: Uint8Array, maxConfigBytes?: number): KerasArchive | { error: string } {
  const a = readKerasArchiveBytes(b, maxConfigBytes);
  return 'error' in a ? a : { ...a, config: new TextDecoder().decode(a.config) };
}

/** The same with config.json as bytes, for callers that decode it strictly. */
export function readKerasArchiveBytes(b: Uint8Array, maxConfigBytes = 64 * 1024 * 1024): KerasArchive<Uint8Array> | { error: string } {
  const zip = readZip(b, maxConfigBytes);
  if ('error' in zip) return zip;
  const size = zip.size('config.json');
  if (size !== undefined && size > maxConfigBytes) return { error: `config.json is ${size.toLocaleString('en-US')} bytes uncompressed, more than the ${maxConfigBytes.toLocaleString('en-US')} kspec reads` };
  const config = zip.read('config.json');
  if (!config) return { error: zip.names.includes('config.json') ? 'config.json cannot be decompressed' : `it has no config.json (it holds ${zip.names.slice(0, 5).map(printable).join(', ') || 'nothing'})` };
  let kerasVersion: string | undefined;
  const meta = zip.read('metadata.json');
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
