/**
 * An independent reference forward pass (inference mode) of Keras layers, in plain float64
 * JavaScript: the weight-conversion tests check that a converted tfjs model predicts what Keras
 * would. It deliberately imports neither tfjs nor anything from src/, so a bug shared with them
 * cannot hide; forward.test.ts checks it against tfjs layer by layer.
 *
 * Configs are Keras 2 (snake_case) layer configs; weights come in Keras's order and shapes.
 * Tensors are row-major with the batch first; only channels_last is supported, and anything the
 * reference does not implement (masking, channels_first, output_padding, ...) throws rather than
 * computing something else.
 */

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}
export interface Weight {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}
/** A layer's weights in Keras's order (`layer.get_weights()`). */
export type Weights = readonly Weight[];
export type Config = Readonly<Record<string, unknown>>;
export interface LayerCall {
  readonly className: string;
  readonly config: Config;
  readonly weights: Weights;
}

// ---- tensors ----

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function tensor(shape: readonly number[], data: ArrayLike<number>): Tensor {
  if (sizeOf(shape) !== data.length) throw new Error(`shape [${shape}] needs ${sizeOf(shape)} values, got ${data.length}`);
  return { shape: [...shape], data: Float64Array.from(data) };
}
const reshaped = (x: Tensor, shape: readonly number[]): Tensor => tensor(shape, x.data);
const at = (w: Weights, i: number, what: string): ArrayLike<number> => {
  const v = w[i];
  if (!v) throw new Error(`missing weight ${i} (${what})`);
  return v.data;
};
const last = <T>(a: readonly T[]): T => a[a.length - 1]!;

// ---- config readers ----

const num = (c: Config, key: string, dflt: number): number => (typeof c[key] === 'number' ? (c[key] as number) : dflt);
/** A number the config must give (units, filters, ...). */
function need(c: Config, key: string): number {
  if (typeof c[key] !== 'number') throw new Error(`config needs a number '${key}', got ${JSON.stringify(c[key])}`);
  return c[key] as number;
}
const bool = (c: Config, key: string, dflt: boolean): boolean => (typeof c[key] === 'boolean' ? (c[key] as boolean) : dflt);
const str = (c: Config, key: string, dflt: string): string => (typeof c[key] === 'string' ? (c[key] as string) : dflt);
/** An int-or-tuple argument (kernel_size, strides, ...) as `n` numbers. */
function tuple(c: Config, key: string, n: number, dflt?: number | readonly number[]): number[] {
  const v = c[key] ?? dflt;
  const t = typeof v === 'number' ? Array<number>(n).fill(v) : (v as number[] | undefined);
  if (!Array.isArray(t) || t.length !== n || t.some((d) => typeof d !== 'number')) throw new Error(`${key}: expected ${n} numbers, got ${JSON.stringify(v)}`);
  return [...t];
}
/** A non-negative axis of a rank-`rank` tensor from a Keras axis (negative counts from the end; a one-element list allowed). */
function axisOf(v: unknown, rank: number): number {
  const a = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof a !== 'number') throw new Error(`unsupported axis ${JSON.stringify(v)}`);
  return a < 0 ? a + rank : a;
}
function channelsLast(c: Config): void {
  if (str(c, 'data_format', 'channels_last') !== 'channels_last') throw new Error('only channels_last is supported');
}

// ---- activations ----

/**
 * erf to ~1e-15: Taylor series for |x| < 2.5, Lentz's continued fraction for erfc beyond
 * (tfjs's erf is the float32 Abramowitz–Stegun 7.1.26, good to ~1e-7 only).
 */
export function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc(x) = exp(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    D = ax + a * D;
    D = 1 / (Math.abs(D) < tiny ? tiny : D);
    C = ax + a / C;
    if (Math.abs(C) < tiny) C = tiny;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/** Element-wise activations by Keras 2 name (softmax, which is not element-wise, is handled by `activate`). */
export const ACTIVATIONS: Readonly<Record<string, (x: number) => number>> = {
  linear: (x) => x,
  relu: (x) => Math.max(x, 0),
  relu6: (x) => Math.min(Math.max(x, 0), 6),
  sigmoid,
  tanh: Math.tanh,
  elu: (x) => (x > 0 ? x : Math.expm1(x)),
  selu: (x) => SELU_SCALE * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
  softplus,
  softsign: (x) => x / (1 + Math.abs(x)),
  swish: (x) => x * sigmoid(x),
  silu: (x) => x * sigmoid(x),
  // Keras's gelu defaults to approximate=False: the erf form.
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  mish: (x) => x * Math.tanh(softplus(x)),
  // Keras 2's piecewise-linear form (Keras 3 changed it to relu6(x + 3) / 6).
  hard_sigmoid: (x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1),
  exponential: Math.exp,
  // The activation function (tf.nn.leaky_relu, Keras 3 activations.leaky_relu) defaults to 0.2;
  // the LeakyReLU *layer* defaults to 0.3.
  leaky_relu: (x) => (x > 0 ? x : 0.2 * x),
};

function activationName(v: unknown): string {
  if (v == null) return 'linear';
  if (typeof v === 'string') return v;
  throw new Error(`unsupported activation ${JSON.stringify(v)}`);
}
export function scalarActivation(name: string): (x: number) => number {
  const f = ACTIVATIONS[name];
  if (!f) throw new Error(`unsupported element-wise activation '${name}'`);
  return f;
}

/** Softmax over `axis`: max-shifted, in float64. */
function softmax(x: Tensor, axis: number): Tensor {
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const outer = sizeOf(x.shape.slice(0, axis));
  const y = new Float64Array(x.data.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let max = -Infinity;
      for (let k = 0; k < n; k++) max = Math.max(max, x.data[base + k * inner]!);
      let sum = 0;
      for (let k = 0; k < n; k++) sum += y[base + k * inner] = Math.exp(x.data[base + k * inner]! - max);
      for (let k = 0; k < n; k++) y[base + k * inner]! /= sum;
    }
  }
  return { shape: x.shape, data: y };
}

/** A Keras activation (softmax over the last axis) applied to a whole tensor. */
export function activate(activation: unknown, x: Tensor): Tensor {
  const name = activationName(activation);
  if (name === 'softmax') return softmax(x, x.shape.length - 1);
  return { shape: x.shape, data: x.data.map(scalarActivation(name)) };
}

// ---- dense and convolution ----

/** Dense on the last axis of any rank: x·kernel + bias, then the activation. */
function dense(c: Config, w: Weights, x: Tensor): Tensor {
  const units = need(c, 'units');
  const d = last(x.shape);
  const kernel = at(w, 0, 'kernel');
  const bias = bool(c, 'use_bias', true) ? at(w, 1, 'bias') : null;
  if (kernel.length !== d * units) throw new Error(`Dense kernel has ${kernel.length} values, expected ${d}x${units}`);
  const rows = x.data.length / d;
  const y = new Float64Array(rows * units);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < units; j++) {
      let s = bias ? bias[j]! : 0;
      for (let i = 0; i < d; i++) s += x.data[r * d + i]! * kernel[i * units + j]!;
      y[r * units + j] = s;
    }
  }
  return activate(c.activation, { shape: [...x.shape.slice(0, -1), units], data: y });
}

/**
 * Output length and padding before the data of a forward window op over `size` steps (TF's rules:
 * 'same' puts the odd extra padding after the data, at the bottom/right; 'causal' pads only before).
 */
function windowGeometry(size: number, k: number, stride: number, dilation: number, padding: string): { out: number; before: number } {
  const ek = (k - 1) * dilation + 1;
  switch (padding) {
    case 'valid':
      return { out: Math.max(Math.floor((size - ek) / stride) + 1, 0), before: 0 };
    case 'same': {
      const out = Math.ceil(size / stride);
      return { out, before: Math.floor(Math.max((out - 1) * stride + ek - size, 0) / 2) };
    }
    case 'causal':
      return { out: Math.ceil(size / stride), before: ek - 1 };
    default:
      throw new Error(`unsupported padding '${padding}'`);
  }
}

interface ConvArgs {
  kernel: ArrayLike<number>;
  /** [kh, kw, in channels per group, out channels] */
  kshape: readonly number[];
  groups: number;
  strides: readonly number[];
  dilation: readonly number[];
  padding: string;
  bias: ArrayLike<number> | null;
}

/**
 * Grouped 2-D convolution of (b, h, w, c), channels_last: output channel o reads the input channels
 * of its group g = floor(o / (out / groups)). Conv2D is groups = 1; DepthwiseConv2D is groups = in
 * with its (kh, kw, in, mult) kernel read as (kh, kw, 1, in·mult), which gives output c·mult + m.
 */
function conv2d(x: Tensor, a: ConvArgs): Tensor {
  const [b, h, wd, cin] = x.shape as [number, number, number, number];
  const [kh, kw, cg, cout] = a.kshape as [number, number, number, number];
  if (cg * a.groups !== cin || cout % a.groups !== 0) throw new Error(`conv: ${cin} input channels do not fit kernel [${a.kshape}] in ${a.groups} groups`);
  const gy = windowGeometry(h, kh, a.strides[0]!, a.dilation[0]!, a.padding);
  const gx = windowGeometry(wd, kw, a.strides[1]!, a.dilation[1]!, a.padding);
  const perGroup = cout / a.groups;
  const y = new Float64Array(b * gy.out * gx.out * cout);
  let p = 0;
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < gy.out; oy++) {
      for (let ox = 0; ox < gx.out; ox++) {
        for (let o = 0; o < cout; o++) {
          const c0 = Math.floor(o / perGroup) * cg;
          let s = a.bias ? a.bias[o]! : 0;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * a.strides[0]! + ky * a.dilation[0]! - gy.before;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ix = ox * a.strides[1]! + kx * a.dilation[1]! - gx.before;
              if (ix < 0 || ix >= wd) continue;
              const xi = ((n * h + iy) * wd + ix) * cin + c0;
              const ki = ((ky * kw + kx) * cg) * cout + o;
              for (let ci = 0; ci < cg; ci++) s += x.data[xi + ci]! * a.kernel[ki + ci * cout]!;
            }
          }
          y[p++] = s;
        }
      }
    }
  }
  return { shape: [b, gy.out, gx.out, cout], data: y };
}

/** Conv1D/Conv2D/DepthwiseConv2D/SeparableConv2D; 1-D runs as 2-D on a height-1 view (same row-major data). */
function conv(kind: 'Conv1D' | 'Conv2D' | 'DepthwiseConv2D' | 'SeparableConv2D', c: Config, w: Weights, x: Tensor): Tensor {
  channelsLast(c);
  const oneD = kind === 'Conv1D';
  const dims = oneD ? 1 : 2;
  const x4 = oneD ? reshaped(x, [x.shape[0]!, 1, x.shape[1]!, x.shape[2]!]) : x;
  const pad1 = (t: number[]) => (oneD ? [1, ...t] : t);
  const strides = pad1(tuple(c, 'strides', dims, 1));
  const dilation = pad1(tuple(c, 'dilation_rate', dims, 1));
  const [kh, kw] = pad1(tuple(c, 'kernel_size', dims)) as [number, number];
  const padding = str(c, 'padding', 'valid');
  if (padding === 'causal' && !oneD) throw new Error('causal padding is Conv1D only');
  const useBias = bool(c, 'use_bias', true);
  const cin = last(x.shape);
  let y: Tensor;
  if (kind === 'Conv1D' || kind === 'Conv2D') {
    const filters = need(c, 'filters');
    const groups = num(c, 'groups', 1);
    y = conv2d(x4, { kernel: at(w, 0, 'kernel'), kshape: [kh, kw, cin / groups, filters], groups, strides, dilation, padding, bias: useBias ? at(w, 1, 'bias') : null });
  } else {
    const mult = num(c, 'depth_multiplier', 1);
    const depthwise = { kernel: at(w, 0, 'depthwise_kernel'), kshape: [kh, kw, 1, cin * mult], groups: cin, strides, dilation, padding };
    if (kind === 'DepthwiseConv2D') {
      y = conv2d(x4, { ...depthwise, bias: useBias ? at(w, 1, 'bias') : null });
    } else {
      // Separable: depthwise (strides, dilation, padding) then a 1x1 pointwise convolution with the bias.
      const filters = need(c, 'filters');
      const mid = conv2d(x4, { ...depthwise, bias: null });
      y = conv2d(mid, { kernel: at(w, 1, 'pointwise_kernel'), kshape: [1, 1, cin * mult, filters], groups: 1, strides: [1, 1], dilation: [1, 1], padding: 'valid', bias: useBias ? at(w, 2, 'bias') : null });
    }
  }
  if (oneD) y = reshaped(y, [y.shape[0]!, y.shape[2]!, y.shape[3]!]);
  return activate(c.activation, y);
}

/**
 * Conv2DTranspose: TF's conv2d_transpose, the adjoint of the forward convolution that maps the
 * output back onto the input: y[i·s + k − pad] += x[i]·W[k], kernel (kh, kw, OUT, IN). Output
 * length (Keras deconv_output_length): valid in·s + max(k − s, 0), same in·s.
 */
function conv2dTranspose(c: Config, w: Weights, x: Tensor): Tensor {
  channelsLast(c);
  if (c.output_padding != null) throw new Error('Conv2DTranspose output_padding is not supported');
  if (tuple(c, 'dilation_rate', 2, 1).some((d) => d !== 1)) throw new Error('Conv2DTranspose dilation_rate is not supported');
  const [b, h, wd, cin] = x.shape as [number, number, number, number];
  const [kh, kw] = tuple(c, 'kernel_size', 2) as [number, number];
  const [sy, sx] = tuple(c, 'strides', 2, 1) as [number, number];
  const cout = need(c, 'filters');
  const padding = str(c, 'padding', 'valid');
  const kernel = at(w, 0, 'kernel');
  const bias = bool(c, 'use_bias', true) ? at(w, 1, 'bias') : null;
  const length = (n: number, k: number, s: number) => (padding === 'same' ? n * s : n * s + Math.max(k - s, 0));
  const [oh, ow] = [length(h, kh, sy), length(wd, kw, sx)];
  // The padding of the forward convolution from the output's size to the input's.
  const pad = (n: number, out: number, k: number, s: number) => (padding === 'same' ? Math.floor(Math.max((n - 1) * s + k - out, 0) / 2) : 0);
  const [py, px] = [pad(h, oh, kh, sy), pad(wd, ow, kw, sx)];
  const y = new Float64Array(b * oh * ow * cout);
  for (let n = 0; n < b; n++) {
    for (let iy = 0; iy < h; iy++) {
      for (let ix = 0; ix < wd; ix++) {
        for (let ky = 0; ky < kh; ky++) {
          const oy = iy * sy + ky - py;
          if (oy < 0 || oy >= oh) continue;
          for (let kx = 0; kx < kw; kx++) {
            const ox = ix * sx + kx - px;
            if (ox < 0 || ox >= ow) continue;
            for (let o = 0; o < cout; o++) {
              let s = 0;
              for (let ci = 0; ci < cin; ci++) s += x.data[((n * h + iy) * wd + ix) * cin + ci]! * kernel[((ky * kw + kx) * cout + o) * cin + ci]!;
              y[((n * oh + oy) * ow + ox) * cout + o]! += s;
            }
          }
        }
      }
    }
  }
  if (bias) for (let i = 0; i < y.length; i++) y[i]! += bias[i % cout]!;
  return activate(c.activation, { shape: [b, oh, ow, cout], data: y });
}

// ---- pooling ----

/** Max/average pooling of (b, h, w, c); windows clipped to the data ('same' averages count only real elements, as TF does). */
function pool2d(x: Tensor, pool: readonly number[], strides: readonly number[], padding: string, op: 'max' | 'avg'): Tensor {
  const [b, h, wd, ch] = x.shape as [number, number, number, number];
  const gy = windowGeometry(h, pool[0]!, strides[0]!, 1, padding);
  const gx = windowGeometry(wd, pool[1]!, strides[1]!, 1, padding);
  const y = new Float64Array(b * gy.out * gx.out * ch);
  let p = 0;
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < gy.out; oy++) {
      for (let ox = 0; ox < gx.out; ox++) {
        for (let k = 0; k < ch; k++) {
          let acc = op === 'max' ? -Infinity : 0;
          let count = 0;
          for (let ky = 0; ky < pool[0]!; ky++) {
            const iy = oy * strides[0]! + ky - gy.before;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < pool[1]!; kx++) {
              const ix = ox * strides[1]! + kx - gx.before;
              if (ix < 0 || ix >= wd) continue;
              const v = x.data[((n * h + iy) * wd + ix) * ch + k]!;
              acc = op === 'max' ? Math.max(acc, v) : acc + v;
              count++;
            }
          }
          y[p++] = op === 'max' ? acc : acc / count;
        }
      }
    }
  }
  return { shape: [b, gy.out, gx.out, ch], data: y };
}

function pooling(dims: 1 | 2, op: 'max' | 'avg', c: Config, x: Tensor): Tensor {
  channelsLast(c);
  const pool = tuple(c, 'pool_size', dims, 2);
  const strides = c.strides == null ? pool : tuple(c, 'strides', dims, pool);
  const padding = str(c, 'padding', 'valid');
  if (dims === 2) return pool2d(x, pool, strides, padding, op);
  const y = pool2d(reshaped(x, [x.shape[0]!, 1, x.shape[1]!, x.shape[2]!]), [1, ...pool], [1, ...strides], padding, op);
  return reshaped(y, [y.shape[0]!, y.shape[2]!, y.shape[3]!]);
}

/** Global pooling over every axis but the batch and the channels (keepdims keeps them as 1s). */
function globalPool(op: 'max' | 'avg', c: Config, x: Tensor): Tensor {
  channelsLast(c);
  const [b, ch] = [x.shape[0]!, last(x.shape)];
  const n = x.data.length / (b * ch);
  const y = new Float64Array(b * ch).fill(op === 'max' ? -Infinity : 0);
  for (let i = 0; i < x.data.length; i++) {
    const j = Math.floor(i / (n * ch)) * ch + (i % ch);
    y[j] = op === 'max' ? Math.max(y[j]!, x.data[i]!) : y[j]! + x.data[i]! / n;
  }
  const shape = bool(c, 'keepdims', false) ? x.shape.map((d, i) => (i === 0 || i === x.shape.length - 1 ? d : 1)) : [b, ch];
  return { shape, data: y };
}

// ---- normalization and element-wise layers ----

/** BatchNormalization (moving statistics): gamma·(x − mean)/√(var + ε) + beta along `axis`; gamma/beta absent when scale/center is false. */
function batchNorm(c: Config, w: Weights, x: Tensor): Tensor {
  const axis = axisOf(c.axis ?? -1, x.shape.length);
  const scale = bool(c, 'scale', true);
  const center = bool(c, 'center', true);
  let i = 0;
  const gamma = scale ? at(w, i++, 'gamma') : null;
  const beta = center ? at(w, i++, 'beta') : null;
  const mean = at(w, i++, 'moving_mean');
  const variance = at(w, i++, 'moving_variance');
  const eps = num(c, 'epsilon', 1e-3);
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const y = x.data.map((v, j) => {
    const k = Math.floor(j / inner) % n;
    return ((v - mean[k]!) / Math.sqrt(variance[k]! + eps)) * (gamma ? gamma[k]! : 1) + (beta ? beta[k]! : 0);
  });
  return { shape: x.shape, data: y };
}

/** LayerNormalization over trailing axes (biased variance, ε inside the root); gamma/beta have those axes' shape. */
function layerNorm(c: Config, w: Weights, x: Tensor): Tensor {
  const rank = x.shape.length;
  const axes = (Array.isArray(c.axis) ? (c.axis as unknown[]) : [c.axis ?? -1]).map((a) => axisOf(a, rank)).sort((a, b) => a - b);
  if (axes.some((a, i) => a !== rank - axes.length + i)) throw new Error('LayerNormalization: only trailing axes are supported');
  let i = 0;
  const gamma = bool(c, 'scale', true) ? at(w, i++, 'gamma') : null;
  const beta = bool(c, 'center', true) ? at(w, i++, 'beta') : null;
  const eps = num(c, 'epsilon', 1e-3);
  const n = sizeOf(x.shape.slice(rank - axes.length));
  const y = new Float64Array(x.data.length);
  for (let r = 0; r < x.data.length; r += n) {
    const row = x.data.subarray(r, r + n);
    const mean = row.reduce((s, v) => s + v, 0) / n;
    const variance = row.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let k = 0; k < n; k++) y[r + k] = (row[k]! - mean) * inv * (gamma ? gamma[k]! : 1) + (beta ? beta[k]! : 0);
  }
  return { shape: x.shape, data: y };
}

const map = (x: Tensor, f: (v: number) => number): Tensor => ({ shape: x.shape, data: x.data.map(f) });

/** Keras ReLU layer: max_value above, slope·(x − threshold) below the threshold. */
function reluLayer(c: Config, x: Tensor): Tensor {
  const max = c.max_value == null ? Infinity : num(c, 'max_value', Infinity);
  const slope = num(c, 'negative_slope', 0);
  const threshold = num(c, 'threshold', 0);
  return map(x, (v) => (v >= max ? max : v >= threshold ? v : slope * (v - threshold)));
}

function embedding(c: Config, w: Weights, x: Tensor): Tensor {
  const table = at(w, 0, 'embeddings');
  const dim = need(c, 'output_dim');
  const rows = table.length / dim;
  const y = new Float64Array(x.data.length * dim);
  x.data.forEach((v, i) => {
    const id = Math.trunc(v);
    if (id < 0 || id >= rows) throw new Error(`Embedding index ${v} out of range [0, ${rows})`);
    for (let k = 0; k < dim; k++) y[i * dim + k] = table[id * dim + k]!;
  });
  return { shape: [...x.shape, dim], data: y };
}

// ---- reshaping ----

function reshapeLayer(c: Config, x: Tensor): Tensor {
  const target = (c.target_shape as number[]).slice();
  const known = sizeOf(target.filter((d) => d !== -1));
  const free = target.indexOf(-1);
  if (free >= 0) target[free] = x.data.length / x.shape[0]! / known;
  return reshaped(x, [x.shape[0]!, ...target]);
}

/** Copies (b, h, w, c) channel vectors into an (oh, ow) grid: `from` gives each output pixel's source, or null for zeros. */
function remap2d(x: Tensor, oh: number, ow: number, from: (oy: number, ox: number) => [number, number] | null): Tensor {
  const [b, h, wd, ch] = x.shape as [number, number, number, number];
  const y = new Float64Array(b * oh * ow * ch);
  for (let n = 0; n < b; n++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        const src = from(oy, ox);
        if (!src || src[0] < 0 || src[0] >= h || src[1] < 0 || src[1] >= wd) continue;
        const si = ((n * h + src[0]) * wd + src[1]) * ch;
        y.set(x.data.subarray(si, si + ch), ((n * oh + oy) * ow + ox) * ch);
      }
    }
  }
  return { shape: [b, oh, ow, ch], data: y };
}

/** ZeroPadding2D / Cropping2D amounts: int, (sym_h, sym_w) or ((top, bottom), (left, right)). */
function pad2(v: unknown, dflt: number): [[number, number], [number, number]] {
  const p = v ?? dflt;
  if (typeof p === 'number') return [[p, p], [p, p]];
  const [a, b] = p as (number | number[])[];
  const pair = (q: number | number[] | undefined): [number, number] => (typeof q === 'number' ? [q, q] : [q![0]!, q![1]!]);
  return [pair(a), pair(b)];
}

function timeReverse(x: Tensor): Tensor {
  const [b, t] = [x.shape[0]!, x.shape[1]!];
  const step = x.data.length / (b * t);
  const y = new Float64Array(x.data.length);
  for (let n = 0; n < b; n++) for (let s = 0; s < t; s++) y.set(x.data.subarray((n * t + s) * step, (n * t + s + 1) * step), (n * t + (t - 1 - s)) * step);
  return { shape: x.shape, data: y };
}

// ---- merging ----

function concatenate(xs: readonly Tensor[], axisArg: unknown): Tensor {
  const first = xs[0]!;
  const axis = axisOf(axisArg ?? -1, first.shape.length);
  const outer = sizeOf(first.shape.slice(0, axis));
  const chunks = xs.map((x) => x.data.length / outer);
  const y = new Float64Array(chunks.reduce((a, b) => a + b, 0) * outer);
  let p = 0;
  for (let o = 0; o < outer; o++) {
    xs.forEach((x, i) => {
      y.set(x.data.subarray(o * chunks[i]!, (o + 1) * chunks[i]!), p);
      p += chunks[i]!;
    });
  }
  const shape = [...first.shape];
  shape[axis] = xs.reduce((s, x) => s + x.shape[axis]!, 0);
  return { shape, data: y };
}

/** Element-wise merge of equal-shaped tensors (no broadcasting). */
function merge(xs: readonly Tensor[], f: (a: number, b: number) => number, finish: (v: number) => number = (v) => v): Tensor {
  const first = xs[0]!;
  for (const x of xs) if (x.shape.join() !== first.shape.join()) throw new Error('merge inputs must have equal shapes');
  const y = first.data.slice();
  for (const x of xs.slice(1)) for (let i = 0; i < y.length; i++) y[i] = f(y[i]!, x.data[i]!);
  return { shape: first.shape, data: y.map(finish) };
}

// ---- recurrent ----

/** v·M for a row vector v (length rows) and a row-major (rows, cols) matrix, plus an optional bias row. */
function vecMat(v: ArrayLike<number>, off: number, rows: number, m: ArrayLike<number>, cols: number, bias: ArrayLike<number> | null, biasOff = 0): Float64Array {
  const y = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = bias ? bias[biasOff + j]! : 0;
    for (let i = 0; i < rows; i++) s += v[off + i]! * m[i * cols + j]!;
    y[j] = s;
  }
  return y;
}

/**
 * SimpleRNN / LSTM / GRU over (b, T, in) from zero states (as a fresh stateful layer starts too). Outputs in Keras's order: the output
 * (every step, in processing order, with return_sequences; else the last), then with return_state
 * the final h (and c for LSTM). go_backwards reads the input from the last step.
 */
function recurrent(kind: 'SimpleRNN' | 'LSTM' | 'GRU', c: Config, w: Weights, x: Tensor): Tensor[] {
  const [b, T, d] = x.shape as [number, number, number];
  const u = need(c, 'units');
  const act = scalarActivation(activationName(c.activation ?? 'tanh'));
  const rec = scalarActivation(activationName(c.recurrent_activation ?? 'sigmoid'));
  const gates = { SimpleRNN: 1, LSTM: 4, GRU: 3 }[kind];
  const kernel = at(w, 0, 'kernel');
  const recKernel = at(w, 1, 'recurrent_kernel');
  const bias = bool(c, 'use_bias', true) ? w[2] : undefined;
  // GRU reset_after (Keras 2.0–2.2 default false, tf.keras default true): the bias then has two rows.
  const resetAfter = kind === 'GRU' && bool(c, 'reset_after', bias?.shape.length === 2);
  const back = bool(c, 'go_backwards', false);
  const seq = new Float64Array(b * T * u);
  const hT = new Float64Array(b * u);
  const cT = new Float64Array(b * u);
  for (let n = 0; n < b; n++) {
    let h = new Float64Array(u);
    let cell = new Float64Array(u);
    for (let s = 0; s < T; s++) {
      const t = back ? T - 1 - s : s;
      const xw = vecMat(x.data, (n * T + t) * d, d, kernel, gates * u, bias?.data ?? null);
      const next = new Float64Array(u);
      if (kind === 'SimpleRNN') {
        const hu = vecMat(h, 0, u, recKernel, u, null);
        for (let j = 0; j < u; j++) next[j] = act(xw[j]! + hu[j]!);
      } else if (kind === 'LSTM') {
        // Column blocks i, f, c, o.
        const hu = vecMat(h, 0, u, recKernel, 4 * u, null);
        const nextCell = new Float64Array(u);
        for (let j = 0; j < u; j++) {
          const g = (k: number) => xw[k * u + j]! + hu[k * u + j]!;
          nextCell[j] = rec(g(1)) * cell[j]! + rec(g(0)) * act(g(2));
          next[j] = rec(g(3)) * act(nextCell[j]!);
        }
        cell = nextCell;
      } else if (resetAfter) {
        // Blocks z, r, h; bias row 1 is added to h·U, and r gates the whole recurrent term of h~.
        const hu = vecMat(h, 0, u, recKernel, 3 * u, bias?.data ?? null, 3 * u);
        for (let j = 0; j < u; j++) {
          const z = rec(xw[j]! + hu[j]!);
          const r = rec(xw[u + j]! + hu[u + j]!);
          next[j] = z * h[j]! + (1 - z) * act(xw[2 * u + j]! + r * hu[2 * u + j]!);
        }
      } else {
        // reset_after=false: r gates h before it meets the h block of U.
        const huZR = vecMat(h, 0, u, recKernel, 3 * u, null);
        const rh = h.map((hv, j) => rec(xw[u + j]! + huZR[u + j]!) * hv);
        for (let j = 0; j < u; j++) {
          const z = rec(xw[j]! + huZR[j]!);
          let cand = xw[2 * u + j]!;
          for (let i = 0; i < u; i++) cand += rh[i]! * recKernel[i * 3 * u + 2 * u + j]!;
          next[j] = z * h[j]! + (1 - z) * act(cand);
        }
      }
      h = next;
      seq.set(h, (n * T + s) * u);
    }
    hT.set(h, n * u);
    cT.set(cell, n * u);
  }
  const out: Tensor = bool(c, 'return_sequences', false) ? { shape: [b, T, u], data: seq } : { shape: [b, u], data: hT.slice() };
  if (!bool(c, 'return_state', false)) return [out];
  const states: Tensor[] = [{ shape: [b, u], data: hT }];
  if (kind === 'LSTM') states.push({ shape: [b, u], data: cT });
  return [out, ...states];
}

interface Nested {
  class_name: string;
  config: Config;
}

/**
 * Bidirectional: the forward layer, then a backward copy (go_backwards flipped, or backward_layer)
 * with the second half of the weights; with return_sequences the backward output is reversed back
 * into input order before merging. Outputs: merged (or both when merge_mode is null), then the
 * forward states, then the backward states.
 */
function bidirectional(c: Config, w: Weights, x: Tensor): Tensor[] {
  const fwd = c.layer as Nested;
  const bwd = (c.backward_layer as Nested | undefined) ?? { class_name: fwd.class_name, config: { ...fwd.config, go_backwards: !bool(fwd.config, 'go_backwards', false) } };
  const half = w.length / 2;
  const f = forwardLayerOutputs(fwd.class_name, fwd.config, w.slice(0, half), x);
  const r = forwardLayerOutputs(bwd.class_name, bwd.config, w.slice(half), x);
  const yf = f[0]!;
  const yb = bool(fwd.config, 'return_sequences', false) ? timeReverse(r[0]!) : r[0]!;
  const mode = c.merge_mode === undefined ? 'concat' : c.merge_mode;
  const merged: Tensor[] =
    mode === null ? [yf, yb]
    : mode === 'concat' ? [concatenate([yf, yb], -1)]
    : mode === 'sum' ? [merge([yf, yb], (a, b) => a + b)]
    : mode === 'ave' ? [merge([yf, yb], (a, b) => a + b, (v) => v / 2)]
    : mode === 'mul' ? [merge([yf, yb], (a, b) => a * b)]
    : (() => { throw new Error(`unsupported merge_mode ${JSON.stringify(mode)}`); })();
  return [...merged, ...f.slice(1), ...r.slice(1)];
}

/** TimeDistributed: the inner layer on (b·T, ...) — each step as its own sample — reshaped back to (b, T, ...). */
function timeDistributed(c: Config, w: Weights, x: Tensor): Tensor {
  const inner = c.layer as Nested;
  const [b, T] = [x.shape[0]!, x.shape[1]!];
  const y = forwardLayer(inner.class_name, inner.config, w, reshaped(x, [b * T, ...x.shape.slice(2)]));
  return reshaped(y, [b, T, ...y.shape.slice(1)]);
}

// ---- dispatch ----

type Impl = (c: Config, w: Weights, xs: readonly Tensor[]) => Tensor | Tensor[];
const one = (xs: readonly Tensor[]): Tensor => {
  if (xs.length !== 1) throw new Error(`expected one input, got ${xs.length}`);
  return xs[0]!;
};
const identity: Impl = (_c, _w, xs) => one(xs);

const LAYERS: Readonly<Record<string, Impl>> = {
  InputLayer: identity,
  Dropout: identity,
  SpatialDropout1D: identity,
  SpatialDropout2D: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  Dense: (c, w, xs) => dense(c, w, one(xs)),
  Activation: (c, _w, xs) => activate(c.activation, one(xs)),
  // Keras 2 calls the slope alpha, Keras 3 negative_slope; both default to 0.3 for the layer.
  LeakyReLU: (c, _w, xs) => {
    const slope = num(c, 'negative_slope', num(c, 'alpha', 0.3));
    return map(one(xs), (v) => (v > 0 ? v : slope * v));
  },
  ReLU: (c, _w, xs) => reluLayer(c, one(xs)),
  ELU: (c, _w, xs) => {
    const alpha = num(c, 'alpha', 1);
    return map(one(xs), (v) => (v > 0 ? v : alpha * Math.expm1(v)));
  },
  ThresholdedReLU: (c, _w, xs) => {
    const theta = num(c, 'theta', 1);
    return map(one(xs), (v) => (v > theta ? v : 0));
  },
  Softmax: (c, _w, xs) => softmax(one(xs), axisOf(c.axis ?? -1, one(xs).shape.length)),
  Conv1D: (c, w, xs) => conv('Conv1D', c, w, one(xs)),
  Conv2D: (c, w, xs) => conv('Conv2D', c, w, one(xs)),
  DepthwiseConv2D: (c, w, xs) => conv('DepthwiseConv2D', c, w, one(xs)),
  SeparableConv2D: (c, w, xs) => conv('SeparableConv2D', c, w, one(xs)),
  Conv2DTranspose: (c, w, xs) => conv2dTranspose(c, w, one(xs)),
  MaxPooling1D: (c, _w, xs) => pooling(1, 'max', c, one(xs)),
  AveragePooling1D: (c, _w, xs) => pooling(1, 'avg', c, one(xs)),
  MaxPooling2D: (c, _w, xs) => pooling(2, 'max', c, one(xs)),
  AveragePooling2D: (c, _w, xs) => pooling(2, 'avg', c, one(xs)),
  GlobalAveragePooling1D: (c, _w, xs) => globalPool('avg', c, one(xs)),
  GlobalAveragePooling2D: (c, _w, xs) => globalPool('avg', c, one(xs)),
  GlobalMaxPooling1D: (c, _w, xs) => globalPool('max', c, one(xs)),
  GlobalMaxPooling2D: (c, _w, xs) => globalPool('max', c, one(xs)),
  BatchNormalization: (c, w, xs) => batchNorm(c, w, one(xs)),
  LayerNormalization: (c, w, xs) => layerNorm(c, w, one(xs)),
  Embedding: (c, w, xs) => embedding(c, w, one(xs)),
  Flatten: (_c, _w, xs) => {
    const x = one(xs);
    return reshaped(x, [x.shape[0]!, x.data.length / x.shape[0]!]);
  },
  Reshape: (c, _w, xs) => reshapeLayer(c, one(xs)),
  RepeatVector: (c, _w, xs) => {
    const x = one(xs);
    const [b, d, n] = [x.shape[0]!, x.shape[1]!, need(c, 'n')];
    const y = new Float64Array(b * n * d);
    for (let i = 0; i < b * n; i++) y.set(x.data.subarray(Math.floor(i / n) * d, (Math.floor(i / n) + 1) * d), i * d);
    return { shape: [b, n, d], data: y };
  },
  ZeroPadding2D: (c, _w, xs) => {
    channelsLast(c);
    const x = one(xs);
    const [[t, bm], [l, r]] = pad2(c.padding, 1);
    return remap2d(x, x.shape[1]! + t + bm, x.shape[2]! + l + r, (oy, ox) => [oy - t, ox - l]);
  },
  Cropping2D: (c, _w, xs) => {
    channelsLast(c);
    const x = one(xs);
    const [[t, bm], [l, r]] = pad2(c.cropping, 0);
    return remap2d(x, x.shape[1]! - t - bm, x.shape[2]! - l - r, (oy, ox) => [oy + t, ox + l]);
  },
  UpSampling2D: (c, _w, xs) => {
    channelsLast(c);
    if (str(c, 'interpolation', 'nearest') !== 'nearest') throw new Error('only nearest UpSampling2D is supported');
    const x = one(xs);
    const [sy, sx] = tuple(c, 'size', 2, 2) as [number, number];
    return remap2d(x, x.shape[1]! * sy, x.shape[2]! * sx, (oy, ox) => [Math.floor(oy / sy), Math.floor(ox / sx)]);
  },
  Add: (_c, _w, xs) => merge(xs, (a, b) => a + b),
  Subtract: (_c, _w, xs) => {
    if (xs.length !== 2) throw new Error('Subtract takes two inputs');
    return merge(xs, (a, b) => a - b);
  },
  Multiply: (_c, _w, xs) => merge(xs, (a, b) => a * b),
  Average: (_c, _w, xs) => merge(xs, (a, b) => a + b, (v) => v / xs.length),
  Maximum: (_c, _w, xs) => merge(xs, Math.max),
  Minimum: (_c, _w, xs) => merge(xs, Math.min),
  Concatenate: (c, _w, xs) => concatenate(xs, c.axis),
  SimpleRNN: (c, w, xs) => recurrent('SimpleRNN', c, w, one(xs)),
  LSTM: (c, w, xs) => recurrent('LSTM', c, w, one(xs)),
  GRU: (c, w, xs) => recurrent('GRU', c, w, one(xs)),
  Bidirectional: (c, w, xs) => bidirectional(c, w, one(xs)),
  TimeDistributed: (c, w, xs) => timeDistributed(c, w, one(xs)),
};

export const SUPPORTED_LAYERS: readonly string[] = Object.keys(LAYERS);

/** Every output of one layer call, in Keras's order (an RNN with return_state: output, then states). */
export function forwardLayerOutputs(className: string, config: Config, weights: Weights, input: Tensor | readonly Tensor[]): Tensor[] {
  const impl = LAYERS[className];
  if (!impl) throw new Error(`reference forward pass: unsupported layer ${className}`);
  const y = impl(config, weights, Array.isArray(input) ? input : [input as Tensor]);
  return Array.isArray(y) ? y : [y];
}

/** The single output of one layer call (throws for a layer returning several, e.g. return_state). */
export function forwardLayer(className: string, config: Config, weights: Weights, input: Tensor | readonly Tensor[]): Tensor {
  const ys = forwardLayerOutputs(className, config, weights, input);
  if (ys.length !== 1) throw new Error(`${className} returns ${ys.length} tensors; use forwardLayerOutputs`);
  return ys[0]!;
}

/** A Sequential model: each layer applied to the previous one's output. */
export function forwardSequential(layers: readonly LayerCall[], input: Tensor): Tensor {
  return layers.reduce((x, l) => forwardLayer(l.className, l.config, l.weights, x), input);
}

/** One inbound tensor of a Keras 2 functional config: [layer name, node index, tensor index, kwargs]. */
type TensorRef = readonly [string, number, number, ...unknown[]];
export interface FunctionalConfig {
  readonly layers: readonly { class_name: string; name?: string; config: Config; inbound_nodes: readonly (readonly TensorRef[])[] }[];
  readonly input_layers: readonly TensorRef[];
  readonly output_layers: readonly TensorRef[];
}

/**
 * A Keras 2 functional model config (`model.get_config()`): each layer's n-th inbound node is its
 * n-th call, so shared layers work. `weightsOf` gives a layer's weights by name; `inputs` follow
 * input_layers; the result follows output_layers.
 */
export function forwardFunctional(config: FunctionalConfig, weightsOf: (layerName: string) => Weights, inputs: readonly Tensor[]): Tensor[] {
  const layers = new Map(config.layers.map((l) => [l.name ?? (l.config.name as string), l]));
  const done = new Map<string, Tensor[]>();
  config.input_layers.forEach(([name], i) => done.set(`${name}@0`, [inputs[i]!]));
  const value = ([name, node, index]: TensorRef): Tensor => {
    const key = `${name}@${node}`;
    let ys = done.get(key);
    if (!ys) {
      const l = layers.get(name);
      const inbound = l?.inbound_nodes[node];
      if (!l || !inbound) throw new Error(`no node ${node} of layer ${name}`);
      const xs = inbound.map(value);
      ys = forwardLayerOutputs(l.class_name, l.config, weightsOf(name), xs.length === 1 ? xs[0]! : xs);
      done.set(key, ys);
    }
    const y = ys[index];
    if (!y) throw new Error(`layer ${name} has no output ${index}`);
    return y;
  };
  return config.output_layers.map(value);
}
