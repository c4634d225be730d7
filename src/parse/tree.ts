/** The positioned tree: what the parsers produce, so that any path can be located in the text. */
import type { Span } from '../source/source-file.js';
import type { Location, Path } from '../diagnostics/diagnostic.js';

export type Scalar = string | number | boolean | null;

export interface MapEntry {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: TreeNode;
}
export interface MapNode {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: MapEntry[];
}
export interface SeqNode {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: TreeNode[];
}
export interface ScalarNode {
  readonly kind: 'scalar';
  readonly span: Span;
  readonly value: Scalar;
}
export type TreeNode = MapNode | SeqNode | ScalarNode;

/** The node a path reaches exactly (the last of duplicate keys, as JSON.parse keeps). */
export function nodeAt(root: TreeNode, path: Path): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    if (node.kind === 'map' && typeof step === 'string') node = [...node.entries].reverse().find((e) => e.key === step)?.value;
    else if (node.kind === 'seq' && typeof step === 'number') node = node.items[step];
    else return undefined;
  }
  return node;
}

/** The span a location points at: the deepest node the path reaches, its key or its value. */
export function locate(root: TreeNode, at: Location, text: string): Span {
  let node: TreeNode = root;
  let keySpan: Span | undefined;
  let complete = true;
  for (const step of at.path) {
    let next: TreeNode | undefined;
    keySpan = undefined;
    if (node.kind === 'map' && typeof step === 'string') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i]!;
        if (e.key === step) {
          next = e.value;
          keySpan = e.keySpan;
          break;
        }
      }
    } else if (node.kind === 'seq' && typeof step === 'number') {
      next = node.items[step];
    }
    if (!next) {
      complete = false;
      break;
    }
    node = next;
  }
  if (complete && at.part === 'key' && keySpan) return keySpan;
  if (complete && at.inner && node.kind === 'scalar') return innerSpan(node, at.inner, text);
  return node.span;
}

/** Offsets inside a string scalar map onto the text when the scalar is written without escapes. */
function innerSpan(node: ScalarNode, inner: Span, text: string): Span {
  if (typeof node.value !== 'string') return node.span;
  const raw = text.slice(node.span.start, node.span.end);
  for (const quote of ['', '"', "'"]) {
    if (raw === quote + node.value + quote) {
      const base = node.span.start + quote.length;
      return { start: base + inner.start, end: base + inner.end };
    }
  }
  return node.span;
}
