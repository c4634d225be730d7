/**
 * `kspec lint --fix` loses nothing: it writes through a temporary file and a rename, refuses a
 * read-only file (left byte-identical), never re-creates a file removed meanwhile, never overwrites
 * a file changed meanwhile, keeps the file's permissions, encoding and symbolic links, and leaves
 * no temporary file behind. The races are made deterministic by running the CLI in-process with
 * `lintText` wrapped to act in the middle of the run.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runMain } from '../cli-run.js';
import { STACK_FRAME } from './helpers.js';

/** Runs while each file is being linted (after it was read, before it is written). */
let duringLint: ((fileName: string) => void) | undefined;
vi.mock('../../src/lint/lint.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/lint/lint.js')>();
  return {
    ...real,
    lintText: (text: string, options: Parameters<typeof real.lintText>[1]) => {
      if (options?.fix) duringLint?.(options.fileName ?? '');
      return real.lintText(text, options);
    },
  };
});
afterEach(() => {
  duringLint = undefined;
});

function run(args: string[]): ReturnType<typeof runMain> {
  const r = runMain(args);
  expect(r.stdout + r.stderr).not.toMatch(STACK_FRAME);
  return r;
}

/** A spec with one fixable problem ("silu" is written "swish" for tfjs). */
const FIXABLE = 'input_shape: [2]\nlayers:\n  - Dense(1, activation="silu")  # keep me\n';
const FIXED = 'input_shape: [2]\nlayers:\n  - Dense(1, activation="swish")  # keep me\n';

function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kspec-fix-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

describe('files --fix must not write', () => {
  it('a read-only file is reported, left byte-identical, and the others are still fixed', () => {
    const dir = project({ 'a.yaml': FIXABLE, 'ro.yaml': FIXABLE });
    chmodSync(join(dir, 'ro.yaml'), 0o444);
    const r = run(['lint', '--fix', '--no-color', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kspec: cannot fix ${join(dir, 'ro.yaml')}: the file is read-only (left unchanged)\n`);
    expect(readFileSync(join(dir, 'ro.yaml'), 'utf8')).toBe(FIXABLE);
    expect(statSync(join(dir, 'ro.yaml')).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(FIXED);
    // The unfixed file's problem is still listed.
    expect(r.stdout).toContain(`${join(dir, 'ro.yaml')}\n  3:25  info  tfjs cannot run the activation "silu" as written`);
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'ro.yaml']);
  });

  it('a file removed while kspec fixes it is not created again', () => {
    const dir = project({ 'gone.yaml': FIXABLE });
    const file = join(dir, 'gone.yaml');
    duringLint = () => rmSync(file);
    const r = run(['lint', '--fix', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kspec: cannot fix ${file}: it was removed while kspec was fixing it (not created again)\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file changed while kspec fixes it is left as the other writer left it', () => {
    const dir = project({ 'busy.yaml': FIXABLE });
    const file = join(dir, 'busy.yaml');
    const theirs = FIXABLE.replace('# keep me', '# edited meanwhile');
    duringLint = () => writeFileSync(file, theirs);
    const r = run(['lint', '--fix', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`kspec: cannot fix ${file}: it changed while kspec was fixing it (left as it is now)\n`);
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    expect(readdirSync(dir)).toEqual(['busy.yaml']);
  });

  it('a file replaced by a read-only one meanwhile is not written', () => {
    const dir = project({ 'swap.yaml': FIXABLE });
    const file = join(dir, 'swap.yaml');
    duringLint = () => chmodSync(file, 0o400);
    expect(run(['lint', '--fix', file]).code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(FIXABLE);
    expect(readdirSync(dir)).toEqual(['swap.yaml']);
  });

  it('text that is not UTF-8 is refused, never rewritten with U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from(FIXABLE), Buffer.from('name: caf'), Buffer.from([0xe9, 0x0a])]);
    const dir = project({ 'latin1.yaml': bytes });
    const r = run(['lint', '--fix', '--no-color', join(dir, 'latin1.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('4:10  error  Invalid YAML: the text is not UTF-8: the byte 0xE9 at byte offset 77 does not start a UTF-8 character.  KS1002');
    expect(readFileSync(join(dir, 'latin1.yaml')).equals(bytes)).toBe(true);
  });
});

describe('what --fix keeps', () => {
  it('permissions', () => {
    const dir = project({ 'm.yaml': FIXABLE });
    chmodSync(join(dir, 'm.yaml'), 0o640);
    expect(run(['lint', '--fix', join(dir, 'm.yaml')]).code).toBe(0);
    expect(readFileSync(join(dir, 'm.yaml'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'm.yaml')).mode & 0o777).toBe(0o640);
  });

  it('a symbolic link (the file it points to is fixed; the link stays a link)', () => {
    const dir = project({ 'real.yaml': FIXABLE });
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    expect(run(['lint', '--fix', join(dir, 'link.yaml')]).code).toBe(0);
    expect(lstatSync(join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.yaml'))).toBe('real.yaml');
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toBe(FIXED);
    expect(readdirSync(dir).sort()).toEqual(['link.yaml', 'real.yaml']);
  });

  it.each([
    ['a UTF-8 BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])],
    ['UTF-16 LE with its BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')])],
    ['UTF-16 BE with its BOM', (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()])],
    ['CRLF line ends', (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'))],
  ])('%s', (_, encode) => {
    const dir = project({ 'm.yaml': encode(FIXABLE) });
    expect(run(['lint', '--fix', join(dir, 'm.yaml')]).code).toBe(0);
    expect(readFileSync(join(dir, 'm.yaml')).equals(encode(FIXED))).toBe(true);
  });

  it('nothing is written when there is nothing to fix (the file is not even touched)', () => {
    const dir = project({ 'ok.yaml': FIXED });
    const before = statSync(join(dir, 'ok.yaml')).mtimeMs;
    duringLint = () => chmodSync(join(dir, 'ok.yaml'), 0o444);
    expect(run(['lint', '--fix', join(dir, 'ok.yaml')]).code).toBe(0);
    expect(statSync(join(dir, 'ok.yaml')).mtimeMs).toBe(before);
  });
});
