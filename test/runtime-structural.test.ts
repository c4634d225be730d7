/**
 * The weightless Keras layers tfjs lacks (src/runtime/structural.ts): Subtract, ZeroPadding1D,
 * Cropping1D, UpSampling1D, GlobalAverage/GlobalMaxPooling3D, SpatialDropout2D/3D. Each is compiled
 * with kspec, built in tfjs and compared with the Keras formula written out below as plain loops over
 * nested arrays (independent of src/runtime); kspec's shape inference must agree with the built model,
 * and the model.json must survive tfjs's toJSON → modelFromJSON. Also: the Flatten-of-a-flat-input
 * pass, and the layers that are the identity at inference compiled as a linear Activation.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { lookupLayer } from '../src/ir/catalogue/index.js';
import { inferShapes, totalParams } from '../src/infer/index.js';
import { register } from '../src/infer/layers/row.js';
import { RUNTIME_STRUCTURAL_ROWS } from '../src/infer/layers/runtime-structural.js';
import { lintText } from '../src/lint/lint.js';
import { KspecSpatialDropout2D, KspecSpatialDropout3D, registerStructural, STRUCTURAL_LAYERS } from '../src/runtime/structural.js';
import { k2, k2f, input, node } from './rules.cases.js';

tf.setBackend('cpu');

// Until src/runtime/index.ts and src/infer/layers/index.ts include them (both calls are idempotent).
registerStructural();
register(RUNTIME_STRUCTURAL_ROWS);

// ---- plain nested-array tensors ----

type Nd = number | Nd[];

/** A tensor of `shape` as nested arrays, filled with distinct values in [-3, 3) (LCG, seeded). */
function sample(shape: readonly number[], seed = 1): Nd {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.round(((s / 2147483648) * 6 - 3) * 1000) / 1000;
  };
  const build = (dims: readonly number[]): Nd => (dims.length === 0 ? next() : Array.from({ length: dims[0]! }, () => build(dims.slice(1))));
  return build(shape);
}

const shapeOf = (x: Nd): number[] => (Array.isArray(x) ? [x.length, ...shapeOf(x[0]!)] : []);
const flat = (x: Nd): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);
const t = (x: Nd) => tf.tensor(flat(x), shapeOf(x));
type A3 = number[][][];
type A5 = number[][][][][];

/** Largest |a − b| after checking the shapes are equal. */
function maxDiff(got: Nd, want: Nd): number {
  expect(shapeOf(got)).toEqual(shapeOf(want));
  const g = flat(got);
  const w = flat(want);
  return Math.max(0, ...g.map((v, i) => Math.abs(v - w[i]!)));
}

// ---- Keras formulas (loops) ----

/** Keras Merge: a lower-rank input is expanded at axis 1, then numpy broadcasting. */
function kerasSubtract(a: Nd, b: Nd): Nd {
  const rank = (x: Nd) => shapeOf(x).length;
  const expand = (x: Nd, n: number): Nd => (n === 0 ? x : expand((x as Nd[]).map((row) => [row]), n - 1));
  const A = expand(a, Math.max(0, rank(b) - rank(a)));
  const B = expand(b, Math.max(0, rank(a) - rank(b)));
  const sub = (x: Nd, y: Nd): Nd => {
    if (!Array.isArray(x) || !Array.isArray(y)) return (x as number) - (y as number);
    const n = Math.max(x.length, y.length);
    return Array.from({ length: n }, (_, i) => sub(x.length === 1 ? x[0]! : x[i]!, y.length === 1 ? y[0]! : y[i]!));
  };
  return sub(A, B);
}

function kerasZeroPadding1D(x: A3, left: number, right: number, channelsFirst = false): A3 {
  if (channelsFirst) return x.map((chans) => chans.map((row) => [...Array<number>(left).fill(0), ...row, ...Array<number>(right).fill(0)]));
  return x.map((steps) => {
    const f = steps[0]!.length;
    const zeros = (n: number) => Array.from({ length: n }, () => Array<number>(f).fill(0));
    return [...zeros(left), ...steps, ...zeros(right)];
  });
}

function kerasCropping1D(x: A3, start: number, end: number): A3 {
  return x.map((steps) => {
    const out: number[][] = [];
    for (let i = start; i < steps.length - end; i++) out.push([...steps[i]!]);
    return out;
  });
}

function kerasUpSampling1D(x: A3, size: number): A3 {
  return x.map((steps) => {
    const out: number[][] = [];
    for (const step of steps) for (let k = 0; k < size; k++) out.push([...step]);
    return out;
  });
}

function kerasGlobalPooling3D(x: A5, kind: 'avg' | 'max', channelsFirst: boolean, keepdims: boolean): Nd {
  return x.map((sample) => {
    const [d, h, w, c] = channelsFirst
      ? [sample[0]!.length, sample[0]![0]!.length, sample[0]![0]![0]!.length, sample.length]
      : [sample.length, sample[0]!.length, sample[0]![0]!.length, sample[0]![0]![0]!.length];
    const pooled: number[] = [];
    for (let ch = 0; ch < c; ch++) {
      let acc = kind === 'max' ? -Infinity : 0;
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < h; j++) {
          for (let k = 0; k < w; k++) {
            const v = channelsFirst ? sample[ch]![i]![j]![k]! : sample[i]![j]![k]![ch]!;
            acc = kind === 'max' ? Math.max(acc, v) : acc + v;
          }
        }
      }
      pooled.push(kind === 'max' ? acc : acc / (d * h * w));
    }
    if (!keepdims) return pooled;
    return channelsFirst ? pooled.map((v) => [[[v]]]) : [[[pooled]]];
  });
}

// ---- helpers ----

const layersOf = (r: ReturnType<typeof compile>) => (r.modelJSON!.modelTopology.config as { layers: { class_name: string; config: Record<string, unknown> }[] }).layers;
const codes = (r: { diagnostics: readonly { code: string; severity: string }[] }) => r.diagnostics.filter((d) => d.code !== 'KS1011').map((d) => `${d.severity} ${d.code}`);

async function predict(model: tf.LayersModel, xs: Nd[]): Promise<Nd> {
  const feed = xs.map(t);
  const out = model.predict(feed.length === 1 ? feed[0]! : feed) as tf.Tensor;
  const got = (await out.array()) as Nd;
  tf.dispose([...feed, out]);
  return got;
}

interface Case {
  readonly title: string;
  /** A kspec spec. */
  readonly spec: string;
  /** The runtime class the model.json must name. */
  readonly cls: string;
  /** The emitted layer config must contain these (Keras names and values). */
  readonly config?: Record<string, unknown>;
  /** Diagnostics besides KS1011 (none unless given). */
  readonly notes?: readonly string[];
  readonly inputs: readonly (readonly number[])[];
  readonly want: (xs: Nd[]) => Nd;
}

const seq = (shape: readonly number[], layer: string) => `input_shape: [${shape.join(', ')}]\nlayers:\n  - ${layer}\n`;

const CASES: readonly Case[] = [
  {
    title: 'Subtract, same shapes',
    spec: 'inputs:\n  a: [4]\n  b: [4]\nlayers:\n  - d = Subtract()([a, b])\noutputs: d\n',
    cls: 'KspecSubtract',
    inputs: [[2, 4], [2, 4]],
    want: ([a, b]) => kerasSubtract(a!, b!),
  },
  {
    title: 'Subtract, rank 3',
    spec: 'inputs:\n  a: [3, 2]\n  b: [3, 2]\nlayers:\n  - d = Subtract()([a, b])\noutputs: d\n',
    cls: 'KspecSubtract',
    inputs: [[2, 3, 2], [2, 3, 2]],
    want: ([a, b]) => kerasSubtract(a!, b!),
  },
  {
    title: 'Subtract, a rank-2 input against a rank-3 one (expanded at axis 1, as Keras)',
    spec: 'inputs:\n  a: [3]\n  b: [4, 3]\nlayers:\n  - d = Subtract()([a, b])\noutputs: d\n',
    cls: 'KspecSubtract',
    inputs: [[2, 3], [2, 4, 3]],
    want: ([a, b]) => kerasSubtract(a!, b!),
  },
  {
    title: 'Subtract, broadcasting a size-1 axis',
    spec: 'inputs:\n  a: [4, 1]\n  b: [4, 3]\nlayers:\n  - d = Subtract()([a, b])\noutputs: d\n',
    cls: 'KspecSubtract',
    inputs: [[2, 4, 1], [2, 4, 3]],
    want: ([a, b]) => kerasSubtract(a!, b!),
  },
  { title: 'ZeroPadding1D default (1)', spec: seq([5, 3], 'ZeroPadding1D()'), cls: 'KspecZeroPadding1D', inputs: [[2, 5, 3]], want: ([x]) => kerasZeroPadding1D(x as A3, 1, 1) },
  { title: 'ZeroPadding1D int', spec: seq([5, 3], 'ZeroPadding1D(3)'), cls: 'KspecZeroPadding1D', config: { padding: 3 }, inputs: [[2, 5, 3]], want: ([x]) => kerasZeroPadding1D(x as A3, 3, 3) },
  { title: 'ZeroPadding1D pair', spec: seq([5, 3], 'ZeroPadding1D((2, 0))'), cls: 'KspecZeroPadding1D', config: { padding: [2, 0] }, inputs: [[2, 5, 3]], want: ([x]) => kerasZeroPadding1D(x as A3, 2, 0) },
  {
    title: 'ZeroPadding1D channels_first (Keras 3)',
    spec: seq([3, 5], "ZeroPadding1D(padding=(1, 2), data_format='channels_first')"),
    cls: 'KspecZeroPadding1D',
    config: { padding: [1, 2], data_format: 'channels_first' },
    inputs: [[2, 3, 5]],
    want: ([x]) => kerasZeroPadding1D(x as A3, 1, 2, true),
  },
  { title: 'Cropping1D default ((1, 1))', spec: seq([6, 2], 'Cropping1D()'), cls: 'KspecCropping1D', inputs: [[2, 6, 2]], want: ([x]) => kerasCropping1D(x as A3, 1, 1) },
  { title: 'Cropping1D int', spec: seq([6, 2], 'Cropping1D(2)'), cls: 'KspecCropping1D', config: { cropping: 2 }, inputs: [[2, 6, 2]], want: ([x]) => kerasCropping1D(x as A3, 2, 2) },
  { title: 'Cropping1D pair (0, 3)', spec: seq([6, 2], 'Cropping1D((0, 3))'), cls: 'KspecCropping1D', config: { cropping: [0, 3] }, inputs: [[2, 6, 2]], want: ([x]) => kerasCropping1D(x as A3, 0, 3) },
  { title: 'Cropping1D pair (4, 1)', spec: seq([6, 2], 'Cropping1D(cropping=[4, 1])'), cls: 'KspecCropping1D', inputs: [[2, 6, 2]], want: ([x]) => kerasCropping1D(x as A3, 4, 1) },
  { title: 'UpSampling1D default (2)', spec: seq([4, 3], 'UpSampling1D()'), cls: 'KspecUpSampling1D', inputs: [[2, 4, 3]], want: ([x]) => kerasUpSampling1D(x as A3, 2) },
  { title: 'UpSampling1D size 3', spec: seq([4, 3], 'UpSampling1D(3)'), cls: 'KspecUpSampling1D', config: { size: 3 }, inputs: [[2, 4, 3]], want: ([x]) => kerasUpSampling1D(x as A3, 3) },
  { title: 'UpSampling1D size 1', spec: seq([4, 3], 'UpSampling1D(size=1)'), cls: 'KspecUpSampling1D', inputs: [[2, 4, 3]], want: ([x]) => kerasUpSampling1D(x as A3, 1) },
  ...(['Average', 'Max'] as const).flatMap((kind): Case[] => {
    const k = kind === 'Max' ? 'max' : 'avg';
    const cls = `KspecGlobal${kind}Pooling3D`;
    return [
      { title: `Global${kind}Pooling3D`, spec: seq([2, 3, 4, 5], `Global${kind}Pooling3D()`), cls, inputs: [[2, 2, 3, 4, 5]], want: ([x]) => kerasGlobalPooling3D(x as A5, k, false, false) },
      { title: `Global${kind}Pooling3D keepdims`, spec: seq([2, 3, 4, 5], `Global${kind}Pooling3D(keepdims=True)`), cls, config: { keepdims: true }, inputs: [[2, 2, 3, 4, 5]], want: ([x]) => kerasGlobalPooling3D(x as A5, k, false, true) },
      {
        title: `Global${kind}Pooling3D channels_first`,
        spec: seq([5, 2, 3, 4], `Global${kind}Pooling3D(data_format='channels_first')`),
        cls,
        config: { data_format: 'channels_first' },
        inputs: [[2, 5, 2, 3, 4]],
        want: ([x]) => kerasGlobalPooling3D(x as A5, k, true, false),
      },
      {
        title: `Global${kind}Pooling3D channels_first keepdims (alias Global${kind === 'Max' ? 'Max' : 'Avg'}Pool3D)`,
        spec: seq([5, 2, 3, 4], `Global${kind === 'Max' ? 'Max' : 'Avg'}Pool3D('channels_first', True)`),
        cls,
        notes: ['info KS2011'],
        inputs: [[2, 5, 2, 3, 4]],
        want: ([x]) => kerasGlobalPooling3D(x as A5, k, true, true),
      },
    ];
  }),
  { title: 'SpatialDropout2D (identity at inference)', spec: seq([3, 4, 2], 'SpatialDropout2D(0.5)'), cls: 'KspecSpatialDropout2D', config: { rate: 0.5 }, inputs: [[2, 3, 4, 2]], want: ([x]) => x! },
  {
    title: 'SpatialDropout2D channels_first, seeded',
    spec: seq([2, 3, 4], "SpatialDropout2D(0.3, data_format='channels_first', seed=7)"),
    cls: 'KspecSpatialDropout2D',
    config: { rate: 0.3, data_format: 'channels_first', seed: 7 },
    inputs: [[2, 2, 3, 4]],
    want: ([x]) => x!,
  },
  { title: 'SpatialDropout3D (identity at inference)', spec: seq([2, 3, 2, 2], 'SpatialDropout3D(0.2)'), cls: 'KspecSpatialDropout3D', inputs: [[2, 2, 3, 2, 2]], want: ([x]) => x! },
];

describe('each layer computes the Keras formula', () => {
  it.each(CASES.map((c) => [c.title, c] as const))('%s', async (_, c) => {
    const r = compile(c.spec, { fileName: 'm.yaml' });
    expect(codes(r), 'diagnostics').toEqual(c.notes ?? []);
    const layer = layersOf(r).find((l) => l.class_name !== 'InputLayer')!;
    expect(layer.class_name).toBe(c.cls);
    if (c.config) expect(layer.config).toMatchObject(c.config);

    const model = await buildModel(c.spec, { fileName: 'm.yaml' });
    const xs = c.inputs.map((s, i) => sample(s, i + 1));
    const got = await predict(model, xs);
    expect(maxDiff(got, c.want(xs))).toBeLessThanOrEqual(1e-5);

    // Weightless, and kspec's shape inference agrees with the built model.
    expect(model.countParams()).toBe(0);
    const shapes = inferShapes(r.graph!);
    expect(totalParams(shapes)).toEqual({ trainable: 0, nonTrainable: 0 });
    const last = r.graph!.outputs[0]?.layer ?? r.graph!.layers[r.graph!.layers.length - 1]!.name;
    expect(shapes.layers.get(last)?.outputs[0]).toEqual(model.outputs.map((o) => o.shape));

    // model.json round trip through tfjs: same config, same outputs.
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    const again = await tf.models.modelFromJSON({ modelTopology: json as never });
    const againJson = again.toJSON(null, false) as typeof json;
    expect(againJson.config.layers.map((l) => [l.class_name, l.config])).toEqual(json.config.layers.map((l) => [l.class_name, l.config]));
    expect(await predict(again, xs)).toEqual(got);
    model.dispose();
    again.dispose();
  });
});

describe('configs as tfjs writes them', () => {
  it('getConfig writes every argument in Keras spelling after toJSON', async () => {
    const spec = 'input_shape: [6, 2]\nlayers:\n  - ZeroPadding1D((1, 2))\n  - Cropping1D(1)\n  - UpSampling1D(3)\n';
    const model = await buildModel(spec, { fileName: 'm.yaml' });
    const json = model.toJSON(null, false) as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
    expect(json.config.layers.map((l) => [l.class_name, { ...l.config, name: undefined, trainable: undefined, dtype: undefined, batch_input_shape: undefined }])).toEqual([
      ['KspecZeroPadding1D', { padding: [1, 2], data_format: 'channels_last' }],
      ['KspecCropping1D', { cropping: [1, 1] }],
      ['KspecUpSampling1D', { size: 3 }],
    ]);
    const pool = await buildModel(seq([2, 2, 2, 3], "GlobalMaxPooling3D(data_format='channels_first', keepdims=True)"), { fileName: 'm.yaml' });
    expect((pool.toJSON(null, false) as typeof json).config.layers[0]!.config).toMatchObject({ data_format: 'channels_first', keepdims: true });
    const drop = await buildModel(seq([2, 2, 3], 'SpatialDropout2D(0.25, seed=3)'), { fileName: 'm.yaml' });
    expect((drop.toJSON(null, false) as typeof json).config.layers[0]!.config).toMatchObject({ rate: 0.25, data_format: 'channels_last', seed: 3 });
  });

  it('every class registers under its static className, which the catalogue row names', () => {
    const registered = new Set(Object.keys(tf.serialization.SerializationMap.getMap().classNameMap));
    for (const cls of STRUCTURAL_LAYERS) {
      expect(registered.has(cls.className), cls.className).toBe(true);
      const spec = lookupLayer(cls.className)?.spec;
      expect(spec && 'className' in spec.tfjs && spec.tfjs).toEqual({ className: cls.className, runtime: true });
    }
  });

  it('constructors refuse what Keras refuses', () => {
    const one = (className: string, config: Record<string, unknown>, shape: number[]) =>
      tf.models.modelFromJSON({ modelTopology: { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: className, config: { name: 'l', batch_input_shape: [null, ...shape], ...config } }] } } as never });
    return Promise.all([
      expect(one('KspecZeroPadding1D', { padding: [1, 2, 3] }, [4, 2])).rejects.toThrow(/padding must be/),
      expect(one('KspecCropping1D', { cropping: -1 }, [4, 2])).rejects.toThrow(/cropping must be/),
      expect(one('KspecCropping1D', { cropping: [2, 2] }, [4, 2])).rejects.toThrow(/leaves nothing/),
      expect(one('KspecUpSampling1D', { size: 0 }, [4, 2])).rejects.toThrow(/size must be/),
      expect(one('KspecUpSampling1D', { size: 2 }, [4])).rejects.toThrow(/ndim=3/),
      expect(one('KspecGlobalAveragePooling3D', { data_format: 'nchw' }, [2, 2, 2, 2])).rejects.toThrow(/data_format/),
      expect(one('KspecSpatialDropout2D', { rate: 1.5 }, [2, 2, 2])).rejects.toThrow(/rate must be/),
    ]);
  });
});

describe('SpatialDropout in training drops whole feature maps', () => {
  /** Every (sample, channel) map is either all zero or all x / (1 − rate). */
  function checkMaps(x: Nd, y: Nd, rate: number, channelsFirst: boolean): { kept: number; dropped: number } {
    const xs = flat(x);
    const ys = flat(y);
    const shape = shapeOf(x);
    const [batch, channels] = [shape[0]!, channelsFirst ? shape[1]! : shape[shape.length - 1]!];
    const per = xs.length / batch / channels;
    const maps = new Map<string, number[]>();
    xs.forEach((_, i) => {
      const b = Math.floor(i / (xs.length / batch));
      const c = channelsFirst ? Math.floor((i % (xs.length / batch)) / per) : i % channels;
      const key = `${b}:${c}`;
      maps.set(key, [...(maps.get(key) ?? []), i]);
    });
    let kept = 0;
    let dropped = 0;
    for (const idx of maps.values()) {
      if (idx.every((i) => ys[i] === 0)) dropped++;
      else {
        for (const i of idx) expect(Math.abs(ys[i]! - xs[i]! / (1 - rate))).toBeLessThan(1e-5);
        kept++;
      }
    }
    return { kept, dropped };
  }

  it.each([
    ['2D channels_last', () => new KspecSpatialDropout2D({ rate: 0.5 }), [8, 3, 3, 6], false],
    ['2D channels_first', () => new KspecSpatialDropout2D({ rate: 0.5, dataFormat: 'channels_first' }), [8, 6, 3, 3], true],
    ['3D channels_last', () => new KspecSpatialDropout3D({ rate: 0.5 }), [8, 2, 2, 2, 6], false],
    ['3D channels_first', () => new KspecSpatialDropout3D({ rate: 0.5, data_format: 'channels_first' }), [8, 6, 2, 2, 2], true],
  ] as const)('%s', async (_, make, shape, first) => {
    // Values away from 0, so a kept map is never mistaken for a dropped one.
    const x = sample(shape);
    const shifted = flat(x).map((v) => (v >= 0 ? v + 1 : v - 1));
    const input = tf.tensor(shifted, [...shape]);
    const layer = make();
    const inference = layer.apply(input, { training: false }) as tf.Tensor;
    expect(Array.from(inference.dataSync())).toEqual(Array.from(input.dataSync()));
    const y = (await (layer.apply(input, { training: true }) as tf.Tensor).array()) as Nd;
    const { kept, dropped } = checkMaps((await input.array()) as Nd, y, 0.5, first);
    expect(kept).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
  });
});

describe('masks', () => {
  it('padding, cropping, upsampling and 3D pooling drop a mask (as Keras); Subtract and SpatialDropout carry it', async () => {
    for (const layer of ['ZeroPadding1D(1)', 'Cropping1D(1)', 'UpSampling1D(2)']) {
      const text = `input_shape: [5]\nlayers:\n  - Embedding(6, 4, mask_zero=True)\n  - ${layer}\n  - GlobalAveragePooling1D()\n`;
      const model = await buildModel(text, { fileName: 'm.yaml' });
      const out = model.predict(tf.tensor2d([[1, 2, 0, 3, 0]])) as tf.Tensor;
      expect(out.shape).toEqual([1, 4]);
      model.dispose();
    }
    const sub = 'inputs:\n  a: [3]\n  b: [3]\nlayers:\n  - ea = Embedding(6, 4, mask_zero=True)(a)\n  - eb = Embedding(6, 4, mask_zero=True)(b)\n  - d = Subtract()([ea, eb])\n  - r = LSTM(2)(d)\noutputs: r\n';
    const model = await buildModel(sub, { fileName: 'm.yaml' });
    const out = model.predict([tf.tensor2d([[1, 2, 0]]), tf.tensor2d([[3, 0, 0]])]) as tf.Tensor;
    expect(out.shape).toEqual([1, 2]);
  });
});

describe('other dialects', () => {
  it('a Keras 2 functional Subtract loads and computes inputs[0] − inputs[1]', async () => {
    const text = k2f([input('a', [3]), input('b', [3]), node('Subtract', 'd', {}, ['a', 'b'])], ['a', 'b'], ['d']);
    const r = compile(text, { fileName: 'm.json' });
    expect(codes(r)).toEqual([]);
    const model = await buildModel(text, { fileName: 'm.json' });
    const [a, b] = [sample([2, 3], 1), sample([2, 3], 2)];
    expect(maxDiff(await predict(model, [a, b]), kerasSubtract(a, b))).toBeLessThanOrEqual(1e-6);
  });

  it('a Keras 2 SpatialDropout2D (which writes noise_shape, not data_format) loads and is the identity', async () => {
    const text = k2({ class_name: 'SpatialDropout2D', config: { name: 's', batch_input_shape: [null, 4, 4, 2], rate: 0.5, noise_shape: null, seed: null, trainable: true, dtype: 'float32' } });
    expect(codes(compile(text, { fileName: 'm.json' }))).toEqual([]);
    const model = await buildModel(text, { fileName: 'm.json' });
    const x = sample([2, 4, 4, 2]);
    expect(maxDiff(await predict(model, [x]), x)).toBeLessThanOrEqual(1e-6);
  });

  it('a Keras 3 config with ZeroPadding1D data_format and RandomFlip', () => {
    const layer = (class_name: string, config: object) => ({ module: 'keras.layers', class_name, config: { trainable: true, dtype: 'float32', ...config }, registered_name: null });
    const text = JSON.stringify({
      module: 'keras', class_name: 'Sequential', registered_name: null,
      config: { name: 's', trainable: true, layers: [
        layer('InputLayer', { batch_shape: [null, 3, 4], name: 'input_layer' }),
        layer('ZeroPadding1D', { name: 'zp', padding: [1, 1], data_format: 'channels_first' }),
        layer('RandomFlip', { name: 'flip', seed: null, mode: 'horizontal', data_format: 'channels_last' }),
      ] },
    });
    const r = compile(text, { fileName: 'm.json' });
    expect(codes(r)).toEqual(['info KS5009']);
    expect(layersOf(r).map((l) => [l.class_name, l.config.padding ?? l.config.activation, l.config.data_format])).toEqual([
      ['InputLayer', undefined, undefined],
      ['KspecZeroPadding1D', [1, 1], 'channels_first'],
      ['Activation', 'linear', undefined],
    ]);
  });

  it("kspec reads back the model.json it writes (runtime class names resolve to the Keras class, with no alias note)", () => {
    const spec = 'inputs:\n  a: [4, 3]\n  b: [4, 3]\nlayers:\n  - d = Subtract()([a, b])\n  - u = UpSampling1D(2)(d)\noutputs: u\n';
    const first = compile(spec, { fileName: 'm.yaml' });
    const again = compile(JSON.stringify(first.modelJSON), { fileName: 'model.json' });
    expect(codes(again)).toEqual([]);
    expect(layersOf(again).map((l) => l.class_name)).toEqual(layersOf(first).map((l) => l.class_name));
    expect(again.graph!.layers.map((l) => l.className)).toEqual(['InputLayer', 'InputLayer', 'Subtract', 'UpSampling1D']);
  });
});

describe('shape checks', () => {
  it.each([
    ['Subtract of three inputs', 'inputs:\n  a: [4]\n  b: [4]\n  c: [4]\nlayers:\n  - d = Subtract()([a, b, c])\noutputs: d\n', 'error KS6002', '"Subtract" takes exactly 2 inputs, got 3.'],
    ['Subtract of mismatched shapes', 'inputs:\n  a: [4]\n  b: [5]\nlayers:\n  - d = Subtract()([a, b])\noutputs: d\n', 'error KS6002', '"Subtract" needs inputs of the same shape (or shapes that broadcast), got [null, 4], [null, 5].'],
    ['UpSampling1D of rank 2', seq([4], 'UpSampling1D(2)'), 'error KS6001', '"UpSampling1D" needs an input of rank 3 (batch, steps, features), got rank 2 [null, 4].'],
    ['Cropping1D of everything', seq([4, 2], 'Cropping1D((2, 2))'), 'error KS6004', '"Cropping1D" cannot be applied to [null, 4, 2]: the output would be [null, 0, 2].'],
    ['GlobalAveragePooling3D of rank 4', seq([2, 2, 2], 'GlobalAveragePooling3D()'), 'error KS6001', '"GlobalAveragePooling3D" needs an input of rank 5 (batch, depth, rows, cols, channels), got rank 4 [null, 2, 2, 2].'],
    ['SpatialDropout3D of rank 4', seq([2, 2, 2], 'SpatialDropout3D(0.5)'), 'error KS6001', '"SpatialDropout3D" needs an input of rank 5 (batch, depth, rows, cols, channels), got rank 4 [null, 2, 2, 2].'],
  ])('%s', (_, spec, code, message) => {
    const r = compile(spec, { fileName: 'm.yaml' });
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => `${x.severity} ${x.code}` === code);
    expect(d?.message).toBe(message);
  });

  it('unknown lengths stay unknown, and the built model agrees', async () => {
    const spec = 'input_shape: [null, 3]\nlayers:\n  - ZeroPadding1D((1, 2))\n  - UpSampling1D(2)\n  - Cropping1D(1)\n';
    const r = compile(spec, { fileName: 'm.yaml' });
    const model = await buildModel(spec, { fileName: 'm.yaml' });
    expect(inferShapes(r.graph!).layers.get('cropping1d')?.outputs[0]).toEqual(model.outputs.map((o) => o.shape));
    expect(model.outputs[0]!.shape).toEqual([null, null, 3]);
    const got = await predict(model, [sample([1, 4, 3])]);
    expect(maxDiff(got, kerasCropping1D(kerasUpSampling1D(kerasZeroPadding1D(sample([1, 4, 3]) as A3, 1, 2), 2), 1, 1))).toBeLessThanOrEqual(1e-6);
  });
});

// ---- Flatten of a flat input ----

describe('Flatten of a rank-2 input compiles as a linear Activation', () => {
  const text = 'input_shape: [4]\nlayers:\n  - Dense(3)\n  - Flatten()\n  - Dense(2)\n';

  it('compiles, with a note, and computes what Keras computes (Flatten passes the input through)', async () => {
    const r = compile(text, { fileName: 'm.yaml' });
    expect(r.ok).toBe(true);
    expect(codes(r)).toEqual(['info KS6003']);
    expect(r.diagnostics.find((d) => d.code === 'KS6003')!.message).toBe(
      '"Flatten" gets an input that is already flat [null, 3]: Keras passes it through, tfjs refuses it (it needs rank 3 or more). kspec compiles it as a linear Activation (the identity).',
    );
    expect(layersOf(r).map((l) => [l.class_name, l.config.name, l.config.activation])).toEqual([
      ['Dense', 'dense', undefined],
      ['Activation', 'flatten', 'linear'],
      ['Dense', 'dense_1', undefined],
    ]);
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const x = sample([2, 4]);
    const h = model.layers[0]!.apply(t(x)) as tf.Tensor;
    const want = (await (model.layers[2]!.apply(h) as tf.Tensor).array()) as Nd;
    expect(maxDiff(await predict(model, [x]), want)).toBeLessThanOrEqual(1e-6);
  });

  it('keeps a Flatten of rank 3 or more, and handles nested models and functional graphs', () => {
    const deep = compile('input_shape: [2, 3]\nlayers:\n  - Flatten()\n  - Flatten()\n', { fileName: 'm.yaml' });
    expect(layersOf(deep).map((l) => l.class_name)).toEqual(['Flatten', 'Activation']);
    const fn = compile('inputs:\n  x: [4]\nlayers:\n  - f = Flatten()(x)\n  - d = Dense(2)(f)\noutputs: d\n', { fileName: 'm.yaml' });
    expect(layersOf(fn).map((l) => l.class_name)).toEqual(['InputLayer', 'Activation', 'Dense']);
    const inner = { class_name: 'Sequential', config: { name: 'inner', layers: [{ class_name: 'Dense', config: { name: 'di', units: 3, batch_input_shape: [null, 4] } }, { class_name: 'Flatten', config: { name: 'fi' } }] } };
    const nested = compile(k2f([input('x', [4]), { ...node('Sequential', 'inner', {}, ['x']), config: inner.config }], ['x'], ['inner']), { fileName: 'm.json' });
    expect(nested.ok).toBe(true);
    const innerJson = layersOf(nested)[1] as unknown as { config: { layers: { class_name: string }[] } };
    expect(innerJson.config.layers.map((l) => l.class_name)).toEqual(['Dense', 'Activation']);
  });

  it('severity: info in kspec specs and when compiling, a warning when linting Keras JSON', () => {
    const keras = k2({ class_name: 'Dense', config: { name: 'd', units: 3, batch_input_shape: [null, 4] } }, { class_name: 'Flatten', config: { name: 'f' } });
    expect(codes(lintText(text, { fileName: 'm.yaml' }))).toEqual(['info KS6003']);
    expect(codes(lintText(keras, { fileName: 'm.json' }))).toEqual(['warning KS6003']);
    expect(codes(compile(keras, { fileName: 'm.json' }))).toEqual(['info KS6003']);
  });

  it('stays an error where the pass cannot rewrite it (inside TimeDistributed; a shared Flatten that also gets a rank-3 input)', () => {
    const wrapped = compile('input_shape: [2, 4]\nlayers:\n  - TimeDistributed(Flatten())\n', { fileName: 'm.yaml' });
    expect(codes(wrapped)).toEqual(['error KS6003']);
    const shared = 'inputs:\n  a: [4]\n  b: [2, 2]\nlayers:\n  - f = Flatten()(a)\n  - call: f\n    inputs: b\n    name: g\n  - c = Concatenate()([f, g])\noutputs: c\n';
    const r = compile(shared, { fileName: 'm.yaml' });
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('error KS6003');
  });
});

// ---- layers that are the identity at inference ----

describe('training-only layers compile as a linear Activation, with a note', () => {
  const NOTE = (name: string) => `"${name}" acts only in training and returns its input unchanged at inference, so kspec compiles it as a linear Activation (the identity).`;
  it.each([
    ["RandomFlip('horizontal')", 'RandomFlip'],
    ['RandomFlip()', 'RandomFlip'],
    ['RandomRotation(0.1)', 'RandomRotation'],
    ["RandomRotation((-0.2, 0.3), fill_mode='constant')", 'RandomRotation'],
    ['RandomZoom(0.1)', 'RandomZoom'],
    ['RandomZoom(0.2, 0.3)', 'RandomZoom'],
    ['RandomTranslation(0.1, 0.2)', 'RandomTranslation'],
    ['RandomContrast(0.4)', 'RandomContrast'],
    ['RandomBrightness(0.2, value_range=(0, 1))', 'RandomBrightness'],
    ['RandomHeight(0.2)', 'RandomHeight'],
    ['RandomWidth((-0.1, 0.3))', 'RandomWidth'],
    ['ActivityRegularization(l1=0.01, l2=0.001)', 'ActivityRegularization'],
  ])('%s', async (layer, name) => {
    const text = `input_shape: [4, 4, 3]\nlayers:\n  - ${layer}\n  - Conv2D(2, 1, name='conv')\n`;
    const r = compile(text, { fileName: 'm.yaml' });
    expect(r.ok).toBe(true);
    const notes = r.diagnostics.filter((d) => d.code === 'KS5009');
    expect(notes.map((d) => [d.severity, d.message])).toEqual([['info', NOTE(name)]]);
    expect(r.diagnostics.some((d) => d.code === 'KS5001')).toBe(false);
    const [first] = layersOf(r);
    expect(first).toEqual({ class_name: 'Activation', config: { name: first!.config.name, batch_input_shape: [null, 4, 4, 3], activation: 'linear' } });
    const model = await buildModel(text, { fileName: 'm.yaml' });
    const x = sample([2, 4, 4, 3]);
    const out = model.layers[0]!.apply(t(x)) as tf.Tensor;
    // The identity, up to float32 rounding of the inputs.
    expect(maxDiff((await out.array()) as Nd, x)).toBeLessThanOrEqual(1e-6);
  });

  it('in lint, for Keras JSON too, it is a note; RandomCrop (not the identity at inference) stays an error', () => {
    const keras = k2({ class_name: 'RandomFlip', config: { name: 'f', batch_input_shape: [null, 4, 4, 3], mode: 'horizontal', seed: null } });
    expect(codes(lintText(keras, { fileName: 'm.json' }))).toEqual(['info KS5009']);
    const crop = compile('input_shape: [4, 4, 3]\nlayers:\n  - RandomCrop(2, 2)\n', { fileName: 'm.yaml' });
    expect(codes(crop)).toEqual(['error KS5001']);
  });
});

beforeAll(() => {
  // Pin the classes this file expects to exist in the catalogue as runtime rows.
  for (const name of ['Subtract', 'ZeroPadding1D', 'Cropping1D', 'UpSampling1D', 'GlobalAveragePooling3D', 'GlobalMaxPooling3D', 'SpatialDropout2D', 'SpatialDropout3D']) {
    const spec = lookupLayer(name)!.spec;
    expect('className' in spec.tfjs && spec.tfjs.runtime, name).toBe(true);
  }
});
