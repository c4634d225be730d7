/** Shared by the hostile-input suite: what every result must look like, and running the real CLI. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { ROOT } from '../helpers.js';

/** The fixed seed of every fast-check property here: a failure prints its path and reproduces. */
export const SEED = 20_261_129;

/** A stack frame as Node prints it. */
export const STACK_FRAME = /\n\s+at .+[(:]\d+/;

/** Own properties of Object.prototype, and a few names pollution would add. */
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');
export function expectPrototypeIntact(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort().join(',')).toBe(PROTO_KEYS);
  for (const k of ['polluted', 'isAdmin', 'x']) expect(({} as Record<string, unknown>)[k], k).toBeUndefined();
}

/**
 * A failed result is a list of errors with stable codes, each located inside the text: what users
 * see as `file:line:column`. (A clean result needs nothing more: it has no errors to locate.)
 */
export function expectLocated(diagnostics: readonly Diagnostic[], text: string, ok: boolean): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!ok) expect(errors.length).toBeGreaterThan(0);
  for (const d of diagnostics) {
    expect(d.code).toMatch(/^KS\d{4}$/);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.span).toBeDefined();
    expect(d.span!.start).toBeGreaterThanOrEqual(0);
    expect(d.span!.end).toBeGreaterThanOrEqual(d.span!.start);
    expect(d.span!.end).toBeLessThanOrEqual(text.length);
  }
}

export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * The installed command (bin/kspec.js over the bundled dist/kspec.mjs) in a child process with a
 * V8 heap limit and a time limit: running out of either kills the child, which the caller sees as
 * a signal or a status other than 0, 1 or 2.
 */
export function runCli(args: readonly string[], o: { heapMB?: number; timeoutMs?: number; cwd?: string; input?: string | Uint8Array } = {}): CliRun {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${o.heapMB ?? 256}`, join(ROOT, 'bin/kspec.js'), ...args], {
    cwd: o.cwd ?? ROOT,
    input: o.input,
    encoding: 'utf8',
    timeout: o.timeoutMs ?? 20_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

/** Exit 1 with diagnostics, in time, and never a stack trace or an internal error. */
export function expectCleanFailure(r: CliRun, code?: string): void {
  expect(r.signal, r.stderr.slice(0, 500)).toBeNull();
  expect(r.status, r.stderr.slice(0, 500)).toBe(1);
  expect(r.stderr + r.stdout).not.toMatch(STACK_FRAME);
  expect(r.stderr).not.toMatch(/internal error|FATAL ERROR|heap out of memory/);
  if (code) expect(r.stdout + r.stderr).toContain(code);
}
