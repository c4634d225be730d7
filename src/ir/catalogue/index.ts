/** The layer catalogue as one lookup: class names, aliases, and each class's full argument list. */
import { ACTIVATION_LAYERS } from './activation-layers.js';
import { ATTENTION_LAYERS } from './attention.js';
import { BASE_ARGS } from './base.js';
import { CONVOLUTION_LAYERS } from './convolution.js';
import { CORE_LAYERS } from './core.js';
import { EMBEDDING_LAYERS } from './embedding.js';
import { MERGE_LAYERS } from './merge.js';
import { NORMALIZATION_LAYERS } from './normalization.js';
import { POOLING_LAYERS } from './pooling.js';
import { PREPROCESSING_LAYERS } from './preprocessing.js';
import { RECURRENT_LAYERS } from './recurrent.js';
import { REGULARIZATION_LAYERS } from './regularization.js';
import { RESHAPING_LAYERS } from './reshaping.js';
import { RUNTIME_LAYERS } from './runtime.js';
import type { ArgSpec, LayerSpec } from './types.js';
import { MODEL_CLASSES, WRAPPER_LAYERS } from './wrappers.js';

export type { ArgSpec, ArgType, LayerSpec } from './types.js';
export { BASE_ARGS };

export const LAYER_SPECS: readonly LayerSpec[] = [
  ...CORE_LAYERS,
  ...CONVOLUTION_LAYERS,
  ...POOLING_LAYERS,
  ...RECURRENT_LAYERS,
  ...EMBEDDING_LAYERS,
  ...NORMALIZATION_LAYERS,
  ...REGULARIZATION_LAYERS,
  ...ACTIVATION_LAYERS,
  ...MERGE_LAYERS,
  ...RESHAPING_LAYERS,
  ...ATTENTION_LAYERS,
  ...PREPROCESSING_LAYERS,
  ...WRAPPER_LAYERS,
  ...MODEL_CLASSES,
  ...RUNTIME_LAYERS,
];

const BY_NAME = new Map<string, LayerSpec>();
const BY_ALIAS = new Map<string, LayerSpec>();
/** `KspecSubtract` → Subtract: the runtime class names Keras classes are emitted under. */
const BY_RUNTIME_CLASS = new Map<string, LayerSpec>();
for (const spec of LAYER_SPECS) {
  BY_NAME.set(spec.name, spec);
  for (const a of spec.aliases ?? []) BY_ALIAS.set(a, spec);
  // Where several rows share one runtime class (CuDNNGRU and GRU may both build KspecGRU), the first row wins.
  if ('className' in spec.tfjs && spec.tfjs.runtime && spec.tfjs.className !== spec.name && !BY_RUNTIME_CLASS.has(spec.tfjs.className)) BY_RUNTIME_CLASS.set(spec.tfjs.className, spec);
}
/** Every answer `lookupLayer` gives, made once: it runs for every layer in most rules. */
const LOOKUP = new Map<string, { spec: LayerSpec; alias: boolean }>();
for (const [name, spec] of BY_ALIAS) LOOKUP.set(name, { spec, alias: true });
for (const [name, spec] of [...BY_RUNTIME_CLASS, ...BY_NAME]) LOOKUP.set(name, { spec, alias: false });

/**
 * A class by its canonical name, a Keras alias (`alias` set when one was used), or the kspec runtime
 * class name a Keras class is emitted under (`KspecSubtract`, so kspec reads back the model.json it
 * writes).
 */
export function lookupLayer(name: string): { spec: LayerSpec; alias: boolean } | undefined {
  return LOOKUP.get(name);
}

/** The Keras class a kspec runtime class name stands for (`KspecSubtract` → Subtract), if it is one. */
export function runtimeClassOf(name: string): LayerSpec | undefined {
  return BY_RUNTIME_CLASS.get(name);
}

export function layerClassNames(): string[] {
  return [...BY_NAME.keys()];
}

export function isModelClass(name: string): boolean {
  return BY_NAME.get(name)?.category === 'model';
}

/** A kspec runtime class (`kspec/runtime`), which tfjs builds once the runtime is imported. */
export function isRuntimeClass(name: string): boolean {
  return BY_NAME.get(name)?.runtime === true;
}

export function tfjsSupports(spec: LayerSpec): spec is LayerSpec & { tfjs: { className: string } } {
  return 'className' in spec.tfjs;
}

const ARGS = new Map<LayerSpec, ReadonlyMap<string, ArgSpec>>();
/** Every argument a class takes (its own, then the base Layer kwargs), by Keras name. */
export function argsOf(spec: LayerSpec): ReadonlyMap<string, ArgSpec> {
  let m = ARGS.get(spec);
  if (!m) {
    const map = new Map<string, ArgSpec>();
    for (const a of spec.args) map.set(a.name, a);
    for (const a of BASE_ARGS) if (!map.has(a.name)) map.set(a.name, a);
    ARGS.set(spec, (m = map));
  }
  return m;
}

const CAMEL = new Map<LayerSpec, ReadonlyMap<string, string>>();
/** tfjs camelCase spellings → Keras names, for specs written with tfjs argument names. */
export function camelArgNames(spec: LayerSpec): ReadonlyMap<string, string> {
  let m = CAMEL.get(spec);
  if (!m) {
    const map = new Map<string, string>();
    for (const a of argsOf(spec).values()) {
      map.set(snakeToCamel(a.name), a.name);
      if (a.tfjs) map.set(a.tfjs, a.name);
    }
    CAMEL.set(spec, (m = map));
  }
  return m;
}

const CAMEL_OF = new Map<string, string>();
export function snakeToCamel(s: string): string {
  let camel = CAMEL_OF.get(s);
  if (camel === undefined) {
    camel = s.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    // Argument names are a bounded set; anything else (user keys) is not kept.
    if (CAMEL_OF.size < 10_000) CAMEL_OF.set(s, camel);
  }
  return camel;
}
