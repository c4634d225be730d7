/**
 * File bytes → the spec text to compile: plain JSON/YAML text, or the config.json of a `.keras`
 * archive (recognised by its zip signature, whatever the extension). HDF5 files are recognised
 * and reported (their configs are read in a later version). Text is UTF-8 (a BOM is allowed) or
 * UTF-16 with a BOM; anything else is refused where the first undecodable byte is, never guessed.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import { isHdf5, isZip, readKerasArchiveBytes } from '../parse/archive.js';
import { syntaxOf } from '../parse/document.js';
import { count, MAX_INPUT_BYTES } from '../parse/limits.js';
import { SourceFile, type Span } from './source-file.js';

/** How the text was stored, so that `--fix` writes it back the same way. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface LoadedSpec {
  readonly text: string;
  /** The name diagnostics show: `model.keras/config.json` for an archive. */
  readonly fileName: string;
  /** From the archive's metadata.json. */
  readonly kerasVersion?: string;
  /** True when the text came out of an archive (so it cannot be fixed in place). */
  readonly fromArchive?: boolean;
  /** The file's encoding (plain files only). */
  readonly encoding?: TextEncoding;
  /** The bytes read (plain files only): `--fix` replaces the file only if it still holds them. */
  readonly bytes?: Uint8Array;
}

export type LoadError =
  | { readonly code: 'KS1017'; readonly detail: string }
  | { readonly code: 'KS1008'; readonly dialect: string }
  | { readonly code: 'KS1022'; readonly what: string; readonly limit: string }
  /** Text that cannot be decoded: located at the first bad byte of the text decoded so far. */
  | { readonly code: 'KS1001' | 'KS1002'; readonly detail: string; readonly fileName: string; readonly text: string; readonly span: Span };

export function loadSpec(bytes: Uint8Array, fileName: string): LoadedSpec | { error: LoadError } {
  if (isZip(bytes)) {
    const archive = readKerasArchiveBytes(bytes, MAX_INPUT_BYTES);
    if ('error' in archive) return { error: { code: 'KS1017', detail: archive.error } };
    const name = `${fileName}/config.json`;
    const text = decodeText(archive.config, name);
    if ('error' in text) return text;
    return { text: text.text, fileName: name, fromArchive: true, ...(archive.kerasVersion && { kerasVersion: archive.kerasVersion }) };
  }
  if (isHdf5(bytes)) return { error: { code: 'KS1008', dialect: 'HDF5 (.h5)' } };
  if (/\.keras$/i.test(fileName)) return { error: { code: 'KS1017', detail: 'it is neither a zip archive nor an HDF5 file' } };
  if (bytes.length > MAX_INPUT_BYTES) return { error: { code: 'KS1022', what: `${count(bytes.length)} bytes`, limit: `${count(MAX_INPUT_BYTES)} bytes` } };
  const text = decodeText(bytes, fileName);
  if ('error' in text) return text;
  return { text: text.text, fileName, encoding: text.encoding, bytes };
}

function loadErrorMessage(e: LoadError): string {
  switch (e.code) {
    case 'KS1017':
      return MESSAGES.KS1017.text({ detail: e.detail });
    case 'KS1008':
      return MESSAGES.KS1008.text({ dialect: e.dialect });
    case 'KS1022':
      return MESSAGES.KS1022.text({ what: e.what, limit: e.limit });
    default:
      return MESSAGES[e.code].text({ detail: e.detail });
  }
}

/**
 * A load error as a located diagnostic. Undecodable text is shown in the file it is in
 * (`model.keras/config.json` for an archive); other errors point at the start of `fileName`.
 */
export function loadErrorDiagnostic(e: LoadError, fileName: string): { source: SourceFile; diagnostic: Diagnostic } {
  const located = e.code === 'KS1001' || e.code === 'KS1002';
  const span = located ? e.span : { start: 0, end: 0 };
  const name = located ? e.fileName : fileName;
  const source = new SourceFile(name, located ? e.text : '');
  return { source, diagnostic: { code: e.code, severity: 'error', message: loadErrorMessage(e), file: name, at: { path: [], inner: span }, span } };
}

const BOMS: readonly [TextEncoding | 'utf-32', readonly number[]][] = [
  ['utf-8-bom', [0xef, 0xbb, 0xbf]],
  ['utf-32', [0xff, 0xfe, 0x00, 0x00]],
  ['utf-32', [0x00, 0x00, 0xfe, 0xff]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

/** Strict decoding: a byte that is not text is an error at its place, never a silent U+FFFD. */
function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncoding } | { error: LoadError } {
  const [encoding, bom] = BOMS.find(([, b]) => b.every((x, i) => bytes[i] === x)) ?? (['utf-8', []] as const);
  const body = bytes.subarray(bom.length);
  const fail = (detail: string, badByte: number) => {
    // The text before the bad byte, decoded leniently, places the error and shows the frame.
    const label = encoding === 'utf-16be' ? 'utf-16be' : encoding === 'utf-16le' ? 'utf-16le' : 'utf-8';
    const text = new TextDecoder(label, { ignoreBOM: true }).decode(body);
    const at = new TextDecoder(label, { ignoreBOM: true }).decode(body.subarray(0, badByte)).length;
    const code = syntaxOf(new SourceFile(fileName, text)) === 'json' ? 'KS1001' : 'KS1002';
    return { error: { code, detail, fileName, text, span: { start: at, end: Math.min(text.length, at + 1) } } as const };
  };
  if (encoding === 'utf-32') return fail('the text is UTF-32; kspec reads UTF-8 (or UTF-16 with a byte order mark)', 0);
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  try {
    return { text: new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body), encoding };
  } catch {
    if (label !== 'utf-8') return fail(`the text is not valid ${label.toUpperCase()}`, body.length - (body.length % 2));
    const at = firstInvalidUtf8(body);
    if (at >= body.length) return fail('the text is not UTF-8', 0);
    return fail(`the text is not UTF-8: the byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')} at byte offset ${at + bom.length} does not start a UTF-8 character`, at);
  }
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    let cp = c & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const d = b[i + k]!;
      if ((d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((len === 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (len === 4 && (cp < 0x10000 || cp > 0x10ffff))) return i;
    i += len;
  }
  return b.length;
}
