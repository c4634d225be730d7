/**
 * A layer's Keras config → the tfjs constructor call that builds the same layer:
 * `tf.layers.dense({ name: 'dense', units: 90, kernelInitializer: tf.initializers.glorotUniform({}) })`.
 *
 * The arguments are what `tf.models.modelFromJSON` hands the constructor for the model.json kspec
 * emits from the same graph — tfjs's `convertPythonicToTs` (keys and string values camelCased, `name`
 * kept) — with nested objects built by tfjs's typed factories instead of `{className, config}`
 * dictionaries. Arguments tfjs ignores (`ArgSpec.tfjs: null`), nulls and values equal to tfjs's own
 * default are left out; a Keras default tfjs does not share is kept (compile writes it into the config).
 */
import { argsOf, lookupLayer, tfjsSupports, type ArgSpec, type ArgType, type LayerSpec } from '../../ir/catalogue/index.js';
import { isObj, jsonEqual } from '../../ir/json.js';
import { arrayDoc, concat, group, objectDoc, prefixed, type Doc } from './doc.js';
import { LAYER_FACTORIES, OBJECT_FACTORIES, TYPED_ACTIVATIONS } from './factories.js';
import { numberLiteral, propertyKey, stringLiteral } from './literals.js';

/** What the module around the calls must provide, and which language it is written in. */
export interface ModuleNeeds {
  /** JavaScript: no type annotations, casts or non-null assertions. */
  readonly js: boolean;
  /** kspec runtime classes constructed (imported from `kspec/runtime`). */
  readonly runtime: Set<string>;
  /** The name of the activation type alias, set once an activation outside tfjs's typed list is written. */
  activationType?: string;
  /** Allocates the activation type alias name on first use. */
  readonly allocateActivationType: () => string;
}

/** tfjs's `generic_utils.toCamelCase`, exactly (it is what turns model.json keys and values into constructor arguments). */
export function tfjsCamel(identifier: string): string {
  if (identifier.length <= 1 || !identifier.includes('_')) return identifier;
  return identifier.replace(/[_]+(\w|$)/g, (_m, p1: string) => p1.toUpperCase());
}

/** A kspec runtime class (`kspec/runtime`), constructed with `new`. */
export function isRuntimeSpec(spec: LayerSpec): boolean {
  return spec.runtime === true || ('className' in spec.tfjs && spec.tfjs.runtime === true);
}

type Kind = 'initializer' | 'regularizer' | 'constraint' | 'layer' | 'activation';

function kindOf(t: ArgType): Kind | undefined {
  if (t.t === 'initializer' || t.t === 'regularizer' || t.t === 'constraint' || t.t === 'layer' || t.t === 'activation') return t.t;
  if (t.t === 'union' || t.t === 'list') for (const o of t.t === 'union' ? t.of : [t.of]) { const k = kindOf(o); if (k) return k; }
  return undefined;
}

/** Plain data as tfjs's `convertPythonicToTs` turns it: strings camelCased except under `name`. */
export function dataDoc(value: unknown, key?: string): Doc {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return stringLiteral(key === 'name' ? value : tfjsCamel(value));
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return arrayDoc(value.map((v) => dataDoc(v)));
  if (isObj(value)) {
    return objectDoc(Object.entries(value).map(([k, v]) => {
      const tsKey = k === 'name' && typeof v === 'string' ? k : tfjsCamel(k);
      return prefixed(`${propertyKey(tsKey)}: `, dataDoc(v, tsKey));
    }));
  }
  return 'null';
}

/** `tf.initializers.glorotUniform({ seed: 1 })` for `{class_name: 'GlorotUniform', config: {seed: 1}}`. */
function objectCall(value: unknown): Doc {
  if (!isObj(value) || typeof value.class_name !== 'string') return dataDoc(value);
  const f = OBJECT_FACTORIES[value.class_name];
  // Not a tfjs class kspec knows: the dictionary tfjs deserializes (compile rejects these; kept for safety).
  if (!f) return dataDoc({ className: value.class_name, config: value.config ?? {} });
  const callee = `tf.${f.ns}.${f.fn}(`;
  if (f.noArgs) return `${callee})`;
  const config = isObj(value.config) ? value.config : {};
  const entries = Object.entries(config)
    // tf.keras 1.x/2.x initializer configs may carry `dtype`, which tfjs's typed factories refuse (and ignore).
    .filter(([k, v]) => v !== null && v !== undefined && k !== 'dtype')
    .map(([k, v]) => prefixed(`${propertyKey(tfjsCamel(k))}: `, dataDoc(v, tfjsCamel(k))));
  return entries.length === 0 ? `${callee}{})` : group(`${callee}{`, entries, '})', { pad: true });
}

function activationDoc(value: unknown, needs: ModuleNeeds): Doc {
  if (typeof value !== 'string') return dataDoc(value);
  const name = tfjsCamel(value);
  if (TYPED_ACTIVATIONS.has(name) || needs.js) return stringLiteral(name);
  // tfjs runs it (it is registered) but its typed API does not list it.
  return `${stringLiteral(name)} as string as ${needs.activationType ?? needs.allocateActivationType()}`;
}

function argValue(kind: Kind | undefined, value: unknown, needs: ModuleNeeds): Doc {
  if (Array.isArray(value) && (kind === 'layer' || kind === 'initializer' || kind === 'regularizer' || kind === 'constraint')) {
    return arrayDoc(value.map((v) => argValue(kind, v, needs)));
  }
  switch (kind) {
    case 'layer':
      return isObj(value) && typeof value.class_name === 'string' && isObj(value.config) ? layerConstructor(value.class_name, value.config, needs) : dataDoc(value);
    case 'activation':
      return activationDoc(value, needs);
    case 'initializer':
    case 'regularizer':
    case 'constraint':
      return typeof value === 'string' ? dataDoc(value) : objectCall(value);
    default:
      return dataDoc(value);
  }
}

/**
 * Whether an argument can be left to tfjs: tfjs ignores it, or the value is tfjs's own default
 * (`tfjsDefault` where the catalogue says tfjs's differs from Keras's, else Keras's `default`).
 */
function omitted(arg: ArgSpec | undefined, key: string, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (key === 'dtype' && value === 'float32') return true; // tfjs's default dtype
  if (!arg) return false;
  if (arg.tfjs === null) return true;
  const tfjsDefault = arg.tfjsDefault !== undefined ? arg.tfjsDefault : arg.default;
  return tfjsDefault !== undefined && jsonEqual(value, tfjsDefault);
}

/** The `key: value` entries of a layer's constructor argument, `name` first. */
export function layerArgEntries(spec: LayerSpec | undefined, config: Readonly<Record<string, unknown>>, needs: ModuleNeeds, name?: string): Doc[] {
  const args = spec ? argsOf(spec) : new Map<string, ArgSpec>();
  const entries: Doc[] = [];
  const layerName = name ?? (typeof config.name === 'string' ? config.name : undefined);
  if (layerName !== undefined) entries.push(`name: ${stringLiteral(layerName)}`);
  for (const [key, value] of Object.entries(config)) {
    if (key === 'name') continue;
    const arg = args.get(key);
    if (omitted(arg, key, value)) continue;
    const tsKey = tfjsCamel(key);
    const doc = argValue(arg && kindOf(arg.type), value, needs);
    const cast = !needs.js && Array.isArray(value) && spec ? UNTYPED_VALUES[spec.name]?.[key] : undefined;
    const typed = cast === 'number' || (cast === 'number[]' && (value as unknown[]).includes(null));
    entries.push(prefixed(`${propertyKey(tsKey)}: `, typed ? concat(doc, ` as unknown as ${cast}`) : doc));
  }
  return entries;
}

/**
 * Values tfjs computes with as Keras does but its typed API refuses, written with a cast to the
 * typed form: Rescaling's per-channel `scale`/`offset` lists (typed as one number; `tf.mul(x, scale)`
 * broadcasts them over the last axis) and Dropout's `noise_shape` with null (typed number[];
 * `getNoiseShape` takes the input's size for a null, as Keras does for None).
 */
const UNTYPED_VALUES: Readonly<Record<string, Readonly<Record<string, 'number' | 'number[]'>>>> = {
  Rescaling: { scale: 'number', offset: 'number' },
  Dropout: { noise_shape: 'number[]' },
};

/** The callee of a layer class: `tf.layers.dense(` or `new KspecActivation(`. Throws (a kspec bug) for a class with neither. */
export function layerCallee(className: string, needs: ModuleNeeds): { callee: string; spec: LayerSpec | undefined } {
  const spec = lookupLayer(className)?.spec;
  const tfjsClass = spec && tfjsSupports(spec) ? spec.tfjs.className : className;
  if (spec && isRuntimeSpec(spec)) {
    needs.runtime.add(tfjsClass);
    return { callee: `new ${tfjsClass}(`, spec };
  }
  const factory = LAYER_FACTORIES[tfjsClass];
  if (!factory) throw new Error(`kspec bug: no tfjs factory for the layer class ${JSON.stringify(tfjsClass)}`);
  return { callee: `tf.layers.${factory}(`, spec };
}

/** `tf.layers.lstm({ name: 'lstm', units: 8 })` for a class and its Keras config. */
export function layerConstructor(className: string, config: Readonly<Record<string, unknown>>, needs: ModuleNeeds, name?: string): Doc {
  const { callee, spec } = layerCallee(className, needs);
  const entries = layerArgEntries(spec, config, needs, name);
  return entries.length === 0 ? `${callee}{})` : group(`${callee}{`, entries, '})', { pad: true });
}
