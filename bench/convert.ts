/**
 * `npm run bench` (last): converting a trained model, ResNet-50 saved as tf.keras 2.15 writes
 * `model.save("x.h5")` (25.6 M weights, ~100 MB, written here with h5wasm so no download is needed).
 *   - `kspec convert model.h5 --to tfjs -o out/` run cold as a user runs it: wall time and MB/s,
 *     beside copying the same file with Node (read it, write it: what the disk allows);
 *   - peak memory (max RSS) of that run beside `node -e 0`'s, as a multiple of the model's size
 *     (aim: under 2×: the file is read whole, shards are made and written one at a time);
 *   - convertKerasModel in process, shards made but not written (the conversion alone).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../src/compile.js';
import { inferShapes } from '../src/infer/index.js';
import { convertKerasModel } from '../src/weights/convert.js';
import { targetsOf } from '../src/weights/match.js';
import { legacyModelH5, type KerasLayer } from '../test/weights/h5write.js';
import { resnet50 } from './resnet.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'kspec-bench-convert-'));
const config = resnet50();
const compiled = compile(JSON.stringify(config), { fileName: 'resnet50.json' });
const targets = targetsOf(compiled.graph!, inferShapes(compiled.graph!));
let seed = 1;
const layers: KerasLayer[] = targets.map((t) => ({
  name: t.layer.name,
  weights: t.specs!.map((s) => ({ name: `${t.layer.name}/${s.name}:0`, shape: s.shape, data: Float32Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1) })),
}));
const file = join(dir, 'resnet50.h5');
writeFileSync(file, legacyModelH5(config, layers, { strings: 'vlen', kerasVersion: '2.15.0' }));
const size = statSync(file).size;
const mb = size / 1e6;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * A node run's wall time and peak RSS (bytes): VmHWM of the child's own address space (getrusage's
 * maxRSS would carry over the high-water mark of this process, which forked it).
 */
function run(script: string): { ms: number; rss: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `${script}\nconst hwm = /VmHWM:\\s+(\\d+) kB/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]; process.stderr.write('RSS ' + hwm * 1024 + '\\n');`], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - start;
  const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1]);
  if (r.status !== 0 || !rss) throw new Error(`bench run failed: ${r.stderr}`);
  return { ms, rss };
}
const runs = (n: number, script: string) => {
  const all = Array.from({ length: n }, () => run(script));
  return { ms: median(all.map((r) => r.ms)), rss: median(all.map((r) => r.rss)) };
};

const out = join(dir, 'out');
const cli = runs(3, `const { main } = await import('./dist/kspec.mjs'); const code = await main(['convert', ${JSON.stringify(file)}, '--to', 'tfjs', '-o', ${JSON.stringify(out)}], { stdout() {}, stderr() {}, isTTY: false }); if (code !== 0) process.exit(1);`);
const copy = runs(3, `import { readFileSync, writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(join(dir, 'copy.h5'))}, readFileSync(${JSON.stringify(file)}));`);
const empty = runs(3, '');
const bytes = readFileSync(file);
const inProcess: number[] = [];
for (let i = 0; i < 3; i++) {
  const start = performance.now();
  const r = convertKerasModel(bytes, { fileName: 'resnet50.h5' });
  for (const _ of r.shards!());
  inProcess.push(performance.now() - start);
}
rmSync(dir, { recursive: true, force: true });

const f = (x: number, d = 0) => x.toFixed(d);
const rows = [
  ['', 'kspec', 'baseline', 'ratio', 'target'],
  [`kspec convert ResNet-50 .h5 (${f(mb)} MB), cold CLI`, `${f(cli.ms)} ms, ${f(mb / (cli.ms / 1000))} MB/s`, `copy with node ${f(copy.ms)} ms, ${f(mb / (copy.ms / 1000))} MB/s`, `${(cli.ms / copy.ms).toFixed(2)}×`, 'disk-bound'],
  ['peak memory (VmHWM)', `${f(cli.rss / 1e6)} MB`, `node -e 0 ${f(empty.rss / 1e6)} MB`, `${((cli.rss - empty.rss) / size).toFixed(2)}× model size`, '< 2×'],
  ['convertKerasModel in process (shards made, not written)', `${f(median(inProcess))} ms, ${f(mb / (median(inProcess) / 1000))} MB/s`, '', '', ''],
];
const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log('\nConverting a trained model (median of 3 runs)\n');
for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i]!)).join('  '));
