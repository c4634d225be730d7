/** `kspec lint` end to end: inputs (files, folders, globs, stdin), formats, exit codes, --fix. */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from './cli-run.js';
import { ROOT } from './helpers.js';


/** A folder of specs: one clean, one with a warning (Keras JSON, silu), one with an error. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kspec-lint-'));
  mkdirSync(join(dir, 'models'));
  mkdirSync(join(dir, 'node_modules'));
  writeFileSync(join(dir, 'models/clean.yaml'), 'input_shape: [4]\nlayers:\n  - Dense(2)\n');
  writeFileSync(join(dir, 'models/warn.json'), JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, activation: 'silu', batch_input_shape: [null, 4] } }] } }, null, 2) + '\n');
  writeFileSync(join(dir, 'models/error.yml'), 'input_shape: [4]\nlayers:\n  - Dense: {unit: 2}\n');
  writeFileSync(join(dir, 'models/notes.txt'), 'not a spec');
  writeFileSync(join(dir, 'node_modules/skip.json'), '{');
  return dir;
}

describe('kspec lint', () => {
  it('walks folders for .json/.yaml/.yml (skipping node_modules) and prints stylish output; exit 1 on errors', () => {
    const dir = project();
    const r = run(['lint', join(dir, 'models'), '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        '',
        join(dir, 'models/error.yml'),
        '  3:13  error  "Dense" has no argument "unit". Did you mean "units"?  KS2002',
        '',
        join(dir, 'models/warn.json'),
        '  11:25  warning  tfjs cannot run the activation "silu" as written; its exact form is "swish".  KS3002',
        '',
        '✖ 2 problems (1 error, 1 warning, 0 infos)',
        '  0 errors and 1 warning potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 with warnings only, and 1 past --max-warnings', () => {
    const dir = project();
    const file = join(dir, 'models/warn.json');
    expect(run(['lint', file]).code).toBe(0);
    expect(run(['lint', file, '--max-warnings', '1']).code).toBe(0);
    const over = run(['lint', file, '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('kspec: too many warnings (1; --max-warnings is 0)\n');
  });

  it('expands globs', () => {
    const dir = project();
    const r = run(['lint', join(dir, 'models/*.json'), '--format', 'json']);
    expect(JSON.parse(r.stdout).map((f: { file: string }) => f.file)).toEqual([join(dir, 'models/warn.json')]);
    expect(run(['lint', join(dir, '**/*.y*ml'), '--format', 'json']).stdout).toContain('error.yml');
  });

  it('writes JSON with 1-based positions, JSON Pointer paths, suggestions and fixability', () => {
    const dir = project();
    const r = run(['lint', join(dir, 'models/error.yml'), '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: join(dir, 'models/error.yml'),
        diagnostics: [{ code: 'KS2002', severity: 'error', message: '"Dense" has no argument "unit".', line: 3, column: 13, endLine: 3, endColumn: 17, path: '/layers/0/Dense/unit', suggestions: ['units'], fixable: false }],
      },
    ]);
  });

  it('writes SARIF 2.1.0 that validates against the SARIF schema', () => {
    const dir = project();
    const r = run(['lint', join(dir, 'models'), '--format', 'sarif']);
    const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8')));
    const log = JSON.parse(r.stdout);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].results.map((x: { ruleId: string; level: string }) => `${x.ruleId}:${x.level}`)).toEqual(['KS2002:error', 'KS3002:warning']);
  });

  it('--fix rewrites files atomically and only where fixes exist; a second run changes nothing', () => {
    const dir = project();
    const before = readFileSync(join(dir, 'models/error.yml'), 'utf8');
    const r = run(['lint', join(dir, 'models'), '--fix', '--no-color']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'models/warn.json'), 'utf8')).toContain('"activation": "swish"');
    expect(readFileSync(join(dir, 'models/error.yml'), 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'models')).sort()).toEqual(['clean.yaml', 'error.yml', 'notes.txt', 'warn.json']);
    const again = run(['lint', join(dir, 'models/warn.json'), '--fix']);
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--fix-dry-run prints a unified diff and leaves the file alone', () => {
    const dir = project();
    const file = join(dir, 'models/warn.json');
    const before = readFileSync(file, 'utf8');
    const r = run(['lint', file, '--fix-dry-run']);
    expect(r.stdout).toBe(
      [`--- ${file}`, `+++ ${file}`, '@@ -8,7 +8,7 @@', '         "config": {', '           "name": "d",', '           "units": 2,', '-          "activation": "silu",', '+          "activation": "swish",', '           "batch_input_shape": [', '             null,', '             4', ''].join('\n'),
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('--quiet reports errors only', () => {
    const dir = project();
    const r = run(['lint', join(dir, 'models'), '--quiet', '--format', 'json']);
    expect(JSON.parse(r.stdout).flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code))).toEqual(['KS2002']);
  });

  it.each([
    [['lint'], 'kspec: lint needs files, folders or globs to read (or - for standard input)\n'],
    [['lint', 'x.yaml', '--format', 'xml'], 'kspec: --format must be one of stylish, json, sarif\n'],
    [['lint', 'x.yaml', '--max-warnings', 'many'], 'kspec: --max-warnings takes a whole number\n'],
    [['lint', 'x.yaml', '--fix', '--fix-dry-run'], 'kspec: --fix and --fix-dry-run cannot be used together\n'],
    [['lint', '/nonexistent/dir'], 'kspec: cannot read /nonexistent/dir: ENOENT\n'],
    [['lint', '/nonexistent/*.json'], 'kspec: no files match /nonexistent/*.json\n'],
    [['lint', 'x.yaml', '-o', 'out'], 'kspec: lint does not take --output\n'],
    [['compile', 'x.yaml', '--fix'], 'kspec: compile does not take --fix\n'],
  ])('exits 2 on usage and I/O problems: %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });
});
