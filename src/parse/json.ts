/**
 * A positioned JSON parser (RFC 8259), iterative so that no nesting depth can overflow the stack.
 * `JSON.parse` stays the fast path for values; this runs only when positions are needed.
 */
import type { MapNode, Scalar, SeqNode, TreeNode } from './tree.js';

export interface JsonError {
  readonly message: string;
  readonly offset: number;
}

type Frame = { node: MapNode; key?: { key: string; span: { start: number; end: number } } } | { node: SeqNode };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_BODY = /[^"\\\u0000-\u001f]*/y;

export function parseJsonTree(text: string): { tree?: TreeNode; error?: JsonError } {
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const stack: Frame[] = [];
  let root: TreeNode | undefined;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };
  const fail = (message: string, offset = i) => ({ error: { message, offset } });
  const describe = (at: number) => (at >= n ? 'end of input' : `${JSON.stringify(text[at])}`);

  const readString = (): string | JsonError => {
    const start = i;
    i++;
    for (;;) {
      STRING_BODY.lastIndex = i;
      STRING_BODY.exec(text);
      i = STRING_BODY.lastIndex;
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        break;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { message: 'invalid \\u escape', offset: i };
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return { message: 'invalid escape sequence', offset: i };
        continue;
      }
      if (i >= n) return { message: 'unterminated string', offset: start };
      return { message: 'control character in string', offset: i };
    }
    return JSON.parse(text.slice(start, i)) as string;
  };

  const attach = (node: TreeNode): JsonError | undefined => {
    const top = stack[stack.length - 1];
    if (!top) {
      root = node;
      return undefined;
    }
    if (top.node.kind === 'seq') top.node.items.push(node);
    else {
      const f = top as { node: MapNode; key?: { key: string; span: { start: number; end: number } } };
      f.node.entries.push({ key: f.key!.key, keySpan: f.key!.span, value: node });
      f.key = undefined;
    }
    return undefined;
  };

  // state: expecting a value
  for (;;) {
    ws();
    const c = text.charCodeAt(i);
    const start = i;
    let scalar: Scalar | undefined;
    let isScalar = false;
    if (c === 123 /* { */) {
      const node: MapNode = { kind: 'map', span: { start, end: start }, entries: [] };
      attach(node);
      stack.push({ node });
      i++;
      ws();
      if (text.charCodeAt(i) === 125) {
        i++;
        (node.span as { end: number }).end = i;
        stack.pop();
      } else {
        const k = readKey();
        if ('error' in k) return { error: k.error };
        continue;
      }
    } else if (c === 91 /* [ */) {
      const node: SeqNode = { kind: 'seq', span: { start, end: start }, items: [] };
      attach(node);
      stack.push({ node });
      i++;
      ws();
      if (text.charCodeAt(i) === 93) {
        i++;
        (node.span as { end: number }).end = i;
        stack.pop();
      } else continue;
    } else if (c === 34) {
      const s = readString();
      if (typeof s !== 'string') return { error: s };
      scalar = s;
      isScalar = true;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      NUMBER.lastIndex = i;
      const mm = NUMBER.exec(text);
      if (!mm) return fail(`unexpected ${describe(i)}`);
      i = NUMBER.lastIndex;
      scalar = Number(mm[0]);
      isScalar = true;
    } else if (text.startsWith('true', i)) {
      i += 4;
      scalar = true;
      isScalar = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      scalar = false;
      isScalar = true;
    } else if (text.startsWith('null', i)) {
      i += 4;
      scalar = null;
      isScalar = true;
    } else {
      return fail(i >= n ? 'unexpected end of input' : `unexpected ${describe(i)}`);
    }
    if (isScalar) attach({ kind: 'scalar', span: { start, end: i }, value: scalar! });

    // after a value: close containers or move to the next item
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < n) return fail(`unexpected ${describe(i)} after the end of the document`);
        return { tree: root! };
      }
      const ch = text.charCodeAt(i);
      if (ch === 44 /* , */) {
        i++;
        if (top.node.kind === 'map') {
          ws();
          const k = readKey();
          if ('error' in k) return { error: k.error };
        }
        break;
      }
      const close = top.node.kind === 'map' ? 125 : 93;
      if (ch === close) {
        i++;
        (top.node.span as { end: number }).end = i;
        stack.pop();
        continue;
      }
      return fail(`expected "," or "${top.node.kind === 'map' ? '}' : ']'}" but found ${describe(i)}`);
    }
  }

  function readKey(): { ok: true } | { error: JsonError } {
    if (text.charCodeAt(i) !== 34) return { error: { message: `expected a double-quoted key but found ${describe(i)}`, offset: i } };
    const start = i;
    const s = readString();
    if (typeof s !== 'string') return { error: s };
    const keySpan = { start, end: i };
    ws();
    if (text.charCodeAt(i) !== 58) return { error: { message: `expected ":" but found ${describe(i)}`, offset: i } };
    i++;
    const top = stack[stack.length - 1] as { node: MapNode; key?: { key: string; span: { start: number; end: number } } };
    top.key = { key: s, span: keySpan };
    return { ok: true };
  }
}
