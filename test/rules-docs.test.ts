/**
 * docs/rules: one page per diagnostic code (SARIF help text points users at
 * `docs/rules/<rule>.md`), titled `# <rule> (<CODE>)`, and an index listing every code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../src/diagnostics/messages.js';
import { ROOT, UPDATE } from './helpers.js';

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

/**
 * Every page's example output is what kspec prints today: the input block before "`kspec lint F`
 * prints:" is linted as F in a scratch folder and compared with the block after it
 * (`UPDATE_FIXTURES=1` rewrites the blocks; review the diff).
 */
describe('docs/rules examples show real output', () => {
  const pages = readdirSync(DIR).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
  const FENCE = /```(\w*)\n([\s\S]*?)```/g;
  const cases: { page: string; file: string; input: string; shown: string; at: number }[] = [];
  for (const page of pages) {
    const text = readFileSync(join(DIR, page), 'utf8');
    let from = 0;
    for (const m of text.matchAll(/`kspec lint ([\w.-]+)` prints:\n\n```\n([\s\S]*?)```/g)) {
      // The input is the last yaml/json block since the previous example's output.
      const before = [...text.slice(from, m.index).matchAll(FENCE)].filter((f) => f[1] === 'yaml' || f[1] === 'json').pop();
      from = m.index! + m[0].length;
      if (!before) continue;
      cases.push({ page, file: m[1]!, input: before[2]!, shown: m[2]!, at: m.index! });
    }
  }
  it('covers nearly every page', () => expect(cases.length).toBeGreaterThanOrEqual(50));
  it.each(cases.map((c) => [`${c.page}: ${c.file}`, c] as const))('%s', (_, c) => {
    const dir = mkdtempSync(join(tmpdir(), 'kspec-doc-'));
    writeFileSync(join(dir, c.file), c.input);
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/kspec.js'), 'lint', c.file, '--no-color'], { cwd: dir, encoding: 'utf8' });
    if (UPDATE && r.stdout.replace(/^\n/, '') !== c.shown) {
      const path = join(DIR, c.page);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.replace(`\`kspec lint ${c.file}\` prints:\n\n\`\`\`\n${c.shown}\`\`\``, `\`kspec lint ${c.file}\` prints:\n\n\`\`\`\n${r.stdout.replace(/^\n/, '')}\`\`\``));
      return;
    }
    expect(r.stdout.replace(/^\n/, '')).toBe(c.shown);
  });
});
