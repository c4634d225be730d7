import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../src/cli/main.js';
import { runMain as run } from './cli-run.js';
import { ROOT } from './helpers.js';


describe('kspec compile', () => {
  it('prints a loadable model.json and exits 0', () => {
    const r = run(['compile', join(ROOT, 'examples/seed.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name)).toEqual(['Dense', 'LeakyReLU', 'Dense']);
  });

  it('writes -o atomically, leaving no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-'));
    const out = join(dir, 'model.json');
    expect(run(['compile', join(ROOT, 'examples/cnn.json'), '-o', out]).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).modelTopology.config.name).toBe('cnn');
    expect(readdirSync(dir)).toEqual(['model.json']);
  });

  it('exits 1 with located diagnostics and a code frame for a bad spec', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, "input_shape: [10]\nlayers:\n  - Dense(90, activation='LeakyRelu2')\n");
    const r = run(['compile', file, '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `${file}:3:26: error KS3001 Unknown activation "LeakyRelu2". Did you mean "leaky_relu" or "LeakyReLU"?\n` +
        "  2 | layers:\n" +
        "> 3 |   - Dense(90, activation='LeakyRelu2')\n" +
        '    |                          ^^^^^^^^^^^^\n',
    );
  });

  it('shows notes with --verbose', () => {
    const r = run(['compile', join(ROOT, 'examples/seed.yaml'), '--verbose']);
    expect(r.stderr).toContain('info KS3002 tfjs cannot run the activation "LeakyRelu" as written; its exact form is a LeakyReLU{alpha: 0.3} layer');
  });

  it.each([
    [['compile'], 'kspec: compile takes exactly one spec file (or - for standard input)\n'],
    [['compile', 'a.yaml', '--frobnicate'], 'kspec: unknown option --frobnicate\n'],
    [['build', 'a.yaml'], 'kspec: unknown command "build" (try kspec --help)\n'],
    [['compile', 'a.yaml', '--dialect', 'keras9'], 'kspec: --dialect must be one of kspec, keras2, keras3, tfjs, keras1\n'],
    [['compile', '/nonexistent/spec.yaml'], 'kspec: cannot read /nonexistent/spec.yaml: ENOENT\n'],
  ])('exits 2 on usage and I/O problems: %j', (args, message) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it('prints help and version', () => {
    expect(run(['--help'])).toEqual({ code: 0, stdout: HELP, stderr: '' });
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('--dialect forces a dialect', () => {
    const r = run(['compile', join(ROOT, 'examples/seed.yaml'), '--dialect', 'keras2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('KS2009');
  });
});

describe('the installed bin', () => {
  const bin = join(ROOT, 'bin/kspec.js');
  const built = existsSync(join(ROOT, 'dist/src/cli/main.js'));
  it('is built (npm ci runs the build through prepare)', () => expect(built).toBe(true));
  it('reads standard input and never prints a stack trace', () => {
    const ok = spawnSync(process.execPath, [bin, 'compile', '-'], { input: 'input_shape: [2]\nlayers: [Dense(1)]\n', encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).modelTopology.class_name).toBe('Sequential');
    for (const input of ['{"layers": [', '\u0000\u0001binary', 'a: *unknown', '[1, 2]', '- - - -']) {
      const bad = spawnSync(process.execPath, [bin, 'compile', '-'], { input, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/^<stdin>:\d+:\d+: error KS\d{4} /);
      expect(bad.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

/** Bare packages reachable through static (non-type) imports from a source file. */
function staticPackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) stack.push(join(file, '..', spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  }
  return packages;
}

describe('commands that do not build models', () => {
  it('never load tfjs (it is imported lazily by buildModel only)', () => {
    const pkgs = staticPackages(join(ROOT, 'src/cli/main.ts'));
    expect([...pkgs].filter((p) => p.startsWith('@tensorflow'))).toEqual([]);
    expect(pkgs.has('yaml')).toBe(true);
    // ts-morph (and the TypeScript compiler in it) is required lazily by `compile --emit ts|js` only.
    expect([...pkgs].filter((p) => p === 'ts-morph' || p === 'typescript')).toEqual([]);
    // Nothing compiles the JSON Schema at run time (ajv takes ~4 s on it; its standalone code is
    // ~7 MB): the checks run the catalogue tables the schema is generated from (test/schema.test.ts).
    expect([...pkgs].filter((p) => p.startsWith('ajv'))).toEqual([]);
    expect(staticPackages(join(ROOT, 'src/index.ts')).has('@tensorflow/tfjs')).toBe(false);
  });
});
