/** `kspec summary`: Keras's table from kspec's own inference, checked against tfjs on every fixture. */
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { main } from '../src/cli/main.js';
import { compile } from '../src/compile.js';
import { formatSummary, summarize } from '../src/emit/summary.js';
import { fixtureCases, ROOT } from './helpers.js';

tf.setBackend('cpu');
const examples = readdirSync(join(ROOT, 'examples')).map((f) => ({ name: `examples/${f}`, input: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') }));
const count = (ws: tf.LayerVariable[]) => ws.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
const pyShape = (s: (number | null)[]) => (s.length === 1 ? `(${s[0] ?? 'None'},)` : `(${s.map((d) => d ?? 'None').join(', ')})`);

describe('summary numbers equal what tfjs computes after building', () => {
  for (const c of [...fixtureCases('valid'), ...examples]) {
    it(c.name, async () => {
      const r = compile(c.text, { fileName: c.input });
      const s = summarize(r.graph!);
      const m = await buildModel(c.text, { fileName: c.input });
      expect([s.totalParams, s.trainableParams, s.nonTrainableParams]).toEqual([m.countParams(), count(m.trainableWeights), count(m.nonTrainableWeights)]);
      const byName = new Map(m.layers.map((l) => [l.name, l]));
      for (const row of s.layers) {
        const l = byName.get(row.name)!;
        expect(row.params, row.name).toBe(l.countParams());
        if (row.outputShape === 'multiple' || row.className === 'Sequential' || row.className === 'Functional') continue;
        const shapes = (Array.isArray(l.outputShape[0]) ? l.outputShape : [l.outputShape]) as (number | null)[][];
        const rendered = row.className === 'InputLayer' || shapes.length > 1 ? `[${shapes.map(pyShape).join(', ')}]` : pyShape(shapes[0]!);
        expect(row.outputShape, row.name).toBe(rendered);
      }
    });
  }
});

describe('summary text', () => {
  it.each([['seed', 'examples/seed.yaml'], ['two-tower', 'examples/two-tower.yaml']])('%s is the exact Keras 2.15 layout', (name, file) => {
    const r = compile(readFileSync(join(ROOT, file), 'utf8'), { fileName: file });
    expect(formatSummary(summarize(r.graph!))).toBe(readFileSync(join(ROOT, `fixtures/summary/${name}.txt`), 'utf8'));
  });

  it('--format json gives the same numbers; errors exit 1', () => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), isTTY: false };
    expect(main(['summary', join(ROOT, 'examples/seed.yaml'), '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ name: 'seed', layout: 'sequential', totalParams: 1081, trainableParams: 1081, nonTrainableParams: 0 });
    expect(main(['summary', join(ROOT, 'fixtures/errors/unknown-layer/input.yaml')], io)).toBe(1);
    expect(stderr).toContain('KS2001');
  });
});
