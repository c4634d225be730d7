/**
 * Activation identifiers: every spelling Keras 2, Keras 3 or tfjs accepts, and what it compiles to
 * (facts §1–2). Names are matched without regard to case, `_`, `-` and spaces; the spelling still
 * decides between a Keras *function* (`leaky_relu`, slope 0.2) and a Keras *layer class* used as an
 * activation (`LeakyReLU`, slope 0.3).
 */
import { looseKey } from '../diagnostics/did-you-mean.js';
import { parseCallString } from '../parse/call-string.js';
import { RUNTIME_ACTIVATION, type RuntimeFunction } from '../runtime/functions.js';
import { isRuntimeClass } from './catalogue/index.js';
import { EXACT_LAYERS, exactLayer } from './exact-layers.js';
import { isObj } from './json.js';
import type { Config } from './graph.js';

export { isRuntimeClass };

/** A layer that replaces (part of) an activation; chains are applied in order. */
export interface LayerTemplate {
  readonly className: string;
  readonly config: Config;
}

export type ActivationTarget =
  /** A string tfjs's `modelFromJSON` reads as exactly this Keras function. */
  | { readonly kind: 'builtin'; readonly json: string }
  /** A chain of tfjs layers computing the Keras formula (applied after a linear activation). */
  | { readonly kind: 'layers'; readonly chain: readonly LayerTemplate[] }
  | { readonly kind: 'unsupported'; readonly why: string };

export type Semantics = 'keras2' | 'keras3';

const builtin = (json: string): ActivationTarget => ({ kind: 'builtin', json });
const layers = (...chain: LayerTemplate[]): ActivationTarget => ({ kind: 'layers', chain });
const L = (className: string, config: Config = {}): LayerTemplate => ({ className, config });
const unsupported = (why: string): ActivationTarget => ({ kind: 'unsupported', why });
/** kspec's runtime layer (src/runtime/) computing a Keras 3 function tfjs has no exact form of. */
const runtime = (fn: RuntimeFunction, params: Config = {}): ActivationTarget => layers(L(RUNTIME_ACTIVATION, { function: fn, ...params }));

/** Keras 3's `hard_sigmoid`, clip(x/6 + 0.5, 0, 1). */
const HARD_SIGMOID_K3 = layers(L('Rescaling', { scale: 1 / 6, offset: 0.5 }), L('ReLU', { max_value: 1 }));

interface Row {
  /** The canonical Keras spelling, shown in messages and suggestions. */
  readonly name: string;
  readonly target: ActivationTarget | ((s: Semantics) => ActivationTarget);
}

/** Keras activation *functions* (Keras 2 and 3) and tfjs's own names, by loose key. */
const FUNCTIONS: readonly Row[] = [
  { name: 'relu', target: builtin('relu') },
  { name: 'relu6', target: builtin('relu6') },
  { name: 'elu', target: builtin('elu') },
  { name: 'selu', target: builtin('selu') },
  { name: 'sigmoid', target: builtin('sigmoid') },
  { name: 'tanh', target: builtin('tanh') },
  { name: 'softmax', target: builtin('softmax') },
  { name: 'softmax_v2', target: builtin('softmax') },
  { name: 'softplus', target: builtin('softplus') },
  { name: 'softsign', target: builtin('softsign') },
  { name: 'linear', target: builtin('linear') },
  { name: 'swish', target: builtin('swish') },
  { name: 'silu', target: builtin('swish') },
  { name: 'mish', target: builtin('mish') },
  { name: 'gelu', target: builtin('gelu') },
  { name: 'log_softmax', target: builtin('log_softmax') },
  { name: 'hard_sigmoid', target: (s) => (s === 'keras3' ? HARD_SIGMOID_K3 : builtin('hard_sigmoid')) },
  { name: 'leaky_relu', target: layers(L('LeakyReLU', { alpha: 0.2 })) },
  { name: 'celu', target: builtin('elu') },
  { name: 'hard_tanh', target: layers(L('Rescaling', { scale: 1, offset: 1 }), L('ReLU', { max_value: 2 }), L('Rescaling', { scale: 1, offset: -1 })) },
  { name: 'sparse_sigmoid', target: layers(L('Rescaling', { scale: 0.5, offset: 0.5 }), L('ReLU', { max_value: 1 })) },
  { name: 'log_sigmoid', target: layers(L('Rescaling', { scale: -1, offset: 0 }), L('Activation', { activation: 'softplus' }), L('Rescaling', { scale: -1, offset: 0 })) },
  { name: 'hard_silu', target: runtime('hard_silu') },
  { name: 'hard_swish', target: runtime('hard_silu') },
  { name: 'tanh_shrink', target: runtime('tanh_shrink') },
  { name: 'soft_shrink', target: runtime('soft_shrink', { threshold: 0.5 }) },
  { name: 'hard_shrink', target: runtime('hard_shrink', { threshold: 0.5 }) },
  { name: 'sparse_plus', target: runtime('sparse_plus') },
  { name: 'exponential', target: runtime('exponential') },
  { name: 'squareplus', target: runtime('squareplus', { b: 4 }) },
  { name: 'glu', target: runtime('glu', { axis: -1 }) },
  { name: 'sparsemax', target: runtime('sparsemax', { axis: -1 }) },
  { name: 'threshold', target: unsupported('Keras itself needs its "threshold" and "default_value" arguments, which a string cannot give') },
  { name: 'gelu_new', target: unsupported('tfjs 4.22 writes "gelu_new" but cannot read it back from model.json (it looks up "geluNew")') },
];

/**
 * Keras 2 layer classes usable as activation strings (`activation='LeakyReLU'` instantiates the
 * layer with its defaults). Each becomes the explicit layer; Softmax gets `axis: -1` because
 * tfjs's Softmax layer defaults to axis 1.
 */
export const ACTIVATION_LAYER_CLASSES: Readonly<Record<string, Config>> = {
  LeakyReLU: { alpha: 0.3 },
  ReLU: {},
  ELU: { alpha: 1.0 },
  PReLU: {},
  Softmax: { axis: -1 },
  ThresholdedReLU: { theta: 1.0 },
};

const FUNCTION_BY_KEY = new Map(FUNCTIONS.map((r) => [looseKey(r.name), r]));
const CLASS_BY_KEY = new Map(Object.keys(ACTIVATION_LAYER_CLASSES).map((c) => [looseKey(c), c]));

export interface ResolvedActivation {
  /** The canonical spelling: a Keras function name or a layer class name. */
  readonly name: string;
  readonly target: ActivationTarget;
  /** True when the string named a layer class (`'LeakyReLU'`), not a function. */
  readonly viaClass: boolean;
}

/**
 * Resolves an activation string. A spelling with a capital letter and no separator that names a
 * layer class (`LeakyRelu`, `ReLU`) means the class; `leakyrelu` means the class too (the issue
 * users hit is always the class name), while `leaky_relu` / `leaky-relu` means the function.
 */
export function resolveActivation(raw: string, semantics: Semantics): ResolvedActivation | undefined {
  const key = looseKey(raw);
  const hasSeparator = /[\s_\-]/.test(raw.trim());
  const cls = CLASS_BY_KEY.get(key);
  const fn = FUNCTION_BY_KEY.get(key);
  // Without separators, `leakyrelu` cannot be the function's own spelling (`leaky_relu`).
  const classSpelling = cls !== undefined && !hasSeparator && (/[A-Z]/.test(raw) || fn === undefined || fn.name.includes('_'));
  if (cls && (classSpelling || !fn)) {
    return { name: cls, target: layers(L(cls, ACTIVATION_LAYER_CLASSES[cls]!)), viaClass: true };
  }
  if (!fn) return undefined;
  const target = typeof fn.target === 'function' ? fn.target(semantics) : fn.target;
  return { name: fn.name, target, viaClass: false };
}

/** Every spelling worth suggesting. */
export function activationNames(): string[] {
  return [...FUNCTIONS.map((r) => r.name).filter((n) => n !== 'softmax_v2'), ...Object.keys(ACTIVATION_LAYER_CLASSES)];
}

/** What an activation value (string, `'LeakyReLU(alpha=0.1)'`, or `{class_name, config}`) compiles to. */
export type ActivationOutcome =
  /** tfjs reads `json` as exactly this function; `rewritten` when that is not the text as written. */
  | { readonly kind: 'builtin'; readonly name: string; readonly json: string; readonly rewritten: boolean }
  /** Needs these layers after a linear activation. */
  | { readonly kind: 'chain'; readonly name: string; readonly chain: readonly LayerTemplate[] }
  | { readonly kind: 'unknown'; readonly name: string }
  | { readonly kind: 'unsupported'; readonly name: string; readonly why: string }
  /** A `{class_name, config}` whose class is no activation layer. */
  | { readonly kind: 'bad-layer'; readonly name: string };

/** Outcomes of activation strings, per semantics: a model names a handful of activations many times. */
const BY_STRING: Record<Semantics, Map<string, ActivationOutcome>> = { keras2: new Map(), keras3: new Map() };
const MAX_CACHED = 1000;

export function classifyActivation(value: unknown, semantics: Semantics): ActivationOutcome {
  if (typeof value !== 'string') return classify(value, semantics);
  const cache = BY_STRING[semantics];
  let outcome = cache.get(value);
  if (!outcome) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(value, (outcome = classify(value, semantics)));
  }
  return outcome;
}

function classify(value: unknown, semantics: Semantics): ActivationOutcome {
  if (value === null || value === undefined) return { kind: 'builtin', name: 'linear', json: 'linear', rewritten: false };
  if (isObj(value)) return layerActivation(String(value.class_name), isObj(value.config) ? value.config : {});
  const raw = String(value);
  const call = typeof value === 'string' && value.includes('(') ? activationCall(value) : undefined;
  if (call) return layerActivation(call.className, call.config);
  const resolved = resolveActivation(raw, semantics);
  if (!resolved) return { kind: 'unknown', name: raw };
  const t = resolved.target;
  if (t.kind === 'unsupported') return { kind: 'unsupported', name: raw, why: t.why };
  if (t.kind === 'builtin') return { kind: 'builtin', name: raw, json: t.json, rewritten: t.json !== raw };
  return { kind: 'chain', name: raw, chain: t.chain };
}

/** An activation layer used as an activation, with its Keras defaults and the arguments given. */
function layerActivation(cls: string, given: Readonly<Record<string, unknown>>): ActivationOutcome {
  const defaults = ACTIVATION_LAYER_CLASSES[cls];
  if (!defaults) return { kind: 'bad-layer', name: cls };
  const config: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(given)) if (!['name', 'trainable', 'dtype'].includes(k)) config[k] = v;
  // Keras 3 spells LeakyReLU's slope `negative_slope`; tfjs reads only `alpha`.
  if (cls === 'LeakyReLU' && 'negative_slope' in config) {
    config.alpha = config.negative_slope;
    delete config.negative_slope;
  }
  // A ReLU or ELU with arguments tfjs drops or refuses is written as what computes it exactly.
  const exact = exactLayer(cls, config);
  if (exact) {
    const replaces = new Set(EXACT_LAYERS[cls]!.replaces);
    const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !replaces.has(k)));
    return { kind: 'chain', name: cls, chain: [{ className: exact.className, config: { ...rest, ...exact.args } }] };
  }
  return { kind: 'chain', name: cls, chain: [{ className: cls, config }] };
}

/**
 * `'LeakyReLU(alpha=0.05)'` / `'LeakyReLU(0.05)'` as an activation string: a parameterised
 * activation layer, arguments mapped by the layer's Keras signature. Only literals are read.
 */
const POSITIONAL: Readonly<Record<string, readonly string[]>> = {
  LeakyReLU: ['alpha'],
  ReLU: ['max_value', 'negative_slope', 'threshold'],
  ELU: ['alpha'],
  PReLU: ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'],
  Softmax: ['axis'],
  ThresholdedReLU: ['theta'],
};
function activationCall(value: string): { className: string; config: Record<string, unknown> } | undefined {
  const stmt = parseCallString(value);
  if ('message' in stmt || stmt.target || stmt.expr.kind !== 'call' || stmt.expr.callee.kind !== 'name') return undefined;
  const resolved = resolveActivation(stmt.expr.callee.name.replace(/^.*\./, ''), 'keras2');
  if (!resolved?.viaClass) return undefined;
  const config: Record<string, unknown> = {};
  for (const [i, a] of stmt.expr.args.entries()) {
    const key = a.name ?? POSITIONAL[resolved.name]?.[i];
    if (key === undefined || a.value.kind !== 'literal') return undefined;
    config[key] = a.value.value;
  }
  return { className: resolved.name, config };
}

/** Layers in words: `a LeakyReLU{alpha: 0.2} layer`, saying when one is a kspec runtime class. */
export function describeLayers(chain: readonly LayerTemplate[], after = ''): string {
  const parts = chain.map((l) => {
    const args = Object.entries(l.config).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ');
    return args ? `${l.className}{${args}}` : l.className;
  });
  const runtime = chain.some((l) => isRuntimeClass(l.className)) ? ` (a kspec runtime class: tfjs loads it once "kspec/runtime" is imported)` : '';
  const article = chain.length > 1 ? 'the' : /^[AEIOU]/.test(parts[0] ?? '') ? 'an' : 'a';
  return `${article} ${parts.join(' → ')} layer${chain.length === 1 ? '' : 's'}${after}${runtime}`;
}

/** A chain in words: `a LeakyReLU{alpha: 0.2} layer after a linear activation`. */
export function describeChain(chain: readonly LayerTemplate[]): string {
  return describeLayers(chain, ' after a linear activation');
}
