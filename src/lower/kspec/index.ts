/**
 * kspec spec → IR. Sequential when there is no top-level `inputs`; functional otherwise, where
 * each item consumes the previous item's output unless it names its `inputs`.
 */
import type { Location, Path } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { kerasSnakeCase, Names, type LayerNode, type ModelGraph, type TensorRef } from '../../ir/graph.js';
import type { LowerContext } from '../context.js';
import { lowerCallItem, lowerMappingItem, type InputName, type ItemDef as Def } from './items.js';

/** An item and the path of its list entry (fixes edit around it). */
type ItemDef = Def & { readonly entry: Path };
import { isObj } from '../../ir/json.js';

export const SPEC_KEYS = ['$schema', 'name', 'description', 'keras', 'input_shape', 'batch_size', 'input_dtype', 'inputs', 'layers', 'outputs'] as const;
/** tfjs and Keras keep a built-in node 0 on nested models: their first call is node 1 (facts §5). */
const CONTAINER_FIRST_NODE = 1;


export function lowerKspec(ctx: LowerContext, spec: Record<string, unknown>, path: Path): ModelGraph | undefined {
  const r = ctx.reporter;
  for (const key of Object.keys(spec)) {
    if (!(SPEC_KEYS as readonly string[]).includes(key)) {
      r.report('KS2012', { path: [...path, key], part: 'key' }, { key, where: 'a kspec model' }, { suggestions: didYouMean(key, SPEC_KEYS) });
      return undefined;
    }
  }
  if (spec.keras !== undefined && spec.keras !== 2 && spec.keras !== 3) {
    r.report('KS2004', [...path, 'keras'], { arg: 'keras', value: String(spec.keras), allowed: '2, 3' });
    return undefined;
  }
  if (spec.name !== undefined && typeof spec.name !== 'string') {
    r.report('KS2003', [...path, 'name'], { arg: 'name', expected: 'a string' });
    return undefined;
  }
  if (!Array.isArray(spec.layers)) {
    if (spec.layers === undefined) r.report('KS4006', path, {});
    else r.report('KS2003', [...path, 'layers'], { arg: 'layers', expected: 'a list of layers' });
    return undefined;
  }
  if (spec.layers.length === 0) {
    r.report('KS4006', [...path, 'layers'], {});
    return undefined;
  }
  const items: ItemDef[] = [];
  for (const [i, item] of spec.layers.entries()) {
    const p = [...path, 'layers', i];
    const def = typeof item === 'string' ? lowerCallItem(ctx, item, p) : isObj(item) ? lowerMappingItem(ctx, item, p) : undefined;
    if (!def && typeof item !== 'string' && !isObj(item)) r.report('KS2009', p, { detail: 'A layer is a Keras call string such as "Dense(16)" or a mapping such as {Dense: {units: 16}}' });
    if (!def) return undefined;
    items.push({ ...def, entry: p });
  }
  return 'inputs' in spec ? functional(ctx, spec, path, items) : sequential(ctx, spec, path, items);
}

/** Checks explicit names for duplicates and gives every unnamed item a Keras-style name. */
function assignNames(ctx: LowerContext, items: readonly ItemDef[], reserved: Iterable<string>): string[] | undefined {
  const taken = new Names(reserved);
  for (const it of items) {
    if (it.name === undefined) continue;
    if (taken.has(it.name)) {
      ctx.reporter.report('KS4001', it.nameAt!, { name: it.name });
      return undefined;
    }
    taken.add(it.name);
  }
  return items.map((it) => it.name ?? taken.unique(kerasSnakeCase(it.kind === 'layer' ? it.spec.name : it.kind === 'model' ? it.className : it.layer)));
}

function nestedNode(ctx: LowerContext, it: ItemDef & { kind: 'model' }, name: string): LayerNode | undefined {
  const model = lowerKspec(ctx, it.spec, it.specPath);
  if (!model) return undefined;
  return { name, className: model.style === 'sequential' ? 'Sequential' : 'Functional', config: {}, calls: [], model: { ...model, name }, origin: { at: it.classAt, entry: it.entry } };
}

function sequential(ctx: LowerContext, spec: Record<string, unknown>, path: Path, items: readonly ItemDef[]): ModelGraph | undefined {
  const r = ctx.reporter;
  for (const it of items) {
    if (it.kind === 'call' || it.inputs) {
      r.report('KS2009', it.kind === 'call' ? it.layerAt : it.inputs![0]!.at, { detail: 'Layer inputs belong to functional models; add a top-level "inputs" mapping to write one' });
      return undefined;
    }
  }
  const lateInput = items.findIndex((it, i) => i > 0 && it.kind === 'layer' && it.spec.name === 'InputLayer');
  if (lateInput > 0) {
    r.report('KS2009', (items[lateInput] as ItemDef & { kind: 'layer' }).classAt, { detail: 'An Input layer can only be the first layer of a sequential model' });
    return undefined;
  }
  const names = assignNames(ctx, items, []);
  if (!names) return undefined;
  const layers: LayerNode[] = [];
  for (const [i, it] of items.entries()) {
    if (it.kind === 'model') {
      const node = nestedNode(ctx, it, names[i]!);
      if (!node) return undefined;
      layers.push(node);
    } else if (it.kind === 'layer') {
      layers.push({ name: names[i]!, className: it.spec.name, config: it.config, calls: [], origin: { at: it.classAt, args: it.args, written: it.written, entry: it.entry } });
    }
  }
  if (spec.input_shape !== undefined) {
    const shape = shapeValue(ctx, spec.input_shape, [...path, 'input_shape']);
    if (!shape) return undefined;
    const first = layers[0]!;
    if (first.model || first.className === 'InputLayer' || 'batch_input_shape' in first.config) {
      r.report('KS2008', { path: [...path, 'input_shape'], part: 'key' }, { arg: 'input_shape' });
      return undefined;
    }
    const batch = spec.batch_size ?? null;
    const dtype = spec.input_dtype;
    layers[0] = {
      ...first,
      config: { batch_input_shape: [batch, ...shape], ...(typeof dtype === 'string' && { dtype }), ...first.config },
      origin: { ...first.origin, args: { ...first.origin.args, batch_input_shape: { key: { path: [...path, 'input_shape'], part: 'key' }, value: { path: [...path, 'input_shape'] } } } },
    };
  }
  const name = typeof spec.name === 'string' ? spec.name : 'sequential';
  return { name, style: 'sequential', layers, inputs: [], outputs: [], origin: { at: { path } } };
}

function shapeValue(ctx: LowerContext, v: unknown, path: Path): (number | null)[] | undefined {
  if (!Array.isArray(v) || !v.every((d) => d === null || (Number.isInteger(d) && (d as number) >= 0))) {
    ctx.reporter.report('KS2003', path, { arg: String(path[path.length - 1]), expected: 'a list of non-negative integers or nulls (the shape without the batch dimension)' });
    return undefined;
  }
  return v as (number | null)[];
}

function functional(ctx: LowerContext, spec: Record<string, unknown>, path: Path, items: readonly ItemDef[]): ModelGraph | undefined {
  const r = ctx.reporter;
  const inputsPath = [...path, 'inputs'];
  if (!isObj(spec.inputs) || Object.keys(spec.inputs).length === 0) {
    r.report('KS2003', inputsPath, { arg: 'inputs', expected: 'a mapping of input names to shapes, such as {image: [28, 28, 1]}' });
    return undefined;
  }
  for (const k of ['input_shape', 'batch_size', 'input_dtype']) {
    if (k in spec) {
      r.report('KS2012', { path: [...path, k], part: 'key' }, { key: k, where: 'a functional model (give each input its shape under "inputs")' });
      return undefined;
    }
  }
  const layers: LayerNode[] = [];
  const tensors = new Map<string, TensorRef>();
  for (const [name, v] of Object.entries(spec.inputs)) {
    const p = [...inputsPath, name];
    const cfg = isObj(v) ? v : { shape: v };
    for (const k of Object.keys(cfg)) {
      if (!['shape', 'dtype', 'batch_size', 'sparse'].includes(k)) {
        r.report('KS2012', { path: [...p, k], part: 'key' }, { key: k, where: 'an input' }, { suggestions: didYouMean(k, ['shape', 'dtype', 'batch_size', 'sparse']) });
        return undefined;
      }
    }
    const shape = shapeValue(ctx, cfg.shape, isObj(v) ? [...p, 'shape'] : p);
    if (!shape) return undefined;
    const config = { batch_input_shape: [cfg.batch_size ?? null, ...shape], dtype: typeof cfg.dtype === 'string' ? cfg.dtype : 'float32', sparse: cfg.sparse === true };
    layers.push({ name, className: 'InputLayer', config, calls: [], origin: { at: { path: p, part: 'key' } } });
    tensors.set(name, { layer: name, node: 0, tensor: 0 });
  }
  const names = assignNames(ctx, items, tensors.keys());
  if (!names) return undefined;
  const byName = new Map<string, LayerNode>();
  let previous: TensorRef | undefined = tensors.size === 1 ? [...tensors.values()][0] : undefined;

  const resolve = (n: InputName): TensorRef | undefined => {
    const m = /^(.*)\[(\d+)\]$/.exec(n.name);
    const base = m ? m[1]! : n.name;
    const t = tensors.get(base);
    if (!t) {
      r.report('KS4002', n.at, { name: base, scope: 'before this point' }, { suggestions: didYouMean(base, tensors.keys()) });
      return undefined;
    }
    return m ? { ...t, tensor: Number(m[2]) } : t;
  };

  for (const [i, it] of items.entries()) {
    if (it.kind === 'layer' && it.spec.name === 'InputLayer') {
      r.report('KS2009', it.classAt, { detail: 'Functional models declare their inputs under the top-level "inputs" mapping' });
      return undefined;
    }
    let inputs: TensorRef[] | undefined;
    if (it.inputs) {
      inputs = [];
      for (const n of it.inputs) {
        const t = resolve(n);
        if (!t) return undefined;
        inputs.push(t);
      }
    } else if (previous) {
      inputs = [previous];
    } else {
      const at: Location = it.kind === 'call' ? it.layerAt : it.classAt;
      r.report('KS2009', at, { detail: 'With several inputs, the first layer must name its "inputs"' });
      return undefined;
    }
    // Implicit inputs are pointed at through the item's class name.
    const inputsAt = it.inputs ? it.inputs.map((n) => n.at) : [it.kind === 'call' ? it.layerAt : it.classAt];
    const call = { inputs, kwargs: {}, inputsAt };
    const name = names[i]!;
    if (it.kind === 'call') {
      const target = byName.get(it.layer);
      if (!target) {
        r.report('KS4002', it.layerAt, { name: it.layer, scope: 'before this point' }, { suggestions: didYouMean(it.layer, byName.keys()) });
        return undefined;
      }
      const updated: LayerNode = { ...target, calls: [...target.calls, call] };
      layers[layers.indexOf(target)] = updated;
      byName.set(target.name, updated);
      const node = target.calls.length + (target.model ? CONTAINER_FIRST_NODE : 0);
      previous = { layer: target.name, node, tensor: 0 };
      tensors.set(name, previous);
      continue;
    }
    let node: LayerNode | undefined;
    if (it.kind === 'model') {
      const nested = nestedNode(ctx, it, name);
      if (!nested) return undefined;
      node = { ...nested, calls: [call] };
    } else node = { name, className: it.spec.name, config: it.config, calls: [call], origin: { at: it.classAt, args: it.args, written: it.written, entry: it.entry } };
    layers.push(node);
    byName.set(name, node);
    previous = { layer: name, node: node.model ? CONTAINER_FIRST_NODE : 0, tensor: 0 };
    tensors.set(name, previous);
  }

  let outputs: TensorRef[];
  if (spec.outputs === undefined) outputs = [previous!];
  else {
    const list = Array.isArray(spec.outputs) ? spec.outputs : [spec.outputs];
    outputs = [];
    for (const [i, o] of list.entries()) {
      const at: Location = { path: Array.isArray(spec.outputs) ? [...path, 'outputs', i] : [...path, 'outputs'] };
      if (typeof o !== 'string') {
        r.report('KS2003', at, { arg: 'outputs', expected: 'a tensor name or a list of tensor names' });
        return undefined;
      }
      const t = resolve({ name: o, at });
      if (!t) return undefined;
      outputs.push(t);
    }
  }
  const inputs = [...Object.keys(spec.inputs)].map((n) => ({ layer: n, node: 0, tensor: 0 }));
  const name = typeof spec.name === 'string' ? spec.name : 'model';
  return { name, style: 'functional', layers, inputs, outputs, origin: { at: { path } } };
}
