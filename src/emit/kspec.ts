/**
 * `kspec convert --to kspec`: any model graph → a readable kspec YAML spec that compiles back to the
 * same model. Layers become Keras call strings (`Dense(64, activation='relu')`), arguments equal
 * to Keras's defaults are left out, names Keras would give anyway are left out, functional graphs
 * read as `x = Layer(args)(inputs)`, and a layer consuming the previous output names no inputs.
 */
import { argsOf, lookupLayer, type ArgType, type LayerSpec } from '../ir/catalogue/index.js';
import { kerasSnakeCase, Names, type LayerNode, type ModelGraph, type TensorRef } from '../ir/graph.js';
import { isObj, jsonEqual } from '../ir/json.js';
import { lookupObject, type ObjectKind } from '../ir/objects.js';
import { pyLiteral } from '../lint/render.js';
import { VERSION } from '../version.js';

type Json = unknown;

/** Object kinds of an argument type (initializer, regularizer, constraint, activation, layer). */
function slotKind(t: ArgType | undefined): ObjectKind | 'activation' | 'layer' | undefined {
  if (!t) return undefined;
  if (t.t === 'initializer' || t.t === 'regularizer' || t.t === 'constraint' || t.t === 'activation' || t.t === 'layer') return t.t;
  if (t.t === 'union') for (const o of t.of) { const k = slotKind(o); if (k) return k; }
  return undefined;
}

/** A Python literal for a config value, or undefined when the value has none (then the mapping form is used). */
function literal(v: Json, t: ArgType | undefined): string | undefined {
  const kind = slotKind(t);
  if (isObj(v) && typeof v.class_name === 'string') {
    const config = isObj(v.config) ? v.config : {};
    if (kind === 'layer' || kind === 'activation') {
      const spec = lookupLayer(v.class_name)?.spec;
      return spec ? layerCall(spec, config, true) : undefined;
    }
    const row = kind ? lookupObject(kind, v.class_name) : undefined;
    if (!row || kind === undefined) return undefined;
    const parts: string[] = [];
    for (const [k, x] of Object.entries(config)) {
      if (row.defaults && jsonEqual(row.defaults[k], x)) continue;
      const lit = literal(x, undefined);
      if (lit === undefined) return undefined;
      parts.push(`${k}=${lit}`);
    }
    return `${row.name}(${parts.join(', ')})`;
  }
  if (Array.isArray(v)) {
    const items = v.map((x) => literal(x, t?.t === 'list' ? t.of : undefined));
    if (items.includes(undefined)) return undefined;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (isObj(v)) return undefined;
  if (typeof v === 'number' && !Number.isFinite(v)) return undefined;
  return pyLiteral(v as string | number | boolean | null);
}

/** A config value without the bookkeeping keys Keras 2.13+ and 3 add to objects. */
function bare(v: Json): Json {
  if (Array.isArray(v)) return v.map(bare);
  if (!isObj(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'module' && k !== 'registered_name' && k !== 'shared_object_id').map(([k, x]) => [k, bare(x)]));
}

/** Whether a layer argument holds what Keras would use anyway, so a spec can leave it out. */
export function isKerasDefault(spec: LayerSpec, key: string, value: unknown): boolean {
  if ((key === 'trainable' && value === true) || (key === 'dtype' && value === 'float32')) return true;
  const a = argsOf(spec).get(key);
  return a !== undefined && a.default !== undefined && jsonEqual(a.default, bare(value));
}

/** `Class(positional…, key=value…)`, defaults left out; undefined when a value has no literal. */
export function layerCall(spec: LayerSpec, config: Readonly<Record<string, unknown>>, withName: boolean, skipName?: string): string | undefined {
  const args = argsOf(spec);
  const kept = Object.entries(config).filter(([k, v]) => {
    if (k === 'name') return withName && v !== skipName;
    return !isKerasDefault(spec, k, v);
  });
  const parts: string[] = [];
  let positional = true;
  for (const [i, a] of spec.args.entries()) {
    // Required leading arguments read best positionally (Dense(64), Conv2D(32, (3, 3))).
    if (!positional || i >= spec.positional || !a.required) break;
    const entry = kept.find(([k]) => k === a.name);
    if (!entry) {
      positional = false;
      break;
    }
    const lit = literal(entry[1], a.type);
    if (lit === undefined) return undefined;
    parts.push(lit);
    kept.splice(kept.indexOf(entry), 1);
  }
  for (const [k, v] of kept) {
    const lit = literal(v, args.get(k)?.type);
    if (lit === undefined) return undefined;
    parts.push(`${k}=${lit}`);
  }
  return `${spec.name}(${parts.join(', ')})`;
}

/** Names kspec gives unnamed layers (Keras's), so a layer whose name is that can stay unnamed. */
function autoNames(layers: readonly LayerNode[], explicit: ReadonlySet<string>): string[] {
  const taken = new Names(explicit);
  return layers.map((l) => (explicit.has(l.name) ? l.name : taken.unique(kerasSnakeCase(classOf(l)))));
}
const classOf = (l: LayerNode) => (l.model ? (l.model.style === 'sequential' ? 'Sequential' : 'Functional') : l.className);

/** Layers whose names must be written: the fewest for which kspec's naming gives every name back. */
function namesToWrite(layers: readonly LayerNode[]): Set<string> {
  const explicit = new Set(layers.filter((l) => !new RegExp(`^${kerasSnakeCase(classOf(l))}(_\\d+)?$`).test(l.name)).map((l) => l.name));
  for (;;) {
    const auto = autoNames(layers, explicit);
    const wrong = layers.filter((l, i) => auto[i] !== l.name && !explicit.has(l.name));
    if (wrong.length === 0) return explicit;
    explicit.add(wrong[0]!.name);
  }
}

// ---- a small YAML writer for plain data (block style, flow for short lists of scalars) ----

const yamlKey = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
function yamlScalarOut(v: Json): string {
  if (typeof v !== 'string') return v === null || v === undefined ? 'null' : String(v);
  // Plain (in block context) when YAML reads it back as this exact string; otherwise double-quoted
  // (a JSON string is valid YAML).
  const plain = /^[A-Za-z_]/.test(v) && !/: |\s#|:$|^\s|\s$|[\u0000-\u001f\u007f\u0085\u2028\u2029"]/.test(v) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}
/** Flow context forbids `,[]{}` in plain scalars. */
function flowScalar(v: Json): string {
  const s = yamlScalarOut(v);
  return typeof v === 'string' && /[,[\]{}]/.test(s) && !s.startsWith('"') ? JSON.stringify(v) : s;
}
function flow(v: Json): string {
  return Array.isArray(v) ? `[${v.map(flow).join(', ')}]` : flowScalar(v);
}
function yamlLines(v: Json, indent: string, out: string[], prefix: string): void {
  if (Array.isArray(v)) {
    // Shapes and other short lists of numbers read best inline; layers one per line.
    if (v.every((x) => typeof x === 'number' || x === null || typeof x === 'boolean' || (Array.isArray(x) && x.every((y) => typeof y === 'number' || y === null)))) {
      out.push(`${prefix}${flow(v)}`);
      return;
    }
    if (prefix.trim()) out.push(prefix.trimEnd());
    for (const item of v) yamlLines(item, indent + '  ', out, `${indent}- `);
    return;
  }
  if (isObj(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) {
      out.push(`${prefix}{}`);
      return;
    }
    let first = true;
    const dash = prefix.trimStart().startsWith('- ');
    if (!dash && prefix.trim()) out.push(prefix.trimEnd());
    for (const [k, x] of entries) {
      const lead = first && dash ? prefix : dash ? indent : indent;
      first = false;
      if (isObj(x) && Object.keys(x).length > 0) {
        out.push(`${lead}${yamlKey(k)}:`);
        yamlLines(x, indent + '  ', out, indent + '  ');
      } else if (Array.isArray(x) && !x.every((e) => typeof e === 'number' || e === null || typeof e === 'boolean' || (Array.isArray(e) && e.every((y) => typeof y === 'number' || y === null)))) {
        out.push(`${lead}${yamlKey(k)}:`);
        for (const item of x) yamlLines(item, indent + '    ', out, `${indent}  - `);
      } else out.push(`${lead}${yamlKey(k)}: ${isObj(x) ? '{}' : Array.isArray(x) ? flow(x) : yamlScalarOut(x)}`);
    }
    return;
  }
  out.push(`${prefix}${yamlScalarOut(v)}`);
}

// ---- graph → kspec spec (plain data) ----

function shapeOf(batchShape: unknown): { shape: unknown[]; batch: unknown } | undefined {
  return Array.isArray(batchShape) ? { shape: batchShape.slice(1), batch: batchShape[0] ?? null } : undefined;
}

/** A layer as an item: a call string, or the mapping form when a value has no Python literal. */
function item(l: LayerNode, writeName: boolean, extra: Record<string, unknown>, target?: string): Json {
  const spec = lookupLayer(l.className)?.spec;
  const config = { ...l.config, name: l.name };
  const call = spec && !l.model ? layerCall(spec, config, writeName && target === undefined) : undefined;
  if (call && Object.keys(extra).length === 0) return target ? `${target} = ${call}` : call;
  if (call && Object.keys(extra).length === 1 && 'inputs' in extra) {
    const ins = extra.inputs as string[];
    return `${target ? `${target} = ` : ''}${call}(${ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`})`;
  }
  const body = Object.fromEntries(Object.entries(l.config).filter(([k, v]) => !(spec && isKerasDefault(spec, k, v))));
  return { ...((writeName || target) && { name: l.name }), [spec?.name ?? l.className]: Object.keys(body).length ? body : null, ...extra };
}

export function toKspecSpec(graph: ModelGraph): Record<string, unknown> {
  if (graph.style === 'sequential') return sequentialSpec(graph);
  return functionalSpec(graph);
}

/** The spec, saying `keras: 3` when activation names must keep their Keras 3 meaning. */
function topSpec(graph: ModelGraph, semantics: 'keras2' | 'keras3'): Record<string, unknown> {
  const { name, ...rest } = toKspecSpec(graph);
  return { name, ...(semantics === 'keras3' && { keras: 3 }), ...rest };
}

function sequentialSpec(g: ModelGraph): Record<string, unknown> {
  let layers = [...g.layers];
  let inputItem: string | undefined;
  const spec: Record<string, unknown> = { name: g.name };
  const first = layers[0];
  const input = first && (first.className === 'InputLayer' ? first.config : first.config);
  const s = input && shapeOf(input.batch_input_shape);
  if (first && s && !first.model) {
    spec.input_shape = s.shape;
    if (s.batch !== null) spec.batch_size = s.batch;
    const dtype = input.dtype;
    if (first.className === 'InputLayer') {
      // The model keeps its input layer (tfjs lists it as a layer): written as Keras's Input().
      delete spec.input_shape;
      delete spec.batch_size;
      const args = [`shape=${literal(s.shape, undefined)}`, ...(s.batch !== null ? [`batch_size=${s.batch}`] : []), ...(typeof dtype === 'string' && dtype !== 'float32' ? [`dtype=${pyLiteral(dtype)}`] : []), ...(first.name !== 'input_layer' ? [`name=${pyLiteral(first.name)}`] : [])];
      inputItem = `Input(${args.join(', ')})`;
      layers = layers.slice(1);
    } else {
      const { batch_input_shape: _b, ...rest } = first.config;
      layers[0] = { ...first, config: rest };
    }
  }
  const write = namesToWrite(layers);
  const items = layers.map((l) => (l.model ? { ...(write.has(l.name) && { name: l.name }), [classOf(l)]: toKspecSpec({ ...l.model, name: l.name }) } : item(l, write.has(l.name), {})));
  spec.layers = inputItem ? [inputItem, ...items] : items;
  return spec;
}

function functionalSpec(g: ModelGraph): Record<string, unknown> {
  const spec: Record<string, unknown> = { name: g.name };
  const inputs: Record<string, unknown> = {};
  const tensorName = new Map<string, string>();
  const key = (t: TensorRef) => `${t.layer}\u0000${t.node}`;
  const taken = new Names(g.layers.map((l) => l.name));
  for (const l of g.layers.filter((x) => x.className === 'InputLayer')) {
    const s = shapeOf(l.config.batch_input_shape);
    const dtype = l.config.dtype;
    inputs[l.name] = s && s.batch === null && (dtype === undefined || dtype === 'float32') ? s.shape : { shape: s?.shape ?? [], ...(typeof dtype === 'string' && dtype !== 'float32' && { dtype }), ...(s && s.batch !== null && { batch_size: s.batch }) };
    tensorName.set(key({ layer: l.name, node: 0, tensor: 0 }), l.name);
  }
  spec.inputs = inputs;
  const ref = (t: TensorRef): string => {
    const n = tensorName.get(key(t)) ?? t.layer;
    return t.tensor > 0 ? `${n}[${t.tensor}]` : n;
  };
  const items: Json[] = [];
  let previous: string | undefined = Object.keys(inputs).length === 1 ? Object.keys(inputs)[0] : undefined;
  for (const l of g.layers) {
    if (l.className === 'InputLayer') continue;
    l.calls.forEach((c, k) => {
      const node = k + (l.model ? 1 : 0);
      const name = k === 0 ? l.name : taken.unique(`${l.name}_${k}`);
      tensorName.set(key({ layer: l.name, node, tensor: 0 }), name);
      const ins = c.inputs.map(ref);
      const implicit = ins.length === 1 && ins[0] === previous;
      if (k > 0) items.push(`${name} = ${l.name}(${ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`})`);
      else if (l.model) items.push({ name: l.name, [classOf(l)]: toKspecSpec({ ...l.model, name: l.name }), ...(!implicit && { inputs: ins.length === 1 ? ins[0] : ins }) });
      else items.push(item(l, true, implicit ? {} : { inputs: ins }, l.name));
      previous = name;
    });
  }
  spec.layers = items;
  const outs = g.outputs.map(ref);
  if (!(outs.length === 1 && outs[0] === previous)) spec.outputs = outs.length === 1 ? outs[0] : outs;
  return spec;
}

/** The spec as YAML text, with a header naming the source. */
export function toKspecYaml(graph: ModelGraph, sourceName: string, semantics: 'keras2' | 'keras3' = 'keras2'): string {
  const out = [`# Converted by kspec ${VERSION} from ${sourceName.replace(/[\r\n\u2028\u2029]/g, ' ')}.`];
  yamlLines(topSpec(graph, semantics), '', out, '');
  return out.join('\n') + '\n';
}
