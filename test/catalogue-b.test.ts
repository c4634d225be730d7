/**
 * Catalogue part B (recurrent, embedding, normalization, attention, preprocessing, wrappers, models):
 * table sanity checks, and for every tfjs-native row a tiny model built with `tf.models.modelFromJSON`
 * from Keras-2-style JSON that must load and predict on zeros. Also pins the tfjs 4.22 behaviours the
 * rows record (defaults that differ from Keras, ignored or rejected arguments, broken layers).
 */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { ArgSpec, ArgType, LayerSpec } from '../src/ir/catalogue/types.js';
import { BASE_ARGS } from '../src/ir/catalogue/base.js';
import { RECURRENT_LAYERS } from '../src/ir/catalogue/recurrent.js';
import { EMBEDDING_LAYERS } from '../src/ir/catalogue/embedding.js';
import { NORMALIZATION_LAYERS } from '../src/ir/catalogue/normalization.js';
import { ATTENTION_LAYERS } from '../src/ir/catalogue/attention.js';
import { PREPROCESSING_LAYERS } from '../src/ir/catalogue/preprocessing.js';
import { MODEL_CLASSES, WRAPPER_LAYERS } from '../src/ir/catalogue/wrappers.js';

type Native = LayerSpec & { tfjs: { className: string } };

const TABLES: Record<string, readonly LayerSpec[]> = {
  RECURRENT_LAYERS, EMBEDDING_LAYERS, NORMALIZATION_LAYERS, ATTENTION_LAYERS, PREPROCESSING_LAYERS, WRAPPER_LAYERS,
  MODEL_CLASSES,
};
const ROWS: LayerSpec[] = Object.values(TABLES).flat();
const isNative = (r: LayerSpec): r is Native => 'className' in r.tfjs;
const NATIVE_LAYERS = ROWS.filter(isNative).filter((r) => r.category !== 'model');
const MISSING = ROWS.filter((r) => 'missing' in r.tfjs);

/** Registered in tfjs 4.22 but unusable inside a model; the rows say `missing` and explain why. */
const REGISTERED_BUT_BROKEN = new Set(['Resizing', 'RandomWidth']);
/** Layers whose computeOutputShape mutates the input shape array: they need a layer before them. */
const MUTATES_INPUT_SHAPE = new Set(['CenterCrop', 'CategoryEncoding']);
/** Cells run one timestep; the test wraps them in RNN over a 2-step sequence. */
const isCell = (r: LayerSpec): boolean => r.name.endsWith('Cell') || r.name === 'StackedRNNCells';

const fromJSON = (json: object) => tf.models.modelFromJSON(json as Parameters<typeof tf.models.modelFromJSON>[0]);
const ZEROS_INIT = { class_name: 'Zeros', config: {} };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKerasObject = (v: unknown): boolean => isObj(v) && typeof v.class_name === 'string';

/** Whether a JSON value fits an ArgType. */
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

describe('catalogue part B: tables', () => {
  it('row names and aliases are unique across part B', () => {
    const names = ROWS.flatMap((r) => [r.name, ...(r.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const row of ROWS) {
    it(`${row.name}: args, positional count and example are consistent`, () => {
      const names = row.args.map((a) => a.name);
      expect(new Set(names).size, `${row.name}: duplicate argument names in ${names.join(', ')}`).toBe(names.length);
      for (const a of row.args) {
        const at = `${row.name}.${a.name}`;
        expect(a.name, `${at}: not snake_case`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
        expect(a.doc.trim().length, `${at}: empty doc`).toBeGreaterThan(0);
        if (a.required) expect(a.default, `${at}: required arguments have no default`).toBeUndefined();
        else expect(a.default, `${at}: optional arguments need a default`).not.toBeUndefined();
        if (a.default !== undefined) expect(conforms(a.default, a.type), `${at}: default ${JSON.stringify(a.default)} does not fit`).toBe(true);
        if (a.tfjsDefault !== undefined) expect(conforms(a.tfjsDefault, a.type), `${at}: tfjsDefault does not fit`).toBe(true);
        if (typeof a.tfjs === 'string') expect(a.tfjs, `${at}: tfjs name not camelCase`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
        expect(a.keras2Only && a.keras3Only, `${at}: both keras2Only and keras3Only`).toBeFalsy();
        if (row.keras2Only) expect(a.keras3Only, `${at}: Keras-3-only arg on a Keras-2-only row`).toBeFalsy();
      }
      expect(row.doc.trim().length).toBeGreaterThan(0);
      expect(row.positional).toBeGreaterThanOrEqual(0);
      expect(row.positional).toBeLessThanOrEqual(row.args.length);
      if (!row.keras3Only) {
        // Keras 2.15 signature order first; Keras-3-only arguments come after every Keras 2 one.
        for (const a of row.args.slice(0, row.positional)) expect(a.keras3Only, `${row.name}.${a.name} is positional`).toBeFalsy();
        const firstK3 = row.args.findIndex((a) => a.keras3Only);
        if (firstK3 >= 0) expect(row.args.slice(firstK3).every((a) => a.keras3Only), `${row.name}: Keras-3-only args must be last`).toBe(true);
      }
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

  it('GRU and GRUCell examples write reset_after=false (the only value tfjs accepts)', () => {
    for (const name of ['GRU', 'GRUCell']) {
      const row = ROWS.find((r) => r.name === name)!;
      expect(row.example).toHaveProperty('reset_after', false);
      expect(argOf(row, 'reset_after')).toMatchObject({ default: true, tfjsDefault: false });
    }
  });
});

describe('catalogue part B: tfjs 4.22 registry', () => {
  const registered = new Set(Object.keys(tf.serialization.SerializationMap.getMap().classNameMap));

  it('every tfjs className is registered', () => {
    for (const row of ROWS.filter(isNative)) expect(registered.has(row.tfjs.className), row.tfjs.className).toBe(true);
  });

  it('rows marked missing are not registered, except the registered-but-broken ones', () => {
    for (const row of MISSING) expect(registered.has(row.name), row.name).toBe(REGISTERED_BUT_BROKEN.has(row.name));
    for (const row of ROWS) for (const a of row.aliases ?? []) expect(registered.has(a), a).toBe(false);
  });
});

/** Keras-2-style JSON for a Sequential model around the row's layer (cells wrapped in RNN). */
function modelJson(row: Native, opts: { leadingReshape?: boolean } = {}): { json: object; input: number[] } {
  const sample = row.exampleInput ?? [];
  if (isCell(row)) {
    const input = [2, ...sample];
    const cell = { class_name: row.tfjs.className, config: { ...row.example } };
    return {
      input: input.map((d) => d ?? 2),
      json: { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'RNN', config: { name: 'l', batch_input_shape: [null, ...input], cell } }] } },
    };
  }
  const layers: object[] = [];
  if (opts.leadingReshape) {
    layers.push({ class_name: 'Reshape', config: { name: 'r', target_shape: sample, batch_input_shape: [null, ...sample] } });
    layers.push({ class_name: row.tfjs.className, config: { name: 'l', ...row.example } });
  } else {
    layers.push({ class_name: row.tfjs.className, config: { name: 'l', batch_input_shape: [null, ...sample], ...row.example } });
  }
  return { input: [...sample].map((d) => d ?? 2), json: { class_name: 'Sequential', config: { name: 'm', layers } } };
}

/** tfjs reads these arguments but never writes them back in getConfig() (checked in wrappers.js). */
const READ_BUT_NOT_SERIALIZED: Record<string, readonly string[]> = { Bidirectional: ['weights', 'numConstants'] };
const camel = (s: string): string => s.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe('catalogue part B: tfjs-native rows load and predict', () => {
  for (const row of NATIVE_LAYERS) {
    it(`${row.name} (${row.tfjs.className})`, async () => {
      const { json, input } = modelJson(row, { leadingReshape: MUTATES_INPUT_SHAPE.has(row.name) });
      const model = await fromJSON(json);
      const x = tf.zeros([1, ...input]);
      const out = model.predict(x) as tf.Tensor;
      expect(out.shape[0]).toBe(1);
      expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);

      // Every argument the row says tfjs reads shows up in the tfjs config (guards misspelled names).
      const layer = model.layers[model.layers.length - 1]!;
      let config = layer.getConfig() as Record<string, unknown>;
      if (isCell(row)) config = (config.cell as { config: Record<string, unknown> }).config;
      const exempt = READ_BUT_NOT_SERIALIZED[row.name] ?? [];
      for (const a of row.args) {
        if (a.tfjs === null) continue;
        const k = a.tfjs ?? camel(a.name);
        if (!exempt.includes(k)) expect(config, `${row.name}.${a.name} → ${k} not in tfjs getConfig()`).toHaveProperty(k);
      }
      tf.dispose([x, out]);
      model.dispose();
    });
  }

  for (const row of MODEL_CLASSES.filter(isNative)) {
    it(`model class ${row.name} loads as a top-level class_name`, async () => {
      const dense = (extra: object) => ({ class_name: 'Dense', config: { name: 'd', units: 2, ...extra } });
      const json = row.name === 'Sequential'
        ? { class_name: 'Sequential', config: { name: 'm', layers: [dense({ batch_input_shape: [null, 3] })] } }
        : {
            class_name: row.tfjs.className,
            config: {
              name: 'm',
              layers: [
                { class_name: 'InputLayer', name: 'in', inbound_nodes: [], config: { name: 'in', batch_input_shape: [null, 3], dtype: 'float32' } },
                { ...dense({}), name: 'd', inbound_nodes: [[['in', 0, 0, {}]]] },
              ],
              input_layers: [['in', 0, 0]],
              output_layers: [['d', 0, 0]],
            },
          };
      const model = await fromJSON(json);
      expect((model.predict(tf.zeros([1, 3])) as tf.Tensor).shape).toEqual([1, 2]);
    });
  }
});

describe('catalogue part B: rows marked missing really fail in tfjs', () => {
  for (const row of MISSING.filter((r) => !REGISTERED_BUT_BROKEN.has(r.name))) {
    it(`${row.name} cannot be loaded by modelFromJSON`, async () => {
      const { json } = modelJson({ ...row, tfjs: { className: row.name } });
      await expect(fromJSON(json)).rejects.toThrow(new RegExp(`Unknown layer: ${row.name}`));
    });
  }
});

describe('catalogue part B: tfjs behaviours the rows record', () => {
  const seq = (className: string, config: Record<string, unknown>, input: number[]) =>
    fromJSON({ class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: className, config: { name: 'l', batch_input_shape: [null, ...input], ...config } }] } });
  const cfgOf = async (className: string, config: Record<string, unknown>, input: number[]) =>
    (await seq(className, config, input)).layers[0]!.getConfig() as Record<string, unknown>;

  it('LSTM/GRU defaults: glorotNormal kernel, hardSigmoid gates, no unit_forget_bias (tfjsDefault)', async () => {
    for (const className of ['LSTM', 'GRU']) {
      const c = await cfgOf(className, { units: 2, recurrent_initializer: ZEROS_INIT }, [3, 2]);
      expect(c.recurrentActivation, className).toBe('hardSigmoid');
      // tfjs serializes its GlorotNormal as VarianceScaling(scale 1, fanAvg, normal); Keras's default is uniform.
      expect((c.kernelInitializer as { config: object }).config, className).toMatchObject({ scale: 1, mode: 'fanAvg', distribution: 'normal' });
    }
    const lstm = await cfgOf('LSTM', { units: 2, recurrent_initializer: ZEROS_INIT }, [3, 2]);
    expect(lstm.unitForgetBias ?? false).toBe(false);
    const row = RECURRENT_LAYERS.find((r) => r.name === 'LSTM')!;
    expect(argOf(row, 'recurrent_activation')).toMatchObject({ default: 'sigmoid', tfjsDefault: 'hard_sigmoid' });
    expect(argOf(row, 'unit_forget_bias')).toMatchObject({ default: true, tfjsDefault: false });
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
    for (const row of PREPROCESSING_LAYERS.filter((r): r is Native => MUTATES_INPUT_SHAPE.has(r.name) && isNative(r))) {
      const { json, input } = modelJson(row);
      const m = await fromJSON(json);
      expect(() => m.predict(tf.zeros([1, ...input])), row.name).toThrow(/Error when checking/);
    }
  });

  it('CenterCrop crops one column off-centre when the width difference is 1', async () => {
    const m = await fromJSON({
      class_name: 'Sequential',
      config: {
        name: 'm',
        layers: [
          { class_name: 'Reshape', config: { name: 'r', target_shape: [5, 5, 1], batch_input_shape: [null, 5, 5, 1] } },
          { class_name: 'CenterCrop', config: { name: 'c', height: 4, width: 4 } },
        ],
      },
    });
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
