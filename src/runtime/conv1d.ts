/**
 * `KspecConv1DTranspose` and `KspecSeparableConv1D`: Keras's Conv1DTranspose and SeparableConv1D,
 * which tfjs 4.22 lacks, with Keras's weights and output lengths. Both run the 2D tfjs op on a
 * size-1 second spatial axis (`conv2dTranspose`, `separableConv2d`) and squeeze it away again.
 *
 * Weights, in Keras's order and shapes (keras-team/keras `keras/src/layers/convolutional/
 * base_conv_transpose.py` and `base_separable_conv.py`; Keras 2 `conv1d_transpose.py` /
 * `separable_conv1d.py` build the same):
 * - Conv1DTranspose: kernel (k, filters, in), bias (filters).
 * - SeparableConv1D: depthwise_kernel (k, in, depth_multiplier), pointwise_kernel
 *   (1, in·depth_multiplier, filters), bias (filters). Depthwise output channel c·dm + m feeds
 *   pointwise row c·dm + m (TF's and tfjs's depthwise layout).
 *
 * Output lengths are Keras's (`compute_conv_transpose_output_length` / `deconv_output_length`,
 * `conv_output_length`); the values are those of TF's ops, which Keras calls: a transposed
 * convolution is the gradient of the forward convolution whose input has the output length,
 * padded as TF pads "same" (total max((in − 1)·s + k_eff − out, 0), the smaller half first).
 * Dilation of the transposed convolution uses the kernel with d − 1 zeros between taps (what a
 * dilated convolution's gradient is), since tfjs's conv2dTranspose takes no dilation.
 * SeparableConv1D's "causal" padding (Keras 2) pads dilation·(k − 1) zeros on the left, then "valid".
 *
 * Arguments are read in tfjs (camelCase, what `modelFromJSON` hands the constructor) or Keras
 * (snake_case) spelling; string values camel-cased by modelFromJSON (`channelsFirst`) are accepted.
 * Initializers, regularizers, constraints and activations are looked up in tfjs's class registry
 * as tfjs's own layers do, and serialized back the same way.
 */
import * as tf from '@tensorflow/tfjs';
import { RUNTIME_CONV1D_TRANSPOSE, RUNTIME_SEPARABLE_CONV1D } from '../ir/runtime-recurrent.js';

type Tensor = tf.Tensor;
type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];
type ConfigDict = tf.serialization.ConfigDict;
type Initializer = ReturnType<typeof tf.initializers.ones>;
type Regularizer = ReturnType<typeof tf.regularizers.l1l2>;
type Constraint = ReturnType<typeof tf.constraints.nonNeg>;
type Serializable = tf.serialization.Serializable;
interface Applies extends Serializable {
  apply(...args: unknown[]): Tensor;
}

export { RUNTIME_CONV1D_TRANSPOSE, RUNTIME_SEPARABLE_CONV1D };

// ---- argument reading ----

const camel = (s: string): string => s.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The value of a camelCase key, or of its snake_case spelling. */
function read(args: Readonly<Record<string, unknown>>, key: string): unknown {
  return args[key] ?? args[snake(key)];
}

/** An int or a one-int list (Keras `standardize_tuple` for rank 1). */
function int1(args: Readonly<Record<string, unknown>>, key: string, fallback?: number): number {
  const v = read(args, key);
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v ?? fallback;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`${key} must be an int or a list of one int, got ${JSON.stringify(v)}.`);
  return n;
}

type Kind = 'initializer' | 'regularizer' | 'constraint' | 'activation';

/** tfjs identifiers whose class name is not the identifier capitalized. */
const CLASS_OF: Readonly<Record<string, string>> = { l1l2: 'L1L2' };

/**
 * An initializer, regularizer, constraint or activation from a string, a `{className, config}` dict
 * or an instance, through tfjs's class registry (as tfjs's getInitializer & co. resolve them).
 * null/undefined → null (activations: linear).
 */
function resolve<T extends Serializable>(kind: Kind, id: unknown): T | null {
  if (id == null) return kind === 'activation' ? resolve<T>(kind, 'linear') : null;
  if (id instanceof tf.serialization.Serializable) return id as T;
  let className: unknown;
  let config: ConfigDict = {};
  if (typeof id === 'string') {
    const c = camel(id);
    className = kind === 'activation' ? c : (CLASS_OF[c] ?? c.charAt(0).toUpperCase() + c.slice(1));
  } else if (typeof id === 'object') {
    const o = id as Record<string, unknown>;
    className = o.className ?? o.class_name;
    if (typeof o.config === 'object' && o.config !== null) config = { ...(o.config as ConfigDict) };
  }
  const entry = typeof className === 'string' ? tf.serialization.SerializationMap.getMap().classNameMap[className] : undefined;
  if (!entry) throw new Error(`Unknown ${kind}: ${JSON.stringify(id)}.`);
  const [cls, fromConfig] = entry;
  return fromConfig(cls, config) as T;
}

/** tfjs's serializeKerasObject: `{className, config}`, or null. */
const serialize = (o: Serializable | null): ConfigDict | null => (o ? { className: o.getClassName(), config: o.getConfig() } : null);

/** Keras `standardize_data_format`, in either spelling; null means channels_last. */
function channelsFirst(args: Readonly<Record<string, unknown>>): boolean {
  const v = read(args, 'dataFormat');
  if (v == null || v === 'channels_last' || v === 'channelsLast') return false;
  if (v === 'channels_first' || v === 'channelsFirst') return true;
  throw new Error(`data_format must be "channels_last" or "channels_first", got ${JSON.stringify(v)}.`);
}

// ---- Keras's output lengths ----

const dilated = (k: number, d: number): number => k + (k - 1) * (d - 1);

/** Keras `compute_conv_output_length` / `conv_output_length`. */
export function convOutputLength(length: number | null, k: number, padding: string, stride: number, dilation: number): number | null {
  if (length === null) return null;
  const kk = dilated(k, dilation);
  const n = padding === 'valid' ? length - kk + 1 : length;
  return Math.floor((n + stride - 1) / stride);
}

/** Keras `compute_conv_transpose_output_length` (Keras 3) = `deconv_output_length` (Keras 2) for valid/same. */
export function deconvOutputLength(length: number | null, k: number, padding: string, stride: number, outputPadding: number | null, dilation: number): number | null {
  if (length === null) return null;
  const kk = dilated(k, dilation);
  if (outputPadding === null) return padding === 'valid' ? length * stride + Math.max(kk - stride, 0) : length * stride;
  const pad = padding === 'same' ? Math.floor(kk / 2) : 0;
  return (length - 1) * stride + kk - 2 * pad + outputPadding;
}

// ---- the shared base ----

export interface KspecConv1DArgs extends LayerArgs {
  filters: number;
  kernelSize: number | [number];
  strides?: number | [number];
  padding?: string;
  dataFormat?: string | null;
  dilationRate?: number | [number];
  activation?: unknown;
  useBias?: boolean;
  biasInitializer?: unknown;
  biasRegularizer?: unknown;
  biasConstraint?: unknown;
  activityRegularizer?: unknown;
  /** snake_case spellings are read too. */
  [key: string]: unknown;
}

abstract class KspecConv1D extends tf.layers.Layer {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: string;
  readonly channelsFirst: boolean;
  readonly dilationRate: number;
  readonly useBias: boolean;
  protected readonly act: Applies;
  protected readonly biasInitializer: Initializer;
  protected readonly biasRegularizer: Regularizer | null;
  protected readonly biasConstraint: Constraint | null;
  protected bias: tf.LayerVariable | null = null;

  constructor(args: KspecConv1DArgs, paddings: readonly string[]) {
    super(args);
    const name = (this.constructor as { className?: string }).className ?? 'KspecConv1D';
    const a = args as Readonly<Record<string, unknown>>;
    this.filters = int1(a, 'filters');
    this.kernelSize = int1(a, 'kernelSize');
    this.strides = int1(a, 'strides', 1);
    this.dilationRate = int1(a, 'dilationRate', 1);
    const padding = read(a, 'padding') ?? 'valid';
    if (typeof padding !== 'string' || !paddings.includes(padding)) throw new Error(`${name}: padding must be one of ${paddings.join(', ')}, got ${JSON.stringify(padding)}.`);
    this.padding = padding;
    this.channelsFirst = channelsFirst(a);
    if (this.filters <= 0 || this.kernelSize <= 0 || this.strides <= 0 || this.dilationRate <= 0) throw new Error(`${name}: filters, kernel_size, strides and dilation_rate must be positive.`);
    if (this.strides > 1 && this.dilationRate > 1) throw new Error(`${name}: strides > 1 is not supported together with dilation_rate > 1 (Keras refuses it too).`);
    this.act = resolve<Applies>('activation', read(a, 'activation'))!;
    const useBias = read(a, 'useBias');
    this.useBias = useBias == null ? true : useBias === true;
    this.biasInitializer = resolve('initializer', read(a, 'biasInitializer') ?? 'zeros')!;
    this.biasRegularizer = resolve('regularizer', read(a, 'biasRegularizer'));
    this.biasConstraint = resolve('constraint', read(a, 'biasConstraint'));
    // As tfjs's own layers: set, and tfjs refuses to apply a layer that has one.
    const activity = resolve<Regularizer>('regularizer', read(a, 'activityRegularizer'));
    if (activity) this.activityRegularizer = activity;
    this.inputSpec = [new tf.InputSpec({ ndim: 3 })];
  }

  /** The output length for an input length. */
  protected abstract length(input: number | null): number | null;

  /** Channels-last (batch, steps, in) → channels-last (batch, steps', filters), before bias and activation. */
  protected abstract convolve(x: Tensor): Tensor;

  protected inputChannels(inputShape: tf.Shape | tf.Shape[]): number {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const c = this.channelsFirst ? shape[1] : shape[2];
    if (shape.length !== 3 || typeof c !== 'number') throw new Error(`${this.getClassName()} needs an input of rank 3 with a known channel dimension, got [${shape.join(', ')}].`);
    this.inputSpec = [new tf.InputSpec({ ndim: 3, axes: { [this.channelsFirst ? 1 : -1]: c } })];
    return c;
  }

  protected buildBias(): void {
    if (this.useBias) this.bias = this.addWeight('bias', [this.filters], 'float32', this.biasInitializer, this.biasRegularizer ?? undefined, true, this.biasConstraint ?? undefined);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const batch = s[0] ?? null;
    const steps = this.length((this.channelsFirst ? s[2] : s[1]) ?? null);
    return this.channelsFirst ? [batch, this.filters, steps] : [batch, steps, this.filters];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      let x = Array.isArray(inputs) ? inputs[0]! : inputs;
      if (this.channelsFirst) x = tf.transpose(x, [0, 2, 1]);
      let y = this.convolve(x);
      if (this.bias) y = tf.add(y, this.bias.read());
      y = this.act.apply(y);
      return this.channelsFirst ? tf.transpose(y, [0, 2, 1]) : y;
    });
  }

  override getConfig(): ConfigDict {
    return {
      filters: this.filters,
      kernelSize: [this.kernelSize],
      strides: [this.strides],
      padding: this.padding,
      dataFormat: this.channelsFirst ? 'channelsFirst' : 'channelsLast',
      dilationRate: [this.dilationRate],
      activation: this.act.getClassName(),
      useBias: this.useBias,
      biasInitializer: serialize(this.biasInitializer),
      biasRegularizer: serialize(this.biasRegularizer),
      activityRegularizer: serialize(this.activityRegularizer ?? null),
      biasConstraint: serialize(this.biasConstraint),
      ...super.getConfig(),
    };
  }
}

// ---- Conv1DTranspose ----

export interface KspecConv1DTransposeArgs extends KspecConv1DArgs {
  /** None (the output length follows from padding) or an int below the stride. */
  outputPadding?: number | [number] | null;
  kernelInitializer?: unknown;
  kernelRegularizer?: unknown;
  kernelConstraint?: unknown;
}

export class KspecConv1DTranspose extends KspecConv1D {
  static readonly className = RUNTIME_CONV1D_TRANSPOSE;
  readonly outputPadding: number | null;
  protected readonly kernelInitializer: Initializer;
  protected readonly kernelRegularizer: Regularizer | null;
  protected readonly kernelConstraint: Constraint | null;
  protected kernel: tf.LayerVariable | null = null;

  constructor(args: KspecConv1DTransposeArgs) {
    super(args, ['valid', 'same']);
    const a = args as Readonly<Record<string, unknown>>;
    this.outputPadding = read(a, 'outputPadding') == null ? null : int1(a, 'outputPadding');
    if (this.outputPadding !== null && (this.outputPadding < 0 || this.outputPadding >= this.strides)) {
      throw new Error(`${RUNTIME_CONV1D_TRANSPOSE}: output_padding must be below the stride, got output_padding ${this.outputPadding} and strides ${this.strides}.`);
    }
    this.kernelInitializer = resolve('initializer', read(a, 'kernelInitializer') ?? 'glorotUniform')!;
    this.kernelRegularizer = resolve('regularizer', read(a, 'kernelRegularizer'));
    this.kernelConstraint = resolve('constraint', read(a, 'kernelConstraint'));
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = this.inputChannels(inputShape);
    this.kernel = this.addWeight('kernel', [this.kernelSize, this.filters, channels], 'float32', this.kernelInitializer, this.kernelRegularizer ?? undefined, true, this.kernelConstraint ?? undefined);
    this.buildBias();
    this.built = true;
  }

  protected length(input: number | null): number | null {
    return deconvOutputLength(input, this.kernelSize, this.padding, this.strides, this.outputPadding, this.dilationRate);
  }

  protected convolve(x: Tensor): Tensor {
    const [batch, steps] = x.shape as [number, number, number];
    const out = this.length(steps)!;
    const k = dilated(this.kernelSize, this.dilationRate);
    // TF's conv transpose is the gradient of a forward convolution of `out` steps that gives `steps`.
    const forward = this.padding === 'same' ? Math.ceil(out / this.strides) : Math.floor((out - k) / this.strides) + 1;
    if (out <= 0 || forward !== steps) {
      throw new Error(`${RUNTIME_CONV1D_TRANSPOSE}: an output of ${out} steps does not transpose an input of ${steps} (kernel ${k}, strides ${this.strides}, padding ${this.padding}, output_padding ${this.outputPadding}); TF refuses this too.`);
    }
    let kernel = this.kernel!.read(); // (k, filters, in)
    if (this.dilationRate > 1) {
      // d − 1 zero taps after each tap but the last: (k, d, f, c) → (k·d, f, c) → first k_eff rows.
      const [kk, f, c] = kernel.shape as [number, number, number];
      const spread = tf.pad(tf.expandDims(kernel, 1), [[0, 0], [0, this.dilationRate - 1], [0, 0], [0, 0]]);
      kernel = tf.slice(tf.reshape(spread, [kk * this.dilationRate, f, c]), [0, 0, 0], [k, f, c]);
    }
    const filter = tf.expandDims(kernel, 1) as tf.Tensor4D; // (k_eff, 1, filters, in)
    const x4 = tf.expandDims(x, 2) as tf.Tensor4D; // (batch, steps, 1, in)
    const y = tf.conv2dTranspose(x4, filter, [batch, out, 1, this.filters], [this.strides, 1], this.padding as 'valid' | 'same');
    return tf.squeeze(y, [2]);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      outputPadding: this.outputPadding === null ? null : [this.outputPadding],
      kernelInitializer: serialize(this.kernelInitializer),
      kernelRegularizer: serialize(this.kernelRegularizer),
      kernelConstraint: serialize(this.kernelConstraint),
    };
  }
}

// ---- SeparableConv1D ----

export interface KspecSeparableConv1DArgs extends KspecConv1DArgs {
  depthMultiplier?: number;
  depthwiseInitializer?: unknown;
  pointwiseInitializer?: unknown;
  depthwiseRegularizer?: unknown;
  pointwiseRegularizer?: unknown;
  depthwiseConstraint?: unknown;
  pointwiseConstraint?: unknown;
}

export class KspecSeparableConv1D extends KspecConv1D {
  static readonly className = RUNTIME_SEPARABLE_CONV1D;
  readonly depthMultiplier: number;
  protected readonly depthwiseInitializer: Initializer;
  protected readonly pointwiseInitializer: Initializer;
  protected readonly depthwiseRegularizer: Regularizer | null;
  protected readonly pointwiseRegularizer: Regularizer | null;
  protected readonly depthwiseConstraint: Constraint | null;
  protected readonly pointwiseConstraint: Constraint | null;
  protected depthwiseKernel: tf.LayerVariable | null = null;
  protected pointwiseKernel: tf.LayerVariable | null = null;

  constructor(args: KspecSeparableConv1DArgs) {
    super(args, ['valid', 'same', 'causal']);
    const a = args as Readonly<Record<string, unknown>>;
    this.depthMultiplier = int1(a, 'depthMultiplier', 1);
    if (this.depthMultiplier <= 0) throw new Error(`${RUNTIME_SEPARABLE_CONV1D}: depth_multiplier must be positive, got ${this.depthMultiplier}.`);
    this.depthwiseInitializer = resolve('initializer', read(a, 'depthwiseInitializer') ?? 'glorotUniform')!;
    this.pointwiseInitializer = resolve('initializer', read(a, 'pointwiseInitializer') ?? 'glorotUniform')!;
    this.depthwiseRegularizer = resolve('regularizer', read(a, 'depthwiseRegularizer'));
    this.pointwiseRegularizer = resolve('regularizer', read(a, 'pointwiseRegularizer'));
    this.depthwiseConstraint = resolve('constraint', read(a, 'depthwiseConstraint'));
    this.pointwiseConstraint = resolve('constraint', read(a, 'pointwiseConstraint'));
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const channels = this.inputChannels(inputShape);
    const dm = this.depthMultiplier;
    this.depthwiseKernel = this.addWeight('depthwise_kernel', [this.kernelSize, channels, dm], 'float32', this.depthwiseInitializer, this.depthwiseRegularizer ?? undefined, true, this.depthwiseConstraint ?? undefined);
    this.pointwiseKernel = this.addWeight('pointwise_kernel', [1, channels * dm, this.filters], 'float32', this.pointwiseInitializer, this.pointwiseRegularizer ?? undefined, true, this.pointwiseConstraint ?? undefined);
    this.buildBias();
    this.built = true;
  }

  protected length(input: number | null): number | null {
    return convOutputLength(input, this.kernelSize, this.padding, this.strides, this.dilationRate);
  }

  protected convolve(x: Tensor): Tensor {
    const causal = this.padding === 'causal';
    if (causal) x = tf.pad(x, [[0, 0], [this.dilationRate * (this.kernelSize - 1), 0], [0, 0]]);
    const [k, c, dm] = this.depthwiseKernel!.shape as [number, number, number];
    const depthwise = tf.reshape(this.depthwiseKernel!.read(), [k, 1, c, dm]) as tf.Tensor4D;
    const pointwise = tf.reshape(this.pointwiseKernel!.read(), [1, 1, c * dm, this.filters]) as tf.Tensor4D;
    const x4 = tf.expandDims(x, 2) as tf.Tensor4D; // (batch, steps, 1, in)
    const pad = causal ? 'valid' : (this.padding as 'valid' | 'same');
    const y = tf.separableConv2d(x4, depthwise, pointwise, [this.strides, 1], pad, [this.dilationRate, 1], 'NHWC');
    return tf.squeeze(y, [2]);
  }

  override getConfig(): ConfigDict {
    return {
      ...super.getConfig(),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: serialize(this.depthwiseInitializer),
      pointwiseInitializer: serialize(this.pointwiseInitializer),
      depthwiseRegularizer: serialize(this.depthwiseRegularizer),
      pointwiseRegularizer: serialize(this.pointwiseRegularizer),
      depthwiseConstraint: serialize(this.depthwiseConstraint),
      pointwiseConstraint: serialize(this.pointwiseConstraint),
    };
  }
}

/** The classes to register with `tf.serialization.registerClass` (runtime/index.ts). */
export const CONV1D_CLASSES = [KspecConv1DTranspose, KspecSeparableConv1D] as const;

/** Registers KspecConv1DTranspose and KspecSeparableConv1D with tfjs (idempotent). */
export function registerConv1D(): void {
  for (const cls of CONV1D_CLASSES) tf.serialization.registerClass(cls);
}
