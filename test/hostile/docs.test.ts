/** docs/security.md states the limits the code enforces: each figure is checked against its constant. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ARCHIVE_ENTRIES, MAX_INPUT_BYTES, MAX_JSON_VALUES, MAX_WEIGHTS_BYTES, MAX_YAML_CHARS } from '../../src/parse/limits.js';
import { MAX_ALIAS_NODES, MAX_DEPTH } from '../../src/parse/yaml.js';
import { ROOT } from '../helpers.js';

const doc = readFileSync(join(ROOT, 'docs/security.md'), 'utf8');
const row = (name: string) => doc.split('\n').find((l) => l.startsWith('|') && l.includes(`\`${name}\``)) ?? '';
const n = (x: number) => x.toLocaleString('en-US');

describe('docs/security.md', () => {
  it.each([
    ['MAX_INPUT_BYTES', `64 MiB (${n(MAX_INPUT_BYTES)})`, MAX_INPUT_BYTES === 64 * 1024 * 1024],
    ['MAX_YAML_CHARS', n(MAX_YAML_CHARS), true],
    ['MAX_JSON_VALUES', n(MAX_JSON_VALUES), true],
    ['MAX_DEPTH', `${n(MAX_DEPTH)} levels`, true],
    ['MAX_ALIAS_NODES', n(MAX_ALIAS_NODES), true],
    ['MAX_WEIGHTS_BYTES', `2 GiB (${n(MAX_WEIGHTS_BYTES)})`, MAX_WEIGHTS_BYTES === 2 * 1024 * 1024 * 1024],
    ['MAX_ARCHIVE_ENTRIES', n(MAX_ARCHIVE_ENTRIES), true],
  ])('states %s as the code does', (name, figure, consistent) => {
    expect(consistent).toBe(true);
    expect(row(name), `the ${name} row`).toContain(figure);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/security.md)');
  });
});
