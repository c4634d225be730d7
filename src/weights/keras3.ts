/**
 * Keras 3 weights (`model.weights.h5` in a `.keras` archive, or a `.weights.h5` file), also as
 * tf.keras 2.13–2.15 wrote them. Keras's saver files each layer of a model's `layers` list under the
 * snake_case of its class with a per-list counter (`dense`, `dense_1`, `functional_1`), never under
 * its name, and each object's own variables as `vars/0`, `vars/1`, … Layers holding other layers
 * file them under their attribute: `cell` (RNNs), `forward_layer` / `backward_layer`
 * (Bidirectional), `layer` (TimeDistributed). So the config is walked in the saver's order and the
 * counters recomputed. Files saved on Windows have backslashes inside group names, and tf.keras
 * 2.13 wrote `_layer_checkpoint_dependencies` for `layers`: paths are normalised for both.
 */
import { isObj } from '../ir/json.js';
import { keras3SnakeCase, type LayerNode, type ModelGraph } from '../ir/graph.js';
import { walk, type Hdf5Dataset, type Hdf5Group, type Hdf5Node } from './hdf5.js';
import { layerPath, type StoredArray, type StoredFile } from './stored.js';

/** Whether an HDF5 file is laid out by Keras 3's saver (as opposed to the legacy `layer_names` one). */
export function isKeras3Weights(root: Hdf5Group): boolean {
  return root.names.some((n) => normalise(n)[0] === 'layers');
}

export function readKeras3(root: Hdf5Group, graph: ModelGraph): StoredFile {
  // tf.keras 2.13 lists each layer with weights twice in `_layer_checkpoint_dependencies`, and its
  // counter counts both: the second Dense is `dense_2` (keras-team/keras#18830).
  const twice = root.names.some((n) => n.split(/[/\\]/)[0] === '_layer_checkpoint_dependencies');
  const index = new Map<string, Hdf5Node>();
  for (const node of walk(root)) index.set(normalise(node.path).join('/'), node);
  const claimed = new Set<Hdf5Node>();
  const weights = new Map<string, StoredArray[]>();
  const misnamed: { path: string; layer: LayerNode; saved: string }[] = [];

  /** `<path>/vars/0…` in index order. */
  const vars = (path: string): StoredArray[] => {
    const g = index.get(`${path}/vars`);
    if (!g || g.kind !== 'group') return [];
    return g.names
      .filter((n) => /^\d+$/.test(n))
      .sort((a, b) => Number(a) - Number(b))
      .flatMap((n) => {
        const d = g.get(n);
        if (!d || d.kind !== 'dataset') return [];
        claimed.add(d);
        return [{ path: d.path, shape: d.shape, dataset: d as Hdf5Dataset }];
      });
  };

  /** A layer's arrays: its own vars, then those of the layers it holds, in tfjs's order. */
  const arrays = (path: string, className: string, config: Readonly<Record<string, unknown>>): StoredArray[] => {
    const children = CHILDREN[className]?.(config);
    if (!children) return vars(path);
    return [...vars(path), ...children.flatMap(([key, cls, cfg]) => arrays(`${path}/${key}`, cls, cfg))];
  };

  const visit = (g: ModelGraph, base: string, outer: readonly string[]): void => {
    const used = new Map<string, number>();
    // Sequential's `layers` leaves its InputLayer out; Functional's includes it.
    const list = g.style === 'sequential' ? g.layers.filter((l) => l.className !== 'InputLayer') : g.layers;
    for (const l of list) {
      const key = keras3SnakeCase(pythonClass(l));
      // How many objects of this class came before: `dense`, then `dense_1`, `dense_2`, …
      const n = used.get(key) ?? 0;
      const path = `${base}/${n === 0 ? key : `${key}_${n}`}`;
      checkName(path, l);
      const before = weights.size;
      if (l.model) visit(l.model, `${path}/layers`, [...outer, l.name]);
      else {
        const found = arrays(path, l.className, l.config);
        if (found.length > 0) weights.set(layerPath(outer, l.name), found);
      }
      used.set(key, n + (twice && weights.size > before ? 2 : 1));
    }
  };

  /** Keras ≥ 3.6 writes the layer's name on its `vars` group: it must be the config's. */
  const checkName = (path: string, l: LayerNode): void => {
    const saved = index.get(`${path}/vars`)?.attrs.get('name');
    if (typeof saved === 'string' && saved !== l.name) misnamed.push({ path: index.get(`${path}/vars`)!.path, layer: l, saved });
  };

  visit(graph, 'layers', []);
  const unclaimed: StoredArray[] = [];
  let optimizer = 0;
  for (const [path, node] of index) {
    if (node.kind !== 'dataset' || claimed.has(node)) continue;
    if (path.startsWith('layers/')) unclaimed.push({ path: node.path, shape: node.shape, dataset: node });
    else optimizer++;
  }
  return { weights, unclaimed, optimizer, misnamed };
}

/** Path components with Windows separators split and tf.keras 2.13's container key renamed. */
function normalise(path: string): string[] {
  return path
    .split(/[/\\]/)
    .filter((p) => p !== '')
    .map((p) => (p === '_layer_checkpoint_dependencies' ? 'layers' : p));
}

/** The Python class Keras instantiates for a layer (a functional model's class is `Functional`). */
const pythonClass = (l: LayerNode): string => (l.model ? (l.model.style === 'sequential' ? 'Sequential' : 'Functional') : l.className);

type Child = readonly [key: string, className: string, config: Readonly<Record<string, unknown>>];

/** The wrapped `{class_name, config}` under `key`, as a child saved under `as`. */
const wrapped = (config: Readonly<Record<string, unknown>>, key: string, as: string): Child[] => {
  const v = config[key];
  return isObj(v) && typeof v.class_name === 'string' ? [[as, v.class_name, isObj(v.config) ? v.config : {}]] : [];
};

/** The cell an RNN layer saves its variables under (its config is the layer's own). */
const cellOf = (cell: string) => (config: Readonly<Record<string, unknown>>): Child[] => [['cell', cell, config]];

/** Layers that hold other layers, and where the saver files them. */
const CHILDREN: Readonly<Record<string, (config: Readonly<Record<string, unknown>>) => Child[]>> = {
  SimpleRNN: cellOf('SimpleRNNCell'),
  LSTM: cellOf('LSTMCell'),
  GRU: cellOf('GRUCell'),
  ConvLSTM1D: cellOf('ConvLSTMCell'),
  ConvLSTM2D: cellOf('ConvLSTMCell'),
  ConvLSTM3D: cellOf('ConvLSTMCell'),
  RNN: (c) => wrapped(c, 'cell', 'cell'),
  TimeDistributed: (c) => wrapped(c, 'layer', 'layer'),
  // Without `backward_layer`, Keras makes the backward layer from `layer`'s config.
  Bidirectional: (c) => [...wrapped(c, 'layer', 'forward_layer'), ...(isObj(c.backward_layer) ? wrapped(c, 'backward_layer', 'backward_layer') : wrapped(c, 'layer', 'backward_layer'))],
};
