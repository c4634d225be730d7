import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { expectFile, fixtureCases, renderDiagnostics } from './helpers.js';

describe('valid fixtures compile to the exact expected model.json', () => {
  for (const c of fixtureCases('valid')) {
    it(c.name, () => {
      const r = compile(c.text, { fileName: c.input });
      expect(renderDiagnostics(r).split('\n').filter((l) => l.includes(' error '))).toEqual([]);
      expect(r.ok).toBe(true);
      const json = JSON.stringify(r.modelJSON, null, 2) + '\n';
      const m = expectFile(join(c.dir, 'expected.model.json'), json);
      expect(m.actual).toBe(m.expected);
      const d = expectFile(join(c.dir, 'expected.diagnostics.txt'), renderDiagnostics(r) + '\n');
      expect(d.actual).toBe(d.expected);
      // Emitting twice gives the same bytes.
      expect(JSON.stringify(compile(c.text, { fileName: c.input }).modelJSON, null, 2) + '\n').toBe(json);
    });
  }
});

describe('error fixtures give the exact expected diagnostics', () => {
  for (const c of fixtureCases('errors')) {
    it(c.name, () => {
      const r = compile(c.text, { fileName: c.input });
      expect(r.ok).toBe(false);
      expect(r.modelJSON).toBeUndefined();
      const d = expectFile(join(c.dir, 'expected.diagnostics.txt'), renderDiagnostics(r) + '\n');
      expect(d.actual).toBe(d.expected);
    });
  }
});

describe('YAML and JSON spellings of the same spec give the same IR', () => {
  const stripOrigins = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x) => (k === 'origin' ? undefined : x)));
  for (const c of fixtureCases('valid').filter((f) => f.input.endsWith('.yaml'))) {
    it(c.name, async () => {
      const { parse } = await import('yaml');
      const json = JSON.stringify(parse(c.text, { logLevel: 'silent', uniqueKeys: false, customTags: [{ tag: 'tag:yaml.org,2002:python/tuple', collection: 'seq', resolve: (s: unknown) => s } as never] }));
      const fromYaml = compile(c.text, { fileName: 'spec.yaml' });
      const fromJson = compile(json, { fileName: 'spec.json' });
      expect(fromJson.ok).toBe(true);
      expect(stripOrigins(fromJson.graph)).toEqual(stripOrigins(fromYaml.graph));
      expect(fromJson.modelJSON).toEqual(fromYaml.modelJSON);
    });
  }
});
