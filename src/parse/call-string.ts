/**
 * A small parser for Keras calls as people type them in Python —
 * `Dense(90, activation='LeakyRelu')`, `Conv2D(32, (3, 3), padding="same")`, `x = Dense(8)(inp)` —
 * into a literal AST with spans. Only literals, tuples, lists, dicts, names and calls are read;
 * nothing is ever evaluated, except arithmetic between number literals (`Rescaling(1./255)`,
 * `Dense(4 * 32)`), folded to the number Python computes.
 */
import type { Span } from '../source/source-file.js';

export type PyValue =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly span: Span }
  | { readonly kind: 'list'; readonly items: readonly PyValue[]; readonly tuple: boolean; readonly span: Span }
  | { readonly kind: 'dict'; readonly entries: readonly { key: PyValue; value: PyValue }[]; readonly span: Span }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'call'; readonly callee: PyValue; readonly args: readonly PyArg[]; readonly span: Span };

export interface PyArg {
  readonly name?: string;
  readonly nameSpan?: Span;
  readonly value: PyValue;
  readonly span: Span;
}

export interface PyStatement {
  readonly target?: { readonly name: string; readonly span: Span };
  readonly expr: PyValue;
}

export interface CallSyntaxError {
  readonly message: string;
  readonly span: Span;
}

type Tok = { t: 'num' | 'str' | 'name' | 'op' | 'end'; v: string; value?: string | number; start: number; end: number };

const TOKEN = /\s*(?:(?<num>(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)|(?<str>[rRbBuU]{0,2}(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))|(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<op>[()[\]{},:=.+\-*/@%<>!~^&|;`$#?]))/y;

function tokenize(src: string): Tok[] | CallSyntaxError {
  const toks: Tok[] = [];
  let i = 0;
  for (;;) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(src);
    if (!m) {
      const rest = src.slice(i);
      if (rest.trim() === '') break;
      const at = i + (rest.length - rest.trimStart().length);
      const ch = src[at]!;
      const unterminated = ch === "'" || ch === '"' || /^[rRbBuU]{1,2}['"]/.test(src.slice(at));
      return { message: unterminated ? 'unterminated string' : `unexpected character ${JSON.stringify(ch)}`, span: { start: at, end: at + 1 } };
    }
    const g = m.groups!;
    const start = m.index + m[0].length - (g.num ?? g.str ?? g.name ?? g.op)!.length;
    const end = TOKEN.lastIndex;
    if (g.num !== undefined) toks.push({ t: 'num', v: g.num, value: Number(g.num.replace(/_/g, '')), start, end });
    else if (g.str !== undefined) {
      const prefix = /^[rRbBuU]*/.exec(g.str)![0];
      const body = g.str.slice(prefix.length + 1, -1);
      const value = /r/i.test(prefix) ? body : unescapePy(body);
      if (typeof value !== 'string') return { message: value.message, span: { start, end } };
      toks.push({ t: 'str', v: g.str, value, start, end });
    } else if (g.name !== undefined) toks.push({ t: 'name', v: g.name, start, end });
    else toks.push({ t: 'op', v: g.op!, start, end });
    i = end;
  }
  toks.push({ t: 'end', v: '', start: src.length, end: src.length });
  return toks;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
function unescapePy(body: string): string | { message: string } {
  let bad: string | undefined;
  const out = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/gs, (_, e: string) => {
    if (e.length > 1) {
      const cp = parseInt(e.slice(1), 16);
      if (cp > 0x10ffff) bad = `invalid escape \\${e}`;
      return bad ? '' : String.fromCodePoint(cp);
    }
    return ESCAPES[e] ?? `\\${e}`;
  });
  return bad ? { message: bad } : out;
}

/** Parses one statement: `[name =] expression`. */
export function parseCallString(src: string): PyStatement | CallSyntaxError {
  const toks = tokenize(src);
  if (!Array.isArray(toks)) return toks;
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const err = (message: string, tok = peek()): CallSyntaxError => ({ message, span: { start: tok.start, end: Math.max(tok.end, tok.start + 1) } });
  const describe = (tok: Tok) => (tok.t === 'end' ? 'the end of the text' : JSON.stringify(tok.v));
  const isOp = (v: string) => peek().t === 'op' && peek().v === v;
  let depth = 0;

  const value = (): PyValue | CallSyntaxError => {
    if (++depth > 100) return err('nesting too deep');
    const r = arithmetic(['+', '-'], () => arithmetic(['*', '/'], postfix));
    depth--;
    return r;
  };

  /** `a op b op c`, left to right, folded when every operand is a number literal. */
  const arithmetic = (ops: readonly string[], operand: () => PyValue | CallSyntaxError): PyValue | CallSyntaxError => {
    let left = operand();
    while (!('message' in left) && peek().t === 'op' && ops.includes(peek().v)) {
      const op = next();
      const right = operand();
      if ('message' in right) return right;
      const span = { start: left.span.start, end: right.span.end };
      if (left.kind !== 'literal' || typeof left.value !== 'number' || right.kind !== 'literal' || typeof right.value !== 'number') {
        return { message: `"${op.v}" applies only to numbers`, span };
      }
      if (op.v === '/' && right.value === 0) return { message: 'division by zero', span };
      const [a, b] = [left.value, right.value];
      left = { kind: 'literal', value: op.v === '+' ? a + b : op.v === '-' ? a - b : op.v === '*' ? a * b : a / b, span };
    }
    return left;
  };

  const postfix = (): PyValue | CallSyntaxError => {
    let v = primary();
    // `r[1]`: the second output of a layer (tensor names only).
    if (!('message' in v) && v.kind === 'name' && isOp('[') && toks[p + 1]!.t === 'num' && toks[p + 2]!.t === 'op' && toks[p + 2]!.v === ']') {
      next();
      const index = next();
      const close = next();
      v = { kind: 'name', name: `${v.name}[${index.v}]`, span: { start: v.span.start, end: close.end } };
    }
    while (!('message' in v) && isOp('(')) v = callArgs(v);
    return v;
  };

  const callArgs = (callee: PyValue): PyValue | CallSyntaxError => {
    next(); // (
    const args: PyArg[] = [];
    while (!isOp(')')) {
      const start = peek().start;
      let name: string | undefined;
      let nameSpan: Span | undefined;
      if (peek().t === 'name' && toks[p + 1]!.t === 'op' && toks[p + 1]!.v === '=') {
        const tok = next();
        name = tok.v;
        nameSpan = { start: tok.start, end: tok.end };
        next();
      } else if (args.some((a) => a.name !== undefined)) {
        const v = value();
        if ('message' in v) return v;
        return { message: 'a positional argument follows a keyword argument', span: v.span };
      }
      const v = value();
      if ('message' in v) return v;
      args.push({ ...(name !== undefined && { name, nameSpan }), value: v, span: { start, end: v.span.end } });
      if (isOp(',')) next();
      else if (!isOp(')')) return err(`expected "," or ")" but found ${describe(peek())}`);
    }
    const close = next();
    return { kind: 'call', callee, args, span: { start: callee.span.start, end: close.end } };
  };

  const sequence = (open: Tok, closer: string): PyValue | CallSyntaxError => {
    const items: PyValue[] = [];
    let comma = false;
    while (!isOp(closer)) {
      const v = value();
      if ('message' in v) return v;
      items.push(v);
      if (isOp(',')) {
        next();
        comma = true;
      } else if (!isOp(closer)) return err(`expected "," or "${closer}" but found ${describe(peek())}`);
    }
    const close = next();
    const span = { start: open.start, end: close.end };
    if (closer === ')' && items.length === 1 && !comma) return { ...items[0]!, span: items[0]!.span };
    return { kind: 'list', items, tuple: closer === ')', span };
  };

  const primary = (): PyValue | CallSyntaxError => {
    const tok = peek();
    if (tok.t === 'end') return err('expected a value but the text ended');
    if (tok.t === 'num' || tok.t === 'str') {
      next();
      // Adjacent string literals concatenate, as in Python.
      if (tok.t === 'str') {
        let s = tok.value as string;
        let end = tok.end;
        while (peek().t === 'str') {
          const t2 = next();
          s += t2.value as string;
          end = t2.end;
        }
        return { kind: 'literal', value: s, span: { start: tok.start, end } };
      }
      return { kind: 'literal', value: tok.value as number, span: { start: tok.start, end: tok.end } };
    }
    if (tok.t === 'op' && (tok.v === '-' || tok.v === '+')) {
      next();
      const v = primary();
      if ('message' in v) return v;
      if (v.kind !== 'literal' || typeof v.value !== 'number') return { message: `"${tok.v}" applies only to numbers`, span: { start: tok.start, end: v.span.end } };
      return { kind: 'literal', value: tok.v === '-' ? -v.value : v.value, span: { start: tok.start, end: v.span.end } };
    }
    if (tok.t === 'op' && tok.v === '(') return sequence(next(), ')');
    if (tok.t === 'op' && tok.v === '[') return sequence(next(), ']');
    if (tok.t === 'op' && tok.v === '{') {
      const open = next();
      const entries: { key: PyValue; value: PyValue }[] = [];
      while (!isOp('}')) {
        const k = value();
        if ('message' in k) return k;
        if (!isOp(':')) return err(`expected ":" but found ${describe(peek())}`);
        next();
        const v = value();
        if ('message' in v) return v;
        entries.push({ key: k, value: v });
        if (isOp(',')) next();
        else if (!isOp('}')) return err(`expected "," or "}" but found ${describe(peek())}`);
      }
      const close = next();
      return { kind: 'dict', entries, span: { start: open.start, end: close.end } };
    }
    if (tok.t === 'name') {
      next();
      if (tok.v === 'True' || tok.v === 'False') return { kind: 'literal', value: tok.v === 'True', span: { start: tok.start, end: tok.end } };
      if (tok.v === 'None') return { kind: 'literal', value: null, span: { start: tok.start, end: tok.end } };
      if (tok.v === 'lambda') return err('a lambda is Python code; kspec reads only literals', tok);
      let name = tok.v;
      let end = tok.end;
      while (isOp('.') && toks[p + 1]!.t === 'name') {
        next();
        const part = next();
        name += '.' + part.v;
        end = part.end;
      }
      return { kind: 'name', name, span: { start: tok.start, end } };
    }
    return err(`unexpected ${describe(tok)}`);
  };

  let target: PyStatement['target'];
  if (peek().t === 'name' && toks[1]!.t === 'op' && toks[1]!.v === '=' ) {
    const tok = next();
    next();
    target = { name: tok.v, span: { start: tok.start, end: tok.end } };
  }
  const expr = value();
  if ('message' in expr) return expr;
  if (peek().t !== 'end') return err(`unexpected ${describe(peek())} after the call`);
  return { ...(target && { target }), expr };
}

/** True when a string looks like a call or a bare class name rather than a plain word. */
export function looksLikeCall(s: string): boolean {
  return /^\s*(?:[A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*\s*(?:\(|$)/.test(s);
}
