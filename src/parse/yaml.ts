/**
 * YAML → positioned tree, safely: only the core schema's plain data is built, `!!python/tuple`
 * (legacy Keras `to_yaml`) is read as a list, any other tag is a diagnostic, and alias expansion
 * is bounded so that "billion laughs" documents cannot exhaust memory.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YNode } from 'yaml';
import type { Reporter } from '../diagnostics/report.js';
import type { Span } from '../source/source-file.js';
import { count, MAX_YAML_CHARS } from './limits.js';
import type { MapEntry, Scalar, TreeNode } from './tree.js';

/** Plain data tags the core schema resolves; anything else is refused. */
const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:null', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:map']);
const LIST_TAGS = new Set(['tag:yaml.org,2002:python/tuple']);
/** Nodes that alias expansion may add; real configs reuse a few small tuples, bombs multiply. */
export const MAX_ALIAS_NODES = 100_000;
export const MAX_DEPTH = 1000;

export function parseYamlTree(text: string, reporter: Reporter): TreeNode | undefined {
  if (text.length > MAX_YAML_CHARS) {
    const limit = `${count(MAX_YAML_CHARS)} characters for YAML; JSON may be larger`;
    reporter.report('KS1022', { path: [], inner: { start: 0, end: 0 } }, { what: `${count(text.length)} characters of YAML`, limit });
    return undefined;
  }
  const doc = parseDocument(text, { logLevel: 'error', prettyErrors: false, uniqueKeys: false, merge: false, schema: 'core', strict: true, stringKeys: false }) as Document.Parsed;
  // The yaml package recurses; on absurd nesting it reports stack overflows (how many depends on
  // the stack left), which are one nesting error here.
  const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
  if (overflow) reporter.report('KS1005', { path: [], inner: { start: overflow.pos[0], end: overflow.pos[1] } }, { limit: MAX_DEPTH });
  else for (const e of doc.errors) reporter.report('KS1002', { path: [], inner: { start: e.pos[0], end: e.pos[1] } }, { detail: yamlDetail(e.message) });
  if (doc.errors.length > 0) return undefined;
  // Each alias's node, found in one pass: the yaml package's own resolve() walks the whole
  // document for every alias, which makes a file of many aliases quadratic.
  const targets = new Map<Alias, YNode>();
  const anchors = new Map<string, YNode>();
  visit(doc, {
    Node(_, n) {
      if (isAlias(n)) {
        const t = anchors.get(n.source);
        if (t) targets.set(n, t);
      } else if (n.anchor) anchors.set(n.anchor, n);
    },
  });
  let budget = MAX_ALIAS_NODES;
  let inAlias = 0;
  let failed = false;
  const spanOf = (n: YNode): Span => ({ start: n.range?.[0] ?? 0, end: n.range?.[1] ?? 0 });
  const fail = (code: 'KS1003' | 'KS1004' | 'KS1005', span: Span, tag = ''): undefined => {
    if (!failed) {
      const at = { path: [], inner: span };
      if (code === 'KS1003') reporter.report(code, at, { tag });
      else if (code === 'KS1004') reporter.report(code, at, { limit: MAX_ALIAS_NODES });
      else reporter.report(code, at, { limit: MAX_DEPTH });
    }
    failed = true;
    return undefined;
  };

  const convert = (node: YNode | null | undefined, depth: number, fallback: Span): TreeNode | undefined => {
    if (failed) return undefined;
    if (inAlias > 0 && --budget < 0) return fail('KS1004', fallback);
    if (depth > MAX_DEPTH) return fail('KS1005', fallback);
    if (node === null || node === undefined) return { kind: 'scalar', span: fallback, value: null };
    if (isAlias(node)) {
      const target = targets.get(node);
      if (!target) return fail('KS1004', spanOf(node));
      inAlias++;
      const resolved = convert(target, depth + 1, spanOf(node));
      inAlias--;
      // An alias is located at its own text, not at its anchor.
      return resolved && { ...resolved, span: spanOf(node) };
    }
    const tag = node.tag;
    if (tag && !PLAIN_TAGS.has(tag) && !LIST_TAGS.has(tag)) return fail('KS1003', spanOf(node), tag.replace(/^tag:yaml\.org,2002:/, '!!'));
    if (isScalar(node)) {
      const v = node.value;
      const value: Scalar = typeof v === 'bigint' ? Number(v) : v === undefined ? null : (v as Scalar);
      if (typeof value === 'object' && value !== null) return fail('KS1003', spanOf(node), String(tag));
      return { kind: 'scalar', span: spanOf(node), value };
    }
    if (isSeq(node)) {
      const items: TreeNode[] = [];
      for (const item of node.items) {
        const c = convert(item as YNode, depth + 1, spanOf(node));
        if (!c) return undefined;
        items.push(c);
      }
      return { kind: 'seq', span: spanOf(node), items };
    }
    if (isMap(node)) {
      if (LIST_TAGS.has(tag ?? '')) return fail('KS1003', spanOf(node), String(tag));
      const entries: MapEntry[] = [];
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key as YNode | null;
        const keySpan = k ? spanOf(k) : spanOf(node);
        if (k && !isScalar(k)) {
          reporter.report('KS2009', { path: [], inner: keySpan }, { detail: 'Mapping keys must be plain scalars' });
          failed = true;
          return undefined;
        }
        const key = k ? String(k.value) : '';
        const value = convert(pair.value as YNode | null, depth + 1, { start: keySpan.end, end: keySpan.end });
        if (!value) return undefined;
        // PyYAML (which wrote legacy Keras YAML) keeps the last of duplicate keys; so do we, and say so.
        if (seen.has(key)) reporter.report('KS1012', { path: [], inner: keySpan }, { key });
        seen.add(key);
        entries.push({ key, keySpan, value });
      }
      return { kind: 'map', span: spanOf(node), entries };
    }
    return fail('KS1003', fallback, 'unknown node');
  };
  const root = convert(doc.contents as YNode | null, 0, { start: 0, end: 0 });
  if (!root) return undefined;
  return root;
}

function yamlDetail(message: string): string {
  return message.split('\n')[0]!.replace(/\s*at line \d+, column \d+:?$/, '').replace(/[.:]\s*$/, '');
}
