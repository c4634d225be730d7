/**
 * Initializers, regularizers and constraints: Keras names (classes and snake_case string aliases,
 * Keras 2 and 3) → the class name tfjs 4.22 deserializes, with argument renames where they differ.
 */
import { looseKey } from '../diagnostics/did-you-mean.js';

export type ObjectKind = 'initializer' | 'regularizer' | 'constraint';

export interface ObjectRow {
  /** Keras class name (canonical). */
  readonly name: string;
  /** The class tfjs registers, or `null` when tfjs lacks it. */
  readonly tfjs: string | null;
  /** Keras argument names in positional order. */
  readonly args: readonly string[];
  /** Defaults Keras fills in (written explicitly so tfjs computes the same thing). */
  readonly defaults?: Readonly<Record<string, unknown>>;
  /** Other spellings Keras accepts as strings or calls (`glorot_uniform`, `l2`). */
  readonly aliases?: readonly string[];
}

/** The std of a standard normal truncated at ±2 (Keras's constant). */
export const TRUNCATED_STD = 0.87962566103423978;

const R = (name: string, tfjs: string | null, args: string[], defaults?: Record<string, unknown>, aliases?: string[]): ObjectRow => ({ name, tfjs, args, ...(defaults && { defaults }), ...(aliases && { aliases }) });

export const OBJECTS: Readonly<Record<ObjectKind, readonly ObjectRow[]>> = {
  initializer: [
    R('Zeros', 'Zeros', [], undefined, ['zeros', 'zero']),
    R('Ones', 'Ones', [], undefined, ['ones', 'one']),
    R('Constant', 'Constant', ['value'], { value: 0 }, ['constant']),
    R('RandomNormal', 'RandomNormal', ['mean', 'stddev', 'seed'], { mean: 0, stddev: 0.05, seed: null }, ['random_normal', 'normal']),
    R('RandomUniform', 'RandomUniform', ['minval', 'maxval', 'seed'], { minval: -0.05, maxval: 0.05, seed: null }, ['random_uniform', 'uniform']),
    R('TruncatedNormal', 'TruncatedNormal', ['mean', 'stddev', 'seed'], { mean: 0, stddev: 0.05, seed: null }, ['truncated_normal']),
    R('VarianceScaling', 'VarianceScaling', ['scale', 'mode', 'distribution', 'seed'], { scale: 1, mode: 'fan_in', distribution: 'truncated_normal', seed: null }, ['variance_scaling']),
    R('Orthogonal', 'Orthogonal', ['gain', 'seed'], { gain: 1, seed: null }, ['orthogonal', 'OrthogonalInitializer']),
    R('Identity', 'Identity', ['gain'], { gain: 1 }, ['identity', 'IdentityInitializer']),
    R('GlorotNormal', 'GlorotNormal', ['seed'], { seed: null }, ['glorot_normal', 'xavier_normal']),
    R('GlorotUniform', 'GlorotUniform', ['seed'], { seed: null }, ['glorot_uniform', 'xavier_uniform']),
    R('HeNormal', 'HeNormal', ['seed'], { seed: null }, ['he_normal']),
    R('HeUniform', 'HeUniform', ['seed'], { seed: null }, ['he_uniform']),
    R('LecunNormal', 'LeCunNormal', ['seed'], { seed: null }, ['lecun_normal', 'LeCunNormal']),
    R('LecunUniform', 'LeCunUniform', ['seed'], { seed: null }, ['lecun_uniform', 'LeCunUniform']),
  ],
  regularizer: [
    R('L1L2', 'L1L2', ['l1', 'l2'], { l1: 0, l2: 0 }, ['l1_l2']),
    R('L1', 'L1L2', ['l1'], { l1: 0.01 }, ['l1']),
    R('L2', 'L1L2', ['l2'], { l2: 0.01 }, ['l2']),
    R('OrthogonalRegularizer', null, ['factor', 'mode'], { factor: 0.01, mode: 'rows' }, ['orthogonal_regularizer']),
  ],
  constraint: [
    R('MaxNorm', 'MaxNorm', ['max_value', 'axis'], { max_value: 2, axis: 0 }, ['max_norm', 'maxnorm']),
    R('MinMaxNorm', 'MinMaxNorm', ['min_value', 'max_value', 'rate', 'axis'], { min_value: 0, max_value: 1, rate: 1, axis: 0 }, ['min_max_norm']),
    R('NonNeg', 'NonNeg', [], undefined, ['non_neg', 'nonneg']),
    R('UnitNorm', 'UnitNorm', ['axis'], { axis: 0 }, ['unit_norm', 'unitnorm']),
    R('RadialConstraint', null, [], undefined, ['radial_constraint']),
  ],
};

/** By kind, each spelling (name and aliases), then the same case- and separator-insensitive. */
const EXACT = new Map<ObjectKind, Map<string, ObjectRow>>();
const LOOSE = new Map<ObjectKind, Map<string, ObjectRow>>();
for (const kind of Object.keys(OBJECTS) as ObjectKind[]) {
  const exact = new Map<string, ObjectRow>();
  const loose = new Map<string, ObjectRow>();
  for (const row of OBJECTS[kind]) for (const n of [row.name, ...(row.aliases ?? [])]) exact.set(n, row);
  for (const [n, row] of exact) if (!loose.has(looseKey(n))) loose.set(looseKey(n), row);
  EXACT.set(kind, exact);
  LOOSE.set(kind, loose);
}

/** Exact spelling first, then case- and separator-insensitive. */
export function lookupObject(kind: ObjectKind, name: string): ObjectRow | undefined {
  return EXACT.get(kind)!.get(name) ?? LOOSE.get(kind)!.get(looseKey(name));
}

export function objectNames(kind: ObjectKind): string[] {
  return OBJECTS[kind].flatMap((r) => [r.name, ...(r.aliases ?? []).filter((a) => /_|^[a-z]+$/.test(a))]);
}

/**
 * The `{class_name, config}` tfjs reads for a Keras object. L1/L2 become L1L2 with the other
 * weight 0, exactly as Keras computes them.
 */
export function toTfjsObject(row: ObjectRow, config: Readonly<Record<string, unknown>>): { class_name: string; config: Record<string, unknown> } {
  const full: Record<string, unknown> = { ...(row.defaults ?? {}), ...config };
  if (row.tfjs === 'L1L2') return { class_name: 'L1L2', config: { l1: full.l1 ?? 0, l2: full.l2 ?? 0 } };
  // Keras's "truncated_normal" draws a normal with std √scale / 0.8796 truncated at two std (so that
  // the std after truncation is √scale); tfjs would camel-case it to "truncatedNormal" and draw a
  // uniform. tfjs's "normal" is a normal with std √scale truncated at two std: the same
  // distribution once the scale is divided by 0.8796².
  if (row.name === 'VarianceScaling' && full.distribution === 'truncated_normal' && typeof full.scale === 'number') {
    return { class_name: 'VarianceScaling', config: { ...full, scale: full.scale / TRUNCATED_STD ** 2, distribution: 'normal' } };
  }
  return { class_name: row.tfjs ?? row.name, config: full };
}
