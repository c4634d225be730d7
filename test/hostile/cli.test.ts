/**
 * The installed command on hostile files, in a child process with a V8 heap limit and a time
 * limit: exit 1 with located diagnostics, never a stack trace, an internal error or a crash.
 * (The CLI is dist/kspec.mjs: `npm run build` first, as `npm ci` does through `prepare`.)
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, MAX_YAML_CHARS } from '../../src/parse/limits.js';
import { expectCleanFailure, runCli, STACK_FRAME } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kspec-hostile-'));
});
const put = (name: string, data: string | Uint8Array) => {
  writeFileSync(join(dir, name), data);
  return name;
};

const SPEC = 'input_shape: [2]\nlayers:\n  - Dense(1)\n';
const N = 200_000;

describe('hostile files: exit 1, a located diagnostic, bounded time and a 256 MB heap', () => {
  /** [what, file, contents, code, where it is reported (line:column)]. */
  const CASES: [string, string, string | Uint8Array, string, RegExp][] = [
    ['alias bomb', 'bomb.yaml', `a: &a [x, x, x, x, x, x, x, x, x, x]\n${'bcdefghi'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`).join('\n')}\n`, 'KS1004', /^1:\d+$/],
    ['200,000-deep JSON', 'deep.json', `{"layers": ${'['.repeat(N)}${']'.repeat(N)}}`, 'KS1005', /^1:1$/],
    ['200,000-deep YAML', 'deep.yaml', '- '.repeat(N) + 'x\n', 'KS1005', /^1:\d+$/],
    ['a Python tag', 'tag.yaml', `x: !!python/object/apply:os.system ["touch /tmp/kspec-pwned"]\n${SPEC}`, 'KS1003', /^1:\d+$/],
    ['a JavaScript tag', 'fn.yaml', `input_shape: [2]\nlayers:\n  - !!js/function "function () { process.exit(0) }"\n`, 'KS1003', /^3:\d+$/],
    ['an empty file', 'empty.json', '', 'KS1006', /^1:1$/],
    ['a UTF-8 BOM alone', 'bom.yaml', '\uFEFF', 'KS1006', /^1:1$/],
    ['__proto__ keys', 'proto.json', `{"__proto__": {"polluted": 1}, "input_shape": [2], "layers": ["Dense(1, __proto__=1)"]}`, 'KS2012', /^1:2$/],
    ['a layer consuming itself', 'self.yaml', 'inputs: {x: [2]}\nlayers:\n  - a = Dense(2)(a)\noutputs: a\n', 'KS4002', /^3:\d+$/],
    ['negative and NaN-ish dimensions', 'shape.yaml', 'input_shape: [-1, "NaN", 1e308]\nlayers:\n  - Dense(1)\n', 'KS2003', /^1:14$/],
    ['binary garbage', 'garbage.bin', Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919 + 13) % 256)), 'KS1002', /^2:1$/],
    ['invalid UTF-8 in a YAML value', 'latin1.yaml', Buffer.concat([Buffer.from(`${SPEC}name: caf`), Buffer.from([0xe9]), Buffer.from('\n')]), 'KS1002', /^4:10$/],
    ['an overlong UTF-8 encoding', 'overlong.json', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), 'KS1001', /^1:11$/],
    ['a UTF-8-encoded surrogate', 'surrogate.json', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), 'KS1001', /^1:11$/],
    ['UTF-16 without a byte order mark', 'utf16.yaml', Buffer.from(SPEC, 'utf16le'), 'KS1007', /^\d+:\d+$/],
    ['UTF-32 with a byte order mark', 'utf32.yaml', Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), 'KS1002', /^1:1$/],
  ];

  it('all of them in one lint run: each file exits 1 with its code, located', () => {
    const names = CASES.map(([, name, data]) => put(name, data));
    const r = runCli(['lint', '--format', 'json', ...names], { cwd: dir, timeoutMs: 30_000 });
    expectCleanFailure(r);
    const results = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; line: number; column: number }[] }[];
    const got = results.map((f) => [f.file, f.diagnostics[0]?.code, `${f.diagnostics[0]?.line}:${f.diagnostics[0]?.column}`]);
    CASES.forEach(([what, name, , code, at], i) => {
      expect(got[i]!.slice(0, 2), what).toEqual([name, code]);
      expect(got[i]![2], what).toMatch(at);
    });
  });

  it('compile prints the first as file:line:column: error CODE, with a code frame and no stack', () => {
    const latin1 = CASES.find(([, name]) => name === 'latin1.yaml')!;
    const r = runCli(['compile', put(latin1[1], latin1[2]), '--no-color'], { cwd: dir });
    expectCleanFailure(r, 'KS1002');
    expect(r.stderr).toMatch(/^latin1\.yaml:4:10: error KS1002 Invalid YAML: the text is not UTF-8: the byte 0xE9 at byte offset 47 does not start a UTF-8 character\.\n/);
  });

  it('the same hostile text on standard input', () => {
    for (const input of ['\u0000\u0001\u0002', 'a: *nope', '['.repeat(N) + ']'.repeat(N)]) {
      const r = runCli(['compile', '-'], { input });
      expectCleanFailure(r);
      expect(r.stderr).toMatch(/^<stdin>:\d+:\d+: error KS\d{4} /);
    }
  });
});

describe('text encodings kspec reads', () => {
  it.each([
    ['UTF-8 with a BOM', 'bom8.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SPEC)])],
    ['UTF-16 LE with a BOM (PowerShell 5 redirection)', 'le16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SPEC, 'utf16le')])],
    ['UTF-16 BE with a BOM', 'be16.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"input_shape": [2], "layers": ["Dense(1)"]}', 'utf16le').swap16()])],
  ])('%s', (_, name, bytes) => {
    const r = runCli(['compile', put(name, bytes)], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).format).toBe('layers-model');
  });
});

describe('50 MB inputs', () => {
  it('50 MB of YAML is refused at once (KS1022), within a 128 MB heap', () => {
    const r = runCli(['lint', put('big.yaml', `${SPEC}name: ${'x'.repeat(50 * 1024 * 1024)}\n`), '--no-color'], { cwd: dir, heapMB: 128 });
    expectCleanFailure(r, 'KS1022');
    expect(r.stdout).toContain(`characters of YAML (the limit is ${MAX_YAML_CHARS.toLocaleString('en-US')} characters for YAML; JSON may be larger)`);
    expect(r.ms).toBeLessThan(5000);
  });

  it(`a file over ${MAX_INPUT_BYTES} bytes is refused before it is decoded`, () => {
    const r = runCli(['compile', put('huge.json', Buffer.alloc(MAX_INPUT_BYTES + 1, 0x20)), '--no-color'], { cwd: dir, heapMB: 128 });
    expectCleanFailure(r, 'KS1022');
    expect(r.stderr).toMatch(/^huge\.json:1:1: error KS1022 The document is too large to read: 67,108,865 bytes \(the limit is 67,108,864 bytes\)\./);
  });

  it('a 50 MB Keras JSON config (220,000 layers) is read: lint in under 20 s with a 1 GB heap', () => {
    const layer = (i: number) => `{"class_name": "Dense", "config": {"name": "dense_${i}", "units": 4, "activation": "relu", "use_bias": true, "kernel_initializer": {"class_name": "GlorotUniform", "config": {"seed": null}}, "bias_initializer": {"class_name": "Zeros", "config": {}}${i === 0 ? ', "batch_input_shape": [null, 4]' : ''}}}`;
    const parts: string[] = [];
    for (let i = 0; i < 220_000; i++) parts.push(layer(i));
    const text = `{"class_name": "Sequential", "config": {"name": "s", "layers": [${parts.join(', ')}]}, "keras_version": "2.15.0", "backend": "tensorflow"}`;
    expect(text.length).toBeGreaterThan(50_000_000);
    const r = runCli(['lint', put('keras.json', text)], { cwd: dir, heapMB: 1024, timeoutMs: 30_000 });
    expect(r.signal, r.stderr.slice(0, 300)).toBeNull();
    expect(r.status, r.stderr.slice(0, 300)).toBe(0);
    expect(r.ms).toBeLessThan(20_000);
  });

  it(`the densest YAML under the limit (${MAX_YAML_CHARS} characters of [1,1,…]) stays within a 1 GB heap`, () => {
    const head = `${SPEC}junk: [`;
    const r = runCli(['lint', put('dense.yaml', head + '1,'.repeat((MAX_YAML_CHARS - head.length - 2) / 2) + ']\n'), '--no-color'], { cwd: dir, heapMB: 1024, timeoutMs: 30_000 });
    expectCleanFailure(r, 'KS2012');
    expect(r.ms).toBeLessThan(20_000);
  });
});

describe('hostile arguments are usage errors (exit 2), never crashes', () => {
  it.each([
    [['constructor'], 'kspec: unknown command "constructor" (try kspec --help)\n'],
    [['__proto__'], 'kspec: unknown command "__proto__" (try kspec --help)\n'],
    [['toString'], 'kspec: unknown command "toString" (try kspec --help)\n'],
    [['lint', '--format', 'constructor', 'x.yaml'], 'kspec: --format must be one of stylish, json, sarif\n'],
    [['lint', '--format=__proto__', 'x.yaml'], 'kspec: --format must be one of stylish, json, sarif\n'],
    [['compile', '--dialect', '__proto__', 'x.yaml'], 'kspec: --dialect must be one of kspec, keras2, keras3, tfjs, keras1\n'],
    [['compile', 'no-such-file.yaml'], 'kspec: cannot read no-such-file.yaml: ENOENT\n'],
    [['compile', '.'], 'kspec: cannot read .: EISDIR\n'],
  ])('%j', (args, stderr) => {
    const r = runCli(args, { cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(stderr);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });
});
