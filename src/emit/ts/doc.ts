/**
 * A tiny layout language for generated code: a `Doc` is a piece of text, or a bracketed group whose
 * items go on one line when they fit in `WIDTH` columns and one per line (with trailing commas)
 * otherwise. Layout is a pure function of the docs, so the output is deterministic.
 */
import type { CodeBlockWriter } from 'ts-morph';

export const WIDTH = 100;
const INDENT = 2;

export type Doc = string | Group | Concat;

/** Docs written one after the other (`ctor` + `.apply(` + `[a, b]` + `)`). */
export interface Concat {
  readonly parts: readonly Doc[];
}

export interface Group {
  /** `tf.layers.dense({` */
  readonly open: string;
  readonly items: readonly Doc[];
  /** `})` */
  readonly close: string;
  /** Spaces inside the brackets on one line (`{ a: 1 }`), as object literals are written. */
  readonly pad?: boolean;
  /** Always one item per line (a model's layer list). */
  readonly broken?: boolean;
}

export const concat = (...parts: Doc[]): Concat => ({ parts });

export const group = (open: string, items: readonly Doc[], close: string, o: { pad?: boolean; broken?: boolean } = {}): Group => ({ open, items, close, ...o });

/** `{ key: value, … }`. */
export const objectDoc = (entries: readonly Doc[], prefix = ''): Doc => (entries.length === 0 ? `${prefix}{}` : group(`${prefix}{`, entries, '}', { pad: true }));

/** `[a, b]`. */
export const arrayDoc = (items: readonly Doc[]): Doc => group('[', items, ']');

/** `prefix` in front of a doc (`key: ` before a value). */
export function prefixed(prefix: string, doc: Doc): Doc {
  if (typeof doc === 'string') return prefix + doc;
  return 'parts' in doc ? { parts: [prefix, ...doc.parts] } : { ...doc, open: prefix + doc.open };
}

/** The doc on one line, or undefined when some group in it must break. */
export function flat(doc: Doc): string | undefined {
  if (typeof doc === 'string') return doc;
  const parts: string[] = [];
  for (const item of 'parts' in doc ? doc.parts : doc.items) {
    const f = flat(item);
    if (f === undefined) return undefined;
    parts.push(f);
  }
  if ('parts' in doc) return parts.join('');
  if (doc.broken) return undefined;
  if (parts.length === 0) return doc.open + doc.close;
  const inner = parts.join(', ');
  return doc.pad ? `${doc.open} ${inner} ${doc.close}` : `${doc.open}${inner}${doc.close}`;
}

/**
 * Writes `head + doc + tail`: on one line when it fits; else the group broken one item per line —
 * in a concatenation the last group when the line before it fits, the first one otherwise.
 */
export function writeDoc(writer: CodeBlockWriter, head: string, doc: Doc, tail: string): void {
  const fits = (line: string) => writer.getIndentationLevel() * INDENT + line.length <= WIDTH;
  if (typeof doc === 'string') {
    writer.writeLine(head + doc + tail);
    return;
  }
  const one = flat(doc);
  const unbreakable = 'parts' in doc && doc.parts.every((p) => typeof p === 'string');
  if (one !== undefined && (unbreakable || fits(head + one + tail))) {
    writer.writeLine(head + one + tail);
    return;
  }
  if ('parts' in doc) {
    const groups = doc.parts.flatMap((p, i) => (typeof p !== 'string' && !('parts' in p) ? [i] : []));
    const at = (i: number) => {
      const before = doc.parts.slice(0, i).map(flat);
      const after = doc.parts.slice(i + 1).map(flat);
      if (before.includes(undefined) || after.includes(undefined)) return undefined;
      return { head: head + before.join(''), group: doc.parts[i] as Group, tail: after.join('') + tail };
    };
    const last = groups.length > 0 ? at(groups[groups.length - 1]!) : undefined;
    const chosen = last && fits(last.head + last.group.open) ? last : groups.length > 0 ? at(groups[0]!) : undefined;
    if (!chosen) throw new Error('kspec bug: a concatenation of docs cannot be laid out');
    writeGroup(writer, chosen.head, chosen.group, chosen.tail);
    return;
  }
  writeGroup(writer, head, doc, tail);
}

function writeGroup(writer: CodeBlockWriter, head: string, g: Group, tail: string): void {
  writer.writeLine(head + g.open);
  writer.indent(() => {
    for (const item of g.items) writeDoc(writer, '', item, ',');
  });
  writer.writeLine(g.close + tail);
}
