/**
 * The tfjs 4.22 behaviours the catalogue rows record (defaults that differ from Keras, ignored or
 * rejected arguments, broken layers), each pinned on a tiny model loaded with `modelFromJSON`: when
 * a tfjs upgrade changes one of them, the row that describes it needs revisiting.
 */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { argsOf } from '../src/ir/catalogue/index.js';
import { MUTATES_INPUT_SHAPE, fromJSON, modelJson, nativeRows, oneLayerJson, rowNamed, sequentialJson } from './tfjs-models.js';

const ZEROS_INIT = { class_name: 'Zeros', config: {} };

/** A Sequential model of one layer `className` with `config`, taking `input` (batch dimension left out). */
const seq = (className: string, config: Record<string, unknown>, input: number[]) => fromJSON(oneLayerJson(className, config, input));
/** That model's output on ones. */
const one = async (className: string, config: Record<string, unknown>, input: number[]) =>
  (await seq(className, config, input)).predict(tf.ones([1, ...input])) as tf.Tensor;
const cfgOf = async (className: string, config: Record<string, unknown>, input: number[]) =>
  (await seq(className, config, input)).layers[0]!.getConfig() as Record<string, unknown>;

describe('tfjs behaviours the core, convolution, pooling, reshaping and activation rows record', () => {
  it('SeparableConv2D rejects the kernel_initializer that Keras 2 configs carry', async () => {
    await expect(one('SeparableConv2D', { filters: 2, kernel_size: 2, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } } }, [5, 5, 3]))
      .rejects.toThrow(/kernelInitializer/);
  });

  it('LeakyReLU ignores negative_slope (alpha stays 0.3)', async () => {
    const m = await seq('LeakyReLU', { negative_slope: 0.5 }, [1]);
    expect((m.predict(tf.tensor([[-1]])) as tf.Tensor).dataSync()[0]).toBeCloseTo(-0.3, 6);
  });

  it('global pooling ignores keepdims and conv ignores groups', async () => {
    expect((await one('GlobalAveragePooling2D', { keepdims: true }, [4, 4, 3])).shape).toEqual([1, 3]);
    expect((await one('Conv2D', { filters: 3, kernel_size: 1, groups: 3 }, [2, 2, 3])).shape).toEqual([1, 2, 2, 3]);
  });

  it('Conv2DTranspose ignores output_padding and dilation_rate', async () => {
    expect((await one('Conv2DTranspose', { filters: 2, kernel_size: 2, strides: 2, output_padding: [1, 1] }, [4, 4, 3])).shape).toEqual([1, 8, 8, 2]);
    expect((await one('Conv2DTranspose', { filters: 2, kernel_size: 2, dilation_rate: [2, 2] }, [4, 4, 3])).shape).toEqual([1, 5, 5, 2]);
  });

  it('Softmax defaults to axis 1 and ELU rejects alpha != 1', async () => {
    await expect(one('Softmax', {}, [2, 3])).rejects.toThrow(/non-last dimension/);
    await expect(one('ELU', { alpha: 0.5 }, [3])).rejects.toThrow(/Non-default alpha/);
  });

  it('Flatten needs rank >= 3 and Conv1D causal padding fails at predict', async () => {
    await expect(one('Flatten', {}, [3])).rejects.toThrow(/min_ndim=3/);
    await expect(one('Conv1D', { filters: 2, kernel_size: 2, padding: 'causal' }, [5, 3])).rejects.toThrow(/CAUSAL/);
  });

  it('Identity as a later layer hits the Identity initializer', async () => {
    const json = sequentialJson([
      { class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } },
      { class_name: 'Identity', config: { name: 'l' } },
    ]);
    await expect(fromJSON(json)).rejects.toThrow(/Identity matrix initializer/);
  });

  it('UpSampling2D accepts only nearest and bilinear', async () => {
    await expect(one('UpSampling2D', { interpolation: 'bicubic' }, [2, 2, 2])).rejects.toThrow(/InterpolationFormat/);
  });
});

describe('tfjs behaviours the recurrent, wrapper and preprocessing rows record', () => {
  it('LSTM/GRU defaults: glorotNormal kernel, hardSigmoid gates, no unit_forget_bias (tfjsDefault)', async () => {
    for (const className of ['LSTM', 'GRU']) {
      const c = await cfgOf(className, { units: 2, recurrent_initializer: ZEROS_INIT }, [3, 2]);
      expect(c.recurrentActivation, className).toBe('hardSigmoid');
      // tfjs serializes its GlorotNormal as VarianceScaling(scale 1, fanAvg, normal); Keras's default is uniform.
      expect((c.kernelInitializer as { config: object }).config, className).toMatchObject({ scale: 1, mode: 'fanAvg', distribution: 'normal' });
    }
    const lstm = await cfgOf('LSTM', { units: 2, recurrent_initializer: ZEROS_INIT }, [3, 2]);
    expect(lstm.unitForgetBias ?? false).toBe(false);
    const row = rowNamed('LSTM');
    expect(argsOf(row).get('recurrent_activation')).toMatchObject({ default: 'sigmoid', tfjsDefault: 'hard_sigmoid' });
    expect(argsOf(row).get('unit_forget_bias')).toMatchObject({ default: true, tfjsDefault: false });
  });

  it('GRU with reset_after=true (the Keras default) is rejected', async () => {
    await expect(seq('GRU', { units: 2, reset_after: true }, [3, 2])).rejects.toThrow(/reset_after parameter set to true/);
  });

  it('RNN reads a StackedRNNCells cell but not a bare list of cells', async () => {
    const cells = [{ class_name: 'SimpleRNNCell', config: { units: 2 } }];
    await expect(seq('RNN', { cell: cells }, [3, 2])).rejects.toThrow(/Improper config format/);
  });

  it('Bidirectional ignores backward_layer and mirrors `layer`', async () => {
    const lstm = { class_name: 'LSTM', config: { name: 'f', units: 2, recurrent_initializer: ZEROS_INIT } };
    const gru = { class_name: 'GRU', config: { name: 'b', units: 5, recurrent_initializer: ZEROS_INIT } };
    const m = await seq('Bidirectional', { layer: lstm, backward_layer: gru, merge_mode: 'concat' }, [4, 3]);
    expect((m.predict(tf.zeros([1, 4, 3])) as tf.Tensor).shape).toEqual([1, 4]); // Keras: 2 + 5 = 7
  });

  it('CenterCrop and CategoryEncoding fail directly after the input (input shape mutated)', async () => {
    const rows = nativeRows().filter((r) => MUTATES_INPUT_SHAPE.has(r.name));
    expect(rows.map((r) => r.name).sort()).toEqual([...MUTATES_INPUT_SHAPE].sort());
    for (const row of rows) {
      const { json, input } = modelJson(row);
      const m = await fromJSON(json);
      expect(() => m.predict(tf.zeros([1, ...input])), row.name).toThrow(/Error when checking/);
    }
  });

  it('CenterCrop crops one column off-centre when the width difference is 1', async () => {
    const m = await fromJSON(sequentialJson([
      { class_name: 'Reshape', config: { name: 'r', target_shape: [5, 5, 1], batch_input_shape: [null, 5, 5, 1] } },
      { class_name: 'CenterCrop', config: { name: 'c', height: 4, width: 4 } },
    ]));
    const y = (await (m.predict(tf.range(0, 25).reshape([1, 5, 5, 1])) as tf.Tensor).array()) as number[][][][];
    // Keras: offsets (0, 0) → first row [0, 1, 2, 3]; tfjs starts at column 1.
    expect(y[0]![0]!.map((v) => v[0])).toEqual([1, 2, 3, 4]);
  });

  it('Resizing fails inside a model and RandomWidth fails to build', async () => {
    const resizing = await seq('Resizing', { height: 2, width: 2 }, [4, 4, 1]);
    expect(() => resizing.predict(tf.zeros([1, 4, 4, 1]))).toThrow(/must be rank 3 or 4/);
    await expect(seq('RandomWidth', { factor: 0.2 }, [4, 4, 1])).rejects.toThrow(/Negative dimension/);
  });

  it('Resizing applied directly resizes with align_corners=true (4→2 gives [0, 3]; Keras gives [0.5, 2.5])', async () => {
    const layer = tf.layers.resizing({ height: 1, width: 2 });
    const y = layer.apply(tf.tensor([0, 1, 2, 3]).reshape([1, 1, 4, 1])) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([0, 3]);
  });
});
