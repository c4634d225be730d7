/**
 * What a kspec JSON spec (`examples/cnn.json`) expects at the cursor, from CodeMirror's JSON syntax
 * tree: the keys of the object the cursor is in, by where that object is (the spec, a layer item, a
 * class's arguments), a layer's call string (its class, or its arguments, as in YAML), or an
 * activation name.
 */
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { whatToCompleteInCall, type Want } from './complete-context.js';

type Node = ReturnType<ReturnType<typeof syntaxTree>['resolveInner']>;

/** Where the cursor is: in a key (`"uni|"`), in a string value, or between an object's members. */
export type JsonWant = { readonly want: Want; readonly at: 'key' | 'value' | 'member' };

function keyName(state: EditorState, property: Node): string | undefined {
  const name = property.getChild('PropertyName');
  if (!name) return undefined;
  try {
    return JSON.parse(state.doc.sliceString(name.from, name.to)) as string;
  } catch {
    return undefined;
  }
}

/** The keys and array positions from the top object down to `object`: `['layers', '[]', 'Conv2D']`. */
function pathOf(state: EditorState, object: Node): string[] | undefined {
  const path: string[] = [];
  for (let n: Node | null = object; n && n.name !== 'JsonText'; n = n.parent) {
    if (n.name === 'Array') path.unshift('[]');
    else if (n.name === 'Property') {
      const key = keyName(state, n);
      if (key === undefined) return undefined;
      path.unshift(key);
    } else if (n.name !== 'Object') return undefined;
  }
  return path;
}

/** What an object at `path` takes as keys. */
function keysAt(path: readonly string[]): Want | undefined {
  if (path.length === 0) return { kind: 'top' };
  const [last, prev, third] = [path.at(-1)!, path.at(-2), path.at(-3)];
  if (prev === 'layers' && last === '[]') return { kind: 'item' };
  if (third === 'layers' && prev === '[]' && /^[A-Z]/.test(last)) return { kind: 'args', className: last, style: 'mapping' };
  return undefined;
}

/** `pos`: the start of the word being typed. */
export function whatToCompleteJson(state: EditorState, pos: number): JsonWant | undefined {
  const node = syntaxTree(state).resolveInner(pos, -1);
  if (node.name === 'PropertyName') {
    const object = node.parent?.parent ?? undefined;
    const want = object && keysAt(pathOf(state, object) ?? ['?']);
    return want && { want, at: 'key' };
  }
  if (node.name === 'String') {
    const parent = node.parent;
    if (parent?.name === 'Property') return keyName(state, parent) === 'activation' ? { want: { kind: 'activation' }, at: 'value' } : undefined;
    if (parent?.name !== 'Array' || pathOf(state, parent)?.at(-2) !== 'layers') return undefined;
    const want = whatToCompleteInCall(state.doc.sliceString(node.from + 1, pos));
    return want && { want, at: 'value' };
  }
  // Between members, after `{` or `,`: a new key, quotes and colon included.
  const object = node.name === 'Object' ? node : node.parent?.name === 'Object' && (node.name === '{' || node.name === ',') ? node.parent : undefined;
  const want = object && keysAt(pathOf(state, object) ?? ['?']);
  return want && { want, at: 'member' };
}
