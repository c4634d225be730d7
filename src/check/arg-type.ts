/** Checks a value against a catalogue argument type, saying what was expected in plain words. */
import type { ArgType } from '../ir/catalogue/index.js';
import { isObj } from '../ir/json.js';

export type TypeProblem =
  | { readonly kind: 'type'; readonly expected: string; readonly path: readonly (string | number)[] }
  | { readonly kind: 'enum'; readonly value: string; readonly allowed: readonly string[]; readonly path: readonly (string | number)[] }
  | { readonly kind: 'range'; readonly bound: string; readonly path: readonly (string | number)[] };

const NO_PATH: readonly (string | number)[] = [];
const wrongType = (t: ArgType): TypeProblem => ({ kind: 'type', expected: describeType(t), path: NO_PATH });

const isClassObject = (v: unknown) => isObj(v) && typeof v.class_name === 'string' && (v.config === undefined || isObj(v.config) || typeof v.config === 'string');

export function describeType(t: ArgType): string {
  switch (t.t) {
    case 'int': return 'an integer';
    case 'number': return 'a number';
    case 'bool': return 'true or false';
    case 'string': return 'a string';
    case 'null': return 'null';
    case 'enum': return `one of ${t.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'list': return t.n !== undefined ? `a list of ${t.n} ${plural(t.of)}` : `a list of ${plural(t.of)}`;
    case 'union': return [...new Set(t.of.map(describeType))].join(' or ');
    case 'activation': return 'an activation name';
    case 'initializer': return 'an initializer name or {class_name, config}';
    case 'regularizer': return 'a regularizer {class_name, config}';
    case 'constraint': return 'a constraint {class_name, config}';
    case 'dtype': return 'a dtype name';
    case 'layer': return 'a layer {class_name, config}';
    case 'any': return 'any value';
  }
}

function plural(t: ArgType): string {
  const d = describeType(t);
  return d.replace(/^an? /, '').replace(/^(integer|number|string|shape)$/, '$1s').replace(/^integer or null$/, 'integers or nulls');
}

/**
 * The first problem found (its `path` leads from `v` to the offending item), or undefined when the
 * value fits. This runs on every argument of every layer, so nothing is allocated unless it fails.
 */
export function checkType(t: ArgType, v: unknown): TypeProblem | undefined {
  const path = NO_PATH;
  switch (t.t) {
    case 'any': return undefined;
    case 'null': return v === null ? undefined : wrongType(t);
    case 'bool': return typeof v === 'boolean' ? undefined : wrongType(t);
    case 'string': return typeof v === 'string' ? undefined : wrongType(t);
    case 'int':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (t.t === 'int' && !Number.isInteger(v))) return wrongType(t);
      if (t.min !== undefined && v < t.min) return { kind: 'range', bound: `at least ${t.min}`, path };
      if (t.max !== undefined && v > t.max) return { kind: 'range', bound: `at most ${t.max}`, path };
      if (t.t === 'number' && t.exclusiveMin !== undefined && v <= t.exclusiveMin) return { kind: 'range', bound: `greater than ${t.exclusiveMin}`, path };
      if (t.t === 'number' && t.exclusiveMax !== undefined && v >= t.exclusiveMax) return { kind: 'range', bound: `less than ${t.exclusiveMax}`, path };
      return undefined;
    }
    case 'enum':
      if (typeof v !== 'string') return wrongType(t);
      return t.values.includes(v) ? undefined : { kind: 'enum', value: v, allowed: t.values, path };
    case 'list': {
      if (!Array.isArray(v)) return wrongType(t);
      if (t.n !== undefined && v.length !== t.n) return wrongType(t);
      if (t.minItems !== undefined && v.length < t.minItems) return wrongType(t);
      for (let i = 0; i < v.length; i++) {
        const p = checkType(t.of, v[i]);
        if (p) return p.kind === 'type' ? wrongType(t) : { ...p, path: [i, ...p.path] };
      }
      return undefined;
    }
    case 'union': {
      let best: TypeProblem | undefined;
      for (const o of t.of) {
        const p = checkType(o, v);
        if (!p) return undefined;
        // A value of the right shape but a bad enum/range says more than "wrong type".
        if (p.kind !== 'type' && !best) best = p;
      }
      return best ?? wrongType(t);
    }
    case 'activation': return typeof v === 'string' || v === null || isClassObject(v) ? undefined : wrongType(t);
    case 'initializer':
    case 'regularizer':
    case 'constraint': return v === null || typeof v === 'string' || isClassObject(v) ? undefined : wrongType(t);
    case 'dtype': return typeof v === 'string' || v === null || isClassObject(v) ? undefined : wrongType(t);
    case 'layer': return isClassObject(v) ? undefined : wrongType(t);
  }
}
