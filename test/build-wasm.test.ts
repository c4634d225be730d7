/**
 * `useWasmBackend()`: models built by kspec — tfjs layers and kspec's runtime classes — predict on
 * tfjs's WebAssembly backend what they predict on the cpu backend. (Switching backends is global to
 * the process; vitest runs each test file in its own worker.)
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel, useWasmBackend } from '../src/build.js';

await tf.setBackend('cpu');
afterAll(() => tf.setBackend('cpu'));

const CASES: [string, string][] = [
  ['conv net', 'input_shape: [12, 12, 3]\nlayers:\n  - Conv2D(8, 3, padding="same", activation="relu")\n  - BatchNormalization()\n  - MaxPooling2D()\n  - DepthwiseConv2D(3)\n  - Flatten()\n  - Dense(4, activation="softmax")\n'],
  ['LSTM and GRU (reset_after: kspec runtime KspecGRU)', 'input_shape: [6, 4]\nlayers:\n  - LSTM(5, return_sequences=True)\n  - GRU(3)\n  - Dense(2)\n'],
  [
    'kspec runtime classes: MultiHeadAttention, Conv1DTranspose, LayerNormalization, an activation tfjs lacks',
    'inputs:\n  x: [5, 4]\nlayers:\n  - a = MultiHeadAttention(num_heads=2, key_dim=3)(x, x)\n  - Conv1DTranspose(4, 3, activation="mish")\n  - LayerNormalization()\n',
  ],
];

describe('useWasmBackend', () => {
  it('switches tfjs to the wasm backend (the .wasm binaries found on Node without setWasmPaths)', async () => {
    expect(await useWasmBackend()).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s: same predictions as on cpu', async (_, spec) => {
    await tf.setBackend('cpu');
    const model = await buildModel(spec, { fileName: 'm.yaml' });
    const x = model.inputs.map((i) => tf.randomNormal(i.shape.map((d) => d ?? 2), 0, 1, 'float32', 5));
    const onCpu = (model.predict(x) as tf.Tensor).dataSync().slice();
    expect(await useWasmBackend()).toBe(true);
    const onWasm = (model.predict(x) as tf.Tensor).dataSync();
    expect(Math.max(...Array.from(onWasm, (v, i) => Math.abs(v - onCpu[i]!)))).toBeLessThan(1e-4);
    await tf.setBackend('cpu');
  });
});
