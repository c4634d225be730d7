/**
 * The published schema (schemas/kspec.schema.json) is generated from the layer catalogue, and real
 * ajv agrees with kspec's own checks on every kspec fixture and example.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../src/schema/build-schema.js';
import { fixtureCases, ROOT } from './helpers.js';

const schemaText = readFileSync(join(ROOT, 'schemas/kspec.schema.json'), 'utf8');
const ajv = new Ajv2020.default({ allErrors: false, strict: true, strictTypes: false, allowUnionTypes: true });
const validate = ajv.compile(JSON.parse(schemaText));
const load = (file: string, text: string): unknown => (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { logLevel: 'error' }));
const isKspec = (v: unknown) => typeof v === 'object' && v !== null && !('class_name' in v) && !('modelTopology' in v);

describe('schemas/kspec.schema.json', () => {
  it('is exactly what the catalogue generates (run `npm run gen` after changing the catalogue)', () => {
    expect(schemaText).toBe(JSON.stringify(buildSchema(), null, 2) + '\n');
  });

  const valid = [
    ...fixtureCases('valid').map((c) => ({ name: `fixture ${c.name}`, file: c.input, text: c.text })),
    ...readdirSync(join(ROOT, 'examples')).map((f) => ({ name: `example ${f}`, file: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') })),
  ].filter((c) => isKspec(load(c.file, c.text)));

  it.each(valid.map((c) => [c.name, c] as const))('accepts %s', (_, c) => {
    expect(validate(load(c.file, c.text)), JSON.stringify(validate.errors)).toBe(true);
  });

  // Errors the schema itself can see (those inside call strings or about wiring need kspec).
  it.each(['unknown-argument', 'invalid-enum', 'wrong-type', 'unknown-spec-key'])('rejects fixture %s, as kspec does', (name) => {
    const c = fixtureCases('errors').find((f) => f.name === name)!;
    expect(validate(load(c.input, c.text))).toBe(false);
  });

  it('offers every layer class, alias and activation to editors', () => {
    const s = JSON.parse(schemaText);
    const item = s.$defs.layerItem.anyOf[1].properties;
    expect(item.Dense.$ref).toBe('#/$defs/layers/Dense');
    expect(item.Convolution2D.$ref).toBe('#/$defs/layers/Conv2D');
    expect(s.$defs.activation.anyOf[0].enum).toEqual(expect.arrayContaining(['relu', 'leaky_relu', 'LeakyReLU', 'silu']));
    expect(s.$defs.layers.Dense.anyOf[2].properties.units.description).toMatch(/Required/);
    expect(s.$defs.layers.Dense.anyOf[2].properties.kernelInitializer.deprecated).toBe(true);
  });
});

describe('docs/diagnostics.md', () => {
  it('is exactly what the message catalogue generates (run `npm run gen`)', async () => {
    const { diagnosticsDoc } = await import('../src/diagnostics/catalogue-doc.js');
    expect(readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8')).toBe(diagnosticsDoc());
  });
});
