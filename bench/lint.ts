/**
 * `npm run bench`: lint and compile speed, each figure beside its baseline measured in this run.
 *   - cold start of `kspec lint` on a small spec vs `node -e 0` (target ≤ 2×)
 *   - cold `kspec compile` of a ResNet-50 JSON to model.json vs `node -e 0` (target ≤ 2×)
 *   - in-process lint throughput: small YAML specs/s (target ≥ 200), ResNet-size JSON specs/s (≥ 1,000)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText } from '../src/lint/lint.js';
import { resnet50 } from './resnet.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin/kspec.js');
const dir = mkdtempSync(join(tmpdir(), 'kspec-bench-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function coldMs(args: string[], runs = 15): number {
  spawnSync(process.execPath, args); // warm the file cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  }
  return median(times);
}

/** Runs `fn` over `inputs` (cycling) for at least `ms` and returns calls per second. */
function throughput(inputs: readonly { text: string; file: string }[], ms = 1500): number {
  // Warm up (the JIT), so the figure is the steady rate of a process that lints many files.
  for (const start = performance.now(); performance.now() - start < 500; ) for (const i of inputs.slice(0, 5)) lintText(i.text, { fileName: i.file });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    const i = inputs[n % inputs.length]!;
    const r = lintText(i.text, { fileName: i.file });
    if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`bench input has errors: ${r.diagnostics[0]!.message}`);
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

const smallSpecs = Array.from({ length: 200 }, (_, i) => ({
  file: `small-${i}.yaml`,
  text: `# spec ${i}\nname: small_${i}\ninput_shape: [${8 + (i % 5)}]\nlayers:\n  - Dense(${16 + i}, activation='relu')\n  - Dropout(0.${1 + (i % 5)})\n  - Dense: {units: ${1 + (i % 3)}, activation: sigmoid}\n`,
}));
const resnetText = JSON.stringify(resnet50());
const small = join(dir, 'small.yaml');
writeFileSync(small, smallSpecs[0]!.text);
const resnet = join(dir, 'resnet50.json');
writeFileSync(resnet, resnetText);

const node = coldMs(['-e', '0']);
const lintCold = coldMs([bin, 'lint', small]);
const compileCold = coldMs([bin, 'compile', resnet, '-o', join(dir, 'model.json')]);
const smallRate = throughput(smallSpecs);
// Ten ResNets that differ in their names, so nothing can be reused from one file to the next.
const resnets = Array.from({ length: 10 }, (_, i) => ({ text: JSON.stringify(resnet50(`r${i}_`)), file: `resnet50-${i}.json` }));
const largeRate = throughput(resnets);
/** The floor under any JSON linter: JSON.parse alone of the same texts, per second. */
function parseRate(ms = 1500): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) JSON.parse(resnets[n++ % resnets.length]!.text);
  return (n * 1000) / (performance.now() - start);
}
const parseOnly = parseRate();

const row = (what: string, value: string, baseline: string, ratio: string, target: string) => console.log(`${what.padEnd(44)} ${value.padStart(12)} ${baseline.padStart(14)} ${ratio.padStart(8)}   ${target}`);
console.log(`kspec benchmark (${process.version}, ${resnetText.length.toLocaleString('en')}-byte ResNet-50 JSON, medians of 15 cold starts)\n`);
row('measure', 'value', 'baseline', 'ratio', 'target');
row('cold kspec lint, small spec', `${lintCold.toFixed(0)} ms`, `${node.toFixed(0)} ms node`, `${(lintCold / node).toFixed(2)}×`, '≤ 2×');
row('cold kspec compile, ResNet-50 → model.json', `${compileCold.toFixed(0)} ms`, `${node.toFixed(0)} ms node`, `${(compileCold / node).toFixed(2)}×`, '≤ 2×');
row('lint throughput, small YAML specs', `${smallRate.toFixed(0)}/s`, '200/s target', `${(smallRate / 200).toFixed(1)}×`, '≥ 200/s');
row('lint throughput, ResNet-50 JSON specs', `${largeRate.toFixed(0)}/s`, '1000/s target', `${(largeRate / 1000).toFixed(2)}×`, '≥ 1,000/s');
row('  JSON.parse alone, same texts', `${parseOnly.toFixed(0)}/s`, `${largeRate.toFixed(0)}/s lint`, `${(parseOnly / largeRate).toFixed(1)}×`, 'lint costs this many parses');
