/**
 * Python literal AST (from a call string) → plain JSON values, guided by the argument's type:
 * `l2(0.01)` in a regularizer slot becomes `{class_name: 'L2', config: {l2: 0.01}}`,
 * `LeakyReLU(alpha=0.1)` in an activation slot a nested activation layer, `LSTM(8)` in a layer
 * slot a nested layer config. Bare names are accepted only where Keras would accept a string.
 */
import type { Location, Path } from '../../diagnostics/diagnostic.js';
import type { ArgType } from '../../ir/catalogue/index.js';
import { lookupObject, type ObjectKind } from '../../ir/objects.js';
import type { PyArg, PyValue } from '../../parse/call-string.js';
import { bareClassName, type LowerContext } from '../context.js';

export interface PyContext {
  readonly ctx: LowerContext;
  /** The string scalar the call string sits in. */
  readonly path: Path;
  /** Lowers a nested layer call (`Bidirectional(LSTM(8))`) to `{class_name, config}`. */
  readonly nestedLayer: (call: PyValue & { kind: 'call' }) => Record<string, unknown> | undefined;
}

const at = (p: PyContext, v: { span: { start: number; end: number } }): Location => ({ path: p.path, inner: v.span });

function kindOf(type: ArgType | undefined): ObjectKind | 'activation' | 'layer' | undefined {
  if (!type) return undefined;
  if (type.t === 'initializer' || type.t === 'regularizer' || type.t === 'constraint' || type.t === 'activation' || type.t === 'layer') return type.t;
  if (type.t === 'union') for (const o of type.of) { const k = kindOf(o); if (k) return k; }
  return undefined;
}

/** Converts a value; `undefined` after reporting when it cannot be read as data. */
export function pyToPlain(p: PyContext, v: PyValue, type: ArgType | undefined): unknown {
  switch (v.kind) {
    case 'literal':
      return v.value;
    case 'list': {
      const items = v.items.map((item) => pyToPlain(p, item, type?.t === 'list' ? type.of : undefined));
      return items.includes(undefined) ? undefined : items;
    }
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const e of v.entries) {
        if (e.key.kind !== 'literal' || typeof e.key.value !== 'string') {
          p.ctx.reporter.report('KS1010', at(p, e.key), { what: 'A non-string dictionary key' });
          return undefined;
        }
        const val = pyToPlain(p, e.value, undefined);
        if (val === undefined) return undefined;
        Object.defineProperty(out, e.key.value, { value: val, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'name': {
      const kind = kindOf(type);
      // `activation=relu`, `tf.nn.relu`, `kernel_initializer=he_normal` read as the string Keras would take.
      if (kind === 'activation' || (kind && kind !== 'layer')) return bareClassName(v.name);
      p.ctx.reporter.report('KS1010', at(p, v), { what: `The name ${JSON.stringify(v.name)}` });
      return undefined;
    }
    case 'call':
      return callToPlain(p, v, type);
  }
}

function callToPlain(p: PyContext, v: PyValue & { kind: 'call' }, type: ArgType | undefined): unknown {
  const kind = kindOf(type);
  if (v.callee.kind !== 'name' || !kind) {
    p.ctx.reporter.report('KS1010', at(p, v), { what: 'A call' });
    return undefined;
  }
  if (kind === 'layer' || kind === 'activation') {
    const nested = p.nestedLayer(v);
    if (nested === undefined) return undefined;
    return nested;
  }
  const name = bareClassName(v.callee.name);
  const row = lookupObject(kind, name);
  const config = row ? keywordConfig(p, v.args, row.args) : undefined;
  if (config === undefined) {
    if (!row) p.ctx.reporter.report('KS2004', at(p, v.callee), { arg: kind, value: name, allowed: `the Keras ${kind}s` });
    return undefined;
  }
  return { class_name: row!.name, config };
}

/** Positional and keyword arguments of an object call, by the object's positional names. */
function keywordConfig(p: PyContext, args: readonly PyArg[], names: readonly string[]): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [i, a] of args.entries()) {
    const key = a.name ?? names[i];
    if (key === undefined) {
      p.ctx.reporter.report('KS2007', at(p, a), { layer: 'this call', max: names.length, given: args.length });
      return undefined;
    }
    const val = pyToPlain(p, a.value, undefined);
    if (val === undefined) return undefined;
    out[key] = val;
  }
  return out;
}
