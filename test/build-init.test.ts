/**
 * buildModel's fast initial values (src/build/): the orthogonal initializer against its definition
 * and against tfjs's own, the model against the one plain tfjs builds from the same model.json, and
 * tfjs left exactly as it was found.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { varianceScalingValues, withInitializers, type VarianceScalingConfig } from '../src/build/initializers.js';
import { orthogonalShapes, orthogonalValues } from '../src/build/orthogonal.js';
import { compile } from '../src/compile.js';

tf.setBackend('cpu');

/** Seeded standard normal values, drawn as tfjs draws them. */
/** A tensor's values, the tensor disposed. */
const values = (t: tf.Tensor): Float32Array => {
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
};
const normal = (n: number, seed: number): Float32Array => values(tf.randomNormal([n], 0, 1, 'float32', seed));
const draw = (shape: number[], seed: number, gain = 1): Float32Array => {
  const { m, n } = orthogonalShapes(shape);
  return orthogonalValues(shape, gain, normal(m * n, seed));
};
/** Gram matrix of the rows (rows ≤ cols) or of the columns (rows > cols) of a flat rows×cols matrix. */
function gram(v: Float32Array, rows: number, cols: number): number[][] {
  const k = Math.min(rows, cols);
  const at = (i: number, j: number) => (rows < cols ? v[i * cols + j]! : v[j * cols + i]!); // vector i, entry j
  const len = Math.max(rows, cols);
  return Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => {
    let s = 0;
    for (let j = 0; j < len; j++) s += at(a, j) * at(b, j);
    return s;
  }));
}
/** What plain tfjs builds from kspec's model.json. */
const plainTfjs = (text: string) => tf.models.modelFromJSON({ modelTopology: compile(text, { fileName: 'm.yaml' }).modelJSON!.modelTopology as never });
const maxDeviationFrom = (g: number[][], diag: number) => Math.max(...g.flatMap((row, i) => row.map((x, j) => Math.abs(x - (i === j ? diag : 0)))));

describe('orthogonal initial values', () => {
  it.each([
    ['tall', [40, 10]],
    ['wide', [10, 40]],
    ['square', [16, 16]],
    ['conv kernel, more rows than filters', [3, 3, 16, 32]],
    ['conv kernel, fewer rows than filters', [1, 1, 8, 32]],
    ['LSTM recurrent kernel', [24, 96]],
  ])('%s %j: orthonormal rows or columns', (_, shape) => {
    const { rows, cols } = orthogonalShapes(shape);
    expect(maxDeviationFrom(gram(draw(shape, 3), rows, cols), 1)).toBeLessThan(1e-5);
  });

  it('multiplies by the gain', () => {
    const v = draw([12, 5], 3, 2.5);
    expect(maxDeviationFrom(gram(v, 12, 5), 6.25)).toBeLessThan(1e-4);
    const unit = draw([12, 5], 3);
    expect(Math.max(...Array.from(v, (x, i) => Math.abs(x - 2.5 * unit[i]!)))).toBeLessThan(1e-6);
  });

  it('is the Q of A = QR with a positive diagonal in R (the sign correction), for the matrix drawn', () => {
    const [m, n] = [9, 4];
    const a = normal(m * n, 11);
    const q = orthogonalValues([m, n], 1, a);
    // R = QᵀA must be upper triangular with a positive diagonal, and QR must give back A.
    const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let k = 0; k < m; k++) s += q[k * n + i]! * a[k * n + j]!;
      return s;
    }));
    r.forEach((row, i) => row.forEach((x, j) => (j < i ? expect(Math.abs(x)).toBeLessThan(1e-5) : undefined)));
    r.forEach((row, i) => expect(row[i]).toBeGreaterThan(0));
    for (let k = 0; k < m; k++) for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += q[k * n + i]! * r[i]![j]!;
      expect(s).toBeCloseTo(a[k * n + j]!, 5);
    }
  });

  it.each([[[40, 10]], [[10, 40]], [[3, 3, 2, 4]], [[6, 6]]])('%j: what tfjs 4.22 computes for the same seed (float32 precision)', (shape) => {
    const ours = draw(shape, 7, 1.5);
    const theirs = values(tf.initializers.orthogonal({ seed: 7, gain: 1.5 }).apply(shape));
    expect(Math.max(...Array.from(ours, (x, i) => Math.abs(x - theirs[i]!)))).toBeLessThan(1e-5);
  });

  it('has the distribution of a random orthogonal matrix: entries of mean 0, variance 1/n, either sign', () => {
    // Over 400 draws of 6×6 matrices (14,400 entries). Householder QR without the sign correction
    // would make every diagonal entry negative; a wrong scale would move the variance off 1/6.
    const n = 6;
    const entries: number[] = [];
    const diagonalPositive: number[] = [];
    for (let s = 1; s <= 400; s++) {
      const v = draw([n, n], s);
      entries.push(...v);
      for (let i = 0; i < n; i++) diagonalPositive.push(v[i * n + i]! > 0 ? 1 : 0);
    }
    const mean = entries.reduce((a, b) => a + b, 0) / entries.length;
    const variance = entries.reduce((a, b) => a + b * b, 0) / entries.length;
    expect(Math.abs(mean)).toBeLessThan(0.01); // sd of the mean ≈ 0.0034
    expect(variance).toBeCloseTo(1 / n, 2); // every row has unit norm, so this is exact up to rounding
    const positive = diagonalPositive.reduce((a, b) => a + b, 0) / diagonalPositive.length;
    expect(Math.abs(positive - 0.5)).toBeLessThan(0.05); // sd ≈ 0.008
  });

  it('same seed, same values; another seed, other values', () => {
    expect(draw([8, 8], 5)).toEqual(draw([8, 8], 5));
    expect(draw([8, 8], 5)).not.toEqual(draw([8, 8], 6));
  });
});

describe('unseeded VarianceScaling (Glorot, He, LeCun) values: the distribution tfjs draws from', () => {
  const moments = (v: Float32Array) => {
    let [sum, sq, max] = [0, 0, 0];
    for (const x of v) [sum, sq, max] = [sum + x, sq + x * x, Math.max(max, Math.abs(x))];
    const mean = sum / v.length;
    return { mean, sd: Math.sqrt(sq / v.length - mean * mean), max };
  };
  // 60,000+ values each: the sample sd is within ~0.6% of the true one (one standard error), the
  // largest |value| within 0.1% of the bound (the uniform's limit, the truncated normal's 2 sd).
  it.each([
    ['glorotUniform', [200, 300]],
    ['glorotUniform', [3, 3, 80, 100]],
    ['glorotNormal', [200, 300]],
    ['heUniform', [5, 40, 300]],
    ['heNormal', [3, 3, 80, 100]],
    ['leCunUniform', [300, 200]],
    ['leCunNormal', [60000]],
    ['varianceScaling fanOut', [200, 300]],
    ["varianceScaling 'truncatedNormal' (uniform in tfjs 4.22)", [200, 300]],
  ] as const)('%s %j: same mean, sd and bound as tfjs', (name, shape) => {
    const [cls, extra] = name.startsWith('varianceScaling') ? ['varianceScaling', name.includes('fanOut') ? { mode: 'fanOut' as const, scale: 3 } : { distribution: 'truncatedNormal' as const }] : [name, {}];
    const theirs = tf.initializers[cls as 'varianceScaling']({ seed: 1, ...extra });
    const config = theirs as unknown as VarianceScalingConfig; // tfjs's own fields: scale, mode, distribution
    const [ours, reference] = [moments(varianceScalingValues(config, shape)), moments(values(theirs.apply([...shape])))];
    expect(Math.abs(ours.mean)).toBeLessThan(reference.sd * 0.02);
    expect(Math.abs(ours.sd / reference.sd - 1)).toBeLessThan(0.03); // a wrong fan or a missing truncation: ≥ 13%
    expect(ours.max / reference.max).toBeCloseTo(1, 2);
  });

  it("seeded ones are tfjs's: buildModel gives tfjs's exact values", async () => {
    const spec = 'input_shape: [4]\nlayers:\n  - Dense(3, kernel_initializer=GlorotUniform(seed=5))\n';
    const [ours, theirs] = [await buildModel(spec, { fileName: 'm.yaml' }), await plainTfjs(spec)];
    expect(ours.weights[0]!.read().dataSync()).toEqual(theirs.weights[0]!.read().dataSync());
  });
});

const SPEC = `name: rnn
input_shape: [5, 3]
layers:
  - LSTM(6, return_sequences=True)
  - GRU(4, return_sequences=True, recurrent_initializer=Orthogonal(gain=0.5, seed=3))
  - Bidirectional(SimpleRNN(3, return_sequences=True))
  - Conv1D(4, 2, kernel_initializer=Orthogonal(seed=9))
  - Dense(2, kernel_initializer='he_normal')
`;

describe('buildModel builds the model plain tfjs builds', () => {
  it('with the same config (toJSON), initializers still named as in the model.json', async () => {
    const [ours, theirs] = [await buildModel(SPEC, { fileName: 'm.yaml' }), await plainTfjs(SPEC)];
    // Bidirectional numbers its inner layers' names with a process-wide counter, differently each build.
    // (kspec leaves the inner layer unnamed; Keras would name it.)
    const json = (m: tf.LayersModel) => JSON.stringify(m.toJSON(null, false)).replace(/_SimpleRNN\d+/g, '_SimpleRNN#');
    expect(JSON.parse(json(ours))).toEqual(JSON.parse(json(theirs)));
    expect(json(ours)).toContain('"class_name":"Orthogonal","config":{"gain":0.5,"seed":3}');
    const names = (m: tf.LayersModel) => m.weights.map((w) => [w.originalName.replace(/_SimpleRNN\d+/g, '_SimpleRNN#'), w.shape]);
    expect(names(ours)).toEqual(names(theirs));
  });

  it('with the same values where the initializers are seeded, and orthogonal ones where they are not', async () => {
    const [ours, theirs] = [await buildModel(SPEC, { fileName: 'm.yaml' }), await plainTfjs(SPEC)];
    const value = (m: tf.LayersModel, name: string) => m.weights.find((w) => w.originalName === name)!.read().dataSync();
    for (const name of ['gru/recurrent_kernel', 'conv1d/kernel']) {
      const [a, b] = [value(ours, name), value(theirs, name)];
      expect(Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i]!))), name).toBeLessThan(1e-5);
    }
    // The LSTM's default (unseeded) recurrent kernel: 6×24, orthonormal rows.
    expect(maxDeviationFrom(gram(value(ours, 'lstm/recurrent_kernel') as Float32Array, 6, 24), 1)).toBeLessThan(1e-5);
  });

  it('in well under a second where tfjs takes half a minute (a 128-unit LSTM)', async () => {
    const start = performance.now();
    await buildModel('input_shape: [4, 8]\nlayers:\n  - LSTM(128)\n', { fileName: 'm.yaml' });
    expect(performance.now() - start).toBeLessThan(5000); // tfjs alone: ~23 s on the 2-core dev machine
  });

  it("leaves tfjs's initializer classes and class registry as they were, also when the build throws", async () => {
    const proto = Object.getPrototypeOf(tf.initializers.orthogonal({})) as { apply: unknown };
    const before = [proto.apply, tf.serialization.SerializationMap.getMap().classNameMap['Orthogonal']];
    await buildModel(SPEC, { fileName: 'm.yaml' });
    const model = await buildModel('input_shape: [2]\nlayers:\n  - Dense(1)\n', { fileName: 'm.yaml', weights: [tf.ones([2, 1]), tf.zeros([1])] });
    expect(model.countParams()).toBe(3);
    expect(Object.hasOwn(Object.getPrototypeOf(tf.initializers.heNormal({})), 'apply')).toBe(false); // inherited, as before
    expect(() => withInitializers(tf, 'zeros', () => { throw new Error('boom'); })).toThrow('boom');
    expect([proto.apply, tf.serialization.SerializationMap.getMap().classNameMap['Orthogonal']]).toEqual(before);
    expect(tf.initializers.glorotUniform({ seed: 1 }).apply([50]).dataSync().some((x) => x !== 0)).toBe(true);
  });
});
