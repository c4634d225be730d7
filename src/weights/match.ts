/**
 * Keras arrays → tfjs weights, through the config: each compiled layer's weights (names, shapes,
 * order: the shape table's rows, checked against tfjs's `layer.weights` in tests) take the arrays
 * stored for the layer of the same name, in Keras's order, which is tfjs's. Whatever does not fit
 * is reported, naming the layer, the weight and both shapes; nothing is left at a random value.
 */
import type { InferResult } from '../infer/types.js';
import type { WeightSpec } from '../infer/layers/row.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { catchHdf5 } from './hdf5.js';
import type { WeightEntry } from './shards.js';
import { convertible, layerPath, tfjsArray, type StoredArray, type StoredFile } from './stored.js';

/** A compiled layer that builds weights (nested models' layers included). */
export interface Target {
  readonly layer: LayerNode;
  /** Its path in the config (`model_1/dense_3`). */
  readonly path: string;
  /** Undefined when its input shape, and so its weights' shapes, could not be inferred. */
  readonly specs: readonly WeightSpec[] | undefined;
}

/** Every layer of `graph` with weights (or unknown ones), nested models walked, each layer once. */
export function targetsOf(graph: ModelGraph, shapes: InferResult, outer: readonly string[] = []): Target[] {
  const out: Target[] = [];
  for (const l of graph.layers) {
    if (l.model) {
      const nested = shapes.nested.get(l.name);
      if (nested) out.push(...targetsOf(l.model, nested, [...outer, l.name]));
      continue;
    }
    const info = shapes.layers.get(l.name);
    const specs = info ? (info.weights ?? []) : undefined;
    if (specs && specs.length === 0) continue;
    out.push({ layer: l, path: layerPath(outer, l.name), specs });
  }
  return out;
}

export type Problem =
  | { readonly code: 'KS7003'; readonly layer: LayerNode; readonly weights: string }
  | { readonly code: 'KS7001'; readonly detail: string }
  | { readonly code: 'KS7004'; readonly what: string }
  | { readonly code: 'KS7005'; readonly layer: LayerNode; readonly weight: string; readonly model: string; readonly file: string; readonly path: string }
  | { readonly code: 'KS7006'; readonly layer: LayerNode; readonly model: string; readonly file: string };

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;
const listOf = (specs: readonly { name?: string; shape: readonly number[] }[]): string =>
  specs.map((s) => (s.name ? `${s.name} ${fmt(s.shape)}` : fmt(s.shape))).join(', ');
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The weights tfjs loads (named as tfjs names them), or the problems that stop the conversion. */
export function matchWeights(targets: readonly Target[], stored: StoredFile): { entries: WeightEntry[]; problems: Problem[] } {
  const entries: WeightEntry[] = [];
  const problems: Problem[] = [];
  const claimed = new Set<string>();
  const byLayer = stored.ordered ? inOrder(targets, stored.ordered, problems) : stored.weights;
  for (const t of targets) {
    const arrays = byLayer.get(t.path) ?? [];
    claimed.add(t.path);
    if (!t.specs) {
      if (arrays.length > 0) problems.push({ code: 'KS7006', layer: t.layer, model: 'weights whose shapes kspec cannot infer (its input shape is unknown)', file: count(arrays.length, 'array') });
      continue;
    }
    if (arrays.length === 0) {
      problems.push({ code: 'KS7003', layer: t.layer, weights: listOf(t.specs) });
      continue;
    }
    if (arrays.length !== t.specs.length) {
      problems.push({ code: 'KS7006', layer: t.layer, model: `${count(t.specs.length, 'weight')} (${listOf(t.specs)})`, file: `${count(arrays.length, 'array')} (${listOf(arrays)})` });
      continue;
    }
    t.specs.forEach((spec, i) => {
      const a = arrays[i]!;
      if (a.shape.length !== spec.shape.length || a.shape.some((d, k) => d !== spec.shape[k])) {
        problems.push({ code: 'KS7005', layer: t.layer, weight: spec.name, model: fmt(spec.shape), file: fmt(a.shape), path: a.path });
        return;
      }
      if (!convertible(a.dataset)) {
        problems.push({ code: 'KS7005', layer: t.layer, weight: spec.name, model: `${fmt(spec.shape)} ${spec.dtype ?? 'float32'}`, file: `${fmt(a.shape)} ${a.dataset.storedType}`, path: a.path });
        return;
      }
      // Located before anything is written: a truncated file fails here, not halfway through the shards.
      const readable = catchHdf5(() => a.dataset.bytes());
      if ('error' in readable) {
        problems.push({ code: 'KS7001', detail: readable.error.message });
        return;
      }
      entries.push(entry(t.layer, spec, a));
    });
  }
  for (const [path, arrays] of byLayer) if (!claimed.has(path) && arrays.length > 0) problems.push({ code: 'KS7004', what: `${count(arrays.length, 'array')} for a layer "${path}" (${listOf(arrays)})` });
  for (const a of stored.unclaimed) problems.push({ code: 'KS7004', what: `an array ${fmt(a.shape)} at "${a.path}"` });
  return { entries, problems };
}

/** One weight for the shards: read from the file when its shard is written. */
function entry(layer: LayerNode, spec: WeightSpec, a: StoredArray): WeightEntry {
  const dtype = spec.dtype ?? 'float32';
  return {
    name: `${layer.name}/${spec.name}`,
    shape: spec.shape,
    dtype,
    data: () => {
      const r = catchHdf5(() => tfjsArray(a.dataset));
      if ('error' in r) throw r.error;
      // The model's dtype wins: a float count stored for an int32 weight is rounded, as tfjs would.
      return r.value.dtype === dtype ? r.value.bytes : recast(r.value.bytes, dtype);
    },
  };
}

/** float32 ↔ int32 bytes. */
function recast(bytes: Uint8Array, to: 'float32' | 'int32'): Uint8Array {
  const copy = bytes.slice();
  const from = to === 'int32' ? new Float32Array(copy.buffer) : new Int32Array(copy.buffer);
  const out = to === 'int32' ? Int32Array.from(from, Math.round) : Float32Array.from(from);
  return new Uint8Array(out.buffer);
}

/**
 * Keras's load_weights by position: the file's layers with weights, zipped with the model's top-level
 * layers with weights. A nested model is one of them, its arrays in its own `weights` order: every
 * trainable weight of its layers, then every non-trainable one.
 */
function inOrder(targets: readonly Target[], ordered: readonly (readonly StoredArray[])[], problems: Problem[]): Map<string, StoredArray[]> {
  const units = new Map<string, Target[]>();
  for (const t of targets) {
    const top = t.path.split('/')[0]!;
    units.set(top, [...(units.get(top) ?? []), t]);
  }
  const list = [...units.values()];
  const map = new Map<string, StoredArray[]>();
  ordered.forEach((arrays, i) => {
    const unit = list[i];
    if (!unit) {
      problems.push({ code: 'KS7004', what: `${count(arrays.length, 'array')} for a layer beyond the model's ${count(list.length, 'layer')} with weights (${list.length === 1 ? 'it' : 'they'} take the file's first ${list.length}) (${listOf(arrays)})` });
      return;
    }
    const slots = (trainable: boolean) => unit.flatMap((t) => (t.specs ?? []).map((spec, k) => ({ t, k, spec })).filter((x) => x.spec.trainable === trainable));
    const per = new Map<Target, StoredArray[]>();
    [...slots(true), ...slots(false)].forEach((slot, j) => {
      const a = arrays[j];
      if (a) (per.get(slot.t) ?? per.set(slot.t, []).get(slot.t)!)[slot.k] = a;
    });
    for (const [t, got] of per) map.set(t.path, got.filter((a) => a !== undefined));
    const used = [...per.values()].reduce((n, got) => n + got.length, 0);
    if (arrays.length > used) problems.push({ code: 'KS7004', what: `${count(arrays.length - used, 'array')} more than layer "${unit[0]!.path.split('/')[0]}" takes (${listOf(arrays.slice(used))})` });
  });
  return map;
}
