/**
 * `kspec convert`: --to kspec gives a readable spec that compiles to the same tfjs model as the
 * original (every fixture, example and a tfjs-generated Keras config); --to keras2 / --to tfjs.
 */
import * as tf from '@tensorflow/tfjs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain as run } from './cli-run.js';
import { compile } from '../src/compile.js';
import { toKspecYaml } from '../src/emit/kspec.js';
import { frontEnd } from '../src/front.js';
import '../src/runtime/index.js';
import { fixtureCases, ROOT } from './helpers.js';
import { convertToKspec } from '../src/index.js';

tf.setBackend('cpu');
const examples = readdirSync(join(ROOT, 'examples')).map((f) => ({ name: `examples/${f}`, input: f, text: readFileSync(join(ROOT, 'examples', f), 'utf8') }));

/** A built model, layer by layer, as comparable data (input layers aside: a spec may write them as input_shape). */
async function shapeOf(text: string, fileName: string) {
  const r = compile(text, { fileName });
  expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  const m = await tf.models.modelFromJSON({ modelTopology: r.modelJSON!.modelTopology as never });
  return { name: m.name, params: m.countParams(), layers: m.layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => [l.getClassName(), l.name, JSON.stringify(l.getConfig())]) };
}

describe('convert --to kspec round trip: original → kspec → compile equals original → compile', () => {
  for (const c of [...fixtureCases('valid'), ...examples]) {
    it(c.name, async () => {
      const fe = frontEnd(c.text, { fileName: c.input });
      const yaml = toKspecYaml(fe.graph!, c.input, fe.semantics);
      const [a, b] = [await shapeOf(c.text, c.input), await shapeOf(yaml, 'converted.yaml')];
      expect(b).toEqual(a);
      // Converting the converted spec changes nothing but the header.
      const fe2 = frontEnd(yaml, { fileName: 'converted.yaml' });
      const again = toKspecYaml(fe2.graph!, c.input, fe2.semantics);
      expect(again).toBe(yaml);
    });
  }
});

describe('convert in the CLI', () => {

  it('--to kspec writes the exact readable spec', () => {
    expect(run(['convert', join(ROOT, 'examples/two-tower.yaml'), '--to', 'kspec']).stdout).toBe(
      [
        `# Converted by kspec 0.1.0 from ${join(ROOT, 'examples/two-tower.yaml')}.`,
        'name: two_tower',
        'inputs:',
        '  left: [32]',
        '  right: [32]',
        'layers:',
        "  - encoder = Dense(16, activation='leaky_relu')(left)",
        '  - encoder_1 = encoder(right)',
        '  - concatenate = Concatenate()([encoder, encoder_1])',
        '  - dropout = Dropout(0.2)',
        "  - score = Dense(1, activation='sigmoid')",
        '',
      ].join('\n'),
    );
  });

  it('--to keras2 writes Keras class names and loads in tfjs with the same params', async () => {
    const r = run(['convert', join(ROOT, 'fixtures/valid/keras3-sequential/input.json'), '--to', 'keras2']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.keras_version).toBe('2.15.0');
    const classes = json.config.layers.map((l: { class_name: string }) => l.class_name);
    expect(classes).toEqual(['InputLayer', 'Dense', 'LeakyReLU', 'LeakyReLU', 'Dense', 'Rescaling', 'ReLU', 'Dense', 'Softmax']);
    expect(JSON.stringify(json)).toContain('"LecunNormal"');
    const m = await tf.models.modelFromJSON({ modelTopology: compile(r.stdout, { fileName: 'k2.json' }).modelJSON!.modelTopology as never });
    const original = await tf.models.modelFromJSON({ modelTopology: compile(readFileSync(join(ROOT, 'fixtures/valid/keras3-sequential/input.json'), 'utf8'), { fileName: 'k3.json' }).modelJSON!.modelTopology as never });
    expect(m.countParams()).toBe(original.countParams());
  });

  it('--to keras2 refuses a model that needs the runtime; --to tfjs is compile', () => {
    const r = run(['convert', '-', '--to', 'keras2']);
    expect(r.code).toBe(2);
    const spec = join(ROOT, 'examples/seed.yaml');
    expect(JSON.parse(run(['convert', spec, '--to', 'tfjs']).stdout)).toEqual(compile(readFileSync(spec, 'utf8'), { fileName: spec }).modelJSON);
    expect(run(['convert', spec]).stderr).toBe('kspec: convert needs --to kspec|keras2|tfjs\n');
  });
});

describe('convertToKspec (the library form of convert --to kspec, the playground\'s kspec panel)', () => {
  it('gives exactly what the CLI prints, from the public entry', () => {
    const file = join(ROOT, 'fixtures/valid/keras3-functional/input.json');
    const r = convertToKspec(readFileSync(file, 'utf8'), { fileName: file });
    expect(r.ok).toBe(true);
    expect(r.output).toBe(run(['convert', file, '--to', 'kspec']).stdout);
  });

  it('gives the front end\'s errors and no output for text that is not a model', () => {
    const r = convertToKspec('layers: [', { fileName: 'x.yaml' });
    expect(r.ok).toBe(false);
    expect('output' in r).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KS1002']);
  });
});
