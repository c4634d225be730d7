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
