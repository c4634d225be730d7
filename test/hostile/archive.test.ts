/**
 * Hostile `.keras` archives: zip bombs, lying sizes, corrupt directories, path-traversal names.
 * kspec reads config.json (and metadata.json) by exact name, into memory, never beyond the size
 * the directory declares nor beyond MAX_INPUT_BYTES, and never writes an entry anywhere.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { readKerasArchiveWeights, readZip } from '../../src/parse/archive.js';
import { MAX_INPUT_BYTES, MAX_WEIGHTS_BYTES } from '../../src/parse/limits.js';
import { loadSpec } from '../../src/source/load.js';
import { zip } from '../zip.js';
import { expectCleanFailure, expectLocated, runCli, SEED } from './helpers.js';


const CONFIG = Buffer.from(JSON.stringify({ class_name: 'Sequential', config: { name: 'z', layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 3], name: 'in' } }, { class_name: 'Dense', config: { name: 'd', units: 2 } }] } }));
const text = (s: string) => Buffer.from(s);

function loadError(bytes: Uint8Array): string {
  const r = loadSpec(bytes, 'model.keras');
  if (!('error' in r)) throw new Error('expected the archive to be refused');
  expect(r.error.code).toBe('KS1017');
  return (r.error as { detail: string }).detail;
}

describe('zip bombs stop at the declared size and the limit', () => {
  it(`config.json declaring more than ${MAX_INPUT_BYTES} bytes is refused without inflating it`, () => {
    const t0 = performance.now();
    const detail = loadError(zip([{ name: 'config.json', data: text('{}'), declaredSize: 0xfffffff0 }]));
    expect(detail).toBe(`config.json is 4,294,967,280 bytes uncompressed, more than the ${MAX_INPUT_BYTES.toLocaleString('en-US')} kspec reads`);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('config.json that inflates beyond what it declares (a lying bomb) is refused at the declared size', () => {
    // 200 MB of zeros deflate to ~200 KB; the entry claims 10 bytes.
    const bomb = Buffer.alloc(200 * 1024 * 1024);
    const t0 = performance.now();
    expect(loadError(zip([{ name: 'config.json', data: bomb, declaredSize: 10 }]))).toBe('config.json cannot be decompressed');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a high-ratio but honest config.json under the limit is read (and then refused as JSON)', () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const r = loadSpec(zip([{ name: 'config.json', data: zeros }]), 'model.keras');
    if ('error' in r) throw new Error(JSON.stringify(r.error));
    expect(compile(r.text, { fileName: r.fileName }).diagnostics.map((d) => d.code)).toEqual(['KS1006']);
  });

  it('model.weights.h5 is never inflated, however large it claims to be', () => {
    const r = loadSpec(zip([{ name: 'config.json', data: CONFIG }, { name: 'model.weights.h5', data: Buffer.alloc(1024 * 1024), declaredSize: 0xffffffff }]), 'model.keras');
    expect('error' in r).toBe(false);
  });
});

describe('model.weights.h5 (read for weight conversion) stops at its declared size and 2 GiB', () => {
  const weights = (entry: { data: Uint8Array; declaredSize?: number; deflate?: boolean }) => readKerasArchiveWeights(zip([{ name: 'config.json', data: CONFIG }, { name: 'model.weights.h5', ...entry }]));

  it.each([true, false])(`weights declaring more than ${MAX_WEIGHTS_BYTES} bytes are refused without reading them (deflated: %s)`, (deflate) => {
    const t0 = performance.now();
    // Were the entry read, its 1 MiB would not be the 4 GB it declares: "cannot be decompressed".
    expect(weights({ data: Buffer.alloc(1024 * 1024), declaredSize: 0xfffffff0, deflate })).toEqual({ error: 'model.weights.h5 is 4,294,967,280 bytes uncompressed, more than the 2,147,483,648 kspec reads' });
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('a lower limit is the caller\'s to set', () => {
    const r = readKerasArchiveWeights(zip([{ name: 'config.json', data: CONFIG }, { name: 'model.weights.h5', data: Buffer.alloc(5000) }]), { maxWeightsBytes: 4096 });
    expect(r).toEqual({ error: 'model.weights.h5 is 5,000 bytes uncompressed, more than the 4,096 kspec reads' });
  });

  it('weights that inflate beyond what they declare stop within about a megabyte of it', () => {
    // 100 MB of zeros claiming 4 MiB: inflated in bounded steps, dropped once past 4 MiB.
    const bomb = zip([{ name: 'config.json', data: CONFIG }, { name: 'model.weights.h5', data: Buffer.alloc(100 * 1024 * 1024), declaredSize: 4 * 1024 * 1024 }]);
    const t0 = performance.now();
    expect(readKerasArchiveWeights(bomb)).toEqual({ error: 'model.weights.h5 cannot be decompressed' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it.each([true, false])('weights shorter than they declare are refused (deflated: %s)', (deflate) => {
    expect(weights({ data: Buffer.alloc(1000, 1), declaredSize: 1001, deflate })).toEqual({ error: 'model.weights.h5 cannot be decompressed' });
  });
});

describe('corrupt archives are KS1017, never an exception', () => {
  const good = zip([{ name: 'config.json', data: CONFIG }]);
  const cd = good.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const eocd = good.length - 22;
  const stored = zip([{ name: 'config.json', data: CONFIG, deflate: false }]);
  const patchOf = (archive: Buffer) => (at: number, bytes: number[]) => {
    const b = Buffer.from(archive);
    bytes.forEach((x, i) => (b[at + i] = x));
    return b;
  };
  const patch = patchOf(good);
  // The same offsets: the stored archive differs only in its data's length.
  const patchStored = (at: number, bytes: number[]) => patchOf(stored)(at + stored.length - good.length, bytes);
  it.each([
    ['only a signature', Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'KS1017'],
    ['truncated in the data', good.subarray(0, 40), 'KS1017'],
    ['truncated in the directory', good.subarray(0, cd + 10), 'KS1017'],
    ['the directory offset past the end', patch(eocd + 16, [0xff, 0xff, 0xff, 0x7f]), 'KS1017'],
    // The total entry count; fflate counts the entries on this disk (still 1), so the archive is whole.
    ['65,535 entries claimed', patch(eocd + 10, [0xff, 0xff]), 'read'],
    ['65,535 entries on this disk', patch(eocd + 8, [0xff, 0xff]), 'KS1017'],
    ['zip64 markers', patch(eocd + 10, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 'KS1017'],
    ['zip64 markers, entries on this disk included', patch(eocd + 8, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), 'KS1017'],
    // A deflated entry is found by its local header (fflate gives no entry's offset), which is intact.
    ['a local header offset past the end (deflated)', patch(cd + 42, [0xff, 0xff, 0xff, 0x7f]), 'read'],
    ['a local header offset past the end (stored)', patchStored(cd + 42, [0xff, 0xff, 0xff, 0x7f]), 'KS1017'],
    ['a name length past the end', patch(cd + 28, [0xff, 0xff]), 'KS1017'],
    ['an unknown compression method', patch(cd + 10, [99, 0]), 'KS1017'],
    ['compressed size larger than the file', patch(cd + 20, [0xff, 0xff, 0xff, 0x0f]), 'KS1017'],
    ['compressed size larger than the file (stored)', patchStored(cd + 20, [0xff, 0xff, 0xff, 0x0f]), 'KS1017'],
    ['deflate data replaced by garbage', Buffer.concat([good.subarray(0, 30 + 11), Buffer.alloc(good.length - 30 - 11 - (good.length - cd), 0xff), good.subarray(cd)]), 'KS1017'],
  ])('%s', (_, bytes, outcome) => {
    const r = loadSpec(bytes, 'model.keras');
    expect('error' in r ? r.error.code : 'read').toBe(outcome);
    if (!('error' in r)) expect(r.text).toBe(CONFIG.toString());
  });

  it('random damage to a valid archive (fast-check)', () => {
    const base = zip([{ name: 'metadata.json', data: text('{"keras_version": "3.9.2"}') }, { name: 'config.json', data: CONFIG }, { name: 'model.weights.h5', data: Buffer.alloc(64) }]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat({ max: base.length }), (flips, cut) => {
        const b = Buffer.from(base);
        for (const [at, v] of flips) b[at] = v;
        const bytes = cut > base.length - 8 ? b : b.subarray(0, Math.max(4, cut));
        const r = loadSpec(bytes, 'model.keras');
        if ('error' in r) return;
        const c = compile(r.text, { fileName: r.fileName, ...(r.kerasVersion && { kerasVersion: r.kerasVersion }) });
        expectLocated(c.diagnostics, r.text, c.ok);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});

describe('the number of entries', () => {
  const empty = (n: number) => Array.from({ length: n }, (_, i) => ({ name: String(i), data: new Uint8Array(0), deflate: false }));

  it('more than 65,535 (a Zip64 count) is refused from the directory', () => {
    expect(loadError(zip([...empty(65_535), { name: 'config.json', data: CONFIG }]))).toBe('it has more than 65,535 entries');
  });

  it('65,535, the last a deflated config.json found by its local header, is read in bounded time', () => {
    const bytes = zip([...empty(65_534), { name: 'config.json', data: CONFIG }]);
    const t0 = performance.now();
    const r = loadSpec(bytes, 'model.keras');
    expect('error' in r ? r.error : r.text).toBe(CONFIG.toString());
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

describe('entry names are data: nothing is extracted, so traversal names go nowhere', () => {
  const NAMES = ['../config.json', '../../../../tmp/kspec-escape', '/etc/passwd', 'C:\\Windows\\win.ini', 'dir/../config.json', './config.json', 'config.json/', 'config.json\u0000.txt', '\u001b[2Jconfig', ''];
  it('an archive of traversal names has no config.json, and the message escapes control characters', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-zip-'));
    const file = join(dir, 'evil.keras');
    writeFileSync(file, zip(NAMES.map((name) => ({ name, data: CONFIG }))));
    const r = runCli(['lint', '--format', 'json', file], { cwd: dir });
    expectCleanFailure(r, 'KS1017');
    const [result] = JSON.parse(r.stdout) as { diagnostics: { message: string }[] }[];
    expect(result!.diagnostics[0]!.message).toBe('This is not a readable .keras archive: it has no config.json (it holds ../config.json, ../../../../tmp/kspec-escape, /etc/passwd, C:\\\\Windows\\\\win.ini, dir/../config.json).');
    expect(readdirSync(dir)).toEqual(['evil.keras']);
    const stylish = runCli(['lint', file], { cwd: dir });
    expect(stylish.stdout).not.toContain('\u001b');
  });

  it('duplicate config.json entries: the last one is read, as unzip does', () => {
    const other = Buffer.from(CONFIG.toString().replace('"z"', '"second"'));
    const r = loadSpec(zip([{ name: 'config.json', data: CONFIG }, { name: 'config.json', data: other }]), 'model.keras');
    if ('error' in r) throw new Error(JSON.stringify(r.error));
    expect(r.text).toContain('"second"');
  });

  it('readZip lists the names as they are and reads only by exact name', () => {
    const z = readZip(zip(NAMES.map((name) => ({ name, data: text('x') }))));
    if ('error' in z) throw new Error(z.error);
    expect(z.names).toEqual(NAMES);
    expect(z.read('config.json')).toBeUndefined();
  });
});

describe('the CLI on archives, with a 256 MB heap', () => {
  it('a lying 200 MB bomb exits 1 with KS1017, in time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-zip-'));
    writeFileSync(join(dir, 'bomb.keras'), zip([{ name: 'config.json', data: Buffer.alloc(200 * 1024 * 1024), declaredSize: 100 }]));
    const r = runCli(['compile', 'bomb.keras'], { cwd: dir, heapMB: 256 });
    expectCleanFailure(r, 'KS1017');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('invalid UTF-8 inside config.json is located in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-zip-'));
    writeFileSync(join(dir, 'm.keras'), zip([{ name: 'config.json', data: Buffer.concat([text('{"class_name": "'), Buffer.from([0xff, 0xfe]), text('"}')]) }]));
    const r = runCli(['compile', 'm.keras', '--no-color'], { cwd: dir });
    expectCleanFailure(r);
    expect(r.stderr).toMatch(/^m\.keras\/config\.json:1:17: error KS1001 Invalid JSON: the text is not UTF-8: the byte 0xFF at byte offset 16 does not start a UTF-8 character\./);
  });
});
