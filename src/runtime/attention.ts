/**
 * Keras attention layers tfjs 4.22 does not register, as kspec runtime layers with Keras's weights
 * (names, shapes, order) and Keras's inference formulas. Each is called on a list of tensors
 * `[query, value]` or `[query, value, key]` (key defaults to value), as tfjs merge layers are; a
 * single tensor is self-attention (query = value = key): model construction rewrites `[x, x]` so
 * (see `withoutRepeats`), so tfjs's own toJSON writes it. What else of Keras's call signatures is
 * supported is in attention-calls.ts.
 *
 * - `KspecMultiHeadAttention` = keras.layers.MultiHeadAttention (Keras 3 `keras/src/layers/attention/
 *   multi_head_attention.py`, Keras 2 `tf_keras/layers/attention/multi_head_attention.py`). Four
 *   EinsumDense projections, created in this order with these weights:
 *     query            kernel (query_dim, num_heads, key_dim)    bias (num_heads, key_dim)
 *     key              kernel (key_dim_in, num_heads, key_dim)   bias (num_heads, key_dim)
 *     value            kernel (value_dim_in, num_heads, value_dim) bias (num_heads, value_dim)
 *     attention_output kernel (num_heads, value_dim, *output_shape) bias (*output_shape)
 *   (biases only with use_bias; output_shape defaults to [query's last dimension]). Scores are
 *   `(query·W_q + b_q)/√key_dim` dotted with the projected key over the channel axis, softmax taken
 *   jointly over the attention axes (default: every axis between batch and features), applied to the
 *   projected value, then projected by attention_output. Negative attention_axes count from the end
 *   of the query as in Keras 3 (Keras 2 resolved them against the projected rank, one more).
 *   Dropout on the probabilities only when called with training=true.
 * - `KspecAttention` = keras.layers.Attention (Luong): scores `q·kᵀ` (times the scalar weight
 *   `scale` with use_scale) for score_mode "dot"; `concat_score_weight · Σ tanh(scale·(q + k))` for
 *   "concat" (scale only with use_scale); softmax over the value axis; `· v`. Weights, in this order
 *   and only when used: `scale` (scalar), `concat_score_weight` (scalar) — Keras 2.11+ and Keras 3.
 * - `KspecAdditiveAttention` = keras.layers.AdditiveAttention (Bahdanau): scores `Σ scale·tanh(q + k)`
 *   with the weight `scale` of shape (query's last dimension) when use_scale (the default), else
 *   `Σ tanh(q + k)`.
 * Masked scores (causal mask) are lowered by 1e9 before the softmax, as Keras does.
 */
import * as tf from '@tensorflow/tfjs';
import { unsupportedCallArguments, useCausalMask } from './attention-calls.js';
import {
  initializerConfig, read, readBool, readInitializer, readInt, readNumber, shapeList, type Initializer, type LayerArgs, type Shape,
} from './layer-args.js';

type Kwargs = Record<string, unknown>;
/** What Keras subtracts from masked scores (float32). */
const MASKED = 1e9;

const MULTI_HEAD_ATTENTION = 'KspecMultiHeadAttention';
const ATTENTION = 'KspecAttention';
const ADDITIVE_ATTENTION = 'KspecAdditiveAttention';

/** The Keras class each runtime class implements (for messages). */
const KERAS_NAME: Readonly<Record<string, string>> = {
  [MULTI_HEAD_ATTENTION]: 'MultiHeadAttention',
  [ATTENTION]: 'Attention',
  [ADDITIVE_ATTENTION]: 'AdditiveAttention',
};

const isSymbolic = (inputs: unknown): boolean =>
  Array.isArray(inputs) ? inputs.some((t) => t instanceof tf.SymbolicTensor) : inputs instanceof tf.SymbolicTensor;

/** An int, a list of ints, or null (absent: null), kept as written. */
function intOrInts(cls: string, name: string, v: unknown): number | number[] | null {
  if (v === undefined || v === null) return null;
  if (Number.isInteger(v)) return v as number;
  if (Array.isArray(v) && v.every((e) => Number.isInteger(e))) return [...(v as number[])];
  throw new Error(`${cls}: ${name} must be an integer or a list of integers, got ${JSON.stringify(v)}.`);
}

const camelCase = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const product = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);
const fmt = (s: readonly (number | null)[]): string => `[${s.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;

/**
 * query, value, key from a call's input list: key defaults to value, and one tensor alone is
 * self-attention (query = value = key), the form `apply` gives calls that list one tensor twice.
 */
function qvk<T>(cls: string, list: readonly T[]): [T, T, T] {
  if (list.length < 1 || list.length > 3) {
    throw new Error(`${cls} takes a list [query, value] or [query, value, key], got ${list.length} input tensors.`);
  }
  const value = list[1] ?? list[0]!;
  return [list[0]!, value, list[2] ?? value];
}

/**
 * A call's symbolic inputs without the repeats Keras's defaults imply: [q, v, v] → [q, v], [x, x] → [x].
 * tfjs 4.22's predict counts a tensor's consumers once per layer but releases it once per listed
 * input, so a tensor listed twice in one call is disposed while later layers still need it
 * ("Tensor is disposed"); self-attention `mha(x, x)` is exactly that.
 */
function withoutRepeats<T>(list: readonly T[]): T[] {
  let out = [...list];
  if (out.length === 3 && out[2] === out[1]) out = out.slice(0, 2);
  if (out.length === 2 && out[1] === out[0]) out = out.slice(0, 1);
  return out;
}

/** Lower-triangular `(1, Tq, Tv)` causal mask as Keras builds it: row index ≥ column index. */
function causalMask(tq: number, tv: number): tf.Tensor {
  const rows = tf.reshape(tf.range(0, tq, 1, 'int32'), [tq, 1]);
  const cols = tf.reshape(tf.range(0, tv, 1, 'int32'), [1, tv]);
  return tf.reshape(tf.greaterEqual(rows, cols), [1, tq, tv]);
}

/** `scores − 1e9 · (1 − mask)` (Keras's padding bias), mask broadcast against scores. */
const maskScores = (scores: tf.Tensor, mask: tf.Tensor): tf.Tensor => tf.sub(scores, tf.mul(MASKED, tf.sub(1, tf.cast(mask, 'float32'))));

/**
 * The call-time behaviour shared by the three layers: validates the call's kwargs when the layer is
 * applied (model construction passes each inbound node's kwargs), and remembers `use_causal_mask`:
 * tfjs's predict calls layers without their node's kwargs, so the layer keeps the value its calls
 * were built with (a shared layer whose calls disagree is refused).
 */
abstract class AttentionBase extends tf.layers.Layer {
  protected readonly dropoutRate: number;
  /** Keras 3's dropout seed (null: none), used for the training-time dropout. */
  protected readonly seed: number | null;
  /** Keras 2's deprecated `causal` config key (Attention, AdditiveAttention). */
  protected readonly causal: boolean;
  private builtCausal: boolean | undefined;

  constructor(args: LayerArgs, cls: string, causal: boolean) {
    super(args);
    this.dropoutRate = readNumber(args, cls, 'dropout', 0);
    const seed = read(args, 'seed');
    this.seed = seed === undefined || seed === null ? null : readInt(args, cls, 'seed');
    this.causal = causal;
    // Keras masks are not applied (attention-calls.ts): tfjs's predict then neither passes nor
    // propagates them, and computeMask below drops them on the eager path too (tfjs's default would
    // throw there), so both paths compute the same.
    this.supportsMasking = false;
  }

  override computeMask(_inputs: tf.Tensor | tf.Tensor[], _mask?: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return null as unknown as tf.Tensor;
  }

  override apply(inputs: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[], kwargs?: Kwargs): tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[] {
    const cls = this.getClassName();
    const problems = unsupportedCallArguments(KERAS_NAME[cls] ?? cls, kwargs);
    if (problems.length > 0) throw new Error(`${cls} ${this.name}: ${problems.join(' ')}`);
    if (!isSymbolic(inputs)) return super.apply(inputs, kwargs);
    const c = useCausalMask(kwargs) ?? false;
    if (this.builtCausal !== undefined && this.builtCausal !== c) {
      throw new Error(`${cls} ${this.name}: its calls disagree on use_causal_mask, which tfjs's predict cannot tell apart; use two layers.`);
    }
    this.builtCausal = c;
    const list = withoutRepeats(Array.isArray(inputs) ? (inputs as tf.SymbolicTensor[]) : [inputs as tf.SymbolicTensor]);
    return super.apply(list.length === 1 ? list[0]! : list, kwargs);
  }

  /** Causal masking for this call: the config's `causal`, the call's kwargs, or what the graph's calls said. */
  protected causalFor(kwargs: Kwargs | undefined): boolean {
    return this.causal || (useCausalMask(kwargs) ?? this.builtCausal ?? false);
  }

  /** softmax over the last axis, dropout only when called with training=true. */
  protected probabilities(scores: tf.Tensor, kwargs: Kwargs | undefined): tf.Tensor {
    const p = tf.softmax(scores, -1);
    return kwargs?.training === true && this.dropoutRate > 0 ? tf.dropout(p, this.dropoutRate, undefined, this.seed ?? undefined) : p;
  }

  /** Attention/AdditiveAttention (Keras `_apply_scores`): causal mask, softmax over the value steps, weighted sum of the values. */
  protected attend(scores: tf.Tensor, value: tf.Tensor, kwargs: Kwargs | undefined): tf.Tensor {
    let s = scores;
    if (this.causalFor(kwargs)) s = maskScores(s, causalMask(s.shape[s.rank - 2]!, s.shape[s.rank - 1]!));
    return tf.matMul(this.probabilities(s, kwargs), value);
  }
}

// ---------------------------------------------------------------------------------------------

/** Keras's arguments, snake_case (as kspec emits them) or camelCase (as modelFromJSON passes them). */
export interface KspecMultiHeadAttentionArgs extends LayerArgs {
  numHeads?: number;
  keyDim?: number;
  valueDim?: number | null;
  dropout?: number;
  useBias?: boolean;
  outputShape?: number | readonly number[] | null;
  attentionAxes?: number | readonly number[] | null;
  kernelInitializer?: unknown;
  biasInitializer?: unknown;
  [key: string]: unknown;
}

interface Projection {
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable | null;
}

export class KspecMultiHeadAttention extends AttentionBase {
  static readonly className = MULTI_HEAD_ATTENTION;
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly useBias: boolean;
  /** Keras's `output_shape` argument (an int or a list; null: the query's last dimension). */
  private readonly outputShapeArg: number | number[] | null;
  private readonly attentionAxesArg: number | number[] | null;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly valueDimArg: number | null;
  /** Keys read and written back unchanged, without effect here: Keras 2's recorded input shapes,
   * tf-keras's softmax_robust_masking (masks are not supported), Keras 3's flash_attention. */
  private readonly kept: Record<string, unknown>;
  private projections: { query: Projection; key: Projection; value: Projection; output: Projection } | null = null;
  /** Resolved at build: attention axes of the query (ascending), the output feature shape. */
  private attentionAxes: number[] = [];
  private outFeatures: number[] = [];

  constructor(args: KspecMultiHeadAttentionArgs) {
    super(args, MULTI_HEAD_ATTENTION, false);
    const cls = MULTI_HEAD_ATTENTION;
    this.numHeads = readInt(args, cls, 'num_heads');
    this.keyDim = readInt(args, cls, 'key_dim');
    const vd = read(args, 'value_dim');
    this.valueDimArg = vd === undefined || vd === null ? null : readInt(args, cls, 'value_dim');
    // Keras: `value_dim if value_dim else key_dim`.
    this.valueDim = this.valueDimArg || this.keyDim;
    if (this.numHeads < 1 || this.keyDim < 1 || this.valueDim < 1) throw new Error(`${cls}: num_heads, key_dim and value_dim must be positive.`);
    this.useBias = readBool(args, cls, 'use_bias', true);
    // Keras: `if output_shape:` — 0, [] and null all mean "the query's last dimension".
    const os = intOrInts(cls, 'output_shape', read(args, 'output_shape'));
    this.outputShapeArg = os === 0 || (Array.isArray(os) && os.length === 0) ? null : os;
    this.attentionAxesArg = intOrInts(cls, 'attention_axes', read(args, 'attention_axes'));
    this.kept = Object.fromEntries(
      (['query_shape', 'key_shape', 'value_shape', 'softmax_robust_masking', 'flash_attention'] as const).map((k) => [camelCase(k), read(args, k) ?? (k === 'softmax_robust_masking' ? false : null)]),
    );
    this.kernelInitializer = readInitializer(args, cls, 'kernel_initializer', () => tf.initializers.glorotUniform({}));
    this.biasInitializer = readInitializer(args, cls, 'bias_initializer', () => tf.initializers.zeros());
  }

  private get outputFeatureArg(): number[] | null {
    const o = this.outputShapeArg;
    return o === null ? null : typeof o === 'number' ? [o] : o;
  }

  /** The attention axes of a query of `rank` (Keras 3 resolution), checked. */
  private resolveAttentionAxes(rank: number): number[] {
    const given = this.attentionAxesArg;
    const axes = given === null ? Array.from({ length: Math.max(rank - 2, 0) }, (_, i) => i + 1) : (typeof given === 'number' ? [given] : given).map((a) => (a < 0 ? a + rank : a));
    if (axes.length === 0 || axes.some((a) => a < 1 || a > rank - 2) || new Set(axes).size !== axes.length) {
      throw new Error(`${MULTI_HEAD_ATTENTION}: attention_axes ${JSON.stringify(given)} must be axes between the batch and the feature axis of a query of rank ${rank} (rank 3 or more).`);
    }
    return [...axes].sort((a, b) => a - b);
  }

  override build(inputShape: Shape | Shape[]): void {
    const cls = MULTI_HEAD_ATTENTION;
    const [q, v, k] = qvk(cls, shapeList(inputShape));
    const dq = q[q.length - 1];
    const dv = v[v.length - 1];
    const dk = k[k.length - 1];
    if (dq == null || dv == null || dk == null) throw new Error(`${cls}: the last dimension of query, value and key must be known, got ${fmt(q)}, ${fmt(v)}, ${fmt(k)}.`);
    if (q.length !== v.length || k.length !== v.length) throw new Error(`${cls}: query, value and key must have the same rank, got ${fmt(q)}, ${fmt(v)}, ${fmt(k)}.`);
    if (JSON.stringify(v.slice(1, -1)) !== JSON.stringify(k.slice(1, -1))) {
      throw new Error(`${cls}: all dimensions of value and key, except the last one, must be equal; got value ${fmt(v)} and key ${fmt(k)}.`);
    }
    this.attentionAxes = this.resolveAttentionAxes(q.length);
    this.outFeatures = this.outputFeatureArg ?? [dq];
    const N = this.numHeads;
    const add = (name: string, kernel: number[], bias: number[]): Projection => ({
      kernel: this.addWeight(`${name}/kernel`, kernel, 'float32', this.kernelInitializer),
      bias: this.useBias ? this.addWeight(`${name}/bias`, bias, 'float32', this.biasInitializer) : null,
    });
    // Keras's creation order: query, key, value, attention_output (kernel then bias each).
    const query = add('query', [dq, N, this.keyDim], [N, this.keyDim]);
    const key = add('key', [dk, N, this.keyDim], [N, this.keyDim]);
    const value = add('value', [dv, N, this.valueDim], [N, this.valueDim]);
    const output = add('attention_output', [N, this.valueDim, ...this.outFeatures], [...this.outFeatures]);
    this.projections = { query, key, value, output };
    this.built = true;
  }

  /** EinsumDense contracting the last `contract` axes of x with the kernel's first ones, plus the bias. */
  private project(x: tf.Tensor, p: Projection, contract: number): tf.Tensor {
    const kernel = p.kernel.read();
    const inner = kernel.shape.slice(0, contract);
    const outer = kernel.shape.slice(contract);
    const lead = x.shape.slice(0, x.rank - contract);
    let y = tf.matMul(tf.reshape(x, [-1, product(inner)]), tf.reshape(kernel, [product(inner), product(outer)]));
    if (p.bias) y = tf.add(y, tf.reshape(p.bias.read(), [product(outer)]));
    return tf.reshape(y, [...lead, ...outer]);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const cls = MULTI_HEAD_ATTENTION;
      const [query, value, key] = qvk(cls, Array.isArray(inputs) ? inputs : [inputs]);
      const p = this.projections!;
      // [B, ..., N, key_dim], query scaled by 1/√key_dim first as Keras does.
      const Q = tf.mul(this.project(tf.cast(query, 'float32'), p.query, 1), 1 / Math.sqrt(this.keyDim));
      const K = this.project(tf.cast(key, 'float32'), p.key, 1);
      const V = this.project(tf.cast(value, 'float32'), p.value, 1);
      const R = Q.rank;
      const attn = this.attentionAxes;
      // Batch dims: everything but the attention axes and the channel axis (the head axis included).
      const batch = Array.from({ length: R - 1 }, (_, i) => i).filter((i) => !attn.includes(i));
      const perm = [...batch, ...attn, R - 1];
      const flat = (t: tf.Tensor) => {
        const moved = tf.transpose(t, perm);
        return tf.reshape(moved, [product(batch.map((i) => t.shape[i]!)), product(attn.map((i) => t.shape[i]!)), t.shape[R - 1]!]);
      };
      const qf = flat(Q);
      const kf = flat(K);
      const vf = flat(V);
      let scores = tf.matMul(qf, kf, false, true); // [batch…, Tq, Tk]
      if (this.causalFor(kwargs)) {
        if (attn.length !== 1) throw new Error(`${cls} ${this.name}: use_causal_mask needs a single attention axis.`);
        scores = maskScores(scores, causalMask(qf.shape[1]!, kf.shape[1]!));
      }
      const out = tf.matMul(this.probabilities(scores, kwargs), vf); // [batch…, Tq, value_dim]
      const moved = tf.reshape(out, [...batch.map((i) => Q.shape[i]!), ...attn.map((i) => Q.shape[i]!), this.valueDim]);
      const inverse = perm.map((_, i) => perm.indexOf(i));
      const combined = tf.transpose(moved, inverse); // [B, ..., N, value_dim]
      return this.project(combined, p.output, 2);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [q] = qvk(MULTI_HEAD_ATTENTION, shapeList(inputShape));
    const out = this.outputFeatureArg ?? [q[q.length - 1] ?? null];
    return [...q.slice(0, -1), ...out];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropoutRate,
      useBias: this.useBias,
      outputShape: this.outputShapeArg,
      attentionAxes: this.attentionAxesArg,
      kernelInitializer: initializerConfig(this.kernelInitializer),
      biasInitializer: initializerConfig(this.biasInitializer),
      seed: this.seed,
      ...(this.kept as tf.serialization.ConfigDict),
      ...super.getConfig(),
    };
  }
}

// ---------------------------------------------------------------------------------------------

export interface KspecAttentionArgs extends LayerArgs {
  useScale?: boolean;
  /** "dot" or "concat". */
  scoreMode?: string;
  dropout?: number;
  /** Keras 2's deprecated causal masking switch. */
  causal?: boolean;
  [key: string]: unknown;
}

export class KspecAttention extends AttentionBase {
  static readonly className = ATTENTION;
  readonly useScale: boolean;
  readonly scoreMode: 'dot' | 'concat';
  private scale: tf.LayerVariable | null = null;
  private concatScoreWeight: tf.LayerVariable | null = null;

  constructor(args: KspecAttentionArgs = {}) {
    super(args, ATTENTION, readBool(args, ATTENTION, 'causal', false));
    this.useScale = readBool(args, ATTENTION, 'use_scale', false);
    const mode = read(args, 'score_mode') ?? 'dot';
    if (mode !== 'dot' && mode !== 'concat') throw new Error(`${ATTENTION}: score_mode must be "dot" or "concat", got ${JSON.stringify(mode)}.`);
    this.scoreMode = mode;
  }

  override build(inputShape: Shape | Shape[]): void {
    checkDenseAttention(ATTENTION, shapeList(inputShape));
    if (this.useScale) this.scale = this.addWeight('scale', [], 'float32', tf.initializers.ones());
    if (this.scoreMode === 'concat') this.concatScoreWeight = this.addWeight('concat_score_weight', [], 'float32', tf.initializers.ones());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [q, v, k] = qvk(ATTENTION, (Array.isArray(inputs) ? inputs : [inputs]).map((t) => tf.cast(t, 'float32')));
      let scores: tf.Tensor;
      if (this.scoreMode === 'dot') {
        scores = tf.matMul(q, k, false, true);
        if (this.scale) scores = tf.mul(scores, this.scale.read());
      } else {
        let sum = tf.add(tf.expandDims(q, -2), tf.expandDims(k, -3));
        if (this.scale) sum = tf.mul(this.scale.read(), sum);
        scores = tf.mul(this.concatScoreWeight!.read(), tf.sum(tf.tanh(sum), -1));
      }
      return this.attend(scores, v, kwargs);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return denseAttentionOutput(ATTENTION, inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { useScale: this.useScale, scoreMode: this.scoreMode, dropout: this.dropoutRate, causal: this.causal, seed: this.seed, ...super.getConfig() };
  }
}

export interface KspecAdditiveAttentionArgs extends LayerArgs {
  useScale?: boolean;
  dropout?: number;
  causal?: boolean;
  [key: string]: unknown;
}

export class KspecAdditiveAttention extends AttentionBase {
  static readonly className = ADDITIVE_ATTENTION;
  readonly useScale: boolean;
  private scale: tf.LayerVariable | null = null;

  constructor(args: KspecAdditiveAttentionArgs = {}) {
    super(args, ADDITIVE_ATTENTION, readBool(args, ADDITIVE_ATTENTION, 'causal', false));
    this.useScale = readBool(args, ADDITIVE_ATTENTION, 'use_scale', true);
  }

  override build(inputShape: Shape | Shape[]): void {
    const [q] = checkDenseAttention(ADDITIVE_ATTENTION, shapeList(inputShape));
    if (this.useScale) this.scale = this.addWeight('scale', [q[q.length - 1]!], 'float32', tf.initializers.glorotUniform({}));
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const [q, v, k] = qvk(ADDITIVE_ATTENTION, (Array.isArray(inputs) ? inputs : [inputs]).map((t) => tf.cast(t, 'float32')));
      let terms = tf.tanh(tf.add(tf.expandDims(q, -2), tf.expandDims(k, -3)));
      if (this.scale) terms = tf.mul(this.scale.read(), terms);
      return this.attend(tf.sum(terms, -1), v, kwargs);
    });
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return denseAttentionOutput(ADDITIVE_ATTENTION, inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { useScale: this.useScale, dropout: this.dropoutRate, causal: this.causal, ...super.getConfig() };
  }
}

/** Attention/AdditiveAttention: [query, value, key] shapes that fit (rank 3 or more, key = value's steps). */
function checkDenseAttention(cls: string, shapes: Shape[]): [Shape, Shape, Shape] {
  const [q, v, k] = qvk(cls, shapes);
  if (q.length < 3 || v.length !== q.length || k.length !== q.length) {
    throw new Error(`${cls}: query, value and key must have the same rank, 3 or more (batch, steps, features); got ${fmt(q)}, ${fmt(v)}, ${fmt(k)}.`);
  }
  const dq = q[q.length - 1];
  const dk = k[k.length - 1];
  if (dq == null) throw new Error(`${cls}: the query's last dimension must be known, got ${fmt(q)}.`);
  if (dk !== null && dk !== dq) throw new Error(`${cls}: query and key must have the same last dimension, got ${fmt(q)} and ${fmt(k)}.`);
  const kv = (s: Shape) => s.slice(1, -1);
  if (kv(k).some((d, i) => d !== null && kv(v)[i] !== null && d !== kv(v)[i])) {
    throw new Error(`${cls}: key and value must have the same steps, got ${fmt(k)} and ${fmt(v)}.`);
  }
  return [q, v, k];
}

/** Keras 3's output shape: the query's, with the value's last dimension. */
function denseAttentionOutput(cls: string, inputShape: Shape | Shape[]): Shape {
  const [q, v] = qvk(cls, shapeList(inputShape));
  return [...q.slice(0, -1), v[v.length - 1] ?? null];
}

export const ATTENTION_CLASSES = [KspecMultiHeadAttention, KspecAttention, KspecAdditiveAttention] as const;

/** Registers the classes with tfjs's serialization map. */
export function registerAttentionLayers(): void {
  for (const cls of ATTENTION_CLASSES) tf.serialization.registerClass(cls);
}
