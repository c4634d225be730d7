/** Text → positioned tree and plain value, JSON or YAML, with every failure a diagnostic. */
import type { Location, Path } from '../diagnostics/diagnostic.js';
import type { Reporter } from '../diagnostics/report.js';
import type { SourceFile, Span } from '../source/source-file.js';
import { parseJsonTree } from './json.js';
import { locate, nodeAt, type TreeNode } from './tree.js';
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
  if (file.text.trim() === '' || file.text.replace(/^\uFEFF/, '').trim() === '') {
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
    if (tooDeep(value)) {
      reporter.report('KS1005', { path: [] }, { limit: MAX_DEPTH });
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

function tooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > MAX_DEPTH) return true;
    if (v !== null && typeof v === 'object') for (const c of Object.values(v)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}
