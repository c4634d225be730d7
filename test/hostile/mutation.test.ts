/**
 * Bad input gets diagnostics, never an exception: deterministic mutations of every fixture and
 * example (text cuts, value swaps, keys renamed to Object.prototype's members) must compile to a
 * result with located diagnostics. (Moved here from test/robustness.test.ts; the hand-written
 * hostile documents are in documents.test.ts, the random ones in properties.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { fixtureCases, ROOT } from '../helpers.js';
import { expectPrototypeIntact } from './helpers.js';

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
    for (let k = 0; k < 60; k++) {
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
    const stride = Math.max(1, Math.ceil(c.text.length / 800));
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

/** Every key of a document renamed, one at a time, to a member of Object.prototype. */
function* keyRenames(value: unknown): Generator<unknown> {
  const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype'];
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, p: (string | number)[]) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) {
      paths.push([...p, k]);
      walk(x, [...p, k]);
    }
  };
  walk(value, []);
  for (const p of paths) {
    for (const name of NAMES) {
      const rename = (v: unknown, depth: number): unknown => {
        if (Array.isArray(v)) return v.map((x, i) => (i === p[depth] ? rename(x, depth + 1) : x));
        if (!v || typeof v !== 'object') return v;
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
          const key = depth === p.length - 1 && k === p[depth] ? name : k;
          const val = k === p[depth] && depth < p.length - 1 ? rename(x, depth + 1) : x;
          Object.defineProperty(out, key, { value: val, enumerable: true, writable: true, configurable: true });
        }
        return out;
      };
      yield rename(value, 0);
    }
  }
}

describe('every key renamed to an Object.prototype member never throws nor pollutes', () => {
  const docs = [...fixtureCases('valid'), ...fixtureCases('errors')].filter((c) => c.input.endsWith('.json') && c.text.length < 20_000);
  it.each(docs.map((c) => [c.name, c] as const))('%s', (_, c) => {
    let value: unknown;
    try {
      value = JSON.parse(c.text);
    } catch {
      return;
    }
    // Large documents: a stride through the renamings, coprime with the five names so all are used.
    let k = 0;
    let stride = Math.max(1, Math.ceil(c.text.length / 1500));
    if (stride % 5 === 0) stride++;
    for (const v of keyRenames(value)) {
      if (k++ % stride !== 0) continue;
      const text = JSON.stringify(v);
      try {
        compile(text, { fileName: 'renamed.json' });
      } catch (e) {
        throw new Error(`compile threw on:\n${text}\n---\n${(e as Error).stack}`);
      }
      expectPrototypeIntact();
    }
  });
});
