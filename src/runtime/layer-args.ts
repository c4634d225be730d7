/**
 * Reading and writing the configs of kspec's runtime layers (normalization.ts, attention.ts).
 *
 * A config reaches a constructor in two spellings: as kspec emits it (Keras snake_case keys) when a
 * layer is built by hand, and camelCased by tfjs's `modelFromJSON`, which also camelCases every
 * string value (`glorot_uniform` → `glorotUniform`) and writes `className` for `class_name`.
 * Both are read; `null` is a value (Normalization's `axis: None`), only a missing key takes the default.
 */
import * as tf from '@tensorflow/tfjs';

export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
export type Shape = (number | null)[];
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The value under `name` in either spelling; undefined when the key is absent. */
export function read(args: object, name: string): unknown {
  const a = args as Record<string, unknown>;
  const c = camel(name);
  if (c in a && a[c] !== undefined) return a[c];
  return a[name];
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export function readInt(args: object, cls: string, name: string, fallback?: number): number {
  const v = read(args, name) ?? fallback;
  if (!isInt(v)) throw new Error(`${cls}: ${name} must be an integer, got ${JSON.stringify(v)}.`);
  return v;
}

export function readNumber(args: object, cls: string, name: string, fallback: number): number {
  const v = read(args, name) ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${cls}: ${name} must be a number, got ${JSON.stringify(v)}.`);
  return v;
}

export function readBool(args: object, cls: string, name: string, fallback: boolean): boolean {
  const v = read(args, name) ?? fallback;
  if (typeof v !== 'boolean') throw new Error(`${cls}: ${name} must be true or false, got ${JSON.stringify(v)}.`);
  return v;
}

/** An int or a list of ints (a Python tuple), as a list; null/absent → `fallback`. */
export function readAxes(args: object, cls: string, name: string, fallback: number[] | null): number[] | null {
  const v = read(args, name);
  if (v === undefined || v === null) return v === null ? null : fallback;
  if (isInt(v)) return [v];
  if (Array.isArray(v) && v.every(isInt)) return [...v];
  throw new Error(`${cls}: ${name} must be an integer or a list of integers, got ${JSON.stringify(v)}.`);
}

/** Axes resolved against `rank` (negative from the end), checked, in the order given. */
export function resolveAxes(cls: string, axes: readonly number[], rank: number, what = 'axis'): number[] {
  const out = axes.map((a) => (a < 0 ? a + rank : a));
  if (out.some((a) => a < 0 || a >= rank) || new Set(out).size !== out.length) {
    throw new Error(`${cls}: ${what} ${JSON.stringify(axes)} does not fit an input of rank ${rank}.`);
  }
  return out;
}

/** The shapes of a call's inputs as a list (tfjs passes one shape for one input). */
export function shapeList(inputShape: Shape | Shape[]): Shape[] {
  return Array.isArray(inputShape[0]) || inputShape.length === 0 ? (inputShape as Shape[]) : [inputShape as Shape];
}

/** One input shape; a list of one is accepted. */
export function oneShape(cls: string, inputShape: Shape | Shape[]): Shape {
  const list = shapeList(inputShape);
  if (list.length !== 1) throw new Error(`${cls} takes one input tensor, got ${list.length}.`);
  return list[0]!;
}

/** One input tensor; a list of one is accepted. */
export function oneTensor(cls: string, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) throw new Error(`${cls} takes one input tensor, got ${inputs.length}.`);
  return inputs[0]!;
}

// ---- initializers ----

/** `glorotUniform`, `glorot_uniform` → `GlorotUniform` (tfjs's class names; LeCun spelt as tfjs does). */
function initializerClass(name: string): string {
  const c = camel(name);
  const cls = c.charAt(0).toUpperCase() + c.slice(1);
  return cls.replace(/^Lecun/, 'LeCun');
}

/**
 * An initializer from a config value: `{class_name|className, config}` (the form kspec emits) or a
 * name; absent or null → `fallback`. Resolved through tfjs's serialization registry, like tfjs layers.
 */
export function readInitializer(args: object, cls: string, name: string, fallback: () => Initializer): Initializer {
  const v = read(args, name);
  if (v === undefined || v === null) return fallback();
  if (v instanceof tf.serialization.Serializable) return v as Initializer;
  let className: string | undefined;
  let config: Record<string, unknown> = {};
  if (typeof v === 'string') className = initializerClass(v);
  else if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const n = o.className ?? o.class_name;
    if (typeof n === 'string') className = n;
    if (o.config && typeof o.config === 'object') config = o.config as Record<string, unknown>;
  }
  const entry = className === undefined ? undefined : tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`${cls}: unknown initializer ${JSON.stringify(v)} for ${name}.`);
  const [ctor, fromConfig] = entry;
  return fromConfig(ctor, config as tf.serialization.ConfigDict) as Initializer;
}

/** An initializer as tfjs layers serialize it: `{className, config}`. */
export const initializerConfig = (i: Initializer): tf.serialization.ConfigDict => ({ className: i.getClassName(), config: i.getConfig() });
