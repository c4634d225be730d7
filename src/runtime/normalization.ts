/**
 * Keras normalization layers tfjs 4.22 lacks, as kspec runtime layers computing Keras's formulas
 * with Keras's weights in Keras's order (so weights converted from Keras load by position and name):
 *
 * - `KspecNormalization` = keras.layers.Normalization (preprocessing): `(x − mean) / max(√variance, 1e-7)`,
 *   or `mean + x · max(√variance, 1e-7)` with `invert` (Keras 2 `keras/layers/preprocessing/
 *   normalization.py` and Keras 3 `keras/src/layers/preprocessing/normalization.py`; 1e-7 is
 *   `backend.epsilon()` in both). One mean and variance per index of the kept `axis` axes (all of
 *   them reduced when `axis` is null). Given in the config, they are broadcast NumPy-style (from the
 *   right) to the kept axes' shape and the layer has no weights; otherwise (an adapted layer, config
 *   `mean: null`) it has Keras's three non-trainable weights `mean`, `variance` (the kept axes' shape)
 *   and `count` (a scalar; int64 in Keras, int32 here as tfjs's converter writes int64).
 * - `KspecUnitNormalization` = keras.layers.UnitNormalization: `x · rsqrt(max(Σx², 1e-12))` over `axis`
 *   (Keras 2: `tf.math.l2_normalize`, whose epsilon is 1e-12 on the sum of squares; Keras 3 at HEAD
 *   the same formula written out). Some Keras 3 releases called `ops.normalize(order=2,
 *   epsilon=1e-12)`, which bounds the norm (not its square) by 1e-12: the two differ only for inputs
 *   whose norm is below 1e-6.
 * - `KspecGroupNormalization` = keras.layers.GroupNormalization: channels (`axis`) split into `groups`
 *   (−1: one per channel); each sample's group is normalized over the group's channels and every other
 *   axis, `γ·(x − mean)/√(variance + ε) + β`. Weights `gamma` then `beta`, each of the channel count
 *   (Keras 2.11+ and Keras 3 create gamma first).
 *
 * All three pass Keras masks through unchanged, as Keras does (`supports_masking`).
 */
import * as tf from '@tensorflow/tfjs';
import { broadcastValues, nestedArray } from './broadcast.js';
import {
  initializerConfig, oneShape, oneTensor, read, readAxes, readBool, readInitializer, readInt, readNumber,
  resolveAxes, type Initializer, type LayerArgs, type Shape,
} from './layer-args.js';

/** Keras `backend.epsilon()`: the floor of √variance in Normalization. */
export const NORMALIZATION_EPSILON = 1e-7;
/** The floor of the sum of squares in UnitNormalization (tf.math.l2_normalize's epsilon). */
export const UNIT_NORMALIZATION_EPSILON = 1e-12;

const NORMALIZATION = 'KspecNormalization';
const UNIT_NORMALIZATION = 'KspecUnitNormalization';
const GROUP_NORMALIZATION = 'KspecGroupNormalization';

// ---------------------------------------------------------------------------------------------

/** Keras's arguments, snake_case (as kspec emits them) or camelCase (as modelFromJSON passes them). */
export interface KspecNormalizationArgs extends LayerArgs {
  /** Axis or axes with their own mean and variance; null: one scalar mean and variance. Default -1. */
  axis?: number | readonly number[] | null;
  /** A number or nested list broadcastable to the kept axes' shape; null: adapted (weights). */
  mean?: number | readonly unknown[] | null;
  variance?: number | readonly unknown[] | null;
  invert?: boolean;
  [key: string]: unknown;
}

export class KspecNormalization extends tf.layers.Layer {
  static readonly className = NORMALIZATION;
  /** As given (an int, a list, or null), for getConfig. */
  private readonly axisArg: number | number[] | null;
  private readonly axes: number[];
  private readonly givenMean: { shape: number[]; values: number[] } | null;
  private readonly givenVariance: { shape: number[]; values: number[] } | null;
  private readonly meanArg: unknown;
  private readonly varianceArg: unknown;
  readonly invert: boolean;
  /** Set by build: the input shape with reduced axes as 1, and the constants when given. */
  private broadcastShape: number[] = [];
  private constants: { mean: Float32Array; variance: Float32Array } | null = null;
  private meanWeight: tf.LayerVariable | null = null;
  private varianceWeight: tf.LayerVariable | null = null;

  constructor(args: KspecNormalizationArgs = {}) {
    super(args);
    const axes = readAxes(args, NORMALIZATION, 'axis', [-1]);
    this.axisArg = axes === null ? null : (read(args, 'axis') as number | number[] | undefined) ?? -1;
    this.axes = axes ?? [];
    const mean = read(args, 'mean') ?? null;
    const variance = read(args, 'variance') ?? null;
    if ((mean === null) !== (variance === null)) {
      throw new Error(`${NORMALIZATION}: mean and variance must be given together (mean=${JSON.stringify(mean)}, variance=${JSON.stringify(variance)}).`);
    }
    this.meanArg = mean;
    this.varianceArg = variance;
    this.givenMean = mean === null ? null : nestedArray(NORMALIZATION, 'mean', mean);
    this.givenVariance = variance === null ? null : nestedArray(NORMALIZATION, 'variance', variance);
    if (this.givenMean && this.givenVariance && JSON.stringify(this.givenMean.shape) !== JSON.stringify(this.givenVariance.shape)) {
      throw new Error(`${NORMALIZATION}: mean and variance must have the same shape, got [${this.givenMean.shape.join(', ')}] and [${this.givenVariance.shape.join(', ')}].`);
    }
    this.invert = readBool(args, NORMALIZATION, 'invert', false);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = oneShape(NORMALIZATION, inputShape);
    const keep = [...new Set(resolveAxes(NORMALIZATION, this.axes, shape.length))].sort((a, b) => a - b);
    if (keep.some((a) => shape[a] === null)) {
      throw new Error(`${NORMALIZATION}: every kept axis must have a known size, got axis ${JSON.stringify(this.axisArg)} of shape [${shape.map(String).join(', ')}].`);
    }
    this.broadcastShape = shape.map((d, i) => (keep.includes(i) ? d! : 1));
    const kept = keep.map((a) => shape[a]!);
    if (this.givenMean && this.givenVariance) {
      const mean = broadcastValues(this.givenMean.values, this.givenMean.shape, kept);
      const variance = broadcastValues(this.givenVariance.values, this.givenVariance.shape, kept);
      if (!mean || !variance) {
        throw new Error(`${NORMALIZATION}: mean of shape [${this.givenMean.shape.join(', ')}] does not broadcast to the kept axes' shape [${kept.join(', ')}].`);
      }
      this.constants = { mean: Float32Array.from(mean), variance: Float32Array.from(variance) };
    } else {
      this.meanWeight = this.addWeight('mean', kept, 'float32', tf.initializers.zeros(), undefined, false);
      this.varianceWeight = this.addWeight('variance', kept, 'float32', tf.initializers.ones(), undefined, false);
      this.addWeight('count', [], 'int32', tf.initializers.zeros(), undefined, false);
    }
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(oneTensor(NORMALIZATION, inputs), 'float32');
      const shape = this.broadcastShape;
      const mean = this.constants ? tf.tensor(this.constants.mean, shape) : tf.reshape(this.meanWeight!.read(), shape);
      const variance = this.constants ? tf.tensor(this.constants.variance, shape) : tf.reshape(this.varianceWeight!.read(), shape);
      const std = tf.maximum(tf.sqrt(variance), NORMALIZATION_EPSILON);
      return this.invert ? tf.add(mean, tf.mul(x, std)) : tf.div(tf.sub(x, mean), std);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...oneShape(NORMALIZATION, inputShape)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { axis: this.axisArg, mean: this.meanArg, variance: this.varianceArg, invert: this.invert, ...super.getConfig() } as tf.serialization.ConfigDict;
  }
}

// ---------------------------------------------------------------------------------------------

export interface KspecUnitNormalizationArgs extends LayerArgs {
  /** Axis or axes of the L2 norm; default -1. */
  axis?: number | readonly number[];
  [key: string]: unknown;
}

export class KspecUnitNormalization extends tf.layers.Layer {
  static readonly className = UNIT_NORMALIZATION;
  private readonly axisArg: number | number[];
  private readonly axes: number[];

  constructor(args: KspecUnitNormalizationArgs = {}) {
    super(args);
    const axes = readAxes(args, UNIT_NORMALIZATION, 'axis', [-1]);
    if (axes === null) throw new Error(`${UNIT_NORMALIZATION}: axis must be an integer or a list of integers, got null.`);
    this.axes = axes;
    this.axisArg = (read(args, 'axis') as number | number[] | undefined) ?? -1;
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    resolveAxes(UNIT_NORMALIZATION, this.axes, oneShape(UNIT_NORMALIZATION, inputShape).length);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(oneTensor(UNIT_NORMALIZATION, inputs), 'float32');
      const axes = resolveAxes(UNIT_NORMALIZATION, this.axes, x.rank);
      const squareSum = tf.sum(tf.square(x), axes, true);
      return tf.mul(x, tf.rsqrt(tf.maximum(squareSum, UNIT_NORMALIZATION_EPSILON)));
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...oneShape(UNIT_NORMALIZATION, inputShape)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { axis: this.axisArg, ...super.getConfig() };
  }
}

// ---------------------------------------------------------------------------------------------

export interface KspecGroupNormalizationArgs extends LayerArgs {
  /** Number of channel groups (Keras default 32); -1: one per channel. */
  groups?: number;
  /** The channel axis (default -1). */
  axis?: number;
  epsilon?: number;
  center?: boolean;
  scale?: boolean;
  betaInitializer?: unknown;
  gammaInitializer?: unknown;
  [key: string]: unknown;
}

export class KspecGroupNormalization extends tf.layers.Layer {
  static readonly className = GROUP_NORMALIZATION;
  readonly groups: number;
  readonly axis: number;
  readonly epsilon: number;
  readonly center: boolean;
  readonly scale: boolean;
  private readonly betaInitializer: Initializer;
  private readonly gammaInitializer: Initializer;
  /** The group count once built (groups = -1 resolved). */
  private resolvedGroups = 0;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: KspecGroupNormalizationArgs = {}) {
    super(args);
    this.groups = readInt(args, GROUP_NORMALIZATION, 'groups', 32);
    if (this.groups === 0 || this.groups < -1) throw new Error(`${GROUP_NORMALIZATION}: groups must be positive or -1, got ${this.groups}.`);
    this.axis = readInt(args, GROUP_NORMALIZATION, 'axis', -1);
    this.epsilon = readNumber(args, GROUP_NORMALIZATION, 'epsilon', 1e-3);
    this.center = readBool(args, GROUP_NORMALIZATION, 'center', true);
    this.scale = readBool(args, GROUP_NORMALIZATION, 'scale', true);
    this.betaInitializer = readInitializer(args, GROUP_NORMALIZATION, 'beta_initializer', () => tf.initializers.zeros());
    this.gammaInitializer = readInitializer(args, GROUP_NORMALIZATION, 'gamma_initializer', () => tf.initializers.ones());
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = oneShape(GROUP_NORMALIZATION, inputShape);
    const [axis] = resolveAxes(GROUP_NORMALIZATION, [this.axis], shape.length);
    if (axis === 0) throw new Error(`${GROUP_NORMALIZATION}: axis ${this.axis} is the batch axis.`);
    const dim = shape[axis!];
    if (dim === null || dim === undefined) throw new Error(`${GROUP_NORMALIZATION}: axis ${this.axis} of the input must have a known size, got [${shape.map(String).join(', ')}].`);
    const groups = this.groups === -1 ? dim : this.groups;
    if (dim < groups) throw new Error(`${GROUP_NORMALIZATION}: number of groups (${groups}) cannot be more than the number of channels (${dim}).`);
    if (dim % groups !== 0) throw new Error(`${GROUP_NORMALIZATION}: the number of channels (${dim}) must be a multiple of the number of groups (${groups}).`);
    this.resolvedGroups = groups;
    if (this.scale) this.gamma = this.addWeight('gamma', [dim], 'float32', this.gammaInitializer);
    if (this.center) this.beta = this.addWeight('beta', [dim], 'float32', this.betaInitializer);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = tf.cast(oneTensor(GROUP_NORMALIZATION, inputs), 'float32');
      const [axis] = resolveAxes(GROUP_NORMALIZATION, [this.axis], x.rank);
      const a = axis!;
      const g = this.resolvedGroups;
      const dim = x.shape[a]!;
      // [..., groups, channels per group, ...]: statistics per sample and group.
      const grouped = [...x.shape.slice(0, a), g, dim / g, ...x.shape.slice(a + 1)];
      const xg = tf.reshape(x, grouped);
      const reduce = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== a);
      const { mean, variance } = tf.moments(xg, reduce, true);
      const broadcast = grouped.map((d, i) => (i === a || i === a + 1 ? d : 1));
      // Keras: inv = rsqrt(variance + ε)·γ; out = x·inv + (β − mean·inv).
      let inv = tf.rsqrt(tf.add(variance, this.epsilon));
      if (this.gamma) inv = tf.mul(inv, tf.reshape(this.gamma.read(), broadcast));
      let offset = tf.neg(tf.mul(mean, inv));
      if (this.beta) offset = tf.add(offset, tf.reshape(this.beta.read(), broadcast));
      return tf.reshape(tf.add(tf.mul(xg, inv), offset), x.shape);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return [...oneShape(GROUP_NORMALIZATION, inputShape)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      groups: this.groups,
      axis: this.axis,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: initializerConfig(this.betaInitializer),
      gammaInitializer: initializerConfig(this.gammaInitializer),
      ...super.getConfig(),
    };
  }
}

export const NORMALIZATION_CLASSES = [KspecNormalization, KspecUnitNormalization, KspecGroupNormalization] as const;

/** Registers the classes with tfjs's serialization map (idempotent: tfjs replaces an entry of the same name). */
export function registerNormalizationLayers(): void {
  for (const cls of NORMALIZATION_CLASSES) tf.serialization.registerClass(cls);
}
