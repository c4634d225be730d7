/**
 * Fixes as minimal text edits on the user's file, in the file's own style: only the changed nodes
 * change, so YAML keeps its comments, key order, quoting and indentation, and JSON its layout.
 * Every method returns undefined when it cannot make a safe edit (the diagnostic is then shown
 * without a fix, never with a wrong one).
 */
import type { Location, Path, TextEdit } from '../diagnostics/diagnostic.js';
import type { LayerTemplate } from '../ir/activations.js';
import { kerasSnakeCase, Names, type LayerNode, type ModelGraph } from '../ir/graph.js';
import type { ParsedDocument } from '../parse/document.js';
import type { Dialect } from '../parse/detect.js';
import type { TreeNode } from '../parse/tree.js';
import type { Span } from '../source/source-file.js';
import type { Fixer } from './fixer.js';
import { callText, jsonBlock, jsonInline, pyLiteral, yamlFlow, yamlScalar } from './render.js';

type Scalar = string | number | boolean | null;

export function createFixer(doc: ParsedDocument, dialect: Dialect): Fixer {
  const text = doc.file.text;
  const json = doc.syntax === 'json';
  const slice = (s: Span) => text.slice(s.start, s.end);
  const lineStart = (o: number) => text.lastIndexOf('\n', o - 1) + 1;
  const lineEnd = (o: number) => {
    const i = text.indexOf('\n', o);
    return i < 0 ? text.length : text[i - 1] === '\r' ? i - 1 : i;
  };
  const indentOf = (o: number) => /^[ \t]*/.exec(text.slice(lineStart(o)))![0];

  // Indexes built once per file, on first use: a big model has a fix on every layer, and a scan of
  // the whole text or graph per fix would make linting it quadratic.
  let words: Map<string, number> | undefined;
  /** How often `name` occurs in the text as a whole word (`\bname\b`). */
  const mentionsIn = (name: string): number => {
    if (!/^\w+$/.test(name)) return text.split(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)).length - 1;
    if (!words) {
      words = new Map();
      for (const m of text.matchAll(/\w+/g)) words.set(m[0], (words.get(m[0]) ?? 0) + 1);
    }
    return words.get(name) ?? 0;
  };
  const graphNames = new Map<ModelGraph, Set<string>>();
  /** The graph's layer names plus the names one fix adds (each fix names its layers on its own). */
  const namesFor = (graph: ModelGraph) => {
    let names = graphNames.get(graph);
    if (!names) graphNames.set(graph, (names = new Set(graph.layers.map((l) => l.name))));
    return new Names([], names);
  };
  const referenceIndex = new Map<string, Map<string, Span[]>>();

  /** The text of a scalar value, quoted like `raw` (the text it replaces). */
  const scalarLike = (raw: string, value: Scalar): string => {
    const q = raw[0];
    if (q === "'" || q === '"') return typeof value === 'string' ? (q === '"' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`) : String(value);
    return json ? JSON.stringify(value) : yamlScalar(value);
  };

  /** An exact span for a location inside a call string, or undefined when it is not exact. */
  const exact = (at: Location): Span | undefined => {
    const span = doc.locate(at);
    if (at.inner && span.end - span.start !== at.inner.end - at.inner.start) return undefined;
    return span;
  };

  const fixer: Fixer = {
    replaceValue(at, value) {
      const span = exact(at);
      if (!span) return undefined;
      const raw = slice(span);
      if (at.inner) {
        const q = raw[0] === '"' ? '"' : "'";
        return [{ span, text: typeof value === 'string' ? pyLiteral(value, q) : pyLiteral(value) }];
      }
      const node = doc.node(at.path);
      if (node?.kind !== 'scalar') return undefined;
      return [{ span, text: scalarLike(raw, value) }];
    },

    renameKey(at, key) {
      const span = exact(at);
      if (!span) return undefined;
      const raw = slice(span);
      if (at.inner) return /^[A-Za-z_]\w*$/.test(raw) ? [{ span, text: key }] : undefined;
      return [{ span, text: scalarLike(raw, key) }];
    },

    addArgument(layer, key, value) {
      const entry = layer.origin.entry;
      if (!entry || dialect === 'kspec') return undefined;
      const config = doc.node([...entry, 'config']);
      if (config?.kind !== 'map') return undefined;
      return addToMap(config, key, value);
    },

    insertAfter(graph, layer, chain) {
      const entry = layer.origin.entry;
      if (!entry || typeof entry[entry.length - 1] !== 'number') return undefined;
      const listPath = entry.slice(0, -1);
      const list = doc.node(listPath);
      const item = doc.node(entry);
      if (list?.kind !== 'seq' || !item) return undefined;
      const index = entry[entry.length - 1] as number;
      if (dialect === 'kspec') return insertKspec(graph, layer, chain, list, item, index);
      return insertKeras(graph, layer, chain, listPath, list, item, index);
    },
  };

  /** Adds `key: value` as the last entry of a mapping, in its layout. */
  function addToMap(map: TreeNode & { kind: 'map' }, key: string, value: Scalar): TextEdit[] | undefined {
    const last = map.entries[map.entries.length - 1];
    if (!last) return undefined;
    const flow = json || text[map.span.start] === '{';
    const own = slice(map.span);
    const spaced = !json || /": |, "/.test(own);
    const pair = json ? `${JSON.stringify(key)}:${spaced ? ' ' : ''}${JSON.stringify(value)}` : `${yamlScalar(key)}: ${yamlScalar(value)}`;
    const end = last.value.span.end;
    if (flow) {
      const multiline = own.includes('\n');
      const sep = multiline ? `,\n${indentOf(last.keySpan.start)}` : spaced ? ', ' : ',';
      return [{ span: { start: end, end }, text: sep + pair }];
    }
    const at = lineEnd(end);
    return [{ span: { start: at, end: at }, text: `\n${indentOf(last.keySpan.start)}${pair}` }];
  }

  /** The text between two neighbouring items of a JSON or flow list, or a default for its layout. */
  function separator(list: TreeNode & { kind: 'seq' }, index: number, item: TreeNode): string {
    const next = list.items[index + 1];
    const prev = list.items[index - 1];
    if (next) return text.slice(item.span.end, next.span.start);
    if (prev) return text.slice(prev.span.end, item.span.start);
    return slice(list.span).includes('\n') ? `,\n${indentOf(item.span.start)}` : ', ';
  }

  /** Inserts list items after `item`: flow lists (JSON, `[a, b]`) by separator, YAML blocks by line. */
  function insertItems(list: TreeNode & { kind: 'seq' }, item: TreeNode, index: number, texts: readonly string[]): TextEdit[] {
    const flow = json || text[list.span.start] === '[';
    if (flow) {
      const sep = separator(list, index, item);
      return [{ span: { start: item.span.end, end: item.span.end }, text: texts.map((t) => sep + t).join('') }];
    }
    const dashAt = text.lastIndexOf('-', item.span.start);
    const indent = ' '.repeat(dashAt - lineStart(dashAt));
    const at = lineEnd(Math.max(item.span.end - 1, item.span.start));
    return [{ span: { start: at, end: at }, text: texts.map((t) => `\n${indent}- ${t}`).join('') }];
  }

  function insertKspec(graph: ModelGraph, layer: LayerNode, chain: readonly LayerTemplate[], list: TreeNode & { kind: 'seq' }, item: TreeNode, index: number): TextEdit[] | undefined {
    // Functional specs: safe only when nothing names the layer (its consumers then take the
    // previous output, which becomes the new layers'); a shared or nested layer is never moved.
    if (graph.style === 'functional') {
      if (layer.calls.length !== 1 || layer.model) return undefined;
      const own = slice(item.span);
      const mentions = mentionsIn(layer.name);
      const ownMentions = own.split(new RegExp(`\\b${layer.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`)).length - 1;
      if (mentions > ownMentions) return undefined;
    }
    const mapping = item.kind === 'map';
    const quote = /"/.test(slice(item.span)) && !/'/.test(slice(item.span)) ? '"' : "'";
    const texts = chain.map((t) => {
      if (mapping) return json ? jsonInline({ [t.className]: t.config }, true) : `${t.className}: ${yamlFlow(t.config)}`;
      const call = callText(t, quote);
      return json ? JSON.stringify(call) : yamlScalar(call);
    });
    return insertItems(list, item, index, texts);
  }

  function insertKeras(graph: ModelGraph, layer: LayerNode, chain: readonly LayerTemplate[], listPath: Path, list: TreeNode & { kind: 'seq' }, item: TreeNode, index: number): TextEdit[] | undefined {
    const taken = namesFor(graph);
    const functional = graph.style === 'functional';
    let prev = layer.name;
    const entries = chain.map((t) => {
      const name = taken.unique(`${layer.name}_${kerasSnakeCase(t.className)}`);
      const e: Record<string, unknown> = { class_name: t.className, config: { name, trainable: true, ...t.config } };
      if (functional) Object.assign(e, { name, inbound_nodes: layer.calls.map((_, k) => [[prev, k, 0, {}]]) });
      prev = name;
      return e;
    });
    const last = prev;
    let texts: string[];
    const own = slice(item.span);
    if (json) {
      const multiline = own.includes('\n');
      const unit = multiline ? (/\n([ \t]+)/.exec(own)?.[1]?.slice(indentOf(item.span.start).length) ?? '  ') : '';
      texts = entries.map((e) => (multiline ? jsonBlock(e, unit, indentOf(item.span.start)) : jsonInline(e, /": /.test(own))));
    } else {
      if (functional || item.kind !== 'map') return undefined;
      const keyIndent = ' '.repeat(item.entries[0]!.keySpan.start - lineStart(item.entries[0]!.keySpan.start));
      texts = entries.map((e) => `class_name: ${e.class_name}\n${keyIndent}config: ${yamlFlow(e.config)}`);
    }
    const edits = insertItems(list, item, index, texts);
    if (!functional) return edits;
    // Rewire: every other reference to the layer now names the last inserted layer.
    const configPath = listPath.slice(0, -1);
    for (const ref of references(configPath, layer.name)) edits.push({ span: ref, text: JSON.stringify(last) });
    return edits;
  }

  /** Spans of the layer-name strings in inbound nodes and output_layers that name `name`. */
  function references(configPath: Path, name: string): Span[] {
    const key = JSON.stringify(configPath);
    let index = referenceIndex.get(key);
    if (!index) referenceIndex.set(key, (index = referencesByName(configPath)));
    return [...(index.get(name) ?? [])];
  }

  function referencesByName(configPath: Path): Map<string, Span[]> {
    const out = new Map<string, Span[]>();
    const layers = doc.node([...configPath, 'layers']);
    const visitTriple = (t: TreeNode | undefined) => {
      const first = t?.kind === 'seq' ? t.items[0] : undefined;
      if (first?.kind !== 'scalar' || typeof first.value !== 'string') return;
      const name = first.value;
      let spans = out.get(name);
      if (!spans) out.set(name, (spans = []));
      spans.push(first.span);
    };
    if (layers?.kind === 'seq') {
      for (const l of layers.items) {
        if (l.kind !== 'map') continue;
        const nodes = l.entries.find((e) => e.key === 'inbound_nodes')?.value;
        if (nodes?.kind !== 'seq') continue;
        for (const n of nodes.items) if (n.kind === 'seq') n.items.forEach(visitTriple);
      }
    }
    const outputs = doc.node([...configPath, 'output_layers']);
    if (outputs?.kind === 'seq') outputs.items.forEach(visitTriple);
    return out;
  }

  return fixer;
}
