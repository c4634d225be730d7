/** File I/O for commands: reading inputs (or stdin) and writing outputs atomically. */
import { accessSync, chmodSync, constants, existsSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TextEncoding } from '../source/load.js';

export class IoError extends Error {}

export function readInput(file: string): Uint8Array {
  try {
    return file === '-' ? readFileSync(0) : readFileSync(file);
  } catch (e) {
    throw new IoError(`cannot read ${file === '-' ? 'standard input' : file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
let temps = 0;
/**
 * Writes `data` to a new temporary file beside `file` and returns its name. Created exclusively
 * ('wx'), so a name in use is never overwritten and needs no random part (loading node:crypto for
 * one would cost every command's start-up); a failed write leaves nothing behind.
 */
function writeTempBeside(file: string, data: string | Uint8Array): string {
  for (;;) {
    const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now().toString(36)}.${temps++}.tmp`);
    try {
      writeFileSync(tmp, data, { flag: 'wx' });
      return tmp;
    } catch (e) {
      if (errorCode(e) === 'EEXIST') continue;
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}

/** Writes to a temporary file beside the target, then renames: never a half-written file. */
export function writeAtomic(file: string, text: string | Uint8Array): void {
  let tmp: string | undefined;
  try {
    tmp = writeTempBeside(file, text);
    renameSync(tmp, file);
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    throw new IoError(`cannot write ${file}: ${errorCode(e)}`);
  }
}

/** The bytes of `text` in `encoding` (what `--fix` writes back: the file keeps its encoding and BOM). */
export function encodeText(text: string, encoding: TextEncoding = 'utf-8'): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
}

/**
 * `--fix`: replaces a file that held `original` with `data`, atomically (temporary file + rename),
 * keeping its permissions and writing through a symbolic link. Refused, leaving everything as it
 * is, when the file is read-only, has disappeared (it is not created again), or no longer holds
 * `original` (someone else changed it meanwhile).
 */
export function replaceFile(file: string, original: Uint8Array, data: Uint8Array): void {
  const failed = (e: unknown) => new IoError(errorCode(e) === 'ENOENT' ? `cannot fix ${file}: it was removed while kspec was fixing it (not created again)` : `cannot fix ${file}: ${errorCode(e)}`);
  let target: string;
  let mode: number;
  let now: Buffer;
  try {
    target = realpathSync(file);
    mode = statSync(target).mode & 0o7777;
    now = readFileSync(target);
  } catch (e) {
    throw failed(e);
  }
  let writable = (mode & 0o222) !== 0;
  try {
    accessSync(target, constants.W_OK);
  } catch {
    writable = false;
  }
  // A file without write permission is left alone, even where rename could replace it (or root could write it).
  if (!writable) throw new IoError(`cannot fix ${file}: the file is read-only (left unchanged)`);
  if (!now.equals(original)) throw new IoError(`cannot fix ${file}: it changed while kspec was fixing it (left as it is now)`);
  let tmp: string | undefined;
  try {
    tmp = writeTempBeside(target, data);
    chmodSync(tmp, mode);
    if (!existsSync(target)) throw failed({ code: 'ENOENT' });
    renameSync(tmp, target);
  } catch (e) {
    if (tmp) rmSync(tmp, { force: true });
    throw e instanceof IoError ? e : new IoError(`cannot fix ${file}: ${errorCode(e)}`);
  }
}
