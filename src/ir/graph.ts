/**
 * The IR: a model graph in Keras terms. Readonly plain data; passes return new graphs.
 * Configs hold Keras snake_case arguments (never camelCase), exactly as Keras 2 would serialize them.
 */
import type { Location, Path } from '../diagnostics/diagnostic.js';

/** `[layer, node_index, tensor_index]` — the output `tensor` of call `node` of `layer`. */
export interface TensorRef {
  readonly layer: string;
  readonly node: number;
  readonly tensor: number;
}

/** One application of a layer to input tensors (a Keras inbound node). */
export interface CallNode {
  readonly inputs: readonly TensorRef[];
  readonly kwargs: Readonly<Record<string, unknown>>;
  /** Where each input is named in the text, when the dialect writes them one by one (kspec). */
  readonly inputsAt?: readonly Location[];
}

/** Where one argument was written: its name (or position) and its value. */
export interface ArgOrigin {
  readonly key: Location;
  readonly value: Location;
}

/** Where a node came from: the text that caused it, per argument where known. */
export interface Origin {
  readonly at: Location;
  /** Where each argument was written, by Keras argument name. */
  readonly args?: Readonly<Record<string, ArgOrigin>>;
  /** Set on nodes a rewrite created; says which rewrite. */
  readonly synthetic?: string;
  /** The class name as written, when it differs from `className` (an alias, a module prefix). */
  readonly written?: string;
  /** The path of the layer's own entry in the document (its list item), for fixes that edit around it. */
  readonly entry?: Path;
}

export type Config = Readonly<Record<string, unknown>>;

export interface LayerNode {
  readonly name: string;
  /** Canonical Keras class name (aliases resolved). */
  readonly className: string;
  /** Keras arguments without `name`. */
  readonly config: Config;
  /** Functional calls; empty in a sequential model. */
  readonly calls: readonly CallNode[];
  /** A nested model (className Sequential / Functional / Model). */
  readonly model?: ModelGraph;
  readonly origin: Origin;
}

export interface ModelGraph {
  readonly name: string;
  readonly style: 'sequential' | 'functional';
  /** Source order (for functional: every layer before its consumers). */
  readonly layers: readonly LayerNode[];
  readonly inputs: readonly TensorRef[];
  readonly outputs: readonly TensorRef[];
  /** Model-level config keys other than name/layers/inputs/outputs (e.g. `trainable`). */
  readonly extra?: Config;
  readonly origin: Origin;
}

/** Every layer name in a graph (not descending into nested models). */
export function layerNames(g: ModelGraph): Set<string> {
  return new Set(g.layers.map((l) => l.name));
}

/** Keras's `to_snake_case`, used for generated layer names (`LeakyReLU` → `leaky_re_lu`). */
export function kerasSnakeCase(name: string): string {
  const intermediate = name.replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2');
  const s = intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return s.startsWith('_') ? 'private' + s : s;
}

/**
 * Keras 3's `to_snake_case` (keras/src/utils/naming.py), the key its saver files each object under
 * (`Conv2DTranspose` → `conv2d_transpose`). It differs from Keras 2's on digits after a capitalised
 * word (`Dense2Net`), leading underscores and non-word characters.
 */
export const keras3SnakeCase = (name: string): string =>
  name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();

/**
 * Layer names in use, and for each base name the suffix it was last given, so that naming n layers
 * `base`, `base_1`, `base_2`, … stays linear. `within` is a set of names also in use, read only.
 */
export class Names {
  private readonly taken: Set<string>;
  private readonly last = new Map<string, number>();
  constructor(
    names: Iterable<string> = [],
    private readonly within?: ReadonlySet<string>,
  ) {
    this.taken = new Set(names);
  }
  has(name: string): boolean {
    return this.taken.has(name) || (this.within?.has(name) ?? false);
  }
  add(name: string): void {
    this.taken.add(name);
  }
  /** A name not in use, Keras style: `base`, then `base_1`, `base_2`, … It is now in use. */
  unique(base: string): string {
    let i = this.last.get(base) ?? 0;
    let name = i === 0 ? base : `${base}_${i}`;
    while (this.has(name)) name = `${base}_${++i}`;
    this.last.set(base, i);
    this.add(name);
    return name;
  }
}
