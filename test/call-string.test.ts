import { describe, expect, it } from 'vitest';
import { parseCallString, type PyValue } from '../src/parse/call-string.js';

/** A compact rendering of the AST, so expectations read like the input. */
function show(v: PyValue): string {
  switch (v.kind) {
    case 'literal': return JSON.stringify(v.value);
    case 'name': return v.name;
    case 'list': return (v.tuple ? '(' : '[') + v.items.map(show).join(',') + (v.tuple ? ')' : ']');
    case 'dict': return '{' + v.entries.map((e) => `${show(e.key)}:${show(e.value)}`).join(',') + '}';
    case 'call': return `${show(v.callee)}(${v.args.map((a) => (a.name ? `${a.name}=` : '') + show(a.value)).join(',')})`;
  }
}

describe('call strings', () => {
  it.each([
    ["Dense(90, activation='LeakyRelu')", 'Dense(90,activation="LeakyRelu")'],
    ['Dropout(0.2)', 'Dropout(0.2)'],
    ['Conv2D(32, (3, 3), padding="same")', 'Conv2D(32,(3,3),padding="same")'],
    ['Flatten()', 'Flatten()'],
    ['Flatten', 'Flatten'],
    ['Reshape((-1,))', 'Reshape((-1))'],
    ['Dense(1, use_bias=False, kernel_regularizer=l2(1e-4))', 'Dense(1,use_bias=false,kernel_regularizer=l2(0.0001))'],
    ['tf.keras.layers.Dense(4)', 'tf.keras.layers.Dense(4)'],
    ['x = Dense(8)(inp)', 'Dense(8)(inp)'],
    ['Concatenate()([a, b])', 'Concatenate()([a,b])'],
    ["Dense(2, name='out',)", 'Dense(2,name="out")'],
    ['Embedding(1_000, 16, input_length=None)', 'Embedding(1000,16,input_length=null)'],
    ['Lambda(arguments={"k": [1, 2.5]})', 'Lambda(arguments={"k":[1,2.5]})'],
    ["Dense(3, activation='a' 'b')", 'Dense(3,activation="ab")'],
    ["Dense(3, name='it\\'s')", `Dense(3,name="it's")`],
    ['ZeroPadding2D(((1, 0), (1, 0)))', 'ZeroPadding2D(((1,0),(1,0)))'],
    // Arithmetic between number literals is folded as Python computes it: * and / before + and -, left to right.
    ['Rescaling(1./255)', `Rescaling(${1 / 255})`],
    ['Rescaling(scale=1 / 127.5, offset=-1)', `Rescaling(scale=${1 / 127.5},offset=-1)`],
    ['Dense(4 * 32 + 2)', 'Dense(130)'],
    ['Dense(2 + 4 * 8)', 'Dense(34)'],
    ['Dense(20 - 4 - 2)', 'Dense(14)'],
    ['Dropout(1 / 4 / 2)', 'Dropout(0.125)'],
    ['Reshape((-1, 2 * -3))', 'Reshape((-1,-6))'],
  ])('%s', (src, expected) => {
    const r = parseCallString(src);
    if ('message' in r) throw new Error(r.message);
    expect(show(r.expr)).toBe(expected);
  });

  it('keeps the assignment target and spans', () => {
    const r = parseCallString('h = Dense(8)(x)');
    if ('message' in r) throw new Error(r.message);
    expect(r.target).toEqual({ name: 'h', span: { start: 0, end: 1 } });
    expect(r.expr.kind === 'call' && r.expr.args[0]!.span).toEqual({ start: 13, end: 14 });
  });

  it.each([
    ['Dense(90', 'expected "," or ")" but found the end of the text', 8],
    ['Dense(', 'expected a value but the text ended', 6],
    ['Dense(units=90, 3)', 'a positional argument follows a keyword argument', 16],
    ["Dense(90, activation='relu)", 'unterminated string', 21],
    ['Dense(lambda x: x)', 'a lambda is Python code; kspec reads only literals', 6],
    ['Dense(90) extra', 'unexpected "extra" after the call', 10],
    ['Dense(-"a")', '"-" applies only to numbers', 6],
    ['Dense(90; 1)', 'expected "," or ")" but found ";"', 8],
    ['Dense(units * 2)', '"*" applies only to numbers', 6],
    ['Dense(8)(x + y)', '"+" applies only to numbers', 9],
    ['Rescaling(1 / 0)', 'division by zero', 10],
  ])('%s is an error at the right place', (src, message, start) => {
    const r = parseCallString(src);
    expect('message' in r && r.message).toBe(message);
    expect('span' in r && r.span.start).toBe(start);
  });
});
