/**
 * Keras 2 legacy HDF5 weights (`model.save("x.h5")`'s `model_weights` group, or `save_weights`'s
 * root), also as Keras 3 writes it: `layer_names` lists one group per layer, whose `weight_names`
 * list its arrays in Keras's order (trainable first). Layers are matched to the config by name,
 * never by the arrays' scope prefix, which can differ from the layer name (`conv1/conv1_1/kernel:0`,
 * `gru_1/gru_cell_1/kernel:0`, `sequential/gru/gru_cell/kernel`). A nested model is one group holding
 * all its layers' arrays, named `<sublayer>/<weight>` and ordered trainable-first across the whole
 * nested model, so those are matched to the sub-layers by name.
 */
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { Hdf5Error, nameList, walk, type Hdf5Group } from './hdf5.js';
import { layerPath, type StoredArray, type StoredFile } from './stored.js';

/** The group holding the layers: `model_weights` of a full model file, else the root. */
export function legacyWeightsGroup(root: Hdf5Group): Hdf5Group | undefined {
  const inner = root.get('model_weights');
  if (inner?.kind === 'group') return inner;
  return nameList(root, 'layer_names') ? root : undefined;
}

export function readLegacy(root: Hdf5Group, graph: ModelGraph): StoredFile {
  const group = legacyWeightsGroup(root);
  if (!group) throw new Hdf5Error('unsupported', 'it has neither a "model_weights" group nor a "layer_names" list', '/');
  const layers = (nameList(group, 'layer_names') ?? []).map((name) => ({ name, arrays: arraysOf(group, name) }));
  const top = layers.find((l) => l.name === 'top_level_model_weights');
  const saved = layers.filter((l) => l !== top);
  const weights = new Map<string, StoredArray[]>();
  const unclaimed: StoredArray[] = [...(top?.arrays.map((a) => a.array) ?? [])];
  const byName = new Map(graph.layers.map((l) => [l.name, l]));
  const withWeights = saved.filter((l) => l.arrays.length > 0);
  // Keras's own load_weights goes by position; names are safer, but a weights file saved from
  // another build of the model has other auto-generated names: then position is all there is.
  const positional = withWeights.length > 0 && withWeights.every((l) => !byName.has(l.name));
  if (positional) return { weights, unclaimed, optimizer: optimizerArrays(root), misnamed: [], ordered: withWeights.map((l) => l.arrays.map((a) => a.array)) };
  for (const l of saved) {
    const layer = byName.get(l.name);
    if (!layer) unclaimed.push(...l.arrays.map((a) => a.array));
    else if (layer.model) claimNested(layer, l.arrays, [], weights, unclaimed);
    else weights.set(l.name, l.arrays.map((a) => a.array));
  }
  return { weights, unclaimed, optimizer: optimizerArrays(root), misnamed: [] };
}

interface Named {
  /** The name's scope tokens, `:0` dropped (`discri_1st_layer`, `kernel`). */
  readonly tokens: readonly string[];
  readonly array: StoredArray;
}

/** A layer group's arrays in `weight_names` order. */
function arraysOf(group: Hdf5Group, name: string): Named[] {
  const layer = group.get(name);
  if (!layer || layer.kind !== 'group') throw new Hdf5Error('corrupt', `"layer_names" lists "${name}", but there is no such group`, `${group.path}/${name}`);
  return (nameList(layer, 'weight_names') ?? []).map((w) => {
    const d = layer.get(w);
    if (!d || d.kind !== 'dataset') throw new Hdf5Error('corrupt', `"weight_names" of "${layer.path}" lists "${w}", but there is no such dataset`, `${layer.path}/${w}`);
    return { tokens: w.replace(/:\d+$/, '').split('/'), array: { path: d.path, shape: d.shape, dataset: d } };
  });
}

/** Hands each array of a nested model's group to the sub-layer its name scopes it under. */
function claimNested(model: LayerNode, arrays: readonly Named[], outer: readonly string[], weights: Map<string, StoredArray[]>, unclaimed: StoredArray[]): void {
  const path = [...outer, model.name];
  const subs = new Map(model.model!.layers.map((l) => [l.name, l]));
  const deeper = new Map<LayerNode, Named[]>();
  for (const a of arrays) {
    // The first scope token naming a sub-layer (Keras 3 prefixes the model's own name).
    const at = a.tokens.slice(0, -1).findIndex((t) => subs.has(t));
    const sub = at < 0 ? undefined : subs.get(a.tokens[at]!)!;
    if (!sub) unclaimed.push(a.array);
    else if (sub.model) deeper.set(sub, [...(deeper.get(sub) ?? []), { tokens: a.tokens.slice(at + 1), array: a.array }]);
    else {
      const key = layerPath(path, sub.name);
      weights.set(key, [...(weights.get(key) ?? []), a.array]);
    }
  }
  for (const [sub, list] of deeper) claimNested(sub, list, path, weights, unclaimed);
}

/** Arrays under `optimizer_weights` (training state, never converted). */
function optimizerArrays(root: Hdf5Group): number {
  const opt = root.get('optimizer_weights');
  if (!opt || opt.kind !== 'group') return 0;
  let n = 0;
  for (const node of walk(opt)) if (node.kind === 'dataset') n++;
  return n;
}
