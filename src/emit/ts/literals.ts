/**
 * Printing user data into generated TypeScript/JavaScript: every user string through
 * `stringLiteral`, every identifier through `Identifiers`. Nothing a spec contains can end up as
 * code: a layer named `'; process.exit(1) //` stays a string.
 *
 * `JSON.stringify` is not enough: it leaves U+2028 / U+2029 raw (line terminators in a `//` comment,
 * and in string literals before ES2019), `</script>` and `<!--` raw (they end or change an inline
 * `<script>` when the emitted JavaScript is pasted into HTML), `*\/` raw (it ends a block comment),
 * and invisible or bidirectional-override characters raw ("trojan source"). A literal printed here
 * is also safe inside a `//` or `/* *\/` comment.
 */

/** Control, format, unassigned, private-use and lone-surrogate code points, and every separator but the space. */
const UNSAFE = /[\p{C}\p{Z}]/u;

/** A single-quoted string literal denoting exactly `s`. */
export function stringLiteral(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "'") out += "\\'";
    // `\x5C`, not `\\`: a writer that tracks quotes by looking one character back stays in step.
    else if (ch === '\\') out += '\\x5C';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch !== ' ' && UNSAFE.test(ch)) out += c > 0xffff ? `\\u{${c.toString(16).toUpperCase()}}` : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  out += "'";
  // `<\/`, `*\/` and `\x3C!` denote the same characters; they cannot close a script element or a comment.
  return out.replace(/<\//g, '<\\/').replace(/\*\//g, '*\\/').replace(/<!/g, '\\x3C!');
}

/** A number as source: `-0`, `Infinity` and `NaN` spelled out (JSON cannot carry them; YAML can). */
export function numberLiteral(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** An object key: bare when it is an identifier name, a string literal otherwise. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

/** Words no generated binding may use: reserved words (strict mode, modules, TypeScript) and globals the code relies on. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined NaN Infinity globalThis Object Array Error Promise Symbol Math JSON Number String ' +
    'Boolean tf any boolean never number object string symbol unknown bigint declare module namespace require type as async of'
  ).split(' '),
);

/** `dense_1` → `dense_1`; `my layer!` → `my_layer`; `1st` → `_1st`; `class` → `class_`. ASCII only. */
export function sanitizeIdentifier(name: string): string {
  let id = name.replace(/^[^A-Za-z0-9_$]+|[^A-Za-z0-9_$]+$/g, '').replace(/[^A-Za-z0-9_$]+/g, '_');
  if (id === '') id = 'layer';
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return RESERVED.has(id) ? `${id}_` : id;
}

/** Allocates readable, valid, unique identifiers for user names within one scope. */
export class Identifiers {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string> = []) {
    this.taken = new Set(taken);
  }

  /** A fresh scope that also avoids every name taken here (module-level names). */
  child(): Identifiers {
    return new Identifiers(this.taken);
  }

  /** `sanitizeIdentifier(name)`, then `_2`, `_3` … while taken. */
  allocate(name: string): string {
    const id = sanitizeIdentifier(name);
    let unique = id;
    for (let i = 2; this.taken.has(unique); i++) unique = `${id}_${i}`;
    this.taken.add(unique);
    return unique;
  }

  /** Reserves an exact name (module-level bindings such as imports); it must be free. */
  reserve(name: string): string {
    if (this.taken.has(name)) throw new Error(`kspec bug: the identifier ${name} is taken twice`);
    this.taken.add(name);
    return name;
  }
}

/** `encoder block` → `EncoderBlock` (for function names built from a model name). */
export function pascalCase(id: string): string {
  const parts = id.split(/[_$]+/).filter(Boolean);
  const joined = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return /^[A-Za-z]/.test(joined) ? joined : `Model${joined}`;
}
