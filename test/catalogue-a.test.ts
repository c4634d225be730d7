/**
 * Catalogue part A (base, core, convolution, pooling, reshaping, merge, activation layers,
 * regularization): table sanity checks, and for every tfjs-native row a tiny model built with
 * `tf.models.modelFromJSON` from Keras-2-style JSON that must load and predict on zeros.
 */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ArgSpec, ArgType, LayerSpec } from '../src/ir/catalogue/types.js';
import { BASE_ARGS } from '../src/ir/catalogue/base.js';
import { CORE_LAYERS } from '../src/ir/catalogue/core.js';
import { CONVOLUTION_LAYERS } from '../src/ir/catalogue/convolution.js';
import { POOLING_LAYERS } from '../src/ir/catalogue/pooling.js';
import { RESHAPING_LAYERS } from '../src/ir/catalogue/reshaping.js';
import { MERGE_LAYERS } from '../src/ir/catalogue/merge.js';
import { ACTIVATION_LAYERS } from '../src/ir/catalogue/activation-layers.js';
import { REGULARIZATION_LAYERS } from '../src/ir/catalogue/regularization.js';

const TABLES: Record<string, readonly LayerSpec[]> = {
  CORE_LAYERS, CONVOLUTION_LAYERS, POOLING_LAYERS, RESHAPING_LAYERS, MERGE_LAYERS, ACTIVATION_LAYERS,
  REGULARIZATION_LAYERS,
};
/** tfjs types modelFromJSON's argument loosely (PyJsonDict); our literals are plain objects. */
const fromJSON = (json: object) => tf.models.modelFromJSON(json as Parameters<typeof tf.models.modelFromJSON>[0]);

const ROWS: LayerSpec[] = Object.values(TABLES).flat();
const NATIVE = ROWS.filter((r): r is LayerSpec & { tfjs: { className: string } } => 'className' in r.tfjs);
const MISSING = ROWS.filter((r) => 'missing' in r.tfjs);

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKerasObject = (v: unknown): boolean => isObj(v) && typeof v.class_name === 'string';

/** Whether a JSON value fits an ArgType (the same language the JSON Schema generator reads). */
function conforms(v: unknown, t: ArgType): boolean {
  switch (t.t) {
    case 'int':
      return Number.isInteger(v) && (t.min === undefined || (v as number) >= t.min) && (t.max === undefined || (v as number) <= t.max);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
        && (t.min === undefined || v >= t.min) && (t.max === undefined || v <= t.max)
        && (t.exclusiveMin === undefined || v > t.exclusiveMin) && (t.exclusiveMax === undefined || v < t.exclusiveMax);
    case 'bool': return typeof v === 'boolean';
    case 'string': return typeof v === 'string';
    case 'null': return v === null;
    case 'enum': return typeof v === 'string' && t.values.includes(v);
    case 'list':
      return Array.isArray(v) && (t.n === undefined || v.length === t.n) && (t.minItems === undefined || v.length >= t.minItems)
        && v.every((x) => conforms(x, t.of));
    case 'union': return t.of.some((u) => conforms(v, u));
    case 'activation':
    case 'initializer':
    case 'regularizer':
    case 'constraint':
    case 'dtype':
      return typeof v === 'string' || isKerasObject(v);
    case 'layer': return isKerasObject(v);
    case 'any': return true;
  }
}

const argOf = (row: LayerSpec, name: string): ArgSpec | undefined =>
  row.args.find((a) => a.name === name) ?? BASE_ARGS.find((a) => a.name === name);

function checkArgList(where: string, args: readonly ArgSpec[]): void {
  const names = args.map((a) => a.name);
  expect(new Set(names).size, `${where}: duplicate argument names in ${names.join(', ')}`).toBe(names.length);
  for (const a of args) {
    const at = `${where}.${a.name}`;
    expect(a.name, `${at}: not snake_case`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(a.doc.trim().length, `${at}: empty doc`).toBeGreaterThan(0);
    if (a.required) expect(a.default, `${at}: required arguments have no default`).toBeUndefined();
    if (a.default !== undefined) expect(conforms(a.default, a.type), `${at}: default ${JSON.stringify(a.default)} does not fit its type`).toBe(true);
    if (a.tfjsDefault !== undefined) expect(conforms(a.tfjsDefault, a.type), `${at}: tfjsDefault does not fit its type`).toBe(true);
    if (typeof a.tfjs === 'string') expect(a.tfjs, `${at}: tfjs name not camelCase`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(a.keras2Only && a.keras3Only, `${at}: both keras2Only and keras3Only`).toBeFalsy();
  }
}

describe('catalogue part A: tables', () => {
  it('base args are unique, snake_case and typed', () => {
    checkArgList('BASE_ARGS', BASE_ARGS);
  });

  it('row names and aliases are unique', () => {
    const names = ROWS.flatMap((r) => [r.name, ...(r.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const row of ROWS) {
    it(`${row.name}: args, positional count and example are consistent`, () => {
      checkArgList(row.name, row.args);
      expect(row.doc.trim().length).toBeGreaterThan(0);
      expect(row.positional).toBeGreaterThanOrEqual(0);
      expect(row.positional).toBeLessThanOrEqual(row.args.length);
      // Keras 2 signature order first: positional args exist in Keras 2, Keras-3-only args come last.
      for (const a of row.args.slice(0, row.positional)) expect(a.keras3Only, `${row.name}.${a.name} is positional`).toBeFalsy();
      const firstK3 = row.args.findIndex((a) => a.keras3Only);
      if (firstK3 >= 0) expect(row.args.slice(firstK3).every((a) => a.keras3Only), `${row.name}: Keras-3-only args must be last`).toBe(true);
      // Every required arg appears in the example, and every example value fits its type.
      expect(row.example, `${row.name}: example`).toBeDefined();
      expect(row.exampleInput, `${row.name}: exampleInput`).toBeDefined();
      for (const a of row.args) if (a.required) expect(row.example, `${row.name}: example lacks required ${a.name}`).toHaveProperty(a.name);
      for (const [k, v] of Object.entries(row.example ?? {})) {
        const a = argOf(row, k);
        expect(a, `${row.name}: example key ${k} is not an argument`).toBeDefined();
        expect(conforms(v, a!.type), `${row.name}: example ${k}=${JSON.stringify(v)} does not fit its type`).toBe(true);
      }
      if ('missing' in row.tfjs) expect(row.tfjs.missing.trim().length).toBeGreaterThan(0);
    });
  }
});

describe('catalogue part A: tfjs 4.22 registry', () => {
  const registered = new Set(Object.keys(tf.serialization.SerializationMap.getMap().classNameMap));

  it('every tfjs className is registered', () => {
    for (const row of NATIVE) expect(registered.has(row.tfjs.className), row.tfjs.className).toBe(true);
  });

  it('rows marked missing are not registered as layers (Identity only as the initializer)', () => {
    for (const row of MISSING) {
      if (row.name === 'Identity') continue;
      expect(registered.has(row.name), row.name).toBe(false);
    }
    // Keras aliases are never registered in tfjs.
    for (const row of ROWS) for (const a of row.aliases ?? []) expect(registered.has(a), a).toBe(false);
  });
});

/** Keras-2-style JSON for a one-layer Sequential model, or a two-input functional model for merges. */
function modelJson(row: LayerSpec & { tfjs: { className: string } }, className = row.tfjs.className): { json: object; inputs: number } {
  const shape = [null, ...(row.exampleInput ?? [])];
  if (row.category === 'merge') {
    const input = (name: string) => ({
      class_name: 'InputLayer', name, inbound_nodes: [],
      config: { batch_input_shape: shape, dtype: 'float32', sparse: false, ragged: false, name },
    });
    return {
      inputs: 2,
      json: {
        class_name: 'Functional',
        config: {
          name: 'm',
          layers: [
            input('a'), input('b'),
            { class_name: className, name: 'l', config: { name: 'l', ...row.example }, inbound_nodes: [[['a', 0, 0, {}], ['b', 0, 0, {}]]] },
          ],
          input_layers: [['a', 0, 0], ['b', 0, 0]],
          output_layers: [['l', 0, 0]],
        },
        keras_version: '2.15.0',
        backend: 'tensorflow',
      },
    };
  }
  return {
    inputs: 1,
    json: {
      class_name: 'Sequential',
      config: { name: 'm', layers: [{ class_name: className, config: { name: 'l', batch_input_shape: shape, ...row.example } }] },
    },
  };
}

/**
 * tfjs reads these arguments but leaves them out of `getConfig()` (checked by hand in the tfjs source):
 * InputLayer folds inputShape/batchSize into batchInputShape, Conv1D deletes dataFormat, SeparableConv
 * forgets depthMultiplier, AlphaDropout never serializes noiseShape, Flatten writes dataFormat only when set.
 */
const READ_BUT_NOT_SERIALIZED: Record<string, readonly string[]> = {
  InputLayer: ['inputShape', 'batchSize'],
  Conv1D: ['dataFormat'],
  SeparableConv2D: ['depthMultiplier'],
  AlphaDropout: ['noiseShape'],
  Flatten: ['dataFormat'],
};
const camel = (s: string): string => s.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('catalogue part A: tfjs-native rows load and predict', () => {
  for (const row of NATIVE) {
    it(`${row.name} (${row.tfjs.className})`, async () => {
      const { json, inputs } = modelJson(row);
      const model = await fromJSON(json);
      const shape = [1, ...(row.exampleInput ?? []).map((d) => d ?? 2)];
      const feed = Array.from({ length: inputs }, () => tf.zeros(shape));
      const out = model.predict(inputs === 1 ? feed[0]! : feed) as tf.Tensor;
      expect(out.shape[0]).toBe(1);
      expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);

      // Every argument the table says tfjs reads shows up in the layer's tfjs config (guards typos).
      const layer = model.layers[model.layers.length - 1]!;
      const keys = new Set(Object.keys(layer.getConfig()));
      const exempt = READ_BUT_NOT_SERIALIZED[row.name] ?? [];
      for (const a of row.args) {
        if (a.tfjs === null) continue;
        const k = a.tfjs ?? camel(a.name);
        if (!exempt.includes(k)) expect(keys.has(k), `${row.name}.${a.name} → ${k} not in tfjs getConfig()`).toBe(true);
      }
      tf.dispose([...feed, out]);
      model.dispose();
    });
  }
});

describe('catalogue part A: rows marked missing really fail in tfjs', () => {
  for (const row of MISSING) {
    it(`${row.name} cannot be loaded by modelFromJSON`, async () => {
      const { json } = modelJson({ ...row, tfjs: { className: row.name } });
      await expect(fromJSON(json)).rejects.toThrow(
        // Identity resolves to tfjs's Identity *initializer*: as a first layer that dies with a TypeError.
        row.name === 'Identity' ? /reading 'length'/ : new RegExp(`Unknown layer: ${row.name}`),
      );
    });
  }
});

describe('catalogue part A: tfjs behaviours the tables record', () => {
  const one = async (className: string, config: Record<string, unknown>, input: number[]) => {
    const json = { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: className, config: { name: 'l', batch_input_shape: [null, ...input], ...config } }] } };
    const model = await fromJSON(json);
    return model.predict(tf.ones([1, ...input])) as tf.Tensor;
  };

  it('SeparableConv2D rejects the kernel_initializer that Keras 2 configs carry', async () => {
    await expect(one('SeparableConv2D', { filters: 2, kernel_size: 2, kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } } }, [5, 5, 3]))
      .rejects.toThrow(/kernelInitializer/);
  });

  it('LeakyReLU ignores negative_slope (alpha stays 0.3)', async () => {
    const json = { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'LeakyReLU', config: { name: 'l', batch_input_shape: [null, 1], negative_slope: 0.5 } }] } };
    const m = await fromJSON(json);
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
    const json = { class_name: 'Sequential', config: { name: 'm', layers: [
      { class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } },
      { class_name: 'Identity', config: { name: 'l' } },
    ] } };
    await expect(fromJSON(json)).rejects.toThrow(/Identity matrix initializer/);
  });

  it('UpSampling2D accepts only nearest and bilinear', async () => {
    await expect(one('UpSampling2D', { interpolation: 'bicubic' }, [2, 2, 2])).rejects.toThrow(/InterpolationFormat/);
  });
});
