/**
 * Keras 3 activation formulas as tf ops, one row per function of functions.ts. Each row follows
 * keras-team/keras `keras/src/backend/tensorflow/nn.py` (the branch points, `>` vs `>=`, are
 * Keras's), rewritten where the literal formula loses precision or overflows in float32 (said per
 * row). The test (test/runtime.test.ts) compares every row with the plain formula in float64.
 */
import * as tf from '@tensorflow/tfjs';
import type { RuntimeFunction } from './functions.js';

type Tensor = tf.Tensor;
/** Parameters already resolved to numbers (or null for relu's uncapped max_value). */
export type Params = Readonly<Record<string, number | null>>;
const num = (p: Params, k: string): number => p[k] ?? 0;

/** x where `cond`, else 0. */
const keep = (cond: Tensor, x: Tensor): Tensor => tf.where(cond, x, tf.zerosLike(x));

/** Moves `axis` last, applies `fn` over the last axis, moves it back. */
function alongAxis(x: Tensor, axis: number, fn: (t: Tensor) => Tensor): Tensor {
  const a = axis < 0 ? axis + x.rank : axis;
  if (a === x.rank - 1) return fn(x);
  const perm = [...Array(x.rank).keys()].filter((i) => i !== a).concat(a);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return tf.transpose(fn(tf.transpose(x, perm)), inverse);
}

export const OPS: Readonly<Record<RuntimeFunction, (x: Tensor, p: Params) => Tensor>> = {
  // Keras ReLU.static_call: x·[x > threshold], clipped to [0, max_value], minus
  // negative_slope·relu(threshold − x). With threshold 0 and no cap this is leaky_relu, as in Keras.
  relu: (x, p) => {
    const t = num(p, 'threshold');
    let y = keep(tf.greater(x, t), x);
    if (p.max_value !== null && p.max_value !== undefined) y = tf.clipByValue(y, 0, p.max_value);
    const slope = num(p, 'negative_slope');
    return slope === 0 ? y : tf.sub(y, tf.mul(slope, tf.relu(tf.sub(t, x))));
  },
  // x for x > 0, alpha·(exp(x) − 1) otherwise (expm1 keeps precision near 0). For the ELU layer
  // with alpha ≠ 1, which tfjs's ELU refuses.
  elu: (x, p) => tf.where(tf.greater(x, 0), x, tf.mul(p.alpha ?? 1, tf.expm1(tf.minimum(x, 0)))),
  exponential: (x) => tf.exp(x),
  // x · relu6(x + 3) / 6.
  hard_silu: (x) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)),
  tanh_shrink: (x) => tf.sub(x, tf.tanh(x)),
  soft_shrink: (x, p) => {
    const t = num(p, 'threshold');
    return tf.where(tf.greater(x, t), tf.sub(x, t), keep(tf.less(x, -t), tf.add(x, t)));
  },
  hard_shrink: (x, p) => keep(tf.greater(tf.abs(x), num(p, 'threshold')), x),
  // 0 for x <= -1, (x + 1)²/4 below 1, x from 1 on. The square is taken of x clipped to [-1, 1], so
  // it never overflows for large |x| (the branch not taken would be inf).
  sparse_plus: (x) => {
    const u = tf.add(tf.clipByValue(x, -1, 1), 1);
    return tf.where(tf.greaterEqual(x, 1), x, tf.mul(0.25, tf.square(u)));
  },
  // (x + sqrt(x² + b)) / 2. For x < 0 that cancels (x = -1e4 gives 0 instead of 1e-4), so it is
  // computed as b / (2·(sqrt(x² + b) − x)), the same value; sqrt(x² + b) is |x|·sqrt(1 + b/x²)
  // for |x| > 1 so x² cannot overflow.
  squareplus: (x, p) => {
    const b = num(p, 'b');
    const ax = tf.abs(x);
    const big = tf.greater(ax, 1);
    const safe = tf.where(big, ax, tf.onesLike(ax));
    const root = tf.where(big, tf.mul(ax, tf.sqrt(tf.add(1, tf.div(tf.div(b, safe), safe)))), tf.sqrt(tf.add(tf.square(x), b)));
    const positive = tf.div(tf.add(x, root), 2);
    const negative = tf.div(b, tf.mul(2, tf.add(root, ax)));
    return tf.where(tf.greaterEqual(x, 0), positive, negative);
  },
  // a · sigmoid(b), a and b the two halves of `axis`.
  glu: (x, p) => {
    const axis = num(p, 'axis');
    const a = axis < 0 ? axis + x.rank : axis;
    const n = x.shape[a];
    if (n === undefined || n % 2 !== 0) throw new Error(`KspecActivation glu: axis ${axis} must have an even size, got shape [${x.shape.join(', ')}].`);
    const [first, second] = tf.split(x, 2, a);
    return tf.mul(first!, tf.sigmoid(second!));
  },
  // Martins & Astudillo's projection onto the simplex: tau from the k-th cumulative sum of the sorted
  // logits, k the support size. Keras up to its fix (keras-team/keras#23425, PR #23469) summed every
  // cumulative sum in the support, which is wrong whenever k > 1; this is the corrected formula.
  // Shifting by the max first (sparsemax is shift invariant) keeps the sums small.
  sparsemax: (x, p) =>
    alongAxis(x, num(p, 'axis'), (t) => {
      const n = t.shape[t.rank - 1]!;
      const z = tf.sub(t, tf.max(t, -1, true));
      const sorted = tf.topk(z, n, true).values;
      const cumsum = tf.cumsum(sorted, t.rank - 1); // tfjs's cumsum mishandles axis -1
      const r = tf.range(1, n + 1);
      const support = tf.greater(tf.sub(sorted, tf.div(tf.sub(cumsum, 1), r)), 0);
      const k = tf.sum(tf.cast(support, 'float32'), -1, true);
      const tau = tf.div(tf.sub(tf.sum(keep(support, sorted), -1, true), 1), k);
      return tf.relu(tf.sub(z, tau));
    }),
};
