/**
 * The layer catalogue (every table in src/ir/catalogue/): table sanity checks, and for every
 * tfjs-native row a tiny model built with `tf.models.modelFromJSON` from Keras-2-style JSON that must
 * load and predict on zeros; every row marked missing must really fail to load. The specific tfjs
 * behaviours the rows record are pinned in tfjs-quirks.test.ts.
 */
import { describe, it, expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { checkType } from '../src/check/arg-type.js';
import { BASE_ARGS, LAYER_SPECS, argsOf, snakeToCamel, type ArgSpec } from '../src/ir/catalogue/index.js';
import { MUTATES_INPUT_SHAPE, fromJSON, functionalJson, isCell, modelJson, nativeRows, oneLayerJson, rowNamed } from './tfjs-models.js';

const ROWS = LAYER_SPECS;
const NATIVE = nativeRows();
const NATIVE_LAYERS = NATIVE.filter((r) => r.category !== 'model');
const MISSING = ROWS.filter((r) => 'missing' in r.tfjs);

/** Registered in tfjs 4.22 but unusable inside a model; the rows say `missing` and explain why. */
const REGISTERED_BUT_BROKEN = new Set(['Resizing', 'RandomWidth']);
/** Registered in tfjs 4.22, but as the Identity *initializer*, not as a layer. */
const REGISTERED_AS_INITIALIZER = new Set(['Identity']);

/**
 * Optional arguments Keras gives no default: kwargs Layer pops only when present (input_dim,
 * implementation) and keys Lambda's get_config writes about how its functions were serialized.
 */
const NO_KERAS_DEFAULT: Record<string, readonly string[]> = {
  BASE_ARGS: ['input_dim', 'implementation'],
  Lambda: ['function_type', 'module', 'output_shape_type', 'output_shape_module', 'mask_type', 'mask_module'],
};

/**
 * tfjs reads these arguments but leaves them out of `getConfig()` (checked by hand in the tfjs source):
 * InputLayer folds inputShape/batchSize into batchInputShape, Conv1D deletes dataFormat, SeparableConv
 * forgets depthMultiplier, AlphaDropout never serializes noiseShape, Flatten writes dataFormat only when
 * set, Bidirectional never writes weights/numConstants back (wrappers.js). kspec's KspecActivation writes
 * only the parameters of its function (the example's squareplus takes `b`).
 */
const READ_BUT_NOT_SERIALIZED: Record<string, readonly string[]> = {
  InputLayer: ['inputShape', 'batchSize'],
  Conv1D: ['dataFormat'],
  SeparableConv2D: ['depthMultiplier'],
  AlphaDropout: ['noiseShape'],
  Flatten: ['dataFormat'],
  Bidirectional: ['weights', 'numConstants'],
  KspecActivation: ['negativeSlope', 'maxValue', 'threshold', 'axis'],
};

function checkArgList(where: string, args: readonly ArgSpec[], rowKeras2Only = false): void {
  const names = args.map((a) => a.name);
  expect(new Set(names).size, `${where}: duplicate argument names in ${names.join(', ')}`).toBe(names.length);
  for (const a of args) {
    const at = `${where}.${a.name}`;
    expect(a.name, `${at}: not snake_case`).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
    expect(a.doc.trim().length, `${at}: empty doc`).toBeGreaterThan(0);
    if (a.required) expect(a.default, `${at}: required arguments have no default`).toBeUndefined();
    else if (!NO_KERAS_DEFAULT[where]?.includes(a.name)) expect(a.default, `${at}: optional arguments need a default`).not.toBeUndefined();
    if (a.default !== undefined) expect(checkType(a.type, a.default), `${at}: default ${JSON.stringify(a.default)} does not fit its type`).toBeUndefined();
    if (a.tfjsDefault !== undefined) expect(checkType(a.type, a.tfjsDefault), `${at}: tfjsDefault does not fit its type`).toBeUndefined();
    if (typeof a.tfjs === 'string') expect(a.tfjs, `${at}: tfjs name not camelCase`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(a.keras2Only && a.keras3Only, `${at}: both keras2Only and keras3Only`).toBeFalsy();
    if (rowKeras2Only) expect(a.keras3Only, `${at}: Keras-3-only arg on a Keras-2-only row`).toBeFalsy();
  }
}

describe('catalogue: tables', () => {
  it('base args are unique, snake_case and typed', () => {
    checkArgList('BASE_ARGS', BASE_ARGS);
  });

  it('row names and aliases are unique across the whole catalogue', () => {
    const names = ROWS.flatMap((r) => [r.name, ...(r.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const row of ROWS) {
    it(`${row.name}: args, positional count and example are consistent`, () => {
      checkArgList(row.name, row.args, row.keras2Only);
      expect(row.doc.trim().length).toBeGreaterThan(0);
      expect(row.positional).toBeGreaterThanOrEqual(0);
      expect(row.positional).toBeLessThanOrEqual(row.args.length);
      if (!row.keras3Only) {
        // Keras 2.15 signature order first: positional args exist in Keras 2, Keras-3-only args come last.
        for (const a of row.args.slice(0, row.positional)) expect(a.keras3Only, `${row.name}.${a.name} is positional`).toBeFalsy();
        const firstK3 = row.args.findIndex((a) => a.keras3Only);
        if (firstK3 >= 0) expect(row.args.slice(firstK3).every((a) => a.keras3Only), `${row.name}: Keras-3-only args must be last`).toBe(true);
      }
      // Every required arg appears in the example, and every example value fits its type.
      expect(row.example, `${row.name}: example`).toBeDefined();
      expect(row.exampleInput, `${row.name}: exampleInput`).toBeDefined();
      for (const a of row.args) if (a.required) expect(row.example, `${row.name}: example lacks required ${a.name}`).toHaveProperty(a.name);
      for (const [k, v] of Object.entries(row.example ?? {})) {
        const a = argsOf(row).get(k);
        expect(a, `${row.name}: example key ${k} is not an argument`).toBeDefined();
        expect(checkType(a!.type, v), `${row.name}: example ${k}=${JSON.stringify(v)} does not fit its type`).toBeUndefined();
      }
      if ('missing' in row.tfjs) expect(row.tfjs.missing.trim().length).toBeGreaterThan(0);
    });
  }

  it('GRU and GRUCell examples write reset_after=false (the only value tfjs accepts)', () => {
    for (const name of ['GRU', 'GRUCell']) {
      const row = rowNamed(name);
      expect(row.example).toHaveProperty('reset_after', false);
      expect(argsOf(row).get('reset_after')).toMatchObject({ default: true, tfjsDefault: false });
    }
  });
});

describe('catalogue: tfjs 4.22 registry', () => {
  const registered = new Set(Object.keys(tf.serialization.SerializationMap.getMap().classNameMap));

  it('every tfjs className is registered', () => {
    for (const row of NATIVE) expect(registered.has(row.tfjs.className), row.tfjs.className).toBe(true);
  });

  it('rows marked missing are not registered, except the registered-but-broken ones (and Identity, as the initializer)', () => {
    for (const row of MISSING) {
      expect(registered.has(row.name), row.name).toBe(REGISTERED_BUT_BROKEN.has(row.name) || REGISTERED_AS_INITIALIZER.has(row.name));
    }
  });

  it('Keras aliases are never registered in tfjs', () => {
    for (const row of ROWS) for (const a of row.aliases ?? []) expect(registered.has(a), a).toBe(false);
  });
});

describe('catalogue: tfjs-native rows load and predict', () => {
  for (const row of NATIVE_LAYERS) {
    it(`${row.name} (${row.tfjs.className})`, async () => {
      const { json, inputs, input } = modelJson(row, { leadingReshape: MUTATES_INPUT_SHAPE.has(row.name) });
      const model = await fromJSON(json);
      const feed = Array.from({ length: inputs }, () => tf.zeros([1, ...input]));
      const out = model.predict(inputs === 1 ? feed[0]! : feed) as tf.Tensor;
      expect(out.shape[0]).toBe(1);
      expect(Array.from(out.dataSync()).every(Number.isFinite)).toBe(true);

      // Every argument the row says tfjs reads shows up in the layer's tfjs config (guards misspelled names).
      const layer = model.layers[model.layers.length - 1]!;
      let config = layer.getConfig() as Record<string, unknown>;
      if (isCell(row)) config = (config.cell as { config: Record<string, unknown> }).config;
      const keys = new Set(Object.keys(config));
      const exempt = READ_BUT_NOT_SERIALIZED[row.name] ?? [];
      for (const a of row.args) {
        if (a.tfjs === null) continue;
        const k = a.tfjs ?? snakeToCamel(a.name);
        if (!exempt.includes(k)) expect(keys.has(k), `${row.name}.${a.name} → ${k} not in tfjs getConfig()`).toBe(true);
      }
      tf.dispose([...feed, out]);
      model.dispose();
    });
  }

  for (const row of NATIVE.filter((r) => r.category === 'model')) {
    it(`model class ${row.name} loads as a top-level class_name`, async () => {
      const dense = { name: 'd', units: 2 };
      const json = row.name === 'Sequential'
        ? oneLayerJson('Dense', dense, [3])
        : functionalJson(row.tfjs.className, ['in'], [3], { class_name: 'Dense', name: 'd', config: dense });
      const model = await fromJSON(json);
      const out = model.predict(tf.zeros([1, 3])) as tf.Tensor;
      expect(out.shape).toEqual([1, 2]);
      tf.dispose(out);
      model.dispose();
    });
  }
});

describe('catalogue: rows marked missing really fail in tfjs', () => {
  for (const row of MISSING.filter((r) => !REGISTERED_BUT_BROKEN.has(r.name))) {
    it(`${row.name} cannot be loaded by modelFromJSON`, async () => {
      const { json } = modelJson({ ...row, tfjs: { className: row.name } });
      await expect(fromJSON(json)).rejects.toThrow(
        // Identity resolves to tfjs's Identity *initializer*: as a first layer that dies with a TypeError.
        REGISTERED_AS_INITIALIZER.has(row.name) ? /reading 'length'/ : new RegExp(`Unknown layer: ${row.name}`),
      );
    });
  }
});
