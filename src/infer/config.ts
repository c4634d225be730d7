/**
 * Reading a layer config the way Keras does: a key the config lacks takes the catalogue's Keras
 * default (configs may or may not have been through fill-defaults yet); explicit nulls stay null.
 * Values of the wrong type read as undefined, so rows give up quietly (argument checks report them).
 */
import { argsOf, lookupLayer, snakeToCamel } from '../ir/catalogue/index.js';
import type { Config } from '../ir/graph.js';
import { isObj } from '../ir/json.js';

export interface Cfg {
  /** Canonical Keras class name (aliases resolved). */
  readonly className: string;
  /** The value as written, the camelCase spelling's value, or the Keras default. */
  get(name: string): unknown;
}

export function cfg(className: string, config: Config): Cfg {
  const spec = lookupLayer(className)?.spec;
  const args = spec && argsOf(spec);
  return {
    className: spec?.name ?? className,
    get(name) {
      if (name in config) return config[name];
      const camel = snakeToCamel(name);
      if (camel in config) return config[camel];
      return args?.get(name)?.default;
    },
  };
}

/** The `{class_name, config}` layer stored under `name` (Bidirectional.layer, RNN.cell). */
export const innerCfg = (c: Cfg, name: string): Cfg | undefined => layerCfg(c.get(name));

/** A `{class_name, config}` value as a Cfg (tfjs's `className` spelling accepted too). */
export function layerCfg(v: unknown): Cfg | undefined {
  if (!isObj(v)) return undefined;
  const name = v.class_name ?? v.className;
  return typeof name === 'string' ? cfg(name, isObj(v.config) ? v.config : {}) : undefined;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

export const int = (c: Cfg, name: string): number | undefined => {
  const v = c.get(name);
  return isInt(v) ? v : undefined;
};

export const bool = (c: Cfg, name: string): boolean => c.get(name) === true;

/** A non-null string, or undefined. */
export const str = (c: Cfg, name: string): string | undefined => {
  const v = c.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** An int or a list of `n` ints, as `n` ints (Keras `normalize_tuple`). */
export function tuple(c: Cfg, name: string, n: number): number[] | undefined {
  return toTuple(c.get(name), n);
}

export function toTuple(v: unknown, n: number): number[] | undefined {
  if (isInt(v)) return Array<number>(n).fill(v);
  if (Array.isArray(v) && v.length === n && v.every(isInt)) return v as number[];
  return undefined;
}

/** An int or a list of ints. */
export function intList(v: unknown): number[] | undefined {
  if (isInt(v)) return [v];
  return Array.isArray(v) && v.every(isInt) ? (v as number[]) : undefined;
}

/** `data_format`, None meaning Keras's image_data_format (channels_last). */
export const channelsFirst = (c: Cfg): boolean => c.get('data_format') === 'channels_first';

/** `trainable: false` in the config freezes the layer's weights (tfjs reads it on every layer). */
export const frozen = (c: Cfg): boolean => c.get('trainable') === false;
