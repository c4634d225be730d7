import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel, KspecError } from '../src/build.js';
import { compile } from '../src/compile.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureCases, ROOT } from './helpers.js';

tf.setBackend('cpu');

const examples = readdirSync(join(ROOT, 'examples')).map((f) => ({ name: `examples/${f}`, input: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') }));

describe('every valid fixture and example builds a working tfjs model', () => {
  for (const c of [...fixtureCases('valid'), ...examples]) {
    it(c.name, async () => {
      const model = await buildModel(c.text, { fileName: c.input });
      const inputs = model.inputs.map((i) => tf.zeros(i.shape.map((d) => d ?? 1)));
      const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
      for (const t of Array.isArray(out) ? out : [out]) expect(t.shape[0]).toBe(1);
      // model.json round trip: what tfjs writes back loads again with the same parameters.
      const again = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as never });
      expect(again.countParams()).toBe(model.countParams());
    });
  }
});

describe('the seed example in every spelling compiles to the same model', () => {
  const seeds = fixtureCases('valid').filter((c) => c.name.startsWith('seed-'));
  it('has all spellings', () => expect(seeds.map((c) => c.name)).toEqual(['seed-call-keywords', 'seed-call-string', 'seed-json', 'seed-mapping', 'seed-tfjs-camel']));
  for (const c of seeds.slice(1)) {
    it(`${c.name} = ${seeds[0]!.name}`, () => {
      const a = compile(seeds[0]!.text, { fileName: seeds[0]!.input });
      const b = compile(c.text, { fileName: c.input });
      expect(b.graph?.layers.map(({ origin: _, ...rest }) => rest)).toEqual(a.graph?.layers.map(({ origin: _, ...rest }) => rest));
      expect(b.modelJSON).toEqual(a.modelJSON);
    });
  }
});

/** Keras's formula, written out: dense then leaky ReLU with `slope`. */
function kerasDenseLeaky(x: number[][], w: number[][], b: number[], slope: number): number[][] {
  return x.map((row) =>
    b.map((bias, j) => {
      let s = bias;
      for (let i = 0; i < row.length; i++) s += row[i]! * w[i]![j]!;
      return s >= 0 ? s : slope * s;
    }),
  );
}

describe('rewritten activations compute what Keras computes', () => {
  const x = [[1, -2, 3], [-4, 5, -6]];
  const w = [[0.5, -1, 2, 0.25], [-0.5, 1.5, -2, 1], [1, -1, 0.5, -0.75]];
  const b = [0.1, -0.2, 0.3, -0.4];
  it.each([
    ["Dense(4, activation='leaky_relu')", 0.2],
    ["Dense(4, activation='LeakyRelu')", 0.3],
    ["Dense(4, activation='LeakyReLU(alpha=0.05)')", 0.05],
    ['Dense(4, activation=LeakyReLU(alpha=0.05))', 0.05],
  ])('%s', async (layer, slope) => {
    const model = await buildModel(`input_shape: [3]\nlayers:\n  - "${layer}"\n`, { fileName: 'm.yaml' });
    model.layers[0]!.setWeights([tf.tensor2d(w), tf.tensor1d(b)]);
    const got = (model.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][];
    const want = kerasDenseLeaky(x, w, b, slope);
    got.flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i]!, 5));
  });

  it('hard_tanh is clip(x, -1, 1), built from tfjs layers', async () => {
    const r = compile(JSON.stringify({ input_shape: [1], layers: ["Activation('hard_tanh')"] }), { fileName: 'm.json' });
    const model = await tf.models.modelFromJSON({ modelTopology: r.modelJSON!.modelTopology as never });
    const xs = [-3, -1, -0.25, 0, 0.5, 2];
    const got = (model.predict(tf.tensor2d(xs, [6, 1])) as tf.Tensor).dataSync();
    xs.forEach((v, i) => expect(got[i]).toBeCloseTo(Math.max(-1, Math.min(1, v)), 6));
  });
});

describe('buildModel', () => {
  it('throws one KspecError carrying every diagnostic', async () => {
    const err = await buildModel('input_shape: [3]\nlayers:\n  - Dense(4, activation=relu7)\n  - Desne(2)\n', { fileName: 'bad.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KspecError);
    expect((err as KspecError).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KS3001', 'KS2001']);
    expect((err as KspecError).message).toBe('bad.yaml:3:25: error KS3001 Unknown activation "relu7". Did you mean "relu", "ReLU" or "relu6"?\nbad.yaml:4:5: error KS2001 Unknown layer class "Desne". Did you mean "Dense"?');
  });
});

describe('wrapped layers get Keras defaults where tfjs differs', () => {
  it('Bidirectional(LSTM(3)) keeps Keras LSTM defaults (sigmoid gates, unit forget bias, GlorotUniform)', () => {
    const r = compile('input_shape: [5, 2]\nlayers:\n  - Bidirectional(LSTM(3))\n', { fileName: 'b.yaml' });
    const inner = (r.modelJSON!.modelTopology.config.layers as { config: { layer: { config: Record<string, unknown> } } }[])[0]!.config.layer.config;
    expect([inner.recurrent_activation, inner.unit_forget_bias, (inner.kernel_initializer as { class_name: string }).class_name]).toEqual(['sigmoid', true, 'GlorotUniform']);
  });
});
