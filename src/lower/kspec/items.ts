/**
 * One kspec layer item → a layer definition: a Keras call string (`Dense(90, activation='relu')`,
 * `h = Dense(8)(x)`, `b = shared(y)`) or a mapping (`{Dense: {units: 90}, name: h, inputs: x}`).
 */
import type { Location, Path } from '../../diagnostics/diagnostic.js';
import { argsOf, camelArgNames, lookupLayer, type LayerSpec } from '../../ir/catalogue/index.js';
import type { ArgOrigin } from '../../ir/graph.js';
import { parseCallString, type PyArg, type PyValue } from '../../parse/call-string.js';
import { bareClassName, resolveClass, type LowerContext } from '../context.js';
import { pyToPlain, type PyContext } from './py-values.js';
import { getOwn, isObj, setOwn } from '../../ir/json.js';

export interface InputName {
  readonly name: string;
  readonly at: Location;
}

export interface LayerDef {
  readonly kind: 'layer';
  /** The class's catalogue row (an empty row for a class kspec does not know). */
  readonly spec: LayerSpec;
  /** The class name as written (`Convolution2D`, `tf.keras.layers.Dense`, `Desne`). */
  readonly written: string;
  readonly config: Record<string, unknown>;
  readonly args: Record<string, ArgOrigin>;
  readonly classAt: Location;
  readonly name?: string;
  readonly nameAt?: Location;
  readonly inputs?: readonly InputName[];
}

/** `b = shared(y)` / `{call: shared, inputs: y}`: another call of an existing layer. */
export interface SharedCall {
  readonly kind: 'call';
  readonly layer: string;
  readonly layerAt: Location;
  readonly name?: string;
  readonly nameAt?: Location;
  readonly inputs?: readonly InputName[];
}

/** A nested kspec model, lowered by the caller. */
export interface NestedDef {
  readonly kind: 'model';
  readonly className: 'Sequential' | 'Functional';
  readonly spec: Record<string, unknown>;
  readonly specPath: Path;
  readonly classAt: Location;
  readonly name?: string;
  readonly nameAt?: Location;
  readonly inputs?: readonly InputName[];
}

export type ItemDef = LayerDef | SharedCall | NestedDef;

const ITEM_KEYS = new Set(['name', 'inputs', 'layer', 'call']);
const MODEL_KEYS: Record<string, 'Sequential' | 'Functional'> = { Sequential: 'Sequential', Functional: 'Functional', Model: 'Functional' };

interface RawArg {
  readonly name?: string;
  readonly value: unknown;
  readonly key: Location;
  readonly valueAt: Location;
}

/** Keras's `Input()` is a function: it becomes an InputLayer whose `shape` is `input_shape`. */
function classFor(raw: string): { spec: LayerSpec; known: boolean } {
  return resolveClass(bareClassName(raw) === 'Input' ? 'InputLayer' : raw, true);
}

/** Positional and keyword arguments → a Keras config keyed by snake_case names. */
export function buildArgs(ctx: LowerContext, spec: LayerSpec, known: boolean, raw: readonly RawArg[], at: Location): { config: Record<string, unknown>; args: Record<string, ArgOrigin>; name?: string; nameAt?: Location } | undefined {
  const config: Record<string, unknown> = {};
  const args: Record<string, ArgOrigin> = {};
  const specArgs = argsOf(spec);
  const camel = camelArgNames(spec);
  let name: string | undefined;
  let nameAt: Location | undefined;
  let ok = true;
  let positional = 0;
  for (const a of raw) {
    let key: string;
    // An unknown class's positional arguments mean nothing yet; the class itself is reported.
    if (a.name === undefined && !known) continue;
    if (a.name === undefined) {
      const target = positional < spec.positional ? spec.args[positional] : undefined;
      positional++;
      if (!target) {
        ctx.reporter.report('KS2007', a.valueAt, { layer: spec.name, max: spec.positional, given: raw.filter((r) => r.name === undefined).length });
        ok = false;
        continue;
      }
      key = target.name;
    } else key = specArgs.has(a.name) ? a.name : (camel.get(a.name) ?? (spec.name === 'InputLayer' && a.name === 'shape' ? 'input_shape' : a.name));
    if (key === 'name') {
      if (typeof a.value !== 'string') {
        ctx.reporter.report('KS2003', a.valueAt, { arg: 'name', expected: 'a string' });
        ok = false;
      }
      name = String(a.value);
      nameAt = a.valueAt;
      continue;
    }
    if (Object.hasOwn(args, key)) {
      ctx.reporter.report('KS2008', a.key, { arg: key });
      ok = false;
      continue;
    }
    // Own data properties: an argument named `__proto__` stays an argument (and is reported as unknown).
    setOwn(config, key, a.value);
    setOwn(args, key, { key: a.key, value: a.valueAt });
  }
  if (!ok) return undefined;
  normalizeInputShape(config, args, at);
  return { config, args, ...(name !== undefined && { name, nameAt }) };
}

/**
 * `input_shape=(10,)`, `Input(shape=…)` or Keras 3's `batch_shape` (with an optional `batch_size`)
 * → `batch_input_shape`, as Keras 2's base Layer stores it and tfjs reads it.
 */
function normalizeInputShape(config: Record<string, unknown>, args: Record<string, ArgOrigin>, at: Location): void {
  if ('batch_input_shape' in config) return;
  const from = Array.isArray(config.batch_shape) ? 'batch_shape' : Array.isArray(config.input_shape) ? 'input_shape' : Array.isArray(config.shape) ? 'shape' : undefined;
  if (!from) return;
  const value = config[from] as unknown[];
  config.batch_input_shape = from === 'batch_shape' ? value : [config.batch_size ?? null, ...value];
  args.batch_input_shape = args[from] ?? { key: at, value: at };
  for (const k of [from, ...(from === 'batch_shape' ? [] : ['batch_size'])]) {
    delete config[k];
    delete args[k];
  }
}

/** Parses and lowers a call-string item. */
export function lowerCallItem(ctx: LowerContext, text: string, path: Path): ItemDef | undefined {
  const stmt = parseCallString(text);
  if ('message' in stmt) {
    ctx.reporter.report('KS1009', { path, inner: stmt.span }, { detail: stmt.message });
    return undefined;
  }
  const loc = (span: { start: number; end: number }): Location => ({ path, inner: span });
  let expr = stmt.expr;
  let inputs: InputName[] | undefined;
  // `Dense(8)(x)` / `shared(x)`: the outer call's arguments are the input tensors.
  if (expr.kind === 'call' && (expr.callee.kind === 'call' || isSharedCall(expr))) {
    inputs = tensorNames(ctx, expr.args, path);
    if (!inputs) return undefined;
    if (expr.callee.kind === 'name') {
      const target = stmt.target;
      return { kind: 'call', layer: expr.callee.name, layerAt: loc(expr.callee.span), inputs, ...(target && { name: target.name, nameAt: loc(target.span) }) };
    }
    expr = expr.callee;
  }
  const p: PyContext = { ctx, path, nestedLayer: (c) => nestedLayer(ctx, c, path) };
  const layer = layerCall(ctx, p, expr, path);
  if (!layer) return undefined;
  const name = layer.name ?? stmt.target?.name;
  const nameAt = layer.nameAt ?? (stmt.target && loc(stmt.target.span));
  return { ...layer, ...(name !== undefined && { name, nameAt }), ...(inputs && { inputs }) };
}

function layerCall(ctx: LowerContext, p: PyContext, expr: PyValue, path: Path): LayerDef | undefined {
  const loc = (span: { start: number; end: number }): Location => ({ path, inner: span });
  if (expr.kind === 'name') {
    return { kind: 'layer', spec: classFor(expr.name).spec, written: expr.name, config: {}, args: {}, classAt: loc(expr.span) };
  }
  if (expr.kind !== 'call' || expr.callee.kind !== 'name') {
    ctx.reporter.report('KS1009', { path, inner: expr.span }, { detail: 'expected a layer class call such as Dense(16)' });
    return undefined;
  }
  const classAt = loc(expr.callee.span);
  const { spec, known: isKnown } = classFor(expr.callee.name);
  const known = argsOf(spec);
  const camel = camelArgNames(spec);
  const raw: RawArg[] = [];
  let positional = 0;
  for (const a of expr.args) {
    const argName = a.name === undefined ? spec.args[positional++]?.name : (known.has(a.name) ? a.name : camel.get(a.name) ?? a.name);
    const value = pyToPlain(p, a.value, argName ? known.get(argName)?.type : undefined);
    if (value === undefined) return undefined;
    const keyAt = loc(a.nameSpan ?? a.span);
    raw.push({ ...(a.name !== undefined && { name: a.name }), value, key: keyAt, valueAt: loc(a.value.span) });
  }
  const built = buildArgs(ctx, spec, isKnown, raw, classAt);
  return built && { kind: 'layer', spec, written: expr.callee.name, classAt, ...built };
}

/**
 * `shared(x)` calls a layer defined earlier: the callee is no layer class and every argument is a
 * tensor name. `Desne(90)` is a misspelt class instead, reported with a suggestion.
 */
function isSharedCall(expr: PyValue & { kind: 'call' }): boolean {
  if (expr.callee.kind !== 'name' || lookupLayer(bareClassName(expr.callee.name)) || bareClassName(expr.callee.name) === 'Input') return false;
  const tensors = (v: PyValue): boolean => v.kind === 'name' || (v.kind === 'list' && v.items.every(tensors));
  return expr.args.length > 0 && expr.args.every((a) => a.name === undefined && tensors(a.value));
}

/** A layer call inside an argument (`Bidirectional(LSTM(8))`, `activation=LeakyReLU(0.1)`). */
function nestedLayer(ctx: LowerContext, call: PyValue & { kind: 'call' }, path: Path): Record<string, unknown> | undefined {
  const p: PyContext = { ctx, path, nestedLayer: (c) => nestedLayer(ctx, c, path) };
  const def = layerCall(ctx, p, call, path);
  if (!def) return undefined;
  return { class_name: def.spec.name, config: { ...(def.name !== undefined && { name: def.name }), ...def.config } };
}

function tensorNames(ctx: LowerContext, args: readonly PyArg[], path: Path): InputName[] | undefined {
  const out: InputName[] = [];
  const visit = (v: PyValue): boolean => {
    if (v.kind === 'name') out.push({ name: v.name, at: { path, inner: v.span } });
    else if (v.kind === 'literal' && typeof v.value === 'string') out.push({ name: v.value, at: { path, inner: v.span } });
    else if (v.kind === 'list') return v.items.every(visit);
    else {
      ctx.reporter.report('KS1009', { path, inner: v.span }, { detail: 'a layer is called on tensor names, such as (x) or ([a, b])' });
      return false;
    }
    return true;
  };
  for (const a of args) {
    if (a.name !== undefined) {
      ctx.reporter.report('KS1010', { path, inner: a.span }, { what: 'A keyword argument in a layer call on tensors' });
      return undefined;
    }
    if (!visit(a.value)) return undefined;
  }
  return out;
}

/** A mapping item: exactly one class key (or `layer:` / `call:`), plus `name` and `inputs`. */
export function lowerMappingItem(ctx: LowerContext, item: Record<string, unknown>, path: Path): ItemDef | undefined {
  const classKeys = Object.keys(item).filter((k) => !ITEM_KEYS.has(k));
  const hasLayer = 'layer' in item;
  const hasCall = 'call' in item;
  const count = classKeys.length + (hasLayer ? 1 : 0) + (hasCall ? 1 : 0);
  if (count !== 1) {
    const keys = count === 0 ? 'none' : [...classKeys, ...(hasLayer ? ['layer'] : []), ...(hasCall ? ['call'] : [])].map((k) => JSON.stringify(k)).join(', ');
    ctx.reporter.report('KS2010', count > 1 ? { path: [...path, classKeys[1] ?? 'layer'], part: 'key' } : path, { keys });
    return undefined;
  }
  let name: string | undefined;
  let nameAt: Location | undefined;
  if ('name' in item) {
    if (typeof item.name !== 'string' || item.name === '') {
      ctx.reporter.report('KS2003', [...path, 'name'], { arg: 'name', expected: 'a non-empty string' });
      return undefined;
    }
    name = item.name;
    nameAt = { path: [...path, 'name'] };
  }
  let inputs: InputName[] | undefined;
  if ('inputs' in item) {
    inputs = inputList(ctx, item.inputs, [...path, 'inputs']);
    if (!inputs) return undefined;
  }
  const extras = { ...(name !== undefined && { name, nameAt }), ...(inputs && { inputs }) };
  if (hasCall) {
    if (typeof item.call !== 'string') {
      ctx.reporter.report('KS2003', [...path, 'call'], { arg: 'call', expected: 'the name of a layer defined earlier' });
      return undefined;
    }
    return { kind: 'call', layer: item.call, layerAt: { path: [...path, 'call'] }, ...extras };
  }
  if (hasLayer) {
    if (typeof item.layer !== 'string') {
      ctx.reporter.report('KS2003', [...path, 'layer'], { arg: 'layer', expected: "a Keras call string such as \"Dense(16, activation='relu')\"" });
      return undefined;
    }
    const def = lowerCallItem(ctx, item.layer, [...path, 'layer']);
    if (!def || def.kind !== 'layer') {
      if (def) ctx.reporter.report('KS2009', [...path, 'layer'], { detail: '"layer" holds one layer construction; name its inputs with "inputs"' });
      return undefined;
    }
    if (def.name !== undefined && name !== undefined && def.name !== name) {
      ctx.reporter.report('KS2008', nameAt!, { arg: 'name' });
      return undefined;
    }
    return { ...def, ...extras, ...(def.name !== undefined && name === undefined && { name: def.name, nameAt: def.nameAt }) };
  }
  const cls = classKeys[0]!;
  const classAt: Location = { path: [...path, cls], part: 'key' };
  if (cls.includes('(')) {
    ctx.reporter.report('KS2009', classAt, { detail: 'YAML reads this call string as a mapping because it contains ": "; put the whole call in quotes' });
    return undefined;
  }
  const body = item[cls];
  const bodyPath = [...path, cls];
  const model = getOwn(MODEL_KEYS, cls);
  if (model) {
    if (!isObj(body)) {
      ctx.reporter.report('KS2009', bodyPath, { detail: `A nested ${cls} holds a kspec model (a mapping with "layers")` });
      return undefined;
    }
    return { kind: 'model', className: model, spec: body, specPath: bodyPath, classAt, ...extras };
  }
  const { spec, known } = classFor(cls);
  const raw = mappingArgs(body, bodyPath);
  if (!raw) return undefined;
  const built = buildArgs(ctx, spec, known, raw, classAt);
  if (!built) return undefined;
  if (built.name !== undefined && name !== undefined) {
    ctx.reporter.report('KS2008', nameAt!, { arg: 'name' });
    return undefined;
  }
  return { kind: 'layer', spec, written: cls, classAt, config: built.config, args: built.args, ...extras, ...(built.name !== undefined && { name: built.name, nameAt: built.nameAt }) };
}

/** `{Dense: {units: 8}}`, `{Dense: 8}` (one positional), `{Dense: [8, relu]}` (positionals), `{Flatten: null}`. */
function mappingArgs(body: unknown, path: Path): RawArg[] | undefined {
  if (body === null || body === undefined) return [];
  if (isObj(body)) {
    return Object.entries(body).map(([k, v]) => ({ name: k, value: nestedMapping(v), key: { path: [...path, k], part: 'key' }, valueAt: { path: [...path, k] } }));
  }
  const values = Array.isArray(body) ? body : [body];
  const isList = Array.isArray(body);
  return values.map((v, i) => {
    const at: Location = { path: isList ? [...path, i] : path };
    return { value: v, key: at, valueAt: at };
  });
}

/** A kspec-style nested layer (`{LeakyReLU: {alpha: 0.1}}`) inside an argument → `{class_name, config}`. */
function nestedMapping(v: unknown): unknown {
  if (!isObj(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && /^[A-Z]/.test(keys[0]!) && lookupLayer(keys[0]!) && (isObj(v[keys[0]!]) || v[keys[0]!] === null)) {
    return { class_name: keys[0], config: (v[keys[0]!] as Record<string, unknown> | null) ?? {} };
  }
  return v;
}

function inputList(ctx: LowerContext, v: unknown, path: Path): InputName[] | undefined {
  const list = Array.isArray(v) ? v : [v];
  const out: InputName[] = [];
  for (const [i, n] of list.entries()) {
    const at: Location = { path: Array.isArray(v) ? [...path, i] : path };
    if (typeof n !== 'string' || n === '') {
      ctx.reporter.report('KS2003', at, { arg: 'inputs', expected: 'a tensor name or a list of tensor names' });
      return undefined;
    }
    out.push({ name: n, at });
  }
  return out;
}

