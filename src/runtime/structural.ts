/**
 * Runtime layers for weightless Keras layers tfjs 4.22 lacks (facts §3), each computing what the
 * Keras layer computes, under a `Kspec…` class name (the catalogue row of the Keras class names it
 * in `tfjs.className`):
 *
 * - KspecSubtract: `Subtract`, inputs[0] − inputs[1] for exactly two inputs. Inputs of lower rank
 *   are expanded at axis 1 until the ranks agree, then broadcast, as Keras's Merge base does.
 * - KspecZeroPadding1D / KspecCropping1D / KspecUpSampling1D: `ZeroPadding1D` (padding, and Keras 3's
 *   data_format), `Cropping1D` (cropping), `UpSampling1D` (size: each step repeated) on rank-3 inputs.
 * - KspecGlobalAveragePooling3D / KspecGlobalMaxPooling3D: mean / max over the three spatial axes,
 *   with data_format and keepdims.
 * - KspecSpatialDropout2D / KspecSpatialDropout3D: the identity at inference; in training they drop
 *   whole feature maps (noise shape (batch, 1, 1, channels) or (batch, channels, 1, 1), and 3D alike).
 *
 * `modelFromJSON` hands constructors camelCased keys and values (`dataFormat: 'channelsFirst'`);
 * Keras spellings (`data_format: 'channels_first'`) are read too. getConfig writes tfjs spellings,
 * which `toJSON` turns back into Keras's. None of these layers carries a mask on (Keras drops it
 * too: only Subtract and the dropouts support masking), where tfjs's default would throw.
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];
type Kwargs = Record<string, unknown>;
type DataFormat = 'channelsFirst' | 'channelsLast';

const one = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);
const oneShape = (s: Shape | Shape[]): Shape => (Array.isArray(s[0]) ? (s[0] as Shape) : (s as Shape));
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** The mask a layer passes on: none (tfjs's type says a tensor; tfjs itself returns null). */
const NO_MASK = null as unknown as tf.Tensor;

/** `data_format` in either spelling; null or absent is Keras's image_data_format default, channels_last. */
function readDataFormat(cls: string, v: unknown): DataFormat {
  if (v === undefined || v === null || v === 'channels_last' || v === 'channelsLast') return 'channelsLast';
  if (v === 'channels_first' || v === 'channelsFirst') return 'channelsFirst';
  throw new Error(`${cls}: data_format must be "channels_last" or "channels_first", got ${JSON.stringify(v)}.`);
}

/** An int or a pair of ints ≥ 0 as [before, after] (Keras normalize_tuple). */
function readPair(cls: string, name: string, v: unknown): [number, number] {
  if (isInt(v) && v >= 0) return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => isInt(x) && x >= 0)) return [v[0] as number, v[1] as number];
  throw new Error(`${cls}: ${name} must be an integer ≥ 0 or a pair of them, got ${JSON.stringify(v)}.`);
}

function rankError(cls: string, rank: number, s: readonly unknown[]): Error {
  return new Error(`${cls}: expected an input of rank ${rank}, got shape [${s.map((d) => (d === null ? 'null' : String(d))).join(', ')}].`);
}

// ---- Subtract ----

export class KspecSubtract extends tf.layers.Layer {
  static readonly className = 'KspecSubtract';

  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  private static pairOf(shapes: Shape | Shape[]): [Shape, Shape] {
    const list = Array.isArray(shapes[0]) ? (shapes as Shape[]) : [shapes as Shape];
    if (list.length !== 2) throw new Error(`A Subtract layer should be called on exactly 2 inputs, got ${list.length}.`);
    return [list[0]!, list[1]!];
  }

  override build(inputShape: Shape | Shape[]): void {
    KspecSubtract.pairOf(inputShape);
    this.built = true;
  }

  /** Keras's `_compute_elemwise_op_output_shape` on the shapes without batch, then the batch. */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [a, b] = KspecSubtract.pairOf(inputShape);
    const [long, short] = a.length >= b.length ? [a.slice(1), b.slice(1)] : [b.slice(1), a.slice(1)];
    const out: Shape = long.slice(0, long.length - short.length);
    short.forEach((j, k) => {
      const i = long[long.length - short.length + k]!;
      if (i === null || j === null) out.push(null);
      else if (i === 1 || j === 1) out.push(i === 1 ? j : i);
      else if (i !== j) throw new Error(`Subtract: inputs have incompatible shapes [${a.join(', ')}] and [${b.join(', ')}].`);
      else out.push(i);
    });
    const batches = [a[0], b[0]].filter((d): d is number => d !== null && d !== undefined);
    if (new Set(batches).size > 1) throw new Error(`Subtract: cannot merge tensors with different batch sizes [${a.join(', ')}] and [${b.join(', ')}].`);
    return [batches[0] ?? null, ...out];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error('A Subtract layer should be called on exactly 2 inputs.');
      let [a, b] = inputs as [tf.Tensor, tf.Tensor];
      while (a.rank < b.rank) a = a.expandDims(1);
      while (b.rank < a.rank) b = b.expandDims(1);
      return tf.sub(a, b);
    });
  }

  /** Keras 3's Merge: the OR of the two masks when both inputs have one, otherwise none. */
  override computeMask(_inputs: tf.Tensor | tf.Tensor[], mask?: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (!Array.isArray(mask) || mask.length !== 2 || mask.some((m) => m == null)) return NO_MASK;
    return tf.logicalOr(mask[0]!, mask[1]!);
  }
}

// ---- 1D padding, cropping, upsampling (rank 3) ----

export interface KspecZeroPadding1DArgs extends LayerArgs {
  /** An int or [left, right]; Keras's default 1. */
  padding?: number | number[];
  dataFormat?: string | null;
  data_format?: string | null;
}

export class KspecZeroPadding1D extends tf.layers.Layer {
  static readonly className = 'KspecZeroPadding1D';
  readonly padding: [number, number];
  readonly dataFormat: DataFormat;

  constructor(args: KspecZeroPadding1DArgs = {}) {
    super(args);
    this.padding = readPair('ZeroPadding1D', 'padding', args.padding ?? 1);
    this.dataFormat = readDataFormat('ZeroPadding1D', args.dataFormat ?? args.data_format);
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  private get axis(): number {
    return this.dataFormat === 'channelsFirst' ? 2 : 1;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = [...oneShape(inputShape)];
    if (s.length !== 3) throw rankError('ZeroPadding1D', 3, s);
    const d = s[this.axis];
    s[this.axis] = d === null || d === undefined ? null : d + this.padding[0] + this.padding[1];
    return s;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const pads: [number, number][] = [[0, 0], [0, 0], [0, 0]];
      pads[this.axis] = this.padding;
      return tf.pad(one(inputs), pads);
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { padding: [...this.padding], dataFormat: this.dataFormat, ...super.getConfig() };
  }
}

export interface KspecCropping1DArgs extends LayerArgs {
  /** An int or [start, end]; Keras's default [1, 1]. */
  cropping?: number | number[];
}

export class KspecCropping1D extends tf.layers.Layer {
  static readonly className = 'KspecCropping1D';
  readonly cropping: [number, number];

  constructor(args: KspecCropping1DArgs = {}) {
    super(args);
    this.cropping = readPair('Cropping1D', 'cropping', args.cropping ?? [1, 1]);
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [b, steps, f] = oneShape(inputShape);
    if (oneShape(inputShape).length !== 3) throw rankError('Cropping1D', 3, oneShape(inputShape));
    if (steps === null || steps === undefined) return [b ?? null, null, f ?? null];
    const length = steps - this.cropping[0] - this.cropping[1];
    if (length <= 0) throw new Error(`Cropping1D: cropping [${this.cropping.join(', ')}] leaves nothing of ${steps} steps.`);
    return [b ?? null, length, f ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const steps = x.shape[1]!;
      return tf.slice(x, [0, this.cropping[0], 0], [-1, steps - this.cropping[0] - this.cropping[1], -1]);
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { cropping: [...this.cropping], ...super.getConfig() };
  }
}

export interface KspecUpSampling1DArgs extends LayerArgs {
  /** The upsampling factor; Keras's default 2. */
  size?: number;
}

export class KspecUpSampling1D extends tf.layers.Layer {
  static readonly className = 'KspecUpSampling1D';
  readonly size: number;

  constructor(args: KspecUpSampling1DArgs = {}) {
    super(args);
    const size = args.size ?? 2;
    if (!isInt(size) || size < 1) throw new Error(`UpSampling1D: size must be a positive integer, got ${JSON.stringify(size)}.`);
    this.size = size;
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = oneShape(inputShape);
    if (s.length !== 3) throw rankError('UpSampling1D', 3, s);
    const [b, steps, f] = s;
    return [b ?? null, steps === null || steps === undefined ? null : steps * this.size, f ?? null];
  }

  /** Each step repeated `size` times in place (Keras: ops.repeat on axis 1). */
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = one(inputs);
      const [b, steps, f] = x.shape as [number, number, number];
      return tf.reshape(tf.tile(tf.expandDims(x, 2), [1, 1, this.size, 1]), [b, steps * this.size, f]);
    });
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { size: this.size, ...super.getConfig() };
  }
}

// ---- global pooling over three spatial axes (rank 5) ----

export interface KspecGlobalPooling3DArgs extends LayerArgs {
  dataFormat?: string | null;
  data_format?: string | null;
  keepdims?: boolean;
}

abstract class GlobalPooling3D extends tf.layers.Layer {
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(
    args: KspecGlobalPooling3DArgs,
    private readonly keras: string,
  ) {
    super(args);
    this.dataFormat = readDataFormat(keras, args.dataFormat ?? args.data_format);
    const keepdims = args.keepdims ?? false;
    if (typeof keepdims !== 'boolean') throw new Error(`${keras}: keepdims must be a boolean, got ${JSON.stringify(keepdims)}.`);
    this.keepdims = keepdims;
    this.inputSpec = [new tf.InputSpec({ ndim: 5 })];
  }

  protected abstract reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor;

  private get first(): boolean {
    return this.dataFormat === 'channelsFirst';
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = oneShape(inputShape);
    if (s.length !== 5) throw rankError(this.keras, 5, s);
    const b = s[0] ?? null;
    const c = (this.first ? s[1] : s[4]) ?? null;
    if (!this.keepdims) return [b, c];
    return this.first ? [b, c, 1, 1, 1] : [b, 1, 1, 1, c];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.reduce(one(inputs), this.first ? [2, 3, 4] : [1, 2, 3], this.keepdims));
  }

  override computeMask(): tf.Tensor {
    return NO_MASK;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { dataFormat: this.dataFormat, keepdims: this.keepdims, ...super.getConfig() };
  }
}

export class KspecGlobalAveragePooling3D extends GlobalPooling3D {
  static readonly className = 'KspecGlobalAveragePooling3D';
  constructor(args: KspecGlobalPooling3DArgs = {}) {
    super(args, 'GlobalAveragePooling3D');
  }
  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.mean(x, axes, keepdims);
  }
}

export class KspecGlobalMaxPooling3D extends GlobalPooling3D {
  static readonly className = 'KspecGlobalMaxPooling3D';
  constructor(args: KspecGlobalPooling3DArgs = {}) {
    super(args, 'GlobalMaxPooling3D');
  }
  protected reduce(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
    return tf.max(x, axes, keepdims);
  }
}

// ---- spatial dropout (rank 4 / rank 5) ----

export interface KspecSpatialDropoutArgs extends LayerArgs {
  /** Fraction of feature maps dropped in training, in [0, 1]. */
  rate: number;
  dataFormat?: string | null;
  data_format?: string | null;
  seed?: number | null;
}

abstract class SpatialDropout extends tf.layers.Layer {
  readonly rate: number;
  readonly dataFormat: DataFormat;
  readonly seed: number | null;

  constructor(
    args: KspecSpatialDropoutArgs,
    private readonly keras: string,
    private readonly rank: 4 | 5,
  ) {
    super(args);
    const { rate } = args;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new Error(`${keras}: rate must be a number between 0 and 1, got ${JSON.stringify(rate)}.`);
    const seed = args.seed ?? null;
    if (seed !== null && !isInt(seed)) throw new Error(`${keras}: seed must be an integer or null, got ${JSON.stringify(seed)}.`);
    this.rate = rate;
    this.seed = seed;
    this.dataFormat = readDataFormat(keras, args.dataFormat ?? args.data_format);
    this.inputSpec = [new tf.InputSpec({ ndim: rank })];
    // Like Dropout (Keras and tfjs): masks pass through unchanged.
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const s = oneShape(inputShape);
    if (s.length !== this.rank) throw rankError(this.keras, this.rank, s);
    return [...s];
  }

  /** Keras: noise shape (batch, 1, …, 1, channels), channels first or last as data_format says. */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = one(inputs);
    if (kwargs.training !== true || !(this.rate > 0 && this.rate < 1)) return x;
    return tf.tidy(() => {
      const ones = Array<number>(this.rank - 2).fill(1);
      const [b, ...rest] = x.shape;
      const noise = this.dataFormat === 'channelsFirst' ? [b!, rest[0]!, ...ones] : [b!, ...ones, rest[rest.length - 1]!];
      return tf.dropout(x, this.rate, noise, this.seed ?? undefined);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { rate: this.rate, dataFormat: this.dataFormat, seed: this.seed, ...super.getConfig() };
  }
}

export class KspecSpatialDropout2D extends SpatialDropout {
  static readonly className = 'KspecSpatialDropout2D';
  constructor(args: KspecSpatialDropoutArgs) {
    super(args, 'SpatialDropout2D', 4);
  }
}

export class KspecSpatialDropout3D extends SpatialDropout {
  static readonly className = 'KspecSpatialDropout3D';
  constructor(args: KspecSpatialDropoutArgs) {
    super(args, 'SpatialDropout3D', 5);
  }
}

/** Every class of this file, for `tf.serialization.registerClass`. */
export const STRUCTURAL_LAYERS = [
  KspecSubtract,
  KspecZeroPadding1D,
  KspecCropping1D,
  KspecUpSampling1D,
  KspecGlobalAveragePooling3D,
  KspecGlobalMaxPooling3D,
  KspecSpatialDropout2D,
  KspecSpatialDropout3D,
] as const;

/** Registers every class of this file with the `@tensorflow/tfjs` kspec depends on (idempotent). */
export function registerStructural(): void {
  for (const cls of STRUCTURAL_LAYERS) tf.serialization.registerClass(cls);
}
