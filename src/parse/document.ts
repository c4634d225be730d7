/** Text → positioned tree and plain value, JSON or YAML, with every failure a diagnostic. */
import type { Location, Path } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SourceFile, Span } from '../source/source-file.js';
import { parseJsonTree } from './json.js';
import { locate, nodeAt, type TreeNode } from './tree.js';
import { count, MAX_JSON_VALUES } from './limits.js';
import { MAX_DEPTH, parseYamlTree } from './yaml.js';

export type Syntax = 'json' | 'yaml';

export interface ParsedDocument {
  readonly file: SourceFile;
  readonly syntax: Syntax;
  /** Plain data (null-prototype safe: `__proto__` keys stay own data properties). */
  readonly value: unknown;
  /** The span a location points at. */
  locate(at: Location): Span;
  /** The positioned node at a path (built on first use for JSON). */
  node(path: Path): TreeNode | undefined;
}

export function syntaxOf(file: SourceFile): Syntax {
  if (/\.json$/i.test(file.name)) return 'json';
  if (/\.ya?ml$/i.test(file.name)) return 'yaml';
  return /^\uFEFF?\s*[[{]/.test(file.text) ? 'json' : 'yaml';
}

export function parseDocumentText(file: SourceFile, reporter: Reporter, syntax = syntaxOf(file)): ParsedDocument | undefined {
  if (!/\S/.test(file.text)) {
    reporter.report('KS1006', { path: [] }, {});
    return undefined;
  }
  if (syntax === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(file.text.replace(/^\uFEFF/, ''));
    } catch {
      const { error } = parseJsonTree(file.text);
      const offset = error?.offset ?? 0;
      reporter.report('KS1001', { path: [], inner: { start: offset, end: offset + 1 } }, { detail: error?.message ?? 'syntax error' });
      return undefined;
    }
    const shape = jsonShape(file.text);
    if (shape.depth > MAX_DEPTH + 1) {
      reporter.report('KS1005', { path: [] }, { limit: MAX_DEPTH });
      return undefined;
    }
    if (shape.values > MAX_JSON_VALUES) {
      reporter.report('KS1022', { path: [], inner: { start: 0, end: 0 } }, { what: `about ${count(shape.values)} JSON values`, limit: `${count(MAX_JSON_VALUES)} values` });
      return undefined;
    }
    let tree: TreeNode | undefined;
    const root = () => (tree ??= parseJsonTree(file.text).tree!);
    // Absolute positions need no tree: the positioned parse runs only when a path must be found.
    const locateJson = (at: Location) => (at.path.length === 0 && at.inner ? at.inner : locateWithRoot(root(), at, file.text));
    return { file, syntax, value, locate: locateJson, node: (path) => nodeAt(root(), path) };
  }
  const tree = parseYamlTree(file.text, reporter);
  if (!tree) return undefined;
  return { file, syntax, value: toPlain(tree), locate: (at) => locateWithRoot(tree, at, file.text), node: (path) => nodeAt(tree, path) };
}

/** Top-level positions (`path: []` with an `inner` span) are absolute offsets into the text. */
function locateWithRoot(tree: TreeNode, at: Location, text: string): Span {
  if (at.path.length === 0 && at.inner) return at.inner;
  return locate(tree, at, text);
}

/** Iterative, so deep documents cannot overflow the stack. */
export function toPlain(root: TreeNode): unknown {
  const out: { v?: unknown } = {};
  const work: { node: TreeNode; set: (v: unknown) => void }[] = [{ node: root, set: (v) => (out.v = v) }];
  while (work.length > 0) {
    const { node, set } = work.pop()!;
    if (node.kind === 'scalar') set(node.value);
    else if (node.kind === 'seq') {
      const arr: unknown[] = new Array(node.items.length);
      set(arr);
      node.items.forEach((item, i) => work.push({ node: item, set: (v) => (arr[i] = v) }));
    } else {
      const obj: Record<string, unknown> = {};
      set(obj);
      // Define keys in source order first; own data properties make `__proto__` plain data.
      for (const e of node.entries) Object.defineProperty(obj, e.key, { value: undefined, enumerable: true, writable: true, configurable: true });
      for (const e of node.entries) work.push({ node: e.value, set: (v) => (obj[e.key] = v) });
    }
  }
  return out.v;
}

/**
 * How deeply the containers of valid JSON text nest, and about how many values it holds (one per
 * container and comma, so empty containers count once too): a scan is cheaper than walking the value.
 */
function jsonShape(text: string): { depth: number; values: number } {
  let depth = 0;
  let max = 0;
  let values = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x2c) values++;
    else if (c === 0x5b || c === 0x7b) {
      values++;
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return { depth: max, values };
}

/** The closing quote of the JSON string opening at `open` (a quote after an even run of backslashes). */
function stringEnd(text: string, open: number): number {
  let q = text.indexOf('"', open + 1);
  while (q > 0) {
    let slashes = 0;
    while (text.charCodeAt(q - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}
