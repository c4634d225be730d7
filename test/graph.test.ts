/**
 * `kspec graph`: exact DOT / Mermaid / SVG for fixture models, marks for inserted layers and
 * diagnostics, nested models as clusters, deterministic bytes, and a 400-layer model laid out by
 * Graphviz without two boxes overlapping.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { buildDiagram, wrapCall } from '../src/graph/diagram.js';
import { toDot } from '../src/graph/dot.js';
import { toMermaid } from '../src/graph/mermaid.js';
import { graphSpec, type GraphFormat } from '../src/graph/index.js';
import { residualMlp, resnet50 } from '../bench/resnet.js';
import { runMainAsync } from './cli-run.js';
import { zipFiles } from './zip.js';
import { expectFile, ROOT } from './helpers.js';

const SEED = readFileSync(join(ROOT, 'examples/seed.yaml'), 'utf8');
const NESTED = readFileSync(join(ROOT, 'fixtures/valid/functional-nested-shared/input.yaml'), 'utf8');
const KERAS3 = readFileSync(join(ROOT, 'fixtures/valid/keras3-sequential/input.json'), 'utf8');
const BROKEN = "name: broken\ninput_shape: [4]\nlayers:\n  - Dense(3, activaton='relu')\n  - Dens(2)\n  - Dense(1, activation='silu')\n";

async function draw(text: string, fileName: string, format: GraphFormat): Promise<string> {
  const r = await graphSpec(text, { fileName, format });
  expect(r.output).toBeDefined();
  return r.output!;
}

/** Each node group of an SVG: its id (the diagram's), its classes, and its box. */
interface Box {
  readonly id: string;
  readonly classes: string[];
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}
function boxes(svg: string): Box[] {
  const out: Box[] = [];
  for (const m of svg.matchAll(/<g id="node:([^"]*)" class="node ([^"]*)">([\s\S]*?)<\/g>\n(?=<!--|<g id=|<\/g>)/g)) {
    const body = m[3]!;
    const numbers = (s: string) => [...s.matchAll(/-?\d+(?:\.\d+)?/g)].map((x) => Number(x[0]));
    let xs: number[];
    let ys: number[];
    const ellipse = /<ellipse[^>]*cx="([^"]+)" cy="([^"]+)" rx="([^"]+)" ry="([^"]+)"/.exec(body);
    if (ellipse) {
      const [cx, cy, rx, ry] = ellipse.slice(1).map(Number) as [number, number, number, number];
      xs = [cx - rx, cx + rx];
      ys = [cy - ry, cy + ry];
    } else {
      const d = /<path[^>]* d="([^"]+)"/.exec(body)?.[1] ?? /<polygon[^>]* points="([^"]+)"/.exec(body)![1]!;
      const n = numbers(d);
      xs = n.filter((_, i) => i % 2 === 0);
      ys = n.filter((_, i) => i % 2 === 1);
    }
    out.push({ id: m[1]!.replace(/&#45;/g, '-'), classes: m[2]!.split(' '), x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) });
  }
  return out;
}

describe('kspec graph writes the exact expected diagram', () => {
  const cases: [string, string, string, GraphFormat, string][] = [
    ['seed', SEED, 'seed.yaml', 'dot', 'seed.dot'],
    ['seed', SEED, 'seed.yaml', 'mermaid', 'seed.mmd'],
    ['seed', SEED, 'seed.yaml', 'svg', 'seed.svg'],
    ['a shared nested model', NESTED, 'nested.yaml', 'dot', 'nested-shared.dot'],
    ['a shared nested model', NESTED, 'nested.yaml', 'mermaid', 'nested-shared.mmd'],
    ['a Keras 3 config', KERAS3, 'model.json', 'dot', 'keras3-sequential.dot'],
    ['a spec with errors', BROKEN, 'broken.yaml', 'dot', 'broken.dot'],
  ];
  for (const [what, text, fileName, format, expected] of cases) {
    it(`${what} as ${format}`, async () => {
      const f = expectFile(join(ROOT, 'fixtures/graph', expected), await draw(text, fileName, format));
      expect(f.actual).toBe(f.expected);
    });
  }
});

describe('what the diagram shows', () => {
  it('marks the LeakyReLU kspec inserted, between the Dense and the next layer', async () => {
    const svg = await draw(SEED, 'seed.yaml', 'svg');
    const b = boxes(svg);
    expect(b.map((x) => [x.id, x.classes.join(' ')])).toEqual([
      ['(input)', 'input'],
      ['dense', 'layer'],
      ['dense_leaky_re_lu', 'layer inserted'],
      ['dense_1', 'layer'],
      ['(output)', 'output'],
    ]);
    // Top to bottom in model order.
    expect(b.map((x) => x.y0)).toEqual([...b.map((x) => x.y0)].sort((p, q) => p - q));
    expect(svg).toContain('LeakyReLU()');
    expect(svg).toContain('inserted by kspec');
    expect(svg).toContain('stroke-dasharray');
  });

  it('says where each layer is written, an inserted one at the text that caused it', async () => {
    const r = await graphSpec(SEED, { fileName: 'seed.yaml', format: 'dot' });
    const text = (id: string) => SEED.slice(r.spans!.get(id)!.start, r.spans!.get(id)!.end);
    expect(text('dense')).toBe('Dense');
    expect(text('dense_leaky_re_lu')).toBe("'LeakyRelu'");
    expect(text('dense_1')).toBe('Dense');
    expect(r.spans!.has('(input)')).toBe(false);
  });

  it('marks the layers diagnostics point into, with their codes and messages', async () => {
    const r = await graphSpec(BROKEN, { fileName: 'broken.yaml', format: 'svg' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['KS2002', 'KS2001']);
    const b = boxes(r.output!);
    expect(b.find((x) => x.id === 'dense')!.classes).toEqual(['layer', 'error']);
    expect(b.find((x) => x.id === 'dens')!.classes).toEqual(['layer', 'error']);
    expect(b.find((x) => x.id === 'dense_1')!.classes).toEqual(['layer']);
    expect(r.output).toContain('KS2002: &quot;Dense&quot; has no argument &quot;activaton&quot;.');
  });

  it('draws a nested model as a cluster its callers feed and its consumers read', async () => {
    const dot = await draw(NESTED, 'nested.yaml', 'dot');
    expect(dot).toContain('subgraph "cluster_encoder/" {');
    expect(dot).toContain('"a" -> "encoder/x";');
    expect(dot).toContain('"b" -> "encoder/x";');
    expect(dot).toContain('"encoder/dense" -> "aux";');
    const svg = await draw(NESTED, 'nested.yaml', 'svg');
    expect(svg).toContain('<title>cluster_encoder/</title>');
  });

  it('marks a nested model whose own entry has a diagnostic, and draws one without layers as a box', async () => {
    const nested = (layers: unknown[]) => JSON.stringify({ class_name: 'Sequential', config: { name: 'outer', layers: [
      { class_name: 'Dense', config: { name: 'd0', units: 4, batch_input_shape: [null, 8] } },
      { class_name: 'Sequential', config: { name: 'encoder', layers } },
      { class_name: 'Dense', config: { name: 'out', units: 1 } },
    ] }, keras_version: '2.15.0' });
    const graph = compile(nested([{ class_name: 'Dense', config: { name: 'd1', units: 3 } }]), { fileName: 'm.json' }).graph!;
    const d: Diagnostic = { code: 'KS9999', severity: 'warning', message: 'About the nested model.', file: 'm.json', at: { path: ['config', 'layers', 1, 'config', 'name'] } };
    const diagram = buildDiagram(graph, [d]);
    expect(diagram.root.clusters[0]).toMatchObject({ id: 'encoder/', mark: 'warning', notes: ['KS9999: About the nested model.'] });
    expect(toDot(diagram)).toContain('label=<<b>encoder</b> (Sequential)<br/><font color="#f9a825" point-size="9"><b>KS9999</b></font>>; style="rounded,dashed"; color="#f9a825"; penwidth=2;');
    expect(toMermaid(diagram)).toContain('  style c0 stroke:#f9a825,stroke-width:2px\n');
    const empty = await draw(nested([]), 'm.json', 'dot');
    expect(empty).not.toContain('subgraph');
    expect(empty).toContain('"d0" -> "encoder";\n  "encoder" -> "out";');
  });

  it('escapes any layer name in DOT and Mermaid', async () => {
    const name = 'a "quoted" <b>name</b> & \\ back';
    const model = JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'Dense', config: { name, units: 2, batch_input_shape: [null, 3] } }] }, keras_version: '2.15.0' });
    const dot = await draw(model, 'm.json', 'dot');
    expect(dot).toContain('"a \\"quoted\\" <b>name</b> & \\\\ back" [id="node:a \\"quoted\\" <b>name</b> & \\\\ back"');
    expect(dot).toContain('<b>a &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; \\ back</b>');
    const svg = await draw(model, 'm.json', 'svg');
    expect(svg).toContain('a &quot;quoted&quot; &lt;b&gt;name&lt;/b&gt; &amp; \\ back');
    const mmd = await draw(model, 'm.json', 'mermaid');
    expect(mmd).toContain('n1("<b>a #quot;quoted#quot; #lt;b#gt;name#lt;/b#gt; #amp; \\ back</b><br/>Dense(2)<br/>(None, 2)');
  });

  it('draws names Graphviz cannot take as they are: control characters, NUL, lone surrogates, 20,000 characters', async () => {
    const names = ['a\u0000b', 'c\u0001d', 'e\ud800f', 'g'.repeat(20_000), 'g'.repeat(20_000) + 'h'];
    const model = JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers: names.map((name, i) => ({ class_name: 'Dense', config: { name, units: 2, ...(i === 0 && { batch_input_shape: [null, 3] }) } })) }, keras_version: '2.15.0' });
    const svg = await draw(model, 'm.json', 'svg');
    const b = boxes(svg);
    expect(b.map((x) => x.id.slice(0, 12))).toEqual(['(input)', 'a\\x00b', 'c\\x01d', 'e\ufffdf', 'g'.repeat(12), 'g'.repeat(12), '(output)']);
    expect(new Set(b.map((x) => x.id)).size).toBe(7);
    // The spans are keyed by the ids the SVG shows, so a click on any box finds its text.
    const { spans } = await graphSpec(model, { fileName: 'm.json', format: 'dot' });
    expect(b.filter((x) => x.classes[0] === 'layer').every((x) => spans!.has(x.id))).toBe(true);
    expect(svg).toContain(`<text xml:space="preserve" text-anchor="start" x="`);
    expect(svg).toContain(`>${'g'.repeat(60)}…</text>`);
    expect(await draw(model, 'm.json', 'mermaid')).toContain('n1("<b>a\\x00b</b><br/>Dense(2)');
  });

  it('gives no diagram, only diagnostics, for text that is not a model', async () => {
    const r = await graphSpec('layers: [', { fileName: 'x.yaml' });
    expect(r.ok).toBe(false);
    expect(r.output).toBeUndefined();
    expect(r.diagnostics[0]!.code).toBe('KS1002');
  });
});

describe('box text', () => {
  it('wraps a long call between arguments, never inside a tuple or a string', () => {
    expect(wrapCall("ZeroPadding2D(padding=((0, 1), (0, 1)), data_format='channels_first', name='a, b')", 40)).toEqual([
      'ZeroPadding2D(padding=((0, 1), (0, 1)),',
      "data_format='channels_first',",
      "name='a, b')",
    ]);
    expect(wrapCall('Dense(90)')).toEqual(['Dense(90)']);
    expect(wrapCall(`Rescaling(${'1'.repeat(80)})`, 44)).toEqual([`Rescaling(${'1'.repeat(34)}…`]);
  });

  it('leaves out initial values, penalties, constraints, trainability and the input shape', async () => {
    const model = JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'Conv2D', config: { name: 'c', trainable: false, batch_input_shape: [null, 8, 8, 1], filters: 4, kernel_size: [3, 3], padding: 'same', kernel_initializer: { class_name: 'HeNormal', config: {} }, kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } }, kernel_constraint: { class_name: 'MaxNorm', config: { max_value: 2 } } } }] }, keras_version: '2.15.0' });
    expect(await draw(model, 'm.json', 'dot')).toContain("<b>c</b><br/>Conv2D(4, (3, 3), padding='same')<br/>");
  });
});

describe('layout', () => {
  it('is deterministic: the same spec gives the same bytes', async () => {
    const text = JSON.stringify(resnet50());
    const [a, b] = [await draw(text, 'r.json', 'svg'), await draw(text, 'r.json', 'svg')];
    expect(a).toBe(b);
  });

  it('lays out a 400-layer model with no two boxes overlapping and every tensor drawn', async () => {
    const svg = await draw(residualMlp(100), 'residual.json', 'svg');
    const b = boxes(svg);
    expect(b.length).toBe(1 + 400 + 1);
    const sorted = [...b].sort((p, q) => p.y0 - q.y0);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j]!.y0 < sorted[i]!.y1; j++) {
        const [p, q] = [sorted[i]!, sorted[j]!];
        expect(p.x1 <= q.x0 || q.x1 <= p.x0, `${p.id} overlaps ${q.id}`).toBe(true);
      }
    }
    // 100 × (Dense, BN, Activation fed once; Add fed twice) + the output.
    expect(svg.match(/<g id="edge\d+" class="edge">/g)!.length).toBe(100 * 5 + 1);
    // The SVG scales: a viewBox, sizes in points.
    expect(svg).toMatch(/<svg width="\d+pt" height="\d+pt"\n viewBox="0\.00 0\.00 [\d.]+ [\d.]+"/);
  });
});

describe('kspec graph (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kspec-graph-'));

  it('writes an SVG, or the format -o names', async () => {
    const svg = join(dir, 'seed.svg');
    expect(await runMainAsync(['graph', join(ROOT, 'examples/seed.yaml'), '-o', svg])).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(svg, 'utf8')).toBe(await draw(SEED, 'seed.yaml', 'svg'));
    const dot = join(dir, 'seed.gv');
    expect((await runMainAsync(['graph', join(ROOT, 'examples/seed.yaml'), '-o', dot])).code).toBe(0);
    expect(readFileSync(dot, 'utf8')).toBe(readFileSync(join(ROOT, 'fixtures/graph/seed.dot'), 'utf8'));
    const r = await runMainAsync(['graph', join(ROOT, 'examples/seed.yaml'), '--format', 'mermaid']);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'fixtures/graph/seed.mmd'), 'utf8'));
  });

  it('draws a spec with errors, reports them and exits 1', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, BROKEN);
    const r = await runMainAsync(['graph', file, '--format', 'dot', '--no-color']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(readFileSync(join(ROOT, 'fixtures/graph/broken.dot'), 'utf8'));
    expect(r.stderr).toContain(`${file}:4:14: error KS2002 "Dense" has no argument "activaton". Did you mean "activation"?`);
    expect(r.stderr).toContain(`${file}:5:5: error KS2001 Unknown layer class "Dens". Did you mean "Dense"?`);
  });

  it('draws a .keras archive from its config, and refuses an HDF5 file with its diagnostic', async () => {
    const keras = join(dir, 'model.keras');
    writeFileSync(keras, zipFiles({ 'metadata.json': '{"keras_version": "3.9.2"}', 'config.json': KERAS3, 'model.weights.h5': '' }));
    const r = await runMainAsync(['graph', keras, '--format', 'dot', '--no-color']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(await draw(KERAS3, 'model.keras/config.json', 'dot'));
    expect(r.stderr).toContain('model.keras/config.json:');
    const h5 = join(dir, 'model.h5');
    writeFileSync(h5, Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]));
    expect(await runMainAsync(['graph', h5, '--no-color'])).toMatchObject({ code: 1, stdout: '', stderr: `${h5}:1:1: error KS1008 HDF5 (.h5) configs are not supported yet.\n` });
  });

  it('refuses an unknown format with a usage error', async () => {
    const r = await runMainAsync(['graph', join(ROOT, 'examples/seed.yaml'), '--format', 'png']);
    expect(r).toMatchObject({ code: 2, stderr: 'kspec: --format must be svg, dot, mermaid for graph\n' });
  });
});
