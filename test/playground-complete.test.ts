/** The playground's completion: what a half-written YAML spec expects at the cursor, and the schema tables. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import { whatToComplete } from '../playground/src/complete-context.js';
import { whatToCompleteJson } from '../playground/src/complete-json.js';
import { indexSchema } from '../playground/src/schema-index.js';

describe('what to complete', () => {
  const dense = { kind: 'args', className: 'Dense', style: 'call' };
  it.each([
    ['a top-level key', [], '', { kind: 'top' }],
    ['a layer item', ['name: m', 'layers:'], '  - ', { kind: 'item' }],
    ['a layer item, list at the key\'s indentation', ['layers:'], '- ', { kind: 'item' }],
    ['a class in a functional call', ['layers:'], '  - x = ', { kind: 'class' }],
    ['a class in a quoted call string', ['layers:'], '  - "', { kind: 'class' }],
    ['the first argument of a call', ['layers:'], '  - Dense(', dense],
    ['a later argument', ['layers:'], "  - Dense(90, activation='relu', ", dense],
    ['an argument of a nested call', ['layers:'], '  - Bidirectional(LSTM(8, ', { kind: 'args', className: 'LSTM', style: 'call' }],
    ['an activation string in a call', ['layers:'], "  - Dense(90, activation='", { kind: 'activation' }],
    ['an activation in a mapping', ['layers:', '  - Dense:'], '      activation: ', { kind: 'activation' }],
    ['an argument of a flow mapping', ['layers:'], '  - Dense: {units: 3, ', { kind: 'args', className: 'Dense', style: 'mapping' }],
    ['an argument of a block mapping', ['layers:', '  - Dense:', '      units: 3'], '      ', { kind: 'args', className: 'Dense', style: 'mapping' }],
    ['a key of a layer item', ['layers:', '  - name: foo'], '    ', { kind: 'item' }],
    ['a key of a compact layer item', ['layers:', '- name: foo'], '  ', { kind: 'item' }],
    ['a layer of a nested model', ['layers:', '  - Sequential:', '      layers:'], '        - ', { kind: 'item' }],
    ['a key of a nested model', ['layers:', '  - Sequential:'], '      ', { kind: 'args', className: 'Sequential', style: 'mapping' }],
  ] as const)('%s', (_, lines, before, want) => {
    expect(whatToComplete(lines, before)).toEqual(want);
  });

  it.each([
    ['a value', ['layers:'], '  - Dense: {units: '],
    ['an argument value', ['layers:'], '  - Dense(units='],
    ['a bare name as a call\'s activation', ['layers:'], '  - Dense(90, activation='],
    ['the inputs of a call', ['layers:'], '  - Dense(8)('],
    ['a comment', ['layers:'], '  # Dense('],
    ['an input name', ['inputs:', '  a: [3]'], '  '],
    ['a list item outside layers', ['outputs:'], '  - '],
    ['under a scalar key', ['name: m'], '  '],
  ] as const)('nothing for %s', (_, lines, before) => {
    expect(whatToComplete(lines, before)).toBeUndefined();
  });
});

describe('what to complete in a JSON spec', () => {
  /** `|` marks the cursor (the start of the word being typed). */
  const at = (text: string) => {
    const pos = text.indexOf('|');
    return whatToCompleteJson(EditorState.create({ doc: text.replace('|', ''), extensions: [json()] }), pos);
  };
  const dense = { kind: 'args', className: 'Dense', style: 'call' };
  it.each([
    ['a top-level key', '{"name": "m", "|"}', { want: { kind: 'top' }, at: 'key' }],
    ['a new top-level member', '{"name": "m", |}', { want: { kind: 'top' }, at: 'member' }],
    ['a class in a call string', '{"layers": ["|"]}', { want: { kind: 'class' }, at: 'value' }],
    ['a class after a functional assignment', '{"layers": ["x = |"]}', { want: { kind: 'class' }, at: 'value' }],
    ['an argument of a call string', '{"layers": ["Dense(90, |"]}', { want: dense, at: 'value' }],
    ['an activation in a call string', '{"layers": ["Dense(90, activation=\'|"]}', { want: { kind: 'activation' }, at: 'value' }],
    ['a key of a layer item', '{"layers": [{"|"}]}', { want: { kind: 'item' }, at: 'key' }],
    ['a new member of a layer item', '{"layers": [{"name": "d", |}]}', { want: { kind: 'item' }, at: 'member' }],
    ['an argument of a class mapping', '{"layers": [{"Dense": {"units": 3, "|"}}]}', { want: { kind: 'args', className: 'Dense', style: 'mapping' }, at: 'key' }],
    ['an activation value', '{"layers": [{"Dense": {"activation": "|"}}]}', { want: { kind: 'activation' }, at: 'value' }],
    ['a layer of a nested model', '{"layers": [{"Sequential": {"layers": ["|"]}}]}', { want: { kind: 'class' }, at: 'value' }],
  ] as const)('%s', (_, text, want) => {
    expect(at(text)).toEqual(want);
  });

  it.each([
    ['a name value', '{"name": "|"}'],
    ['an input name', '{"inputs": {"|"}}'],
    ['an argument value in a call', '{"layers": ["Dense(units=|"]}'],
    ['an output', '{"outputs": ["|"]}'],
  ])('nothing for %s', (_, text) => {
    expect(at(text)).toBeUndefined();
  });
});

describe('the completion tables of schemas/kspec.schema.json', () => {
  const index = indexSchema(JSON.parse(readFileSync(new URL('../schemas/kspec.schema.json', import.meta.url), 'utf8')));
  const labels = (es: readonly { label: string }[]) => es.map((e) => e.label);

  it('lists the top-level keys and the keys of a layer item, with their descriptions', () => {
    expect(labels(index.topLevel)).toEqual(expect.arrayContaining(['name', 'input_shape', 'inputs', 'layers', 'outputs', 'keras']));
    expect(labels(index.itemKeys).sort()).toEqual(['call', 'inputs', 'layer', 'name']);
    expect(index.topLevel.find((e) => e.label === 'layers')?.info).toBe('The layers in order.');
  });

  it('lists every class with its description, aliases included', () => {
    expect(index.classes.find((e) => e.label === 'Dense')?.info).toMatch(/^Fully connected layer/);
    expect(index.classes.find((e) => e.label === 'Convolution2D')?.info).toBe('Keras alias of Conv2D.');
  });

  it('gives the arguments of a class in Keras spelling (tfjs spellings are deprecated there)', () => {
    const args = index.args.get('Dense')!;
    expect(labels(args)).toEqual(expect.arrayContaining(['units', 'activation', 'use_bias', 'kernel_initializer', 'name']));
    expect(labels(args)).not.toContain('useBias');
    expect(args.find((e) => e.label === 'name')?.info).toBe('The layer name (unique in its model).');
    expect(index.args.get('Sequential')).toBe(index.topLevel);
  });

  it('lists the activation names', () => {
    expect(index.activations).toEqual(expect.arrayContaining(['relu', 'leaky_relu', 'LeakyReLU']));
  });
});
