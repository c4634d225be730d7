/**
 * `buildModel(text, { weights })`: every form of weights tfjs uses loads, the outputs are computed
 * from the given values, and weights that do not fit give one KspecError naming each problem.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildModel, KspecError, type Weights } from '../src/build.js';

tf.setBackend('cpu');

const DENSE = 'name: m\ninput_shape: [3]\nlayers:\n  - Dense(2, activation=relu, name="d")\n';
const W = [[1, -2], [0.5, 1], [-1, 3]];
const B = [0.25, -0.5];
const X = [[1, 2, 3], [-1, 0.5, 2]];
/** relu(x·W + b), written out. */
const want = X.map((x) => B.map((b, j) => Math.max(0, b + x.reduce((s, xi, i) => s + xi * W[i]![j]!, 0))));
const predict = (m: tf.LayersModel, x: number[][]) => (m.predict(tf.tensor2d(x)) as tf.Tensor).arraySync() as number[][];

const RNN = 'name: r\ninput_shape: [4, 2]\nlayers:\n  - LSTM(3, name="lstm")\n  - BatchNormalization(name="bn")\n  - Dense(1, name="out")\n';

describe('buildModel with weights', () => {
  it.each([
    ['Tensor[] in model.weights order', () => [tf.tensor2d(W), tf.tensor1d(B)]],
    ['NamedTensorMap', () => ({ 'd/bias': tf.tensor1d(B), 'd/kernel': tf.tensor2d(W) })],
  ])('%s: outputs computed from the values given', async (_, weights) => {
    const model = await buildModel(DENSE, { fileName: 'm.yaml', weights: weights() });
    predict(model, X).flat().forEach((v, i) => expect(v).toBeCloseTo(want.flat()[i]!, 6));
  });

  it('tf.io artifacts (weightSpecs + weightData), TF ≥ 2.2 cell names and optimizer weights included', async () => {
    const source = await buildModel(RNN, { fileName: 'r.yaml' });
    const named: tf.NamedTensorMap = Object.fromEntries(source.weights.map((w) => [w.originalName.replace('lstm/', 'lstm/lstm_cell/'), w.read()]));
    const { data, specs } = await tf.io.encodeWeights({ ...named, 'iter': tf.scalar(3) });
    const weightSpecs = specs.map((s) => (s.name === 'iter' ? { ...s, group: 'optimizer' as const } : s));
    const model = await buildModel(RNN, { fileName: 'r.yaml', weights: { weightSpecs, weightData: data } });
    const x = tf.randomNormal([2, 4, 2], 0, 1, 'float32', 1);
    expect((model.predict(x) as tf.Tensor).arraySync()).toEqual((source.predict(x) as tf.Tensor).arraySync());
  });

  it('sets every weight, non-trainable ones included (no initial value survives)', async () => {
    const source = await buildModel(RNN, { fileName: 'r.yaml' });
    const values = source.weights.map((w, i) => tf.fill(w.shape as number[], i + 1));
    const model = await buildModel(RNN, { fileName: 'r.yaml', weights: values });
    model.weights.forEach((w, i) => expect(new Set(w.read().dataSync())).toEqual(new Set([i + 1])));
  });

  it('computes no random initial values when weights are given', async () => {
    const proto = Object.getPrototypeOf(tf.initializers.glorotUniform({})) as { apply: (...a: unknown[]) => unknown };
    const tfjsApply = proto.apply;
    let calls = 0;
    proto.apply = function (...a: unknown[]) {
      calls++;
      return tfjsApply.apply(this, a);
    };
    try {
      await buildModel(DENSE, { fileName: 'm.yaml', weights: [tf.tensor2d(W), tf.tensor1d(B)] });
      expect(calls).toBe(0);
      await buildModel(DENSE, { fileName: 'm.yaml' });
      expect(calls).toBe(1); // the kernel's GlorotUniform, without weights
    } finally {
      proto.apply = tfjsApply;
    }
  });

  const fails = async (text: string, weights: Weights) => {
    const err = await buildModel(text, { fileName: 'm.yaml', weights }).then(() => 'built', (e: unknown) => e);
    expect(err).toBeInstanceOf(KspecError);
    expect((err as KspecError).diagnostics).toEqual([]);
    return (err as KspecError).message;
  };

  it.each([
    ['a wrong shape', { 'd/kernel': [[1, 2, 3], [4, 5, 6]], 'd/bias': [0, 0] }, ['layer "d" weight "d/kernel" has shape [3, 2], the value given has [2, 3]']],
    ['a missing weight', { 'd/kernel': W }, ['layer "d" weight "d/bias" (shape [2]) has no value']],
    ['an extra value', { 'd/kernel': W, 'd/bias': B, 'e/bias': [1] }, ['the value "e/bias" (shape [1]) matches no weight of the model']],
    ['all of them at once', { 'd/kernel': [[1]], 'x': [1, 2] }, [
      'layer "d" weight "d/kernel" has shape [3, 2], the value given has [1, 1]',
      'the value "x" (shape [2]) matches no weight of the model',
      'layer "d" weight "d/bias" (shape [2]) has no value',
    ]],
  ])('NamedTensorMap with %s: a KspecError naming layer, weight and both shapes', async (_, values, problems) => {
    const weights = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, tf.tensor(v)]));
    const n = problems.length;
    expect(await fails(DENSE, weights)).toBe(`The weights do not fit the model (${n} problem${n === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  });

  it('Tensor[]: too few, too many, wrong dtype', async () => {
    expect(await fails(DENSE, [tf.tensor2d(W)])).toContain('layer "d" weight "d/bias" (shape [2]) has no value');
    expect(await fails(DENSE, [tf.tensor2d(W), tf.tensor1d(B), tf.tensor1d([1])])).toContain("value 2 (shape [1]) is beyond the model's 2 weights");
    expect(await fails(DENSE, [tf.tensor2d(W), tf.tensor1d([1, 2], 'int32')])).toContain('layer "d" weight "d/bias" is float32, the value given is int32');
  });

  it('a spec error is still reported as diagnostics, before any weight is looked at', async () => {
    const err = await buildModel('input_shape: [3]\nlayers:\n  - Desne(2)\n', { fileName: 'm.yaml', weights: [] }).catch((e: unknown) => e);
    expect((err as KspecError).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KS2001']);
  });
});
