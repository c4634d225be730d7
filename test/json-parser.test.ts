import { describe, expect, it } from 'vitest';
import { toPlain } from '../src/parse/document.js';
import { parseJsonTree } from '../src/parse/json.js';

describe('positioned JSON parser', () => {
  it.each([
    '{"a": [1, 2.5, -3e2, true, false, null], "b": {"c": "x\\ny\\u00e9"}}',
    '[]',
    '{}',
    ' "just a string" ',
    '[[[[{"deep": [[]]}]]]]',
    '{"__proto__": {"polluted": true}}',
  ])('agrees with JSON.parse on %s', (text) => {
    const { tree } = parseJsonTree(text);
    expect(tree).toBeDefined();
    expect(toPlain(tree!)).toEqual(JSON.parse(text));
  });

  it('keeps spans of keys and values', () => {
    const text = '{"layers": [{"units": 90}]}';
    const { tree } = parseJsonTree(text);
    const layers = tree!.kind === 'map' ? tree!.entries[0]! : undefined;
    expect(text.slice(layers!.keySpan.start, layers!.keySpan.end)).toBe('"layers"');
    expect(text.slice(layers!.value.span.start, layers!.value.span.end)).toBe('[{"units": 90}]');
  });

  it.each([
    ['{"a": 1,}', 8, 'expected a double-quoted key but found "}"'],
    ['{"a" 1}', 5, 'expected ":" but found "1"'],
    ['[1, 2', 5, 'expected "," or "]" but found end of input'],
    ['{"a": tru}', 6, 'unexpected "t"'],
    ['"abc', 0, 'unterminated string'],
    ['[1] 2', 4, 'unexpected "2" after the end of the document'],
  ])('%s fails at offset %i', (text, offset, message) => {
    expect(parseJsonTree(text).error).toEqual({ offset, message });
  });

  it('parses 200,000 levels of nesting without recursion', () => {
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parseJsonTree(text).tree?.kind).toBe('seq');
  });

  it('does not pollute prototypes', () => {
    const plain = toPlain(parseJsonTree('{"__proto__": {"polluted": true}}').tree!) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(plain)).toEqual(['__proto__']);
  });
});
