/**
 * The weights half of the corpus report: for every trained Keras model file in a folder (an HDF5
 * file or a `.keras` zip, told by its magic bytes, whatever its extension), runs
 * `convertKerasModel` and checks what it gives three ways:
 *
 * - bit for bit, through a second reader that shares no code with the converter: the HDF5 C
 *   library (h5wasm, a devDependency) instead of jsfive, and a zip reader written here over
 *   node:zlib instead of fflate. Two checks, both on every converted file:
 *   1. per weight: each tfjs weight's stored array is found from the file's own layout, not from
 *      the converter's mapping (see `derive`), and its bytes must equal the converted bytes
 *      exactly (float64 / int64 / bfloat16 data converted to float32 / int32 first, as tfjs holds
 *      it; float16 and big-endian data, which h5wasm does not give as such, fail as not checked),
 *      with the same shape;
 *   2. as a multiset: the (shape, SHA-1 of the bytes) of every converted weight against those of
 *      every array the file holds outside its optimizer / metric state: nothing converted that
 *      is not in the file, and no model array of the file left out.
 * - tfjs loads the result (`tf.loadLayersModel(tf.io.fromMemory(…))`, kspec's runtime classes
 *   registered), and predicts on a batch of zeros of the model's input shapes, giving finite
 *   numbers.
 *
 * Which weights file goes with which config (a weights-only HDF5 file holds no model config):
 * a file named `<stem>.weights.h5`, `<stem>_weights.h5`, `<stem>-weights.h5` or `<stem>.h5` (also
 * `.hdf5`) is paired with the one config file beside it named `<stem>.json` or
 * `<stem>.<anything>.json` (or `.yaml` / `.yml`; never a `*.weights.json` shard index), for
 * instance `model.json`, `model.config.json`, `24-x.model-to_json.json` for `24-x.weights.h5`;
 * and `model.weights.h5` with `config.json` (an unpacked `.keras` archive). With no such config,
 * or more than one, the file is converted alone (and fails when it holds weights only).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type * as H5 from 'h5wasm/node';
import { convertKerasModel, type ConvertedModel } from '../src/weights/convert.js';

type Tf = typeof import('@tensorflow/tfjs');
type H5Module = typeof import('h5wasm/node');

export interface WeightsRow {
  file: string;
  /** The container as its magic bytes and h5wasm see it. */
  layout: string;
  /** The config file it was paired with (weights-only files). */
  config?: string;
  /** Why a weights-only file was not paired, when it was not. */
  pairing?: string;
  converted: boolean;
  /** The first error diagnostic (code and message) when not converted. */
  diagnostic?: string;
  weights?: number;
  bytes?: number;
  /** Bit-for-bit: true when every check below passed (converted files only). */
  bitExact?: boolean;
  /** Which checks the file got, and how they came out. */
  check?: string;
  /** Weights whose stored array was derived from the file's layout / exactly equal / total. */
  derived?: number;
  exact?: number;
  /** The multiset check: true when equal. */
  multiset?: boolean;
  /** The first mismatch or check failure. */
  bitError?: string;
  loads?: boolean;
  loadError?: string;
  predicts?: boolean;
  predictError?: string;
  /** Output shapes of the prediction. */
  output?: string;
  ms: number;
}

const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** The first 8 bytes: 'hdf5', 'zip' or undefined. */
function sniff(path: string): 'hdf5' | 'zip' | undefined {
  const head = new Uint8Array(8);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 8 && HDF5_MAGIC.every((b, i) => head[i] === b)) return 'hdf5';
  if (n >= 4 && ZIP_MAGIC.every((b, i) => head[i] === b)) return 'zip';
  return undefined;
}

const errorLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 160);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The config files a weights-only file pairs with, by the rule in the header. */
export function configCandidates(weightsFile: string, configs: readonly string[]): string[] {
  const m = /^(.*?)(?:[._-]weights)?\.(?:h5|hdf5|he5|keras)$/i.exec(weightsFile);
  if (!m || !m[1]) return [];
  const stem = m[1];
  const named = new RegExp(`^${escapeRe(stem)}(?:\\..+)?\\.(?:json|ya?ml)$`, 'i');
  const out = configs.filter((c) => named.test(c) && !/\.weights\.json$/i.test(c));
  if (/^model\.weights\.h5$/i.test(weightsFile) && configs.includes('config.json') && !out.includes('config.json')) out.push('config.json');
  return out;
}

// ---- a zip reader of its own (central directory, stored or deflated entries) ----

function unzip(b: Uint8Array): Map<string, () => Uint8Array> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip: no end-of-central-directory record');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || at === 0xffffffff) throw new Error('zip: zip64 archives are not read here');
  const out = new Map<string, () => Uint8Array>();
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('zip: bad central directory entry');
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    out.set(name, () => {
      if (view.getUint32(local, true) !== 0x04034b50) throw new Error(`zip: bad local header for ${name}`);
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const raw = b.subarray(start, start + compressed);
      if (method === 0) return raw;
      if (method === 8) {
        const data = new Uint8Array(inflateRawSync(raw));
        if (data.length !== size) throw new Error(`zip: ${name} inflates to ${data.length} bytes, not ${size}`);
        return data;
      }
      throw new Error(`zip: ${name} uses compression method ${method}`);
    });
  }
  return out;
}

// ---- the file as h5wasm reads it ----

interface Tree {
  /** Every dataset by its path with Windows separators split and `_layer_checkpoint_dependencies` read as `layers`. */
  readonly datasets: Map<string, H5.Dataset>;
  /** Every group likewise ('' is the root). */
  readonly groups: Map<string, H5.Group>;
}

const normalise = (path: string): string =>
  path
    .split(/[/\\]/)
    .filter((p) => p !== '')
    .map((p) => (p === '_layer_checkpoint_dependencies' ? 'layers' : p))
    .join('/');

function readTree(h5: H5Module, file: H5.File): Tree {
  const datasets = new Map<string, H5.Dataset>();
  const groups = new Map<string, H5.Group>([['', file]]);
  const visit = (g: H5.Group): void => {
    for (const key of g.keys()) {
      const e = g.get(key);
      if (e instanceof h5.Group) {
        groups.set(normalise(e.path), e);
        visit(e);
      } else if (e instanceof h5.Dataset) datasets.set(normalise(e.path), e);
    }
  };
  visit(file);
  return { datasets, groups };
}

/** A string-list attribute as Keras writes it (also chunked `name0`, `name1`, …; an empty list is an empty float array). */
function nameList(g: H5.Group, name: string): string[] | undefined {
  const attrs = g.attrs;
  const one = (v: unknown): string[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : []);
  if (attrs[name]) return one(attrs[name]!.value).map((s) => s.replace(/\0+$/, ''));
  if (!attrs[`${name}0`]) return undefined;
  const out: string[] = [];
  for (let i = 0; attrs[`${name}${i}`]; i++) out.push(...one(attrs[`${name}${i}`]!.value));
  return out.map((s) => s.replace(/\0+$/, ''));
}

function stringAttr(e: H5.Group | H5.Dataset, name: string): string | undefined {
  const v = e.attrs[name]?.value;
  return typeof v === 'string' ? v : Array.isArray(v) && v.length === 1 && typeof v[0] === 'string' ? v[0] : undefined;
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** A dataset's values as tfjs holds them (`dtype`), as little-endian bytes, read by h5wasm. */
function storedBytes(d: H5.Dataset, dtype: string): Uint8Array {
  const md = d.metadata;
  if (md.type !== 0 && md.type !== 1) throw new Error(`"${d.path}" is not numeric (HDF5 class ${md.type})`);
  if (!md.littleEndian && md.size > 1) throw new Error(`"${d.path}" is big-endian: not checked here`);
  const tag = stringAttr(d, 'dtype');
  // h5wasm 0.10 reads no float16 ("Float16 not supported"): such a weight is reported, not compared.
  if (md.type === 1 && md.size === 2) throw new Error(`"${d.path}" is float16, which h5wasm does not read`);
  let v: unknown = d.value;
  if (!ArrayBuffer.isView(v)) {
    if (typeof v === 'bigint') v = md.signed ? BigInt64Array.of(v) : BigUint64Array.of(v);
    else if (typeof v === 'number') v = md.type === 1 ? (md.size === 8 ? Float64Array.of(v) : Float32Array.of(v)) : Int32Array.of(v);
    else throw new Error(`h5wasm gives no array for "${d.path}"`);
  }
  let values: Float32Array | Int32Array;
  if (v instanceof Uint16Array && tag === 'bfloat16') values = new Float32Array(Uint32Array.from(v, (x) => x << 16).buffer);
  else if (v instanceof Float32Array || v instanceof Int32Array) values = v;
  else if (v instanceof Float64Array) values = Float32Array.from(v);
  else if (v instanceof BigInt64Array || v instanceof BigUint64Array) values = Int32Array.from(v as BigInt64Array, (x) => Number(BigInt.asIntN(32, x)));
  else values = Int32Array.from(v as Int16Array);
  if (dtype === 'int32' && values instanceof Float32Array) values = Int32Array.from(values, Math.round);
  if (dtype === 'float32' && values instanceof Int32Array) values = Float32Array.from(values);
  return bytesOf(values);
}

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const fmt = (s: readonly number[]) => `[${s.join(',')}]`;

// ---- which stored array each tfjs weight is: derived from the file's layout ----

/** A tfjs weight: the chain of layer names holding it (nested models first), and its index among its layer's weights. */
interface Placed {
  readonly chain: readonly string[];
  readonly index: number;
  /** How many weights its layer has. */
  readonly count: number;
}

/** Where each weight lands in the loaded tfjs model, by `originalName` (what tfjs matches manifest names to). */
function placesInModel(model: { readonly layers: readonly unknown[] }): Map<string, Placed> {
  const out = new Map<string, Placed>();
  const visit = (layers: readonly unknown[], outer: readonly string[]): void => {
    for (const l of layers as { name: string; layers?: unknown[]; weights: { originalName: string }[] }[]) {
      // A nested model: its layers hold its weights (tfjs names them without the model's name).
      if (Array.isArray(l.layers)) {
        visit(l.layers, [...outer, l.name]);
        continue;
      }
      l.weights.forEach((w, index) => {
        if (!out.has(w.originalName)) out.set(w.originalName, { chain: [...outer, l.name], index, count: l.weights.length });
      });
    }
  };
  visit(model.layers, []);
  return out;
}

/** Without a loaded model: the manifest name's first token is the layer, the order within it the index. */
function placesInManifest(names: readonly string[]): Map<string, Placed> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n.split('/')[0]!, (counts.get(n.split('/')[0]!) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, Placed>();
  for (const n of names) {
    const layer = n.split('/')[0]!;
    const index = seen.get(layer) ?? 0;
    seen.set(layer, index + 1);
    out.set(n, { chain: [layer], index, count: counts.get(layer)! });
  }
  return out;
}

/** The stored array of a weight, or why it cannot be told (`fails`: because file and model disagree). */
interface Derived {
  readonly path?: string;
  readonly dataset?: H5.Dataset;
  readonly why?: string;
  readonly fails?: boolean;
}

interface Layout {
  readonly name: string;
  /** The stored array of a placed weight (`why` when it cannot be told). */
  derive(weight: string, at: Placed): Derived;
  /** Every array the model's weights could come from (no optimizer or metric state), by normalised path. */
  readonly modelArrays: ReadonlyMap<string, H5.Dataset>;
  /** Notes from deriving (disagreements with `@name`). */
  readonly notes: string[];
}

/** Keras's weight names whose tfjs name differs (Keras 3 names DepthwiseConv2D's kernel `kernel`). */
const ALIASES: Readonly<Record<string, string>> = { depthwise_kernel: 'kernel' };

/**
 * Legacy HDF5 (Keras 2, and Keras 3's legacy writer): `layer_names` lists one group per layer,
 * whose `weight_names` list its arrays in Keras's order, which is tfjs's `layer.weights` order.
 * A top-level layer's k-th weight is the k-th array of the group named as the layer; a nested
 * model's layer's k-th weight is the k-th array of the nested model's group whose name scopes it
 * under the layer's name. The array's own name (its last token, and forward_/backward_ for
 * Bidirectional) must agree with the tfjs weight's.
 */
function legacyLayout(tree: Tree): Layout | undefined {
  const top = tree.groups.get('model_weights') ?? tree.groups.get('');
  const base = tree.groups.has('model_weights') ? 'model_weights' : '';
  const layerNames = top && nameList(top, 'layer_names');
  if (!top || !layerNames) return undefined;
  interface Stored {
    readonly name: string;
    readonly tokens: string[];
    readonly path: string;
    readonly dataset?: H5.Dataset;
  }
  const groups = new Map<string, Stored[]>();
  const modelArrays = new Map<string, H5.Dataset>();
  for (const layer of layerNames) {
    const g = tree.groups.get(normalise(`${base}/${layer}`));
    const names = g ? (nameList(g, 'weight_names') ?? []) : [];
    groups.set(
      layer,
      names.map((w) => {
        const path = normalise(`${base}/${layer}/${w}`);
        return { name: w, tokens: w.replace(/:\d+$/, '').split('/'), path, dataset: tree.datasets.get(path) };
      }),
    );
  }
  for (const [path, d] of tree.datasets) if (base ? path.startsWith('model_weights/') : !path.startsWith('optimizer_weights/')) modelArrays.set(path, d);
  const scoped = (arrays: readonly Stored[], layer: string) => arrays.filter((a) => a.tokens.slice(0, -1).includes(layer));
  return {
    name: 'legacy HDF5 (layer_names / weight_names)',
    modelArrays,
    notes: [],
    derive(weight, at) {
      const layer = at.chain.at(-1)!;
      let arrays: readonly Stored[] | undefined;
      if (at.chain.length > 1) arrays = groups.has(at.chain[0]!) ? scoped(groups.get(at.chain[0]!)!, layer) : undefined;
      else if (groups.has(layer)) arrays = groups.get(layer);
      else {
        // No model loaded, so no nesting known: the one group that scopes arrays under the layer's name.
        const holders = [...groups.values()].map((g) => scoped(g, layer)).filter((a) => a.length > 0);
        if (holders.length === 1) arrays = holders[0];
      }
      if (!arrays) return { why: `no layer group for "${at.chain.join('/')}"` };
      if (arrays.length !== at.count) return { why: `"${layer}" has ${at.count} weights in tfjs, ${arrays.length} arrays in the file`, fails: true };
      const a = arrays[at.index]!;
      const mine = weight.split('/');
      const want = mine.at(-1)!;
      const got = a.tokens.at(-1)!;
      if (got !== want && ALIASES[want] !== got) return { why: `tfjs weight "${weight}" (#${at.index}) vs stored "${a.name}": names differ`, fails: true };
      const dir = mine.find((t) => /^(forward|backward)_/.test(t))?.split('_')[0];
      if (dir && !a.tokens.some((t) => t.startsWith(`${dir}_`))) return { why: `tfjs weight "${weight}" vs stored "${a.name}": not the ${dir} layer`, fails: true };
      if (!a.dataset) return { why: `"weight_names" lists "${a.name}", but there is no such dataset`, fails: true };
      return { path: a.path, dataset: a.dataset };
    },
  };
}

/** Keras's `to_snake_case` (keras/src/utils/naming.py). */
const snake = (name: string): string =>
  name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A model config's layer list, from the forms Keras writes (`to_json`, config.json, `model_config`, tfjs `modelTopology`). */
function modelOf(json: unknown): { className: string; layers: unknown[] } | undefined {
  let v = json;
  if (isObj(v) && isObj(v.modelTopology)) v = v.modelTopology;
  if (isObj(v) && isObj(v.model_config)) v = v.model_config;
  if (!isObj(v) || typeof v.class_name !== 'string') return undefined;
  const layers = Array.isArray(v.config) ? v.config : isObj(v.config) && Array.isArray(v.config.layers) ? v.config.layers : undefined;
  return layers ? { className: v.class_name, layers } : undefined;
}

const NESTING = ['Sequential', 'Functional', 'Model'];

/**
 * Keras 3 (`.keras`'s model.weights.h5, `.weights.h5`; tf.keras 2.13–2.15 too): the saver files each
 * layer of a model's `layers` list under the snake_case of its Python class with a counter per list
 * (Sequential's list leaves its InputLayer out), nested models' layers under `<path>/layers`. The
 * config is walked to recompute those paths; where Keras (≥ 3.6) wrote `@name` on `<path>/vars`, it
 * must be the config's layer name. A layer's arrays are then read off the tree alone: its own
 * `vars/<i>` in index order, then those of the objects it holds, in tfjs's order (`cell`, then
 * `forward_layer`, `backward_layer`, then `layer`); any other child makes it underivable.
 */
function keras3Layout(tree: Tree, config: unknown): Layout | undefined {
  if (!keras3Tree(tree)) return undefined;
  const modelArrays = new Map([...tree.datasets].filter(([p]) => p.startsWith('layers/')));
  const notes: string[] = [];
  const paths = new Map<string, string | Derived>();
  const byName = new Map<string, string[]>();
  let named = 0;
  const walk = (model: { className: string; layers: unknown[] }, base: string, outer: readonly string[]): void => {
    const used = new Map<string, number>();
    for (const l of model.layers) {
      if (!isObj(l) || typeof l.class_name !== 'string') continue;
      if (model.className === 'Sequential' && l.class_name === 'InputLayer') continue;
      const name = isObj(l.config) && typeof l.config.name === 'string' ? l.config.name : typeof l.name === 'string' ? l.name : '?';
      const nested = NESTING.includes(l.class_name) ? modelOf(l) : undefined;
      const key = snake(nested && l.class_name === 'Model' ? 'Functional' : l.class_name);
      const n = used.get(key);
      used.set(key, n === undefined ? 0 : n + 1);
      const path = `${base}/${n === undefined ? key : `${key}_${n + 1}`}`;
      const chain = [...outer, name];
      const vars = tree.groups.get(`${path}/vars`);
      const saved = vars && stringAttr(vars, 'name');
      if (saved !== undefined) named++;
      const wrong = saved !== undefined && saved !== name;
      if (wrong) notes.push(`@name "${saved}" at ${path}/vars, but the config's layer there is "${name}"`);
      paths.set(chain.join('/'), wrong ? { why: `@name "${saved}" at ${path}/vars is not "${name}"`, fails: true } : path);
      byName.set(name, [...(byName.get(name) ?? []), chain.join('/')]);
      if (nested) walk(nested, `${path}/layers`, chain);
    }
  };
  const model = modelOf(config);
  if (model) walk(model, 'layers', []);

  const ORDER = ['cell', 'forward_layer', 'backward_layer', 'layer'];
  const arraysAt = (path: string): { path: string; dataset: H5.Dataset }[] | string => {
    const own: { i: number; path: string; dataset: H5.Dataset }[] = [];
    const children = new Set<string>();
    for (const [p, d] of tree.datasets) {
      if (!p.startsWith(`${path}/`)) continue;
      const rest = p.slice(path.length + 1).split('/');
      if (rest[0] === 'vars' && rest.length === 2 && /^\d+$/.test(rest[1]!)) own.push({ i: Number(rest[1]), path: p, dataset: d });
      else if (rest[0] !== 'vars') children.add(rest[0]!);
      else return `unexpected dataset "${p}"`;
    }
    const out = own.sort((a, b) => a.i - b.i).map(({ path: p, dataset }) => ({ path: p, dataset }));
    for (const c of [...children].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))) {
      if (!ORDER.includes(c)) return `unexpected child "${c}" under "${path}"`;
      const inner = arraysAt(`${path}/${c}`);
      if (typeof inner === 'string') return inner;
      out.push(...inner);
    }
    return out;
  };
  return {
    name: !model ? 'Keras 3 layout, no config to walk' : `Keras 3 layout (class-counter walk of the config; ${named ? `@name equal to the config's on ${named} layers` : 'no @name in the file'})`,
    modelArrays,
    notes,
    derive(_weight, at) {
      if (!model) return { why: 'no config to walk' };
      let found = paths.get(at.chain.join('/'));
      if (found === undefined) {
        const same = byName.get(at.chain.at(-1)!) ?? [];
        if (same.length === 1) found = paths.get(same[0]!);
      }
      if (found === undefined) return { why: `the config walk has no layer "${at.chain.join('/')}"` };
      if (typeof found !== 'string') return found;
      const arrays = arraysAt(found);
      if (typeof arrays === 'string') return { why: arrays };
      if (arrays.length !== at.count) return { why: `"${at.chain.join('/')}" has ${at.count} weights in tfjs, ${arrays.length} arrays under "${found}"`, fails: true };
      return arrays[at.index]!;
    },
  };
}

/** Whether the tree is laid out by Keras 3's saver: a top-level `layers` (Windows paths and tf.keras 2.13's name normalised). */
const keras3Tree = (tree: Tree): boolean => [...tree.groups.keys(), ...tree.datasets.keys()].some((p) => p === 'layers' || p.startsWith('layers/'));

// ---- one file ----

interface Opened {
  readonly file: H5.File;
  readonly tree: Tree;
  close(): void;
}

/** Opens HDF5 bytes (or a file on disk) with h5wasm, whose Node build reads the real file system. */
function open(h5: H5Module, onDisk: string | undefined, bytes: Uint8Array | undefined): Opened {
  let dir: string | undefined;
  let path = onDisk;
  if (!path) {
    dir = mkdtempSync(join(tmpdir(), 'kspec-corpus-'));
    path = join(dir, 'model.weights.h5');
    writeFileSync(path, bytes!);
  }
  let file: H5.File;
  try {
    file = new h5.File(path, 'r');
  } catch (e) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw new Error(`cannot open it as HDF5 (${errorLine(e)})`);
  }
  const close = () => {
    try {
      file.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    return { file, tree: readTree(h5, file), close };
  } catch (e) {
    close();
    // h5wasm opens a damaged file without a word (HDF5-DIAG on stderr) and fails on the first read.
    throw new Error(`cannot read it as HDF5 (${errorLine(e)})`);
  }
}

/** Unknown sizes besides the batch: long enough for the kernels and pools of the sampled models. */
const INPUT_FILL = 8;

/**
 * Loads the converted model in tfjs and predicts on zeros; gives where each weight landed in it
 * (undefined when it does not load).
 */
async function loadAndPredict(tf: Tf, converted: ConvertedModel, row: WeightsRow): Promise<Map<string, Placed> | undefined> {
  let model: Awaited<ReturnType<Tf['loadLayersModel']>>;
  try {
    model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: converted.modelJSON!.modelTopology as never,
        weightSpecs: converted.weightSpecs as never,
        weightData: converted.weightData!,
      }),
    );
    row.loads = true;
  } catch (e) {
    row.loads = false;
    row.loadError = errorLine(e);
    return undefined;
  }
  try {
    const inputs = model.inputs.map((t) => tf.zeros(t.shape.map((d, i) => d ?? (i === 0 ? 1 : INPUT_FILL)), t.dtype));
    try {
      const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs);
      const outs = Array.isArray(out) ? out : [out];
      try {
        row.output = outs.map((o) => fmt(o.shape)).join(' ');
        for (const o of outs) {
          const values = await o.data();
          if (!values.every((x) => Number.isFinite(x))) throw new Error(`predict gives non-finite values (output ${fmt(o.shape)})`);
        }
        row.predicts = true;
      } finally {
        outs.forEach((o) => o.dispose());
      }
    } catch (e) {
      row.predicts = false;
      row.predictError = errorLine(e);
    } finally {
      inputs.forEach((t) => t.dispose());
    }
    return placesInModel(model);
  } finally {
    model.dispose();
  }
}

/** Both bit-for-bit checks (see the header); sets bitExact, check, derived, exact, multiset, bitError. */
function bitCheck(row: WeightsRow, converted: ConvertedModel, layout: Layout | undefined, tree: Tree, placed: Map<string, Placed> | undefined): void {
  const specs = converted.weightSpecs!;
  const data = new Uint8Array(converted.weightData!);
  if (specs.some((s) => s.quantization)) {
    row.bitExact = false;
    row.check = 'not checked';
    row.bitError = 'quantized weights are not compared';
    return;
  }
  const failures: string[] = [];
  // Converted weights, sliced out of the shards' bytes in manifest order.
  let offset = 0;
  const slices = specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1) * (s.dtype === 'bool' ? 1 : 4);
    const bytes = data.subarray(offset, offset + n);
    offset += n;
    return { spec: s, bytes };
  });
  if (offset !== data.length) failures.push(`the shards hold ${data.length} bytes, the manifest ${offset}`);

  // 1. Per weight, from the file's layout.
  let derived = 0;
  let exact = 0;
  const underived: string[] = [];
  const checks: string[] = [];
  if (layout) {
    const places = placed ?? placesInManifest(specs.map((s) => s.name));
    for (const { spec, bytes } of slices) {
      const at = places.get(spec.name);
      const d: Derived = at ? layout.derive(spec.name, at) : { why: `tfjs has no weight named "${spec.name}"`, fails: true };
      if (!d.dataset) {
        (d.fails ? failures : underived).push(`${spec.name}: ${d.why}`);
        continue;
      }
      derived++;
      try {
        const shape = d.dataset.shape ?? [];
        if (!same(shape, spec.shape)) {
          failures.push(`${spec.name}: shape ${fmt(spec.shape)}, stored ${fmt(shape)} at "${d.path}"`);
          continue;
        }
        const stored = storedBytes(d.dataset, spec.dtype);
        if (stored.length === bytes.length && Buffer.compare(stored, bytes) === 0) exact++;
        else {
          let i = 0;
          while (i < Math.min(stored.length, bytes.length) && stored[i] === bytes[i]) i++;
          failures.push(`${spec.name}: bytes differ from "${d.path}" (first at byte ${i} of ${bytes.length})`);
        }
      } catch (e) {
        failures.push(`${spec.name}: ${errorLine(e)}`);
      }
    }
    const how = `${layout.name}${placed ? '' : '; tfjs did not load, so layers are taken from the manifest names'}`;
    checks.push(`per weight ${exact}/${specs.length} exact${underived.length ? `, ${underived.length} not derivable` : ''} [${how}]`);
  } else checks.push('per weight: no Keras layout recognised');

  // 2. The multiset of (shape, bytes) against every model array of the file.
  const key = (shape: readonly number[], b: Uint8Array) => `${fmt(shape)} ${sha1(b)}`;
  const mine = new Map<string, number>();
  for (const { spec, bytes } of slices) mine.set(key(spec.shape, bytes), (mine.get(key(spec.shape, bytes)) ?? 0) + 1);
  const theirs = new Map<string, number>();
  const arrays = layout?.modelArrays ?? tree.datasets;
  let unreadable = 0;
  for (const [path, d] of arrays) {
    try {
      const dtype = d.metadata.type === 0 && stringAttr(d, 'dtype') !== 'bfloat16' ? 'int32' : 'float32';
      const k = key(d.shape ?? [], storedBytes(d, dtype));
      theirs.set(k, (theirs.get(k) ?? 0) + 1);
    } catch (e) {
      unreadable++;
      failures.push(`multiset: "${path}": ${errorLine(e)}`);
    }
  }
  let onlyMine = 0;
  let onlyTheirs = 0;
  for (const [k, n] of mine) onlyMine += Math.max(0, n - (theirs.get(k) ?? 0));
  for (const [k, n] of theirs) onlyTheirs += Math.max(0, n - (mine.get(k) ?? 0));
  row.multiset = onlyMine === 0 && onlyTheirs === 0 && unreadable === 0;
  if (onlyMine + onlyTheirs > 0) failures.push(`multiset: ${onlyMine} converted weight(s) not in the file, ${onlyTheirs} file array(s) not converted`);
  checks.push(`multiset ${row.multiset ? 'equal' : 'DIFFERS'} (${specs.length} weights, ${arrays.size} model arrays in the file)`);
  failures.push(...(layout?.notes ?? []));

  row.derived = derived;
  row.exact = exact;
  row.check = checks.join('; ');
  // Weights whose array cannot be told from the layout are covered by the multiset only, as the check says.
  row.bitExact = failures.length === 0 && row.multiset;
  const first = failures[0] ?? (underived.length ? `not derivable: ${underived[0]}` : undefined);
  if (first !== undefined) row.bitError = first;
}

async function oneFile(tf: Tf, h5: H5Module | string, dir: string, file: string, kind: 'hdf5' | 'zip', configs: readonly string[]): Promise<WeightsRow> {
  const t0 = performance.now();
  const row: WeightsRow = { file, layout: kind === 'zip' ? 'zip' : 'hdf5', converted: false, ms: 0 };
  let opened: Opened | undefined;
  try {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    // The second reader's view of the file.
    let configJson: unknown;
    let h5Error: string | undefined;
    if (typeof h5 === 'string') h5Error = h5;
    else {
      try {
        if (kind === 'zip') {
          const entries = unzip(bytes);
          const weights = entries.get('model.weights.h5');
          const cfg = entries.get('config.json');
          if (cfg) configJson = JSON.parse(new TextDecoder().decode(cfg()));
          row.layout = `zip (${[...entries.keys()].filter((n) => !n.endsWith('/')).join(', ')})`;
          if (weights) opened = open(h5, undefined, weights());
          else h5Error = 'the archive has no model.weights.h5';
        } else {
          opened = open(h5, join(dir, file), undefined);
          const root = opened.file;
          const legacy = nameList(root, 'layer_names') !== undefined || opened.tree.groups.has('model_weights');
          row.layout = stringAttr(root, 'model_config') !== undefined ? 'hdf5 model' : keras3Tree(opened.tree) ? 'hdf5 weights (Keras 3)' : legacy ? 'hdf5 weights (legacy)' : 'hdf5 (no Keras layout)';
        }
      } catch (e) {
        h5Error = `h5wasm: ${errorLine(e)}`;
      }
    }
    // Pairing: an HDF5 file without a model config, with one config named after it.
    let converted: ConvertedModel;
    const weightsOnly = kind === 'hdf5' && !row.layout.startsWith('hdf5 model');
    const candidates = weightsOnly ? configCandidates(file, configs) : [];
    if (candidates.length === 1) {
      row.config = candidates[0]!;
      const text = readFileSync(join(dir, row.config));
      try {
        configJson = JSON.parse(text.toString('utf8'));
      } catch {
        configJson = undefined;
      }
      converted = convertKerasModel({ config: new Uint8Array(text), configName: row.config, weights: bytes, weightsName: file });
    } else {
      if (weightsOnly) row.pairing = candidates.length === 0 ? 'no config named after it' : `ambiguous configs: ${candidates.join(', ')}`;
      converted = convertKerasModel(bytes, { fileName: file });
    }
    row.converted = converted.ok;
    if (h5Error) row.layout += ` (${h5Error})`;
    if (!converted.ok) {
      const first = converted.diagnostics.find((d) => d.severity === 'error');
      row.diagnostic = first ? `${first.code} ${first.message}` : 'no model and no error diagnostic';
      return row;
    }
    row.weights = converted.weightSpecs!.length;
    row.bytes = converted.weightData!.byteLength;

    const placed = await loadAndPredict(tf, converted, row);

    if (!opened) {
      row.bitExact = false;
      row.check = 'not checked';
      row.bitError = h5Error ?? 'h5wasm could not open it';
      return row;
    }
    const layout = legacyLayout(opened.tree) ?? keras3Layout(opened.tree, configJson);
    bitCheck(row, converted, layout, opened.tree, placed);
    return row;
  } catch (e) {
    row.diagnostic ??= `threw: ${errorLine(e)}`;
    return row;
  } finally {
    try {
      opened?.close();
    } catch {
      // closing a file h5wasm could not read: nothing left to do
    }
    row.ms = Math.round(performance.now() - t0);
  }
}

/** Every model file of `dir` (by magic bytes), converted and checked; [] when it has none. */
export async function weightsReport(dir: string): Promise<WeightsRow[]> {
  const names = readdirSync(dir)
    .filter((f) => {
      try {
        return statSync(join(dir, f)).isFile();
      } catch {
        return false;
      }
    })
    .sort();
  const kinds = new Map<string, 'hdf5' | 'zip' | undefined>();
  for (const f of names) {
    try {
      kinds.set(f, sniff(join(dir, f)));
    } catch {
      kinds.set(f, undefined);
    }
  }
  const models = names.filter((f) => kinds.get(f));
  if (models.length === 0) return [];
  const configs = names.filter((f) => !kinds.get(f) && /\.(json|ya?ml)$/i.test(f));
  const tf = await import('@tensorflow/tfjs');
  await import('../src/runtime/index.js');
  let h5: H5Module | string;
  try {
    const mod = await import('h5wasm/node');
    await mod.ready;
    h5 = mod;
  } catch (e) {
    h5 = `h5wasm is not available: ${errorLine(e)}`;
  }
  const rows: WeightsRow[] = [];
  for (const f of models) rows.push(await oneFile(tf, h5, dir, f, kinds.get(f)!, configs));
  return rows;
}

export function summarizeWeights(rows: readonly WeightsRow[]): string {
  const converted = rows.filter((r) => r.converted);
  const n = converted.length;
  return `weights: files ${rows.length} · converted ${n}/${rows.length} · bit-for-bit ${converted.filter((r) => r.bitExact).length}/${n} · load in tfjs ${converted.filter((r) => r.loads).length}/${n} · predict ${converted.filter((r) => r.predicts).length}/${n}`;
}

export function weightsLines(rows: readonly WeightsRow[]): string[] {
  const width = Math.max(...rows.map((r) => r.file.length));
  const indent = ' '.repeat(4);
  const out: string[] = [];
  for (const r of rows) {
    const paired = r.config ? `${indent}with config ${r.config} (paired by name)` : undefined;
    if (!r.converted) {
      out.push(`${r.file.padEnd(width)}  FAILED  ${r.diagnostic ?? ''}  (${r.ms} ms)`);
      out.push(`${indent}layout: ${r.layout}${r.pairing ? ` · pairing: ${r.pairing}` : ''}`);
      if (paired) out.push(paired);
      continue;
    }
    const bit = r.bitExact ? 'bit-for-bit ok' : 'BIT-FOR-BIT FAILS';
    const run = !r.loads ? `LOAD FAILS: ${r.loadError}` : r.predicts ? `loads · predicts ${r.output}` : `loads · PREDICT FAILS: ${r.predictError}`;
    out.push(`${r.file.padEnd(width)}  converted ${r.weights} weights, ${r.bytes} B · ${bit} · ${run}  (${r.ms} ms)`);
    if (paired) out.push(paired);
    out.push(`${indent}layout: ${r.layout} · check: ${r.check}`);
    if (r.bitError) out.push(`${indent}${r.bitExact ? 'note' : 'first failure'}: ${r.bitError}`);
  }
  return out;
}
