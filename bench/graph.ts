/**
 * `npm run bench`: `kspec graph`'s layout engine, and why it is Graphviz.
 *   - the diagram of ResNet-50 (177 layers) and of a 400-layer residual model laid out by Graphviz
 *     (`dot`, WebAssembly) and by elkjs's layered algorithm on the same nodes and edges, each first
 *     call (loading the engine included) and warm median;
 *   - `kspec graph resnet50.json -o x.svg` run cold as a user runs it, beside `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../src/compile.js';
import { allNodes, buildDiagram, wrapCall, type Diagram, type DiagramNode } from '../src/graph/diagram.js';
import { toDot } from '../src/graph/dot.js';
import { renderSvg } from '../src/graph/svg.js';
import { residualMlp, resnet50 } from './resnet.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(f: () => unknown): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}
async function firstAndWarm(f: () => unknown): Promise<[number, number]> {
  const first = await timed(f);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(await timed(f));
  return [first, median(warm)];
}

/** elkjs needs node sizes up front: the label's lines at DejaVu Sans 10 pt, as Graphviz sizes them. */
function elkGraph(d: Diagram): unknown {
  const size = (n: DiagramNode) => {
    const lines = [n.name, ...wrapCall(n.call ?? n.className), n.shape ?? ''];
    return { width: Math.max(...lines.map((l) => l.length)) * 6.1 + 20, height: lines.length * 12 + 10 };
  };
  return {
    id: 'root',
    layoutOptions: { 'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX' },
    children: allNodes(d.root).map((n) => ({ id: n.id, ...size(n) })),
    edges: d.edges.map(([s, t], i) => ({ id: `e${i}`, sources: [s], targets: [t] })),
  };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const models: [string, string][] = [['ResNet-50 (177 layers)', JSON.stringify(resnet50())], ['residual MLP (400 layers)', residualMlp(100)]];
type Elk = { layout(g: unknown): Promise<unknown> };
const ELK = (await import('elkjs/lib/elk.bundled.js')).default as unknown as new () => Elk;
let elk: Elk | undefined;
console.log('kspec graph: layout engines (first call incl. loading the engine / warm median of 5)');
for (const [what, text] of models) {
  const graph = compile(text, { fileName: 'model.json' }).graph!;
  const diagram = buildDiagram(graph);
  const dot = toDot(diagram);
  const [gvFirst, gvWarm] = await firstAndWarm(() => renderSvg(dot));
  const [elkFirst, elkWarm] = await firstAndWarm(() => (elk ??= new ELK()).layout(elkGraph(diagram)));
  const [diagramMs] = await firstAndWarm(() => toDot(buildDiagram(graph)));
  console.log(`  ${what}: diagram + DOT ${ms(diagramMs)}; Graphviz dot → SVG ${ms(gvFirst)} / ${ms(gvWarm)}; elkjs layered (layout only, no SVG) ${ms(elkFirst)} / ${ms(elkWarm)} (${(elkWarm / gvWarm).toFixed(1)}× Graphviz warm)`);
}

const dir = mkdtempSync(join(tmpdir(), 'kspec-bench-graph-'));
const spec = join(dir, 'resnet50.json');
writeFileSync(spec, JSON.stringify(resnet50()));
const cli = (args: string[]) => median([0, 1, 2, 3, 4].map(() => {
  const t = performance.now();
  spawnSync(process.execPath, args, { stdio: 'ignore', cwd: ROOT });
  return performance.now() - t;
}));
const node = cli(['-e', '0']);
const graph = cli([join(ROOT, 'bin/kspec.js'), 'graph', spec, '-o', join(dir, 'resnet50.svg')]);
console.log(`  kspec graph resnet50.json -o resnet50.svg, cold: ${ms(graph)} (node -e 0: ${ms(node)})`);
