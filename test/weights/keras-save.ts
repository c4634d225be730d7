/**
 * Keras's savers, emulated for tests: from a model config and its weight arrays, the bytes Keras
 * would write, so the converter tests need neither Python nor binary fixtures.
 *
 * - `kerasH5`: `model.save("x.h5")`, the legacy full-model HDF5 (Keras 2.0–2.2, tf.keras 2.x, Keras 3);
 * - `kerasWeightsH5`: `model.save_weights("x.h5")`, Keras 2 weights-only HDF5;
 * - `keras3Archive`: `model.save("x.keras")`, the zip of saving_lib (Keras 3, tf.keras 2.13–2.15);
 * - `keras3WeightsOnly`: `model.save_weights("x.weights.h5")`, Keras 3.
 *
 * Sources: ../shared/reference/keras-weight-layouts.md (cited "§n") and the HDF5 dumps of real files
 * in ../shared/models/dumps (cited "#nn"), read when this was written; nothing here reads them.
 * Where neither shows a case, the comment says which Keras source the rule comes from.
 */
import { zip } from '../zip.js';
import { type Attr, type DatasetSpec, fixed, type GroupSpec, type KerasLayer, legacyWeightsGroup, writeHdf5 } from './h5write.js';

/** One weight array, in Keras's order for its layer (§4). */
export interface Tensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/**
 * Weight arrays by layer name; a nested model's layers under their own names. Bidirectional: the
 * forward layer's arrays, then the backward layer's. TimeDistributed: the wrapped layer's.
 */
export type Weights = ReadonlyMap<string, readonly Tensor[]>;

/** `{class_name, config}`, as `model.to_json()` writes it (Keras 2 or Keras 3). */
export interface ModelConfig {
  readonly class_name: string;
  readonly config: unknown;
}

// ---- the model: its layers, and their weights named as Keras names them ----

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

interface Layer {
  readonly className: string;
  readonly name: string;
  readonly config: Json;
}

const MODELS = new Set(['Sequential', 'Functional', 'Model']);
const RNN_CELLS: Readonly<Record<string, string>> = { SimpleRNN: 'simple_rnn_cell', LSTM: 'lstm_cell', GRU: 'gru_cell' };

function asLayer(entry: unknown): Layer {
  const e = obj(entry);
  // Keras ≤ 2.1 Sequential: `config` is the plain list of layers (§1 "model_config variants", #04).
  const config = Array.isArray(e.config) ? { layers: e.config } : obj(e.config);
  const className = String(e.class_name);
  const name = String(config.name ?? e.name ?? (className === 'Sequential' ? 'sequential' : 'model'));
  return { className, name, config };
}

/**
 * `model.layers`. A Sequential's leaves its InputLayer out (#05, #08, #09, #12, #14, #21: no input
 * group, no `layers/input_layer`); a Functional's keeps it (#02 `input_2`, #17 `input_12`, §3 "Functional
 * `layers` includes it"). The same in every Keras version.
 */
function modelLayers(model: Layer): Layer[] {
  const all = (Array.isArray(model.config.layers) ? model.config.layers : []).map(asLayer);
  return model.className === 'Sequential' ? all.filter((l) => l.className !== 'InputLayer') : all;
}

const bias = (c: Json) => (c.use_bias === false ? [] : ['bias']);
/** Weight names of the layers that have weights, in Keras order (§4). `keras3`: Keras 3 variable names. */
const LEAF_WEIGHTS: Readonly<Record<string, (c: Json, keras3: boolean) => string[]>> = {
  ...Object.fromEntries(
    ['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'Conv1DTranspose', 'Conv2DTranspose', 'Conv3DTranspose'].map((k) => [k, (c: Json) => ['kernel', ...bias(c)]]),
  ),
  // Keras 3 names the depthwise kernel "kernel" (§4).
  DepthwiseConv1D: (c, keras3) => [keras3 ? 'kernel' : 'depthwise_kernel', ...bias(c)],
  DepthwiseConv2D: (c, keras3) => [keras3 ? 'kernel' : 'depthwise_kernel', ...bias(c)],
  SeparableConv1D: (c) => ['depthwise_kernel', 'pointwise_kernel', ...bias(c)],
  SeparableConv2D: (c) => ['depthwise_kernel', 'pointwise_kernel', ...bias(c)],
  BatchNormalization: (c) => [...(c.scale === false ? [] : ['gamma']), ...(c.center === false ? [] : ['beta']), 'moving_mean', 'moving_variance'],
  LayerNormalization: (c) => [...(c.scale === false ? [] : ['gamma']), ...(c.center === false ? [] : ['beta'])],
  Embedding: () => ['embeddings'],
  PReLU: () => ['alpha'],
  SimpleRNN: (c) => ['kernel', 'recurrent_kernel', ...bias(c)],
  LSTM: (c) => ['kernel', 'recurrent_kernel', ...bias(c)],
  GRU: (c) => ['kernel', 'recurrent_kernel', ...bias(c)],
};
const NON_TRAINABLE = new Set(['moving_mean', 'moving_variance']);

interface Var {
  readonly name: string;
  readonly trainable: boolean;
  readonly tensor: Tensor;
}

/** A layer with its weights attached: what every saver walks. */
interface Node {
  readonly layer: Layer;
  readonly kind: 'leaf' | 'rnn' | 'bidirectional' | 'time_distributed' | 'model';
  /** The layer's own weights (an RNN's are its cell's). */
  readonly vars: readonly Var[];
  /** Bidirectional: [forward, backward]; TimeDistributed: [wrapped]; a model: its layers. */
  readonly children: readonly Node[];
}

const hasWeights = (n: Node): boolean => n.vars.length > 0 || n.children.some(hasWeights);

/**
 * The names of a Bidirectional's two copies of its layer. Keras 2 derives them from the wrapped
 * layer's name (#05 `forward_gru_4`, #26 `forward_lstm`); a Keras 3 config already holds the forward
 * copy, named `forward_…`, and the backward one in `backward_layer` (#13 `forward_lstm_1`/`backward_lstm_1`).
 */
function bidirectionalNames(bidi: Layer, inner: Layer, keras3: boolean): [string, string] {
  const backward = obj(obj(bidi.config.backward_layer).config).name as string | undefined;
  if (keras3 && inner.name.startsWith('forward_')) return [inner.name, backward ?? `backward_${inner.name.slice('forward_'.length)}`];
  return [`forward_${inner.name}`, `backward_${backward ?? inner.name}`];
}

/** Attaches `weights` to the model's layers; throws on a missing, extra or miscounted array. */
function resolve(model: Layer, weights: Weights, o: { keras3Names: boolean; anyClass: boolean }): Node {
  const used = new Set<string>();
  const visit = (layer: Layer, given: readonly Tensor[] | undefined, frozen: boolean): Node => {
    // `trainable: false` on a layer or on a model around it makes its weights non-trainable.
    frozen ||= layer.config.trainable === false;
    const node = (kind: Node['kind'], vars: readonly Var[], children: readonly Node[] = []): Node => ({ layer, kind, vars, children });
    if (MODELS.has(layer.className)) {
      if (given) throw new Error(`weights for ${layer.name}: give a nested model's weights under its layers' names`);
      return node('model', [], modelLayers(layer).map((l) => { used.add(l.name); return visit(l, weights.get(l.name), frozen); }));
    }
    if (layer.className === 'Bidirectional' || layer.className === 'TimeDistributed') {
      const inner = asLayer(layer.config.layer);
      const list = given ?? [];
      if (layer.className === 'TimeDistributed') return node('time_distributed', [], [visit(inner, list, frozen)]);
      const [forward, backward] = bidirectionalNames(layer, inner, o.keras3Names);
      const half = list.length / 2;
      return node('bidirectional', [], [visit({ ...inner, name: forward }, list.slice(0, half), frozen), visit({ ...inner, name: backward }, list.slice(half), frozen)]);
    }
    const names = LEAF_WEIGHTS[layer.className]?.(layer.config, o.keras3Names);
    const tensors = given ?? [];
    if (!names && tensors.length > 0 && !o.anyClass) throw new Error(`${layer.name}: no weight names known for ${layer.className}`);
    const expected = names ?? tensors.map((_, i) => String(i));
    if (tensors.length !== expected.length) throw new Error(`${layer.name} (${layer.className}) has ${expected.length} weights (${expected.join(', ')}), ${tensors.length} given`);
    const vars = expected.map((name, i) => ({ name, trainable: !frozen && !NON_TRAINABLE.has(name), tensor: tensors[i]! }));
    return node(layer.className in RNN_CELLS ? 'rnn' : 'leaf', vars);
  };
  const root = visit(model, undefined, false);
  const extra = [...weights.keys()].filter((k) => !used.has(k));
  if (extra.length > 0) throw new Error(`weights given for layers the model does not have: ${extra.join(', ')}`);
  return root;
}

// ---- legacy HDF5 (§1, §1b, §2) ----

/**
 * Which saver wrote a legacy file, by `keras_version`:
 * - 'keras2' (2.0–2.2, standalone Keras): fixed-length `|S` strings (#02, #05, #07, #15), names
 *   `<scope>/<weight>:0` with no RNN cell scope (#02 `gru_2/kernel:0`, #05, #15);
 * - 'tf.keras' (2.3–2.15): variable-length strings (#09, #17), RNN weights under a cell scope
 *   with its own session counter (#09 `lstm_1/lstm_cell_1/kernel:0`);
 * - 'keras3': variable paths, no `:0`, prefixed by the enclosing Sequential's name (#12, #13).
 */
type Era = 'keras2' | 'tf.keras' | 'keras3';
const versionOf = (v: string) => v.split('.').map(Number) as [number, number];
function eraOf(version: string): Era {
  const [major, minor] = versionOf(version);
  return major >= 3 ? 'keras3' : major === 2 && minor <= 2 ? 'keras2' : 'tf.keras';
}
/** `top_level_model_weights` (always empty here): tf.keras ≥ 2.7 and Keras 3 (§1, #09, #12, #17; not in #05, #07, #15). */
const hasTopLevel = (version: string) => eraOf(version) === 'keras3' || (eraOf(version) === 'tf.keras' && versionOf(version)[1] >= 7);

export interface LegacyH5Options {
  /** `keras_version`, which decides the layout: '2.0.5' | '2.2.4' | '2.10.0' | '2.15.0' | '3.9.2' are the sampled ones. */
  readonly version: string;
  /**
   * TF variable scope per layer name, where it is not the layer name: the Keras 2.0/2.1 quirk of a
   * model built twice in one session (#01 `batch_normalization_1_1/beta:0` in group
   * `batch_normalization_1`; §1 "#03 `conv1/conv1_1/kernel:0`"). Keras 2 versions only.
   */
  readonly scopes?: Readonly<Record<string, string>>;
  /** Split `layer_names` into `layer_names0`, `layer_names1`, … as Keras does past 64 KB (§1 "Attribute chunking"). */
  readonly layerNameChunks?: number;
  /** The string form of name lists and root attributes, when not the version's (see `Era`). */
  readonly strings?: 'fixed' | 'vlen';
}

export interface KerasH5Options extends LegacyH5Options {
  /** An `optimizer_weights` group and a `training_config`, as a compiled model gets (#02, #05, #07, #09, #12). */
  readonly optimizer?: boolean;
}

/** The `model.layers` groups of a legacy file: each layer's weights, named as the version names them. */
function legacyLayers(config: ModelConfig, weights: Weights, o: LegacyH5Options): KerasLayer[] {
  const era = eraOf(o.version);
  if (o.scopes && era !== 'keras2') throw new Error('scopes: the scope quirk is Keras 2.0–2.2 only');
  const model = resolve(asLayer(config), weights, { keras3Names: era === 'keras3', anyClass: false });
  const colon = era === 'keras3' ? '' : ':0';
  // tf.keras names each RNN cell `lstm_cell`, `lstm_cell_1`, … in construction order, one counter
  // per cell class for the whole session (#09). A Bidirectional constructs three: the wrapped layer,
  // then its forward and backward copies, so its weights use the 2nd and 3rd (#26:
  // `bidirectional/forward_lstm/lstm_cell_1`, `backward_lstm/lstm_cell_2`, `bidirectional_1/forward_lstm_1/lstm_cell_4`).
  const cells = new Map<string, number>();
  const nextCell = (className: string) => {
    const base = RNN_CELLS[className]!;
    const k = cells.get(base) ?? 0;
    cells.set(base, k + 1);
    return k === 0 ? base : `${base}_${k}`;
  };
  // Keras 3 variable paths come from the name scopes open when a layer is built: a Sequential builds
  // its layers inside its own scope (#12 `sequential/gru/…`); a Functional's layers are built when
  // called on its inputs, outside any model scope (keras/src/layers/layer.py, not sampled).
  const prefix = (m: Layer) => (m.className === 'Sequential' ? `${m.name}/` : '');
  const scopeOf = (l: Layer, parent: Layer) => (era === 'keras3' ? `${prefix(parent)}${l.name}` : (o.scopes?.[l.name] ?? l.name));

  const named = (node: Node, scope: string): Var[] => {
    switch (node.kind) {
      case 'leaf':
        return node.vars.map((v) => ({ ...v, name: `${scope}/${v.name}${colon}` }));
      case 'rnn': {
        // Keras ≤ 2.2: no cell scope (#02, #05, #15); Keras 3: the cell's fixed name (#12 `gru_cell`, #13 `lstm_cell`).
        const cell = era === 'keras2' ? '' : `/${era === 'keras3' ? RNN_CELLS[node.layer.className] : nextCell(node.layer.className)}`;
        return node.vars.map((v) => ({ ...v, name: `${scope}${cell}/${v.name}${colon}` }));
      }
      case 'bidirectional':
        if (era === 'tf.keras' && node.children[0]!.kind === 'rnn') nextCell(node.children[0]!.layer.className);
        // `<bidi>/forward_<inner>/…` then `<bidi>/backward_<inner>/…` (#05, #13, #26).
        return node.children.flatMap((c) => named(c, `${scope}/${c.layer.name}`));
      case 'time_distributed': {
        // Keras 2 builds the wrapped layer inside the wrapper's scope, without its own (#02
        // `time_distributed_2/kernel:0`); Keras 3's build opens the wrapped layer's scope too, as
        // for Bidirectional in #13 (keras/src/layers/layer.py build_wrapper; not sampled).
        const inner = node.children[0]!;
        return named(inner, era === 'keras3' ? `${scope}/${inner.layer.name}` : scope);
      }
      case 'model':
        // A nested model's weights carry no prefix for it (#07 `discri_1st_layer/kernel:0`, #17).
        return node.children.flatMap((c) => named(c, scopeOf(c.layer, node.layer)));
    }
  };
  return model.children.map((child) => {
    const vars = named(child, scopeOf(child.layer, model.layer));
    // `layer.trainable_weights + layer.non_trainable_weights` (§1 "Ordering"): for a nested model, every
    // trainable weight of its layers, then every non-trainable one (#17: BN moving stats at the end).
    // #17's own odd interleaving (a frozen discriminator) is not reproduced: frozen weights keep layer order.
    const ordered = [...vars.filter((v) => v.trainable), ...vars.filter((v) => !v.trainable)];
    return { name: child.layer.name, weights: ordered.map((v) => ({ name: v.name, data: v.tensor.data, shape: v.tensor.shape })) };
  });
}

function legacyGroup(config: ModelConfig, weights: Weights, o: LegacyH5Options): { group: GroupSpec; strings: 'fixed' | 'vlen' } {
  const strings = o.strings ?? (eraOf(o.version) === 'keras2' ? 'fixed' : 'vlen');
  const layers = legacyLayers(config, weights, o);
  // Groups created sorted by name, `layer_names` in model order, empty lists as empty float64 (h5write.ts).
  return { group: legacyWeightsGroup(layers, { strings, kerasVersion: o.version, topLevel: hasTopLevel(o.version), layerNameChunks: o.layerNameChunks }), strings };
}

/** Junk an optimizer leaves, which readers must skip: the iteration counter (int64) and a slot. */
function optimizerWeights(version: string, strings: 'fixed' | 'vlen'): GroupSpec {
  // #07 `Adam_1/iterations:0`, #09 `Nadam/iter:0`, #12 `adam/iteration` (int64 scalars in all three).
  const era = eraOf(version);
  const names = era === 'keras3' ? ['adam/iteration', 'adam/learning_rate'] : era === 'tf.keras' ? ['Adam/iter:0', 'Adam/learning_rate:0'] : ['Adam_1/iterations:0', 'training_1/Adam/Variable:0'];
  return {
    attrs: { weight_names: strings === 'fixed' ? fixed(names) : names },
    children: { [names[0]!]: { data: BigInt64Array.of(600n), shape: [] }, [names[1]!]: { data: Float32Array.of(0.001), shape: [] } },
  };
}

/**
 * `model.save("x.h5")` (§1, §1b): root `keras_version`, `backend`, `model_config`, and `model_weights`.
 * Keras 3.x writes it too (`version: '3.9.2'`, #12, #13).
 */
export function kerasH5(config: ModelConfig, weights: Weights, o: KerasH5Options): Uint8Array {
  const { group, strings } = legacyGroup(config, weights, o);
  const str = (s: string): Attr => (strings === 'fixed' ? fixed(s) : s);
  const training = { loss: 'mean_squared_error', optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } } };
  return writeHdf5({
    attrs: { keras_version: str(o.version), backend: str('tensorflow'), model_config: str(JSON.stringify(config)), ...(o.optimizer && { training_config: str(JSON.stringify(training)) }) },
    children: { model_weights: group, ...(o.optimizer && { optimizer_weights: optimizerWeights(o.version, strings) }) },
  });
}

/**
 * `model.save_weights("x.h5")` in Keras 2 (§2): the `model_weights` layout at the root, no config
 * (#15 2.2.2, #17 2.7). Keras 3 writes no such file (its save_weights wants `.weights.h5`).
 */
export function kerasWeightsH5(config: ModelConfig, weights: Weights, o: LegacyH5Options): Uint8Array {
  if (eraOf(o.version) === 'keras3') throw new Error('Keras 3 saves weights only as .weights.h5: use keras3WeightsOnly');
  return writeHdf5(legacyGroup(config, weights, o).group);
}

// ---- Keras 3 saving_lib: .keras and .weights.h5 (§3) ----

/**
 * Keras's `to_snake_case` (keras/src/utils/naming.py): `Conv2DTranspose` → `conv2d_transpose`,
 * `PReLU` → `p_re_lu`. tf.keras 2.x's (keras/utils/generic_utils.py) also counts digits as lower
 * case after a capital and prefixes a leading `_` with "private".
 */
export function snakeCase(className: string, tfKeras = false): string {
  if (tfKeras) {
    const s = className.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    return s.startsWith('_') ? `private${s}` : s;
  }
  return className.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

export interface Keras3Options {
  /**
   * `keras_version` in metadata.json, which decides the layout: '3.3.3', '3.6.0', '3.9.2' (Keras 3),
   * '2.13.1', '2.15.0' (tf.keras's first `.keras` saver, #06, #14). Default '3.9.2'.
   */
  readonly version?: string;
  /** Written by tf.keras 2.13: the same as `version: '2.13.1'`. */
  readonly tfKeras213?: boolean;
  /**
   * Saved on Windows: `os.path.join` put backslashes in the paths, so each object's whole path is one
   * group name at the root (#06 `_layer_checkpoint_dependencies\simple_rnn\cell/vars/0`, #14
   * `layers\conv1d/vars/0`). Both samples are tf.keras; Keras 3 replaces `\` by `/` when it joins.
   */
  readonly windows?: boolean;
}

export interface Keras3ArchiveOptions extends Keras3Options {
  /** Deflate the members; Keras stores them (all 8 samples, §0). */
  readonly deflate?: boolean;
}

function keras3Version(o: Keras3Options): string {
  if (o.tfKeras213 && o.version && !o.version.startsWith('2.13.')) throw new Error(`tfKeras213 with version ${o.version}`);
  return o.tfKeras213 ? '2.13.1' : (o.version ?? '3.9.2');
}

/** The tree of model.weights.h5 / .weights.h5. */
function keras3H5(config: ModelConfig, weights: Weights, o: Keras3Options): Uint8Array {
  const version = keras3Version(o);
  const [major, minor] = versionOf(version);
  const tfKeras = major < 3;
  const tf213 = version.startsWith('2.13.');
  // The `name` attribute on vars groups: Keras ≥ 3.6 (#18, #21, #23; not #20 3.3.3, §3 "#22 3.5.0", nor tf.keras #06, #14).
  const named = major > 3 || (major === 3 && minor >= 6);
  const model = resolve(asLayer(config), weights, { keras3Names: !tfKeras, anyClass: true });
  const join = (path: readonly string[]) => path.join(o.windows ? '\\' : '/');
  const children: Record<string, GroupSpec | DatasetSpec> = {};
  const emit = (path: readonly string[], name: string | undefined, tensors: readonly Tensor[]) => {
    // H5IOStore.make: `create_group(path).create_group("vars")`, the model's own at the root `vars`.
    children[path.length === 0 ? 'vars' : `${join(path)}/vars`] = {
      ...(named && name !== undefined && { attrs: { name } }),
      children: Object.fromEntries(tensors.map((t, i) => [String(i), { data: t.data, shape: t.shape }])),
    };
  };
  // Objects saved already are skipped where met again (visited_saveables); the shared InputLayer of
  // a nested Functional is saved once, at its first path (§3, #22). Objects are told apart by layer
  // name here, which Keras keeps unique within a session.
  const saved = new Set<string>();

  // tf.keras 2.13 walks the `_layer_checkpoint_dependencies` dict instead of `layers` (#06). That
  // dict lists each layer with weights twice (`layer_with_weights-i`, then `layer-j`; tf.keras
  // functional.py), and the name counter counts the repeat before skipping it as saved: a second
  // Dense is saved as `dense_2` (not sampled: #06 has one layer of each class).
  const layersKey = tf213 ? '_layer_checkpoint_dependencies' : 'layers';

  const walk = (node: Node, path: readonly string[]) => {
    // Every layer gets its own vars group, empty or not (#20 dropout, #21 random_flip, #18 `layers/gru/vars`).
    emit(path, node.layer.name, node.kind === 'leaf' ? node.vars.map((v) => v.tensor) : []);
    switch (node.kind) {
      case 'rnn': // #18 `layers/gru/cell/vars`, @name `gru_cell`; #06 `simple_rnn\cell`
        emit([...path, 'cell'], RNN_CELLS[node.layer.className], node.vars.map((v) => v.tensor));
        break;
      case 'bidirectional': // §3 (#19): `forward_layer/cell/vars`, `backward_layer/cell/vars`
        walk(node.children[0]!, [...path, 'forward_layer']);
        walk(node.children[1]!, [...path, 'backward_layer']);
        break;
      case 'time_distributed': // #23, #25 `layers/time_distributed/layer/vars`
        walk(node.children[0]!, [...path, 'layer']);
        break;
      case 'model':
        list(node.children, [...path, layersKey]);
        break;
    }
  };
  // _save_container_state: one counter per snake_case class name and per list, never layer names
  // (§3, #21 `conv2d`…`conv2d_5`, #22 `functional_1/layers/conv2d` for the layer named conv2d_3).
  const list = (nodes: readonly Node[], path: readonly string[]) => {
    const used = new Map<string, number>();
    for (const node of tf213 ? nodes.flatMap((n) => (hasWeights(n) ? [n, n] : [n])) : nodes) {
      const base = snakeCase(node.layer.className, tfKeras);
      const k = used.get(base);
      used.set(base, k === undefined ? 0 : k + 1);
      if (saved.has(node.layer.name)) continue;
      saved.add(node.layer.name);
      walk(node, [...path, k === undefined ? base : `${base}_${k + 1}`]);
    }
  };
  walk(model, []);
  // The optimizer's variables, and tf.keras's metrics: junk for a reader (#06, #14, #18).
  children['optimizer/vars'] = {
    ...(named && { attrs: { name: 'adam' } }),
    children: { '0': { data: BigInt64Array.of(600n), shape: [] }, '1': { data: Float32Array.of(0.001), shape: [] } },
  };
  if (tfKeras) children[`${join(['metrics', 'mean'])}/vars`] = { children: { '0': { data: Float32Array.of(4942), shape: [] }, '1': { data: Float32Array.of(10404), shape: [] } } };
  return writeHdf5({ children });
}

/**
 * `model.save("x.keras")` (§3): metadata.json, config.json and model.weights.h5, stored, in that
 * order (the dumps' member lists, #06, #14, #18, #20, #21, #23). `config` is written as config.json as given.
 */
export function keras3Archive(config: ModelConfig, weights: Weights, o: Keras3ArchiveOptions = {}): Uint8Array {
  const metadata = { keras_version: keras3Version(o), date_saved: '2025-04-13@08:54:17' };
  const deflate = o.deflate ?? false;
  return zip([
    { name: 'metadata.json', data: Buffer.from(JSON.stringify(metadata)), deflate },
    { name: 'config.json', data: Buffer.from(JSON.stringify(config)), deflate },
    { name: 'model.weights.h5', data: keras3H5(config, weights, o), deflate },
  ]);
}

/** `model.save_weights("x.weights.h5")` in Keras 3: the tree of model.weights.h5 (§3, #24, #25). */
export function keras3WeightsOnly(config: ModelConfig, weights: Weights, o: Keras3Options = {}): Uint8Array {
  return keras3H5(config, weights, o);
}
