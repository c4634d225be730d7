/** Shared test helpers: fixture discovery and a stable one-line rendering of diagnostics. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompileResult } from '../src/compile.js';
import { suggestionText } from '../src/diagnostics/format.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const UPDATE = process.env.UPDATE_FIXTURES === '1';

export interface FixtureCase {
  readonly name: string;
  readonly dir: string;
  readonly input: string;
  readonly text: string;
}

export function fixtureCases(kind: 'valid' | 'errors'): FixtureCase[] {
  const base = join(ROOT, 'fixtures', kind);
  return readdirSync(base).sort().map((name) => {
    const dir = join(base, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    return { name, dir, input, text: readFileSync(join(dir, input), 'utf8') };
  });
}

/** `line:col-endLine:endCol severity CODE message` — one line per diagnostic. */
export function renderDiagnostics(r: CompileResult): string {
  return r.diagnostics
    .map((d) => {
      const s = r.source.position(d.span!.start);
      const e = r.source.position(d.span!.end);
      return `${s.line}:${s.column}-${e.line}:${e.column} ${d.severity} ${d.code} ${d.message}${suggestionText(d)}`;
    })
    .join('\n');
}

/** Compares with an expected file, or writes it when UPDATE_FIXTURES=1. */
export function expectFile(path: string, actual: string): { expected: string; actual: string } {
  if (UPDATE || !existsSync(path)) writeFileSync(path, actual);
  return { expected: readFileSync(path, 'utf8'), actual };
}

/** mulberry32: a fixed stream of numbers in [-1, 1), for test data that never changes between runs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

/** Byte arrays one after another. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
