/**
 * Hostile documents through the library (`compile` and `lintText`, with fixes): each is refused
 * with the exact code, located in the text, in bounded time; nothing throws, nothing is executed
 * or constructed, and Object.prototype is left as it was.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { lintText } from '../../src/lint/lint.js';
import { MAX_ALIAS_NODES, MAX_DEPTH } from '../../src/parse/yaml.js';
import { MAX_JSON_VALUES, MAX_YAML_CHARS } from '../../src/parse/limits.js';
import { expectLocated, expectPrototypeIntact } from './helpers.js';

const SPEC = 'input_shape: [2]\nlayers:\n  - Dense(1)\n';
const specWith = (layer: string) => `input_shape: [2]\nlayers:\n  - ${layer}\n`;
const k2 = (layers: object[]) => JSON.stringify({ class_name: 'Sequential', config: { name: 's', layers } });
const k2f = (layers: object[], outputs: string[]) => JSON.stringify({ class_name: 'Functional', config: { name: 'f', layers, input_layers: [['in', 0, 0]], output_layers: outputs.map((o) => [o, 0, 0]) } });
const inputLayer = { class_name: 'InputLayer', name: 'in', config: { name: 'in', batch_input_shape: [null, 2] }, inbound_nodes: [] };
const dense = (name: string, from: string, extra: object = {}) => ({ class_name: 'Dense', name, config: { name, units: 2, ...extra }, inbound_nodes: [[[from, 0, 0, {}]]] });

/** `levels` aliases deep, each level `width` aliases of the one below: width^levels nodes. */
function aliasBomb(width: number, levels: number): string {
  const lines = [`l0: &l0 [${Array(width).fill('x').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
  return lines.join('\n') + `\n${SPEC}`;
}

/**
 * Runs both entry points (or only `compile`, where parsing is all there is to test and lint would
 * parse the same text again) and checks what every outcome shares; returns the error codes.
 */
function run(file: string, text: string, lint = true): { codes: string[]; ms: number } {
  const t0 = performance.now();
  const r = compile(text, { fileName: file });
  expectLocated(r.diagnostics, text, r.ok);
  const l = lint ? lintText(text, { fileName: file, fix: true }) : r;
  expectLocated(l.diagnostics, ('output' in l && l.output) || text, !l.diagnostics.some((d) => d.severity === 'error'));
  expectPrototypeIntact();
  return { codes: [...new Set(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))], ms: performance.now() - t0 };
}

describe('YAML alias expansion is bounded', () => {
  it.each([
    ['billion laughs (10^9 nodes)', aliasBomb(10, 9)],
    ['wide (1000 × 1000 nodes)', aliasBomb(1000, 2)],
    ['deep (2^20 nodes, two per level)', aliasBomb(2, 20)],
    ['flat (120,000 aliases of one scalar: no bomb, but more than the budget)', `a: &a 1\nb: [${'*a, '.repeat(120_000)}]\n${SPEC}`],
    ['the bomb inside a layer argument', `a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n${['b', 'c', 'd', 'e', 'f', 'g'].map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefg'[i]}`).join(', ')}]`).join('\n')}\ninput_shape: [2]\nlayers:\n  - Dense: {units: 1, kernel_constraint: *g}\n`],
  ])('%s: KS1004', (_, text) => {
    const { codes, ms } = run('bomb.yaml', text, false);
    expect(codes).toEqual(['KS1004']);
    expect(ms).toBeLessThan(5000);
  });

  it(`allows real reuse (an anchor used a few times, well under ${MAX_ALIAS_NODES} nodes)`, () => {
    expect(run('ok.yaml', 'input_shape: [2]\nlayers:\n  - Dense: {units: 2, kernel_size: &k [1, 1]}\n  - Dense: {units: 1}\nx: *k\n').codes).toEqual(['KS2012']);
  });

  it.each([
    ['an alias of itself', 'a: &a [*a]\n'],
    ['an undefined alias', 'a: *nothing\n'],
    ['an alias as a mapping key', 'a: &a x\n? *a\n: 1\n'],
  ])('%s is an error, not a loop', (_, text) => {
    const { codes } = run('alias.yaml', text + SPEC);
    expect(codes.length).toBe(1);
    expect(['KS1002', 'KS1004', 'KS1005', 'KS2009']).toContain(codes[0]);
  });
});

describe(`nesting is limited to ${MAX_DEPTH} levels, without recursion`, () => {
  const N = 200_000;
  it.each([
    ['JSON lists', 'deep.json', `{"layers": ${'['.repeat(N)}${']'.repeat(N)}}`],
    ['JSON objects', 'deep.json', `${'{"a":'.repeat(N)}1${'}'.repeat(N)}`],
    ['JSON inside a Keras config', 'deep.json', k2([{ class_name: 'Dense', config: { name: 'd', units: 1, x: 0 } }]).replace('"x":0', `"x":${'['.repeat(N)}${']'.repeat(N)}`)],
    ['YAML flow lists', 'deep.yaml', '['.repeat(N) + ']'.repeat(N)],
    ['YAML flow mappings', 'deep.yaml', '{a: '.repeat(N) + '1' + '}'.repeat(N)],
    ['YAML block lists on one line', 'deep.yaml', '- '.repeat(N) + 'x\n'],
    ['YAML indented block mappings', 'deep.yaml', Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'],
  ])('%s, 200,000 deep: KS1005', (_, file, text) => {
    const { codes, ms } = run(file, text, false);
    expect(codes).toEqual(['KS1005']);
    expect(ms).toBeLessThan(8000);
  });

  it('a 200,000-deep call string is a call-syntax error', () => {
    const call = 'Dense' + '('.repeat(N) + ')'.repeat(N);
    expect(run('deep.yaml', specWith(JSON.stringify(call))).codes).toEqual(['KS1009']);
    expect(run('deep.yaml', specWith(`Dense(1, kernel_size=${'['.repeat(N)}${']'.repeat(N)})`)).codes).toEqual(['KS1009']);
  });
});

describe('sizes: what is read, and what is refused (KS1022)', () => {
  it(`YAML over ${MAX_YAML_CHARS} characters is refused before parsing`, () => {
    const text = SPEC + 'name: ' + 'x'.repeat(MAX_YAML_CHARS) + '\n';
    const { codes, ms } = run('big.yaml', text);
    expect(codes).toEqual(['KS1022']);
    expect(ms).toBeLessThan(1000);
  });

  it(`JSON with more than ${MAX_JSON_VALUES} values is refused before positions are built`, () => {
    const text = `{"input_shape": [2], "layers": ["Dense(1)"], "junk": [${'0,'.repeat(MAX_JSON_VALUES)}0]}`;
    const { codes, ms } = run('big.json', text);
    expect(codes).toEqual(['KS1022']);
    expect(ms).toBeLessThan(8000);
  });

  it('50 MB of JSON in one string is read', () => {
    const text = JSON.stringify({ input_shape: [2], layers: ['Dense(1)'], name: 'm', description: 'x'.repeat(50 * 1024 * 1024) });
    const r = compile(text, { fileName: 'long.json' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('keys that name Object.prototype members are plain data (never pollution)', () => {
  const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
  it.each(KEYS)('%s as a spec key, a layer class, an argument, a value', (key) => {
    const q = JSON.stringify(key);
    const texts: [string, string][] = [
      ['a.json', `{${q}: {"polluted": 1}, "input_shape": [2], "layers": ["Dense(1)"]}`],
      ['a.yaml', `${key}: {polluted: 1}\n${SPEC}`],
      ['b.yaml', `input_shape: [2]\nlayers:\n  - ${key}: {units: 1}\n`],
      ['c.yaml', specWith(`${key}(1)`)],
      ['d.yaml', specWith(`Dense(1, ${key}=1)`)],
      ['e.yaml', `input_shape: [2]\nlayers:\n  - Dense: {units: 1, ${key}: {polluted: 1}}\n`],
      ['f.yaml', specWith(`Dense(1, activation=${q})`)],
      ['g.yaml', specWith(`Dense(1, kernel_initializer=${q})`)],
      ['h.yaml', `inputs: {${key}: [2]}\nlayers:\n  - y = Dense(1)(${key})\noutputs: y\n`],
      ['i.json', k2([{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }]).replace('"units":1', `${q}:{"polluted":1},"units":1`)],
      ['j.json', k2([{ class_name: key, config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }])],
      ['k.json', k2f([inputLayer, dense(key, 'in')], [key])],
    ];
    for (const [file, text] of texts) {
      const { codes } = run(file, text);
      // Each is either read as a plain name (the input named "constructor") or refused as unknown.
      for (const c of codes) expect(['KS2001', 'KS2002', 'KS2004', 'KS2009', 'KS2012', 'KS3001', 'KS4010', 'KS1009', 'KS1010'], `${file}: ${text}`).toContain(c);
    }
  });

  it('__proto__ keys are reported as unknown keys, at the key', () => {
    const text = '{"__proto__": {"polluted": 1}, "input_shape": [2], "layers": ["Dense(1)"]}';
    const r = compile(text, { fileName: 'p.json' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, text.slice(d.span!.start, d.span!.end)])).toEqual([['KS2012', '"__proto__"']]);
    expectPrototypeIntact();
  });
});

describe('YAML tags construct nothing', () => {
  const TAGS = [
    '!!python/object/apply:os.system ["touch /tmp/kspec-pwned"]',
    '!!python/object/new:subprocess.Popen [["touch", "/tmp/kspec-pwned"]]',
    '!!python/object:__main__.Evil {}',
    '!!python/name:os.system',
    '!!python/module:os',
    '!!js/function "function () { require(\'fs\').writeFileSync(\'/tmp/kspec-pwned\', \'\') }"',
    '!!js/regexp /x/',
    '!!js/undefined ~',
    '!<tag:yaml.org,2002:js/function> f',
    '!custom 1',
    '!!binary aGVsbG8=',
    '!!timestamp 2001-12-14',
    '!!set {a, b}',
    '!!omap [a: 1]',
    '!!pairs [a: 1]',
  ];
  it.each(TAGS)('%s: KS1003', (tagged) => {
    for (const text of [`x: ${tagged}\n${SPEC}`, specWith(tagged), `input_shape: [2]\nlayers:\n  - Dense: {units: ${tagged}}\n`]) {
      expect(run('tag.yaml', text).codes).toEqual(['KS1003']);
    }
  });

  it('a %TAG directive naming another URI is refused too', () => {
    expect(run('tag.yaml', `%TAG !e! tag:evil.example,2000:\n---\nx: !e!thing 1\n${SPEC}`).codes).toEqual(['KS1003']);
  });

  it('legacy Keras YAML keeps its one known tag, !!python/tuple, as a list', () => {
    const text = 'class_name: Sequential\nconfig:\n  layers:\n  - class_name: Dense\n    config: {name: d, units: 1, batch_input_shape: !!python/tuple [null, 2]}\n  name: s\nkeras_version: 2.2.4\n';
    expect(run('legacy.yaml', text).codes).toEqual([]);
  });
});

describe('degenerate documents', () => {
  it.each([
    ['', 'KS1006'],
    ['\n\n', 'KS1006'],
    ['   \t  ', 'KS1006'],
    ['\uFEFF', 'KS1006'],
    ['# only a comment\n', 'KS1007'],
    ['---\n', 'KS1007'],
    ['...\n', 'KS1007'],
    ['~', 'KS1007'],
    ['null', 'KS1007'],
    ['{}', 'KS1007'],
    ['[]', 'KS1007'],
    ['"just a string"', 'KS1007'],
    ['0', 'KS1007'],
    ['\u0000\u0001\u0002\u00ff\ufffd', 'KS1007'],
    [`${SPEC}---\n${SPEC}`, 'KS1002'],
  ])('%j: %s', (text, code) => {
    for (const file of ['x.yaml', 'x.json', 'x']) {
      const { codes } = run(file, text);
      expect(codes.length, `${file}: ${codes}`).toBe(1);
      if (file.endsWith('.yaml')) expect(codes).toEqual([code]);
    }
  });
});

describe('graphs that cannot be built: cycles and self-reference', () => {
  it.each([
    ['a layer consuming itself (kspec)', 'self.yaml', 'inputs: {x: [2]}\nlayers:\n  - a = Dense(2)(a)\noutputs: a\n'],
    ['two layers consuming each other (kspec)', 'cycle.yaml', 'inputs: {x: [2]}\nlayers:\n  - a = Dense(2)(b)\n  - b = Dense(2)(a)\noutputs: b\n'],
    ['an output naming itself (kspec)', 'out.yaml', 'inputs: {x: [2]}\nlayers:\n  - a = Dense(2)(x)\noutputs: [a, b]\n'],
    ['a shared layer called on its own output (kspec)', 'shared.yaml', 'inputs: {x: [2]}\nlayers:\n  - a = Dense(2)(x)\n  - call: a\n    inputs: a\n    name: a\noutputs: a\n'],
    ['a layer consuming itself (Keras JSON)', 'self.json', k2f([inputLayer, dense('a', 'a')], ['a'])],
    ['a three-layer cycle (Keras JSON)', 'cycle.json', k2f([inputLayer, dense('a', 'c'), dense('b', 'a'), dense('c', 'b')], ['c'])],
    ['a cycle beside a valid path (Keras JSON)', 'cycle2.json', k2f([inputLayer, dense('ok', 'in'), dense('a', 'b'), dense('b', 'a')], ['ok', 'b'])],
    ['inbound node index out of range (Keras JSON)', 'node.json', k2f([inputLayer, { ...dense('a', 'in'), inbound_nodes: [[['in', 99, 99, {}]]] }], ['a'])],
  ])('%s is an error', (_, file, text) => {
    const { codes, ms } = run(file, text);
    expect(codes.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(3000);
  });
});

describe('big models cost time in proportion to their size, never quadratic', () => {
  const long = (i: number, c: string) => `layer_${i}_`.padEnd(100, c);
  it.each([
    ['3,000 dangling references among 3,000 long, similar names (suggestions)', 'refs.json', k2f([inputLayer, ...Array.from({ length: 3000 }, (_, i) => dense(long(i, 'x'), long(i, 'y')))], ['out'])],
    ['20,000 unnamed layers (generated names)', 'many.yaml', `input_shape: [4]\nlayers:\n${'  - Dense(4)\n'.repeat(20_000)}`],
    ['6,000 activations rewritten into layers (sequential)', 'acts.yaml', `input_shape: [4]\nlayers:\n${"  - Dense(4, activation='LeakyRelu')\n".repeat(6_000)}`],
    ['5,000 fixable layers, functional Keras JSON (fixes with rewiring)', 'fix.json', k2f([inputLayer, ...Array.from({ length: 5_000 }, (_, i) => dense(`d${i}`, i === 0 ? 'in' : `d${i - 1}`, { activation: i % 2 ? 'silu' : 'leaky_relu' }))], ['d4999'])],
    ['50,000 distinct duplicate-free keys in one YAML mapping', 'keys.yaml', `${SPEC}junk: {${Array.from({ length: 50_000 }, (_, i) => `k${i}`).join(', ')}}\n`],
  ])('%s', (_, file, text) => {
    // Lint (with its fix passes) only where fixes are the point.
    const { ms } = run(file, text, /fix|activations/.test(_));
    expect(ms).toBeLessThan(10_000);
  });
});

describe('absurd shapes and sizes are diagnostics, never allocations', () => {
  const HUGE = ['-1', '0', '-0', '9007199254740992', '9007199254740993', '1e308', '1e400', '-1e400', '1.5', '"NaN"', '"Infinity"', '"-0"', '".nan"', '.nan', '.inf', '-.inf', '0x7fffffff', 'null', '[]', '{}', 'true'];
  it.each(HUGE)('%s as a dimension, a unit count, a kernel size, a rate', (v) => {
    const texts: [string, string][] = [
      ['a.yaml', `input_shape: [${v}]\nlayers:\n  - Dense(1)\n`],
      ['b.yaml', `input_shape: [4, ${v}, 3]\nlayers:\n  - Conv2D(2, 3)\n  - Flatten()\n  - Dense(1)\n`],
      ['c.yaml', specWith(`Dense(${v})`)],
      ['d.yaml', `input_shape: [8, 8, 3]\nlayers:\n  - Conv2D(2, ${v})\n`],
      ['e.yaml', specWith(`Dropout(${v})`)],
      ['f.yaml', `input_shape: [2]\nlayers:\n  - Dense: {units: ${v}}\n  - RepeatVector(${v})\n`],
      ['g.yaml', `input_shape: [4]\nlayers:\n  - Reshape([${v}, -1])\n`],
      ['h.yaml', `input_shape: [4]\nlayers:\n  - Embedding(${v}, ${v})\n`],
      ['i.json', k2([{ class_name: 'Dense', config: { name: 'd', units: 1, batch_input_shape: [null, 2] } }]).replace('"units":1', `"units":${/^[-\d"[{ntf]/.test(v) && !v.startsWith('.') && !v.startsWith('0x') ? v : 1}`)],
    ];
    for (const [file, text] of texts) run(file, text);
  });

  it('2^53 units is read (Keras would try to allocate; kspec only counts)', () => {
    const r = compile(specWith('Dense(9007199254740992)'), { fileName: 'big.yaml' });
    expectLocated(r.diagnostics, specWith('Dense(9007199254740992)'), r.ok);
  });
});
