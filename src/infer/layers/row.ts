/**
 * The row type of the shape table (one row per layer class), the helpers rows are written with,
 * and the registry wrappers use to reach the row of the layer they wrap.
 */
import { frozen, type Cfg } from '../config.js';
import { issue, isIssue, q, rankIssue, type Issue } from '../shape.js';
import type { Shape } from '../types.js';

/** Weight counts of one layer, as tfjs counts them (`trainableWeights` / `nonTrainableWeights`). */
export interface Params {
  readonly trainable: number;
  readonly nonTrainable: number;
}

/**
 * One weight a layer builds, as tfjs builds it: `name` is tfjs's `originalName` after the layer's
 * own `<layer name>/` (`kernel`, `forward_lstm/bias`), `shape` is also the Keras array's shape
 * (the weights converter maps Keras arrays through these).
 */
export interface WeightSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly trainable: boolean;
  /** Absent: float32. */
  readonly dtype?: 'int32';
}

/** A layer's weights in tfjs's `layer.weights` order (trainable ones first, as Keras saves them). */
export type Weights = readonly WeightSpec[];

/**
 * Output shapes of a call: one per output tensor; an Issue when the layer cannot be built on these
 * inputs; undefined when the config cannot be read (argument checks report that, not shapes).
 */
export type Output = readonly Shape[] | Issue | undefined;

export interface LayerRow {
  /** Shapes out of one call, from the call's input shapes (batch first). */
  readonly output: (inputs: readonly Shape[], c: Cfg) => Output;
  /** Weights built by the first call, before `trainable: false` is applied; absent: none. */
  readonly params?: (inputs: readonly Shape[], c: Cfg) => Weights | undefined;
  /**
   * The row applies `trainable` itself: tfjs wrappers ignore their own flag and use the wrapped
   * layer's (see wrappers.ts).
   */
  readonly ownsTrainable?: boolean;
}

export const NONE: Weights = [];

/** A trainable float32 weight. */
export const w = (name: string, shape: readonly number[]): WeightSpec => ({ name, shape, trainable: true });
/** A weight that never trains (BatchNormalization's moving statistics). */
export const fixed = (name: string, shape: readonly number[], dtype?: 'int32'): WeightSpec => ({ name, shape, trainable: false, ...(dtype && { dtype }) });

/** The weights a layer builds conditionally (`use_bias && w('bias', …)`), in tfjs order. */
export const weights = (...specs: readonly (WeightSpec | false)[]): Weights => {
  const kept = specs.filter((s): s is WeightSpec => s !== false);
  return [...kept.filter((s) => s.trainable), ...kept.filter((s) => !s.trainable)];
};

/** Every weight of `specs` made non-trainable (`trainable: false`), order kept as tfjs keeps it. */
export const frozenWeights = (specs: Weights): Weights => specs.map((s) => (s.trainable ? { ...s, trainable: false } : s));

/** Weights under a prefix (`forward_lstm/`). */
export const under = (prefix: string, specs: Weights): Weights => specs.map((s) => ({ ...s, name: `${prefix}/${s.name}` }));

/** The counts tfjs's `countParams()` splits into trainable and non-trainable. */
export function counts(specs: Weights): Params {
  let trainable = 0;
  let nonTrainable = 0;
  for (const s of specs) {
    let n = 1;
    for (const d of s.shape) n *= d;
    if (s.trainable) trainable += n;
    else nonTrainable += n;
  }
  return { trainable, nonTrainable };
}

/** A row whose layer takes exactly one input tensor (every layer but merges and RNN initial states). */
export function single(
  output: (s: Shape, c: Cfg) => Output,
  params?: (s: Shape, c: Cfg) => Weights | undefined,
): LayerRow {
  const one = (inputs: readonly Shape[], c: Cfg): Shape | Issue => {
    const [s] = inputs;
    return inputs.length === 1 && s ? s : issue('invalid', `${q(c.className)} takes one input tensor, got ${inputs.length}.`);
  };
  return {
    output: (inputs, c) => {
      const s = one(inputs, c);
      return 'kind' in s ? s : output(s, c);
    },
    ...(params && {
      params: (inputs, c) => {
        const s = one(inputs, c);
        return 'kind' in s ? undefined : params(s, c);
      },
    }),
  };
}

/** A row that keeps the input shape (activations, dropout and noise layers). */
export const identity = (rank?: { n: number; axes: string }): LayerRow =>
  single((s, c) => (rank && s.length !== rank.n ? rankIssue(c.className, rank.n, rank.axes, s) : [s]));

/** The rank check most rows start with. */
export const needRank = (c: Cfg, s: Shape, n: number, axes: string): Issue | undefined =>
  s.length === n ? undefined : rankIssue(c.className, n, axes, s);

// ---- registry: filled by layers/index.ts, read by rows that wrap other layers ----

const ROWS = new Map<string, LayerRow>();

export function register(rows: Readonly<Record<string, LayerRow>>): void {
  for (const [name, row] of Object.entries(rows)) ROWS.set(name, row);
}

export const rowFor = (className: string): LayerRow | undefined => ROWS.get(className);

/** A row's weights with the layer's own `trainable: false` applied (unless the row does it). */
export function paramsOf(row: LayerRow, inputs: readonly Shape[], c: Cfg): Weights | undefined {
  const p = row.params ? row.params(inputs, c) : NONE;
  if (!p || row.ownsTrainable || !frozen(c)) return p;
  return frozenWeights(p);
}

/** Output of a row as a plain list, or undefined (wrappers only need the shapes). */
export function shapesOf(out: Output): readonly Shape[] | undefined {
  if (!out) return undefined;
  return isIssue(out) ? out.shapes : out;
}
