/**
 * `--fix`: exact output text for each dialect and layout (fixtures/fix/<case>/input.* →
 * expected.*), a second fix changes nothing, and a fixed Keras JSON loads in plain tfjs and
 * computes what the original computes under kspec.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { lintText } from '../src/lint/lint.js';
import { expectFile, ROOT } from './helpers.js';

tf.setBackend('cpu');
const base = join(ROOT, 'fixtures/fix');
const cases = readdirSync(base).sort().map((name) => {
  const dir = join(base, name);
  const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
  return { name, dir, input, text: readFileSync(join(dir, input), 'utf8') };
});

describe('lint --fix', () => {
  for (const c of cases) {
    it(`${c.name}: exact output, idempotent`, () => {
      const r = lintText(c.text, { fileName: c.input, fix: true });
      const fixed = r.output ?? c.text;
      const e = expectFile(join(c.dir, `expected.${c.input.split('.').pop()}`), fixed);
      expect(e.actual).toBe(e.expected);
      const again = lintText(fixed, { fileName: c.input, fix: true });
      expect(again.output).toBeUndefined();
      expect(again.diagnostics.filter((d) => d.fix)).toEqual([]);
    });
  }

  it('leaves a functional kspec layer that others name unfixed, saying so by offering no fix', () => {
    const r = lintText(cases.find((c) => c.name === 'kspec-functional-unsafe')!.text, { fileName: 'two-tower.yaml' });
    const d = r.diagnostics.find((x) => x.code === 'KS3002')!;
    expect(d.fix).toBeUndefined();
  });

  it('a fixed Keras functional config loads in plain tfjs and computes what kspec compiles from the original', async () => {
    const c = cases.find((x) => x.name === 'keras2-functional')!;
    const fixed = lintText(c.text, { fileName: c.input, fix: true }).output!;
    const plain = await tf.models.modelFromJSON({ modelTopology: JSON.parse(fixed) });
    const viaKspec = await tf.models.modelFromJSON({ modelTopology: compile(c.text, { fileName: c.input }).modelJSON!.modelTopology as never });
    viaKspec.setWeights(plain.getWeights());
    const x = tf.randomNormal([5, 4], 0, 2, 'float32', 3);
    const a = plain.predict(x) as tf.Tensor[];
    const b = viaKspec.predict(x) as tf.Tensor[];
    a.forEach((t, i) => expect(Array.from(t.dataSync())).toEqual(Array.from(b[i]!.dataSync())));
  });

  it('a fixed compact Keras config keeps one line and loads in plain tfjs', async () => {
    const c = cases.find((x) => x.name === 'keras2-compact')!;
    const fixed = lintText(c.text, { fileName: c.input, fix: true }).output!;
    expect(fixed.trim().split('\n')).toHaveLength(1);
    const m = await tf.models.modelFromJSON({ modelTopology: JSON.parse(fixed) });
    expect(m.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Softmax', 'LeakyReLU']);
    expect((m.layers[2]!.getConfig() as { alpha: number }).alpha).toBe(0.1);
  });
});
