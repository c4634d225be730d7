/**
 * tfjs weight artifacts: shards cut as the tfjs converter cuts them, read back by tfjs's own
 * decodeWeights and loadLayersModel bit for bit, and quantized as the converter quantizes.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { roundHalfEven, shardWeights, toFloat16, type WeightEntry } from '../../src/weights/shards.js';
import { concatBytes } from '../helpers.js';

const concat = concatBytes;
/** Every shard, copied (the generator reuses one buffer). */
const allShards = (s: ReturnType<typeof shardWeights>) => Array.from(s.shards(), (x) => ({ path: x.path, data: x.data.slice() }));
const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;

const entries: WeightEntry[] = [
  { name: 'dense/kernel', shape: [2, 3], dtype: 'float32', data: Float32Array.from([1.5, -2, 0.25, 3, -0.125, 8]) },
  { name: 'dense/bias', shape: [3], dtype: 'float32', data: Float32Array.from([0.1, 0.2, 0.3]) },
  { name: 'emb/ids', shape: [2], dtype: 'int32', data: Int32Array.from([7, -9]) },
];

describe('shardWeights', () => {
  it('packs every weight in order and cuts shards of the given size, named as the converter names them', () => {
    const s = shardWeights(entries, { shardSize: 16 });
    expect(s.byteLength).toBe(44);
    expect(s.weightsManifest).toEqual([
      {
        paths: ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin'],
        weights: [
          { name: 'dense/kernel', shape: [2, 3], dtype: 'float32' },
          { name: 'dense/bias', shape: [3], dtype: 'float32' },
          { name: 'emb/ids', shape: [2], dtype: 'int32' },
        ],
      },
    ]);
    const shards = allShards(s);
    expect(shards.map((x) => [x.path, x.data.length])).toEqual([['group1-shard1of3.bin', 16], ['group1-shard2of3.bin', 16], ['group1-shard3of3.bin', 12]]);
    const expected = concat(entries.map((e) => new Uint8Array((e.data as Float32Array).buffer)));
    expect(concat(shards.map((x) => x.data))).toEqual(expected);
  });

  it('is read back bit for bit by tfjs decodeWeights', () => {
    const s = shardWeights(entries, { shardSize: 7 });
    const decoded = tf.io.decodeWeights(buffer(concat(allShards(s).map((x) => x.data))), s.weightsManifest[0].weights);
    for (const e of entries) {
      expect(decoded[e.name]!.shape).toEqual(e.shape);
      expect(decoded[e.name]!.dataSync()).toEqual(e.data);
    }
    tf.dispose(Object.values(decoded));
  });

  it('writes one shard when everything fits, and no shard for a model without weights', () => {
    expect(shardWeights(entries).weightsManifest[0].paths).toEqual(['group1-shard1of1.bin']);
    const none = shardWeights([]);
    expect(none.weightsManifest[0]).toEqual({ paths: [], weights: [] });
    expect(allShards(none)).toEqual([]);
    expect(() => shardWeights(entries, { shardSize: 0 })).toThrow(/positive whole number/);
  });

  it('gives a model that tf.loadLayersModel loads with the same outputs', async () => {
    const { modelJSON } = compile('name: m\ninput_shape: [4]\nlayers:\n  - Dense(5, activation="relu")\n  - Dense(2)\n', { fileName: 'm.yaml' });
    const source = await tf.models.modelFromJSON({ modelTopology: modelJSON!.modelTopology as never });
    const weights: WeightEntry[] = source.weights.map((w) => ({ name: w.originalName, shape: w.shape as number[], dtype: 'float32', data: w.read().dataSync() as Float32Array }));
    const s = shardWeights(weights, { shardSize: 32 });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJSON!.modelTopology as never, weightSpecs: s.weightsManifest[0].weights as never, weightData: buffer(concat(allShards(s).map((x) => x.data))) }));
    const x = tf.tensor2d([[1, -2, 3, 0.5], [0, 1, -1, 2]]);
    expect((loaded.predict(x) as tf.Tensor).arraySync()).toEqual((source.predict(x) as tf.Tensor).arraySync());
  });
});

describe('quantization, as the tfjs converter does it', () => {
  it('rounds halves to even, as numpy', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, 2.6].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2, 3]);
  });

  it('uint8: nudges the range so that 0 is a whole step, and tfjs dequantizes value * scale + min', () => {
    const data = Float32Array.from([-1, -0.5, 0, 0.3, 2]);
    const s = shardWeights([{ name: 'w', shape: [5], dtype: 'float32', data }], { quantize: 'uint8' });
    const q = s.weightsManifest[0].weights[0]!.quantization!;
    const scale = 3 / 255;
    const zero = roundHalfEven(1 / scale); // 85
    expect(q).toEqual({ dtype: 'uint8', min: -zero * scale, scale, original_dtype: 'float32' });
    const bytes = concat(allShards(s).map((x) => x.data));
    expect([...bytes]).toEqual([0, roundHalfEven((-0.5 + zero * scale) / scale), zero, roundHalfEven((Math.fround(0.3) + zero * scale) / scale), 255]);
    const decoded = tf.io.decodeWeights(buffer(bytes), s.weightsManifest[0].weights)['w']!;
    // 0 comes back exactly; every value within half a step.
    const back = decoded.dataSync();
    expect(back[2]).toBe(0);
    back.forEach((v, i) => expect(Math.abs(v - data[i]!)).toBeLessThanOrEqual(scale / 2 + 1e-7));
  });

  it('uint16 and a constant weight (scale 1, all zeros)', () => {
    const s = shardWeights([{ name: 'c', shape: [3], dtype: 'float32', data: Float32Array.from([0.5, 0.5, 0.5]) }, { name: 'u', shape: [2], dtype: 'float32', data: Float32Array.from([1, 3]) }], { quantize: 'uint16' });
    const [c, u] = s.weightsManifest[0].weights;
    expect(c!.quantization).toEqual({ dtype: 'uint16', min: 0.5, scale: 1, original_dtype: 'float32' });
    // A range without 0 is not nudged.
    expect(u!.quantization).toEqual({ dtype: 'uint16', min: 1, scale: 2 / 65535, original_dtype: 'float32' });
    expect(s.byteLength).toBe(10);
    const decoded = tf.io.decodeWeights(buffer(concat(allShards(s).map((x) => x.data))), s.weightsManifest[0].weights);
    expect(decoded['c']!.dataSync()).toEqual(Float32Array.from([0.5, 0.5, 0.5]));
    expect(decoded['u']!.dataSync()).toEqual(Float32Array.from([1, 3]));
  });

  it('float16: IEEE half bits rounded to nearest even, which tfjs reads back', () => {
    const values = [1, -2, 0, -0, 65504, 65520, 1e9, 5.960464477539063e-8, 2.9802322387695312e-8, 1 / 3, 0.1, Infinity, -Infinity];
    const bits = [...toFloat16(Float32Array.from(values))];
    expect(bits.map((b) => b.toString(16))).toEqual(['3c00', 'c000', '0', '8000', '7bff', '7c00', '7c00', '1', '0', '3555', '2e66', '7c00', 'fc00']);
    expect(toFloat16(Float32Array.from([NaN]))[0]! & 0x7e00).toBe(0x7e00);
    const s = shardWeights([{ name: 'h', shape: [3], dtype: 'float32', data: Float32Array.from([1, 1 / 3, -0.1]) }], { quantize: 'float16' });
    expect(s.weightsManifest[0].weights[0]!.quantization).toEqual({ dtype: 'float16', original_dtype: 'float32' });
    const back = tf.io.decodeWeights(buffer(concat(allShards(s).map((x) => x.data))), s.weightsManifest[0].weights)['h']!.dataSync();
    expect([...back]).toEqual([1, 0.333251953125, -0.0999755859375]);
  });

  it('leaves int32 weights as they are', () => {
    const s = shardWeights([entries[2]!], { quantize: 'uint8' });
    expect(s.weightsManifest[0].weights[0]).toEqual({ name: 'emb/ids', shape: [2], dtype: 'int32' });
  });
});
