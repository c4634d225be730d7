/**
 * `kspec graph`'s model of a diagram: one node per layer (name, call string, output shape), an input
 * node per model input, an output node per model output, edges for tensors, nested models as
 * clusters. Layers kspec inserted and layers with errors or warnings are marked. The DOT and Mermaid
 * writers read only this, so both show the same thing.
 */
import type { Diagnostic, Location, Path } from '../diagnostics/diagnostic.js';
import { layerCall } from '../emit/kspec.js';
import { outputShape, tuple } from '../emit/summary.js';
import { inferShapes } from '../infer/index.js';
import type { InferResult } from '../infer/types.js';
import { argsOf, lookupLayer } from '../ir/catalogue/index.js';
import type { ArgType, LayerCategory, LayerSpec } from '../ir/catalogue/types.js';
import type { LayerNode, ModelGraph, TensorRef } from '../ir/graph.js';

export type Mark = 'error' | 'warning';

export interface DiagramNode {
  /** Unique in the diagram: the layer's name, prefixed by its enclosing models' (`encoder/dense`). */
  readonly id: string;
  readonly kind: 'layer' | 'input' | 'output';
  /** The layer's name; `output` (or `output 1`…) for an output node. */
  readonly name: string;
  readonly className: string;
  /** The layer as a Keras call string with Keras's defaults left out (`Conv2D(64, (3, 3))`). */
  readonly call?: string;
  /** Keras's rendering of the output shape: `(None, 90)`. */
  readonly shape?: string;
  readonly category?: LayerCategory;
  /** Which rewrite inserted the layer (`activation`). */
  readonly inserted?: string;
  /** The worst diagnostic pointing into the layer; its diagnostics' lines (`KS2001: …`), an output's source (`from dense`). */
  readonly mark?: Mark;
  readonly notes: readonly string[];
  /** Where the layer is written (a layer node; an inserted layer points at the text that caused it). */
  readonly at?: Location;
}

export interface Cluster {
  readonly id: string;
  /** The nested model layer's name and class (`Sequential`, `Functional`); the model's own for the root. */
  readonly name: string;
  readonly className: string;
  readonly nodes: readonly DiagramNode[];
  readonly clusters: readonly Cluster[];
  /** Diagnostics on the nested model layer itself (a wrong argument of the call, say). */
  readonly mark?: Mark;
  readonly notes?: readonly string[];
}

export interface Diagram {
  readonly name: string;
  readonly root: Cluster;
  /** [from id, to id], in graph order. */
  readonly edges: readonly (readonly [string, string])[];
}

const modelClass = (g: ModelGraph) => (g.style === 'sequential' ? 'Sequential' : 'Functional');

/** Where each layer's text starts, to attribute diagnostics to the layer whose entry holds them. */
interface Anchor {
  readonly path: Path;
  readonly id: string;
  readonly synthetic: boolean;
}

const isPrefix = (p: Path, of: Path) => p.length <= of.length && p.every((x, i) => of[i] === x);

/** The layer a diagnostic points into: the longest origin path that prefixes its path (a written layer before an inserted one). */
function owner(anchors: readonly Anchor[], d: Diagnostic): string | undefined {
  let best: Anchor | undefined;
  for (const a of anchors) {
    if (!isPrefix(a.path, d.at.path)) continue;
    if (!best || a.path.length > best.path.length || (a.path.length === best.path.length && best.synthetic && !a.synthetic)) best = a;
  }
  return best?.id;
}

/** Where a call's arguments are separated: `, ` outside brackets and quotes. */
function argumentBreaks(call: string): number[] {
  const at: number[] = [];
  let depth = 0;
  let quote = '';
  for (let i = 0; i < call.length; i++) {
    const c = call[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 1 && call[i + 1] === ' ') at.push(i);
  }
  return at;
}

/** Long calls wrap between arguments, so boxes stay narrow; at most four lines, the rest cut with `…`. */
export function wrapCall(call: string, width = 44): string[] {
  const lines: string[] = [];
  let start = 0;
  let last = 0;
  for (const b of [...argumentBreaks(call), call.length]) {
    if (b - start > width && last > start && lines.length < 3) {
      lines.push(call.slice(start, last + 1));
      start = last + 2;
    }
    last = b;
  }
  const rest = call.slice(start);
  lines.push(rest.length > width * 1.5 ? rest.slice(0, width) + '…' : rest);
  return lines;
}

export function buildDiagram(graph: ModelGraph, diagnostics: readonly Diagnostic[] = [], shapes: InferResult = inferShapes(graph)): Diagram {
  const edges: [string, string][] = [];
  const anchors: Anchor[] = [];
  const marks = new Map<string, { mark: Mark; notes: string[] }>();

  // The node a model's output tensor comes from, descending into nested models.
  const source = (g: ModelGraph, prefix: string, ref: TensorRef): string => {
    const layer = g.layers.find((l) => l.name === ref.layer);
    if (!layer || !drawnAsCluster(layer)) return prefix + ref.layer;
    const inner = layer.model!;
    const out = inner.style === 'sequential' ? lastRef(inner) : inner.outputs[ref.tensor];
    return out ? source(inner, `${prefix}${layer.name}/`, out) : prefix + ref.layer;
  };
  // The nodes a call of a nested model feeds: its input layers, or a sequential model's first layer.
  const entries = (l: LayerNode, prefix: string): string[] => {
    const inner = l.model!;
    const p = `${prefix}${l.name}/`;
    if (inner.style === 'sequential') return inner.layers[0] ? targets(inner.layers[0], p) : [];
    return inner.inputs.map((r) => p + r.layer);
  };
  const targets = (l: LayerNode, prefix: string): string[] => (drawnAsCluster(l) ? entries(l, prefix) : [prefix + l.name]);

  const cluster = (g: ModelGraph, name: string, prefix: string, s: InferResult, top: boolean): Cluster => {
    const nodes: DiagramNode[] = [];
    const clusters: Cluster[] = [];
    let previous: string | undefined;
    if (top && g.style === 'sequential' && g.layers[0]?.className !== 'InputLayer') {
      // A sequential model's input is its first layer's batch_input_shape: drawn as its own node.
      const first = g.layers[0];
      const inShape = first ? s.layers.get(first.name)?.inputs[0]?.[0] : undefined;
      previous = `${prefix}(input)`;
      nodes.push({ id: previous, kind: 'input', name: 'input', className: 'Input', ...(inShape && { shape: tuple(inShape) }), notes: [] });
    }
    for (const l of g.layers) {
      const id = prefix + l.name;
      anchors.push({ path: l.origin.entry ?? l.origin.at.path, id, synthetic: l.origin.synthetic !== undefined });
      if (drawnAsCluster(l)) {
        const inner = s.nested.get(l.name) ?? { layers: new Map(), nested: new Map(), problems: [] };
        clusters.push(cluster(l.model!, l.name, `${id}/`, inner, false));
      } else {
        const spec = l.model ? undefined : lookupLayer(l.className)?.spec;
        const call = spec && l.className !== 'InputLayer' ? layerCall(spec, drawnArgs(spec, l.config), false) : undefined;
        // An input's shape reads as a plain tuple, as for a sequential model's input node.
        const inShape = l.className === 'InputLayer' ? s.layers.get(l.name)?.outputs[0]?.[0] : undefined;
        const shape = inShape ? tuple(inShape) : outputShape(l, s);
        nodes.push({
          id,
          kind: l.className === 'InputLayer' ? 'input' : 'layer',
          name: l.name,
          className: l.model ? modelClass(l.model) : l.className,
          ...(call && { call }),
          ...(shape !== '?' && { shape }),
          ...(spec && { category: spec.category }),
          ...(l.origin.synthetic && { inserted: l.origin.synthetic }),
          notes: [],
          at: l.origin.at,
        });
      }
      if (g.style === 'sequential') {
        if (previous) for (const t of targets(l, prefix)) edges.push([previous, t]);
        previous = source(g, prefix, { layer: l.name, node: 0, tensor: 0 });
      } else {
        for (const call of l.calls) for (const ref of call.inputs) for (const t of targets(l, prefix)) edges.push([source(g, prefix, ref), t]);
      }
    }
    if (top) {
      const outs = g.style === 'sequential' ? [lastRef(g)].filter((r) => r !== undefined) : g.outputs;
      outs.forEach((ref, i) => {
        const id = `${prefix}(output${outs.length > 1 ? ` ${i}` : ''})`;
        nodes.push({ id, kind: 'output', name: outs.length > 1 ? `output ${i}` : 'output', className: 'Output', notes: [`from ${ref.layer}`] });
        edges.push([source(g, prefix, ref), id]);
      });
    }
    return { id: prefix || 'model', name, className: modelClass(g), nodes, clusters };
  };

  const root = cluster(graph, graph.name, '', shapes, true);
  // A reference to a layer that does not exist (a spec with errors) draws no edge, not an invented box.
  const ids = new Set(allNodes(root).map((n) => n.id));
  const drawn = edges.filter(([from, to]) => ids.has(from) && ids.has(to));
  for (const d of diagnostics) {
    if (d.severity === 'info') continue;
    const id = owner(anchors, d);
    if (!id) continue;
    const m = marks.get(id) ?? { mark: 'warning', notes: [] };
    if (d.severity === 'error') m.mark = 'error';
    m.notes.push(`${d.code}: ${d.message}`);
    marks.set(id, m);
  }
  return { name: graph.name, root: marks.size ? withMarks(root, marks) : root, edges: drawn };
}

function withMarks(c: Cluster, marks: ReadonlyMap<string, { mark: Mark; notes: string[] }>): Cluster {
  const own = marks.get(c.id.slice(0, -1));
  return {
    ...c,
    ...(own && { mark: own.mark, notes: own.notes }),
    nodes: c.nodes.map((n) => {
      const m = marks.get(n.id);
      return m ? { ...n, mark: m.mark, notes: m.notes } : n;
    }),
    clusters: c.clusters.map((x) => withMarks(x, marks)),
  };
}

/**
 * What a box leaves out of the call: the input shape (the input node shows it) and what does not
 * change the architecture (initial values, penalties, constraints, trainability, dtype).
 */
const UNDRAWN_KEYS = new Set(['batch_input_shape', 'input_shape', 'batch_shape', 'batch_size', 'trainable', 'dtype']);
const UNDRAWN_TYPES = new Set<ArgType['t']>(['initializer', 'regularizer', 'constraint']);
const undrawn = (t: ArgType | undefined): boolean => t !== undefined && (UNDRAWN_TYPES.has(t.t) || (t.t === 'union' && t.of.some(undrawn)));
function drawnArgs(spec: LayerSpec, config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const args = argsOf(spec);
  return Object.fromEntries(Object.entries(config).filter(([k]) => !UNDRAWN_KEYS.has(k) && !undrawn(args.get(k)?.type)));
}

/** A nested model is drawn as a cluster of its layers; one without layers as a box of its own. */
const drawnAsCluster = (l: LayerNode): boolean => (l.model?.layers.length ?? 0) > 0;

/** A sequential model's output: its last layer. */
function lastRef(g: ModelGraph): TensorRef | undefined {
  const last = g.layers[g.layers.length - 1];
  return last && { layer: last.name, node: 0, tensor: 0 };
}

/**
 * Layer names come from the user's file and may hold anything. Graphviz stops at NUL, XML forbids
 * the other control characters in labels, and invalid UTF-16 (a lone surrogate) spoils its input:
 * control characters but newlines are written `\xNN`, lone surrogates U+FFFD.
 */
export function printable(s: string): string {
  return s
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** The diagnostic codes on a marked node, each once. */
export function codesOf(n: { readonly mark?: Mark; readonly notes?: readonly string[] }): string[] {
  return n.mark && n.notes ? [...new Set(n.notes.map((x) => x.slice(0, x.indexOf(':'))))] : [];
}

/** Every node of a cluster tree, in order. */
export function allNodes(c: Cluster): DiagramNode[] {
  return [...c.nodes, ...c.clusters.flatMap(allNodes)];
}
