/**
 * Bad input gets diagnostics, never an exception: deterministic mutations of every fixture and
 * example (text cuts, value swaps) must compile to a result with located diagnostics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { fixtureCases, ROOT } from './helpers.js';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPLACEMENTS = ['null', '[]', '{}', '"x"', '0', '-1', 'true', '1e400', '"__proto__"', '[[[]]]', '{"class_name": 1}', ':', ',', '(', ')', "'", '!!python/tuple', '*a', '&a', '\n- ', '  ', '"Dense(', 'Lambda', 'inputs', 'layers', 'config', 'class_name', 'inbound_nodes', '[["x", 9, 9, {}]]'];

function mutate(text: string, r: () => number): string {
  const n = 1 + Math.floor(r() * 3);
  let t = text;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * (t.length + 1));
    const len = Math.floor(r() * 12);
    const choice = r();
    if (choice < 0.35) t = t.slice(0, at) + t.slice(at + len);
    else if (choice < 0.8) t = t.slice(0, at) + REPLACEMENTS[Math.floor(r() * REPLACEMENTS.length)] + t.slice(at + len);
    else t = t.slice(0, at) + t.slice(Math.floor(r() * t.length), Math.floor(r() * t.length)) + t.slice(at);
  }
  return t;
}

const inputs = [
  ...fixtureCases('valid').map((c) => ({ file: c.input, text: c.text })),
  ...fixtureCases('errors').map((c) => ({ file: c.input, text: c.text })),
  ...readdirSync(join(ROOT, 'examples')).map((f) => ({ file: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') })),
];

describe('mutated specs never throw', () => {
  it.each(inputs.map((c, i) => [c.file, i, c] as const))('%s #%i', (_, i, c) => {
    const r = rng(1000 + i);
    for (let k = 0; k < 150; k++) {
      const text = mutate(c.text, r);
      let result;
      try {
        result = compile(text, { fileName: c.file });
      } catch (e) {
        throw new Error(`compile threw on:\n${text}\n---\n${(e as Error).stack}`);
      }
      if (!result.ok) {
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        for (const d of errors) {
          expect(d.code).toMatch(/^KS\d{4}$/);
          expect(d.span!.start).toBeGreaterThanOrEqual(0);
          expect(d.span!.end).toBeLessThanOrEqual(text.length);
        }
      }
    }
  });
});

/** Every node of a document replaced, one at a time, by each of a few hostile values. */
function* replacements(value: unknown): Generator<unknown> {
  const HOSTILE: unknown[] = [null, 7, -1, 'x', 'Dense(', [], {}, [[]], { class_name: 5 }, { class_name: 'Dense', config: [] }, ['a', 'b', 'c', 'd'], true];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    paths.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
  };
  walk(value, []);
  for (const p of paths) {
    for (const h of HOSTILE) {
      const copy = structuredClone(value) as Record<string | number, unknown>;
      if (p.length === 0) {
        yield h;
        continue;
      }
      let o: Record<string | number, unknown> = copy;
      for (const k of p.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[p[p.length - 1]!] = h;
      yield copy;
    }
  }
}

describe('every value replaced by a hostile one never throws', () => {
  const docs = [...fixtureCases('valid'), ...fixtureCases('errors')].filter((c) => c.input.endsWith('.json') || c.text.length < 2000);
  it.each(docs.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const { parse } = await import('yaml');
    let value: unknown;
    try {
      value = c.input.endsWith('.json') ? JSON.parse(c.text) : parse(c.text, { logLevel: 'silent', uniqueKeys: false });
    } catch {
      return;
    }
    // Large documents: every node is still replaced, by a stride through the hostile values.
    let k = 0;
    const stride = Math.max(1, Math.ceil(c.text.length / 2500));
    for (const v of replacements(value)) {
      if (k++ % stride !== 0) continue;
      const text = JSON.stringify(v);
      if (text === undefined) continue;
      try {
        compile(text, { fileName: 'mutated.json' });
      } catch (e) {
        throw new Error(`compile threw on:\n${text}\n---\n${(e as Error).stack}`);
      }
    }
  });
});

describe('hostile documents', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefg'[i]}`).join(',')}]`)].join('\n');
  it.each([
    ['YAML alias bomb', 'bomb.yaml', bomb, 'KS1004'],
    ['200,000-deep YAML', 'deep.yaml', '['.repeat(200_000) + ']'.repeat(200_000), 'KS1005'],
    ['200,000-deep JSON', 'deep.json', '{"layers":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}', 'KS1005'],
    ['__proto__ key (JSON)', 'p.json', '{"__proto__": {"polluted": 1}, "input_shape": [2], "layers": ["Dense(1)"]}', 'KS2012'],
    ['__proto__ key (YAML)', 'p.yaml', '__proto__: {polluted: 1}\ninput_shape: [2]\nlayers: [Dense(1)]\n', 'KS2012'],
    ['constructor key', 'c.yaml', 'constructor: 1\ninput_shape: [2]\nlayers: [Dense(1)]\n', 'KS2012'],
    ['python object tag', 't.yaml', 'a: !!python/object/apply:os.system ["ls"]\n', 'KS1003'],
    ['binary garbage', 'g.json', '\u0000\u0001\u00ff{', 'KS1001'],
    ['a bare list', 'l.yaml', '- 1\n- 2\n', 'KS1007'],
  ])('%s: %s', (_, file, text, code) => {
    const r = compile(text, { fileName: file });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([code]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
