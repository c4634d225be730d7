/**
 * docs/rules: one page per diagnostic code (SARIF help text points users at
 * `docs/rules/<rule>.md`), titled `# <rule> (<CODE>)`, and an index listing every code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/diagnostics/messages.js';
import { ROOT } from './helpers.js';

const DIR = join(ROOT, 'docs', 'rules');
const ENTRIES = Object.entries(MESSAGES).map(([code, m]) => ({ code, rule: m.rule }));

describe('docs/rules', () => {
  it.each(ENTRIES.map((e) => [e.code, e] as const))('%s has its page', (_, { code, rule }) => {
    const page = join(DIR, `${rule}.md`);
    expect(existsSync(page), `docs/rules/${rule}.md`).toBe(true);
    const first = readFileSync(page, 'utf8').split(/\r?\n/, 1)[0];
    expect(first).toBe(`# ${rule} (${code})`);
  });

  it('README.md lists every code with a link to its page', () => {
    const index = readFileSync(join(DIR, 'README.md'), 'utf8');
    const missing = ENTRIES.filter(({ code, rule }) => !new RegExp(`\\|\\s*${code}\\s*\\|\\s*\\[${rule}\\]\\(${rule}\\.md\\)`).test(index));
    expect(missing.map((e) => e.code)).toEqual([]);
  });
});
