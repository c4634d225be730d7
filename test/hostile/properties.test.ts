/**
 * Properties over random input (fast-check, fixed seed: a failure prints the seed and path that
 * reproduce it): random bytes, random JSON and YAML, mutated fixtures, random layer calls. Every
 * run of `compile` and `lintText` (with fixes) ends in a result whose diagnostics are located in
 * the text; nothing throws, and Object.prototype is never touched.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { toKspecYaml } from '../../src/emit/kspec.js';
import { formatSummary, summarize } from '../../src/emit/summary.js';
import { frontEnd } from '../../src/front.js';
import { layerClassNames } from '../../src/ir/catalogue/index.js';
import { lintText } from '../../src/lint/lint.js';
import { loadSpec } from '../../src/source/load.js';
import { fixtureCases, ROOT } from '../helpers.js';
import { expectLocated, expectPrototypeIntact, SEED } from './helpers.js';

/** compile and lint --fix on one text: the property every generator below feeds. */
function survives(text: string, fileName: string): void {
  const r = compile(text, { fileName });
  expectLocated(r.diagnostics, text, r.ok);
  if (r.ok && r.graph) {
    formatSummary(summarize(r.graph));
    const fe = frontEnd(text, { fileName });
    if (fe.graph) compile(toKspecYaml(fe.graph, fileName, fe.semantics), { fileName: 'converted.yaml' });
  }
  const l = lintText(text, { fileName, fix: true });
  expectLocated(l.diagnostics, l.output ?? text, !l.diagnostics.some((d) => d.severity === 'error'));
  if (l.output !== undefined) {
    // A fixed file is read again as any file is: still no exception.
    const again = compile(l.output, { fileName });
    expectLocated(again.diagnostics, l.output, again.ok);
  }
  expectPrototypeIntact();
}

const FILE = fc.constantFrom('spec.yaml', 'spec.json', 'spec.yml', 'spec');
const params = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

/** Words that steer random documents into every dialect's code paths. */
const KEYS = ['layers', 'input_shape', 'inputs', 'outputs', 'name', 'class_name', 'config', 'inbound_nodes', 'input_layers', 'output_layers', 'batch_input_shape', 'batch_shape', 'units', 'activation', 'keras_version', 'format', 'modelTopology', 'model_config', 'module', 'registered_name', 'build_config', 'layer', 'call', 'args', 'kwargs', 'dtype', 'filters', 'kernel_size', 'rate', 'axis', 'target_shape', '__proto__', 'constructor', 'prototype', 'toString'];
const CLASSES = [...layerClassNames().filter((_, i) => i % 3 === 0), 'Sequential', 'Functional', 'Model', 'InputLayer', 'Lambda', 'TFOpLambda', 'Merge', 'Dense', 'LeakyReLU', 'DTypePolicy', '__proto__'];
const STRINGS = [...CLASSES, 'relu', 'LeakyRelu', 'leaky_relu', 'silu', 'gelu', 'softmax', 'hard_sigmoid', 'linear', 'same', 'valid', 'float32', 'mixed_float16', 'tfjs-layers 4.22.0', '2.15.0', '3.9.2', '1.2.2', 'layers-model', 'Dense(4)', "Dense(90, activation='LeakyRelu')", 'x', 'in', '', 'NaN', '-0', 'Infinity'];
const NUMBERS = [0, -0, 1, -1, 2, 3, 4, 0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31), Number.MIN_VALUE, 1e-300];

/** JSON-like values built from the words above: keys and leaves that mean something to kspec. */
const steered = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...STRINGS),
    fc.constantFrom(...NUMBERS),
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value')), { maxLength: 6 }).map((entries) => {
      const o: Record<string, unknown> = {};
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
      return o;
    }),
  ),
})).value;

const YAML_TOKENS = ['- ', ': ', '? ', '[', ']', '{', '}', ', ', '\n', '\n  ', '\n    ', '&a ', '*a', '&b ', '*b', '!!python/tuple ', '!!js/function ', '!x ', '|\n  ', '>\n  ', '"', "'", '#', '---\n', '...\n', '%YAML 1.2\n', '<<: ', '~', 'null', '1e400', '-.inf', '0x1F', 'Dense(4)', "Dense(2, activation='LeakyRelu')", 'x = Dense(1)(y)', 'layers', 'input_shape', 'inputs', 'outputs', 'class_name', 'config', 'Sequential', '__proto__', '\t', '\r\n', '\u0000', '\uFEFF', '\uD800'];

describe('random input never crashes kspec', () => {
  it('random bytes, read as a file (any extension) and compiled', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.constantFrom('x.json', 'x.yaml', 'x', 'x.keras'), (bytes, name) => {
        const loaded = loadSpec(bytes, name);
        if ('error' in loaded) return;
        survives(loaded.text, loaded.fileName);
      }),
      params(300),
    );
  });

  it('random Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), FILE, (text, file) => survives(text, file)), params(300));
  });

  it('random JSON documents, as JSON and as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), FILE, (v, file) => {
        survives(JSON.stringify(v), file);
      }),
      params(150),
    );
  });

  it('random documents made of kspec and Keras words, in every dialect', () => {
    const top = fc.oneof(
      steered,
      fc.record({ input_shape: steered, layers: fc.array(steered, { maxLength: 4 }) }),
      fc.record({ inputs: steered, layers: fc.array(steered, { maxLength: 4 }), outputs: steered }),
      fc.record({ class_name: fc.constantFrom('Sequential', 'Functional', 'Model'), config: fc.record({ name: fc.constant('m'), layers: fc.array(fc.record({ class_name: fc.constantFrom(...CLASSES), config: steered, inbound_nodes: steered, name: fc.constantFrom('a', 'b', 'in') }), { maxLength: 4 }), input_layers: steered, output_layers: steered }), keras_version: fc.constantFrom('2.15.0', '3.9.2', '1.2.2', 'tfjs-layers 4.22.0') }),
    );
    fc.assert(
      fc.property(top, fc.constantFrom('m.json', 'm.yaml'), (v, file) => {
        survives(file.endsWith('.json') ? JSON.stringify(v) : toYaml(v), file);
      }),
      params(400),
    );
  });

  it('random YAML token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...YAML_TOKENS), { maxLength: 40 }), (tokens) => survives(tokens.join(''), 'soup.yaml')),
      params(400),
    );
  });

  it('random Keras call strings', () => {
    const arg: fc.Arbitrary<string> = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small' },
        fc.constantFrom('1', '-1', '0', '1e400', '2**53', '1./255', '4 * 32', '1/0', 'None', 'True', "'same'", '"relu"', "'LeakyRelu'", 'x', 'lambda x: x', '__import__("os")', "b'\\x00'", '...', 'f"{x}"'),
        fc.array(tie('v'), { maxLength: 3 }).map((xs) => `(${xs.join(', ')}${xs.length === 1 ? ',' : ''})`),
        fc.array(tie('v'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        fc.tuple(tie('v'), tie('v')).map(([k, v]) => `{${k}: ${v}}`),
      ),
    })).v as fc.Arbitrary<string>;
    const kwarg = fc.tuple(fc.constantFrom('units', 'activation', 'name', 'kernel_size', 'padding', 'rate', 'input_shape', 'alpha', 'axis', '__proto__', 'unit'), arg).map(([k, v]) => `${k}=${v}`);
    const call = fc.tuple(fc.constantFrom(...CLASSES, 'Input', 'tf.keras.layers.Dense', 'keras.layers.Conv2D'), fc.array(arg, { maxLength: 3 }), fc.array(kwarg, { maxLength: 3 })).map(([c, a, k]) => `${c}(${[...a, ...k].join(', ')})`);
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 5 }), fc.constantFrom('[8]', '[8, 8, 3]', '[4, 6]'), (calls, shape) => {
        survives(`input_shape: ${shape}\nlayers:\n${calls.map((c) => `  - ${JSON.stringify(c)}\n`).join('')}`, 'calls.yaml');
      }),
      params(300),
    );
  });
});

describe('random models that mostly compile run every pass and emitter without crashing', () => {
  const ACTIVATIONS = ['relu', 'LeakyRelu', 'leaky_relu', 'silu', 'swish', 'gelu', 'elu', 'selu', 'softmax', 'hard_sigmoid', 'hard_silu', 'relu6', 'mish', 'tanh', 'linear', 'PReLU', 'ReLU', 'Softmax', 'ELU', 'exponential', 'log_softmax', 'unknown_fn'];
  const layer = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(...ACTIVATIONS)).map(([u, a]) => `Dense(${u}, activation='${a}')`),
    fc.constantFrom('Dropout(0.5)', 'BatchNormalization()', 'LayerNormalization()', 'LeakyReLU()', 'LeakyReLU(0.1)', 'ReLU(max_value=6)', 'Softmax()', 'PReLU()', 'GaussianNoise(0.1)', 'Activation("LeakyRelu")', 'Activation("silu")', 'Flatten()'),
  );
  it('sequential stacks: compile, summary, convert --to kspec, lint --fix', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 8 }), fc.constantFrom('spec.yaml', 'spec.json'), (layers, file) => {
        const text = file.endsWith('.json') ? JSON.stringify({ input_shape: [6], layers }) : `input_shape: [6]\nlayers:\n${layers.map((l) => `  - ${JSON.stringify(l)}\n`).join('')}`;
        survives(text, file);
      }),
      params(200),
    );
  });

  it('functional graphs wired at random (forward references, shared layers and cycles included)', () => {
    const node = fc.tuple(layer, fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 2 }));
    fc.assert(
      fc.property(fc.array(node, { minLength: 1, maxLength: 7 }), fc.nat({ max: 7 }), (nodes, out) => {
        const name = (i: number) => (i === 0 ? 'x' : `l${i}`);
        const lines = nodes.map(([l, from], i) => {
          const inputs = from.map((f) => name(f % (nodes.length + 1)));
          return `  - ${JSON.stringify(`l${i + 1} = ${l}(${inputs.length === 1 ? inputs[0] : `[${inputs.join(', ')}]`})`)}`;
        });
        survives(`inputs: {x: [6]}\nlayers:\n${lines.join('\n')}\noutputs: ${name(out % (nodes.length + 1))}\n`, 'graph.yaml');
      }),
      params(200),
    );
  });
});

/** A few mutation kinds, each at a random place in the text. */
type Mutation = { kind: 'delete' | 'insert' | 'duplicate' | 'swap'; at: number; len: number; token: string };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap'),
  at: fc.nat(),
  len: fc.nat({ max: 24 }),
  token: fc.constantFrom('null', '[]', '{}', '"x"', '0', '-1', '1e400', '"__proto__"', '"constructor"', ':', ',', '(', ')', "'", '"', '!!python/tuple', '*a', '&a', '\n- ', '  ', '\t', '"Dense(', 'Lambda', 'inputs', 'layers', 'config', 'class_name', 'inbound_nodes', '[["x", 9, 9, {}]]', '\uFEFF', '\u0000', '\\u0000'),
});

function apply(text: string, ms: readonly Mutation[]): string {
  let t = text;
  for (const m of ms) {
    const at = m.at % (t.length + 1);
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + m.len);
    else if (m.kind === 'insert') t = t.slice(0, at) + m.token + t.slice(at);
    else if (m.kind === 'duplicate') t = t.slice(0, at) + t.slice(at, at + m.len) + t.slice(at);
    else t = t.slice(0, at) + m.token + t.slice(at + m.len);
  }
  return t;
}

describe('mutated fixtures and examples never crash kspec', () => {
  const inputs = [
    ...fixtureCases('valid').map((c) => ({ file: c.input, text: c.text })),
    ...fixtureCases('errors').map((c) => ({ file: c.input, text: c.text })),
    ...readdirSync(join(ROOT, 'examples')).map((f) => ({ file: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') })),
  ].filter((c) => c.text.length < 20_000);
  it('fixtures with up to four random mutations', () => {
    fc.assert(
      fc.property(fc.constantFrom(...inputs), fc.array(mutation, { minLength: 1, maxLength: 4 }), (c, ms) => survives(apply(c.text, ms), c.file)),
      params(400),
    );
  });
});

/** A small YAML writer (flow style for leaves), enough to feed random values as YAML. */
function toYaml(v: unknown, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map((x) => `\n${indent}- ${toYaml(x, indent + '  ')}`).join('');
  const entries = Object.entries(v);
  if (entries.length === 0) return '{}';
  return entries.map(([k, x]) => `\n${indent}${JSON.stringify(k)}: ${toYaml(x, indent + '  ')}`).join('');
}
