/**
 * tfjs weight artifacts: one weights-manifest group whose bytes (every weight, in order, packed)
 * are cut into shards of `shardSize` bytes named as the tfjs converter names them
 * (`group1-shard1of3.bin`; tensorflowjs/write_weights.py), optionally quantized as its
 * `--quantize_float16` / `--quantize_uint8` / `--quantize_uint16` do (tensorflowjs/quantization.py).
 *
 * Shards are produced one at a time (`shards()` is a generator): converting a model holds one shard
 * and one weight's quantized bytes at most, besides the weights themselves.
 */

export type WeightDtype = 'float32' | 'int32' | 'bool';
export type Quantization = 'float16' | 'uint8' | 'uint16';

/** One weight, in the order the manifest lists it. `data` is little-endian, as tfjs reads it. */
export interface WeightEntry {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: WeightDtype;
  /**
   * The values, or a function giving their little-endian bytes, called once when the shard holding
   * them is written (so a converter can read each array from its file only then).
   */
  readonly data: Float32Array | Int32Array | Uint8Array | (() => Uint8Array);
}

export interface ManifestWeight {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: WeightDtype;
  readonly quantization?: { readonly dtype: Quantization; readonly min?: number; readonly scale?: number; readonly original_dtype: 'float32' };
}

export interface WeightsGroup {
  readonly paths: string[];
  readonly weights: ManifestWeight[];
}

export interface Sharded {
  /** tfjs's `weightsManifest` (one group). */
  readonly weightsManifest: [WeightsGroup];
  /** Total bytes of all shards. */
  readonly byteLength: number;
  /**
   * The shards, in `paths` order, each made when it is asked for, in one reused buffer: a shard's
   * `data` is valid until the next shard is asked for (copy it to keep it).
   */
  shards(): Generator<{ readonly path: string; readonly data: Uint8Array }>;
}

/** The tfjs converter's default: 4 MB, the largest file browsers cache. */
export const DEFAULT_SHARD_SIZE = 4 * 1024 * 1024;

interface Encoded {
  readonly manifest: ManifestWeight;
  readonly byteLength: number;
  bytes(): Uint8Array;
}

export function shardWeights(entries: readonly WeightEntry[], options: { shardSize?: number; quantize?: Quantization } = {}): Sharded {
  const shardSize = options.shardSize ?? DEFAULT_SHARD_SIZE;
  if (!Number.isInteger(shardSize) || shardSize <= 0) throw new RangeError(`the shard size must be a positive whole number of bytes, not ${shardSize}`);
  const encoded = entries.map((e) => encode(e, options.quantize));
  const byteLength = encoded.reduce((n, e) => n + e.byteLength, 0);
  const count = Math.max(1, Math.ceil(byteLength / shardSize));
  const paths = Array.from({ length: byteLength === 0 ? 0 : count }, (_, i) => `group1-shard${i + 1}of${count}.bin`);
  return {
    weightsManifest: [{ paths, weights: encoded.map((e) => e.manifest) }],
    byteLength,
    // One buffer for every shard: a shard's bytes are valid until the next one is asked for (each
    // is written out before that), so converting holds one shard, not one per shard awaiting GC.
    *shards() {
      const buffer = new Uint8Array(Math.min(shardSize, byteLength));
      let filled = 0;
      let index = 0;
      const full = () => (index + 1) * shardSize <= byteLength;
      for (const e of encoded) {
        const bytes = e.bytes();
        for (let from = 0; from < bytes.length; ) {
          const n = Math.min(bytes.length - from, buffer.length - filled);
          buffer.set(bytes.subarray(from, from + n), filled);
          filled += n;
          from += n;
          if (filled === buffer.length || (!full() && filled === byteLength - index * shardSize)) {
            yield { path: paths[index]!, data: buffer.subarray(0, filled) };
            index++;
            filled = 0;
          }
        }
      }
    },
  };
}

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

function encode(e: WeightEntry, quantize: Quantization | undefined): Encoded {
  const base = { name: e.name, shape: [...e.shape], dtype: e.dtype };
  const raw = typeof e.data === 'function' ? e.data : () => bytesOf(e.data as ArrayBufferView);
  // The converter quantizes float32 weights only.
  if (!quantize || e.dtype !== 'float32') {
    const byteLength = e.shape.reduce((a, b) => a * b, 1) * (e.dtype === 'bool' ? 1 : 4);
    return { manifest: base, byteLength, bytes: () => checked(e, raw(), byteLength) };
  }
  const data = typeof e.data === 'function' ? float32(checked(e, e.data(), 4 * e.shape.reduce((a, b) => a * b, 1))) : (e.data as Float32Array);
  if (quantize === 'float16') {
    return { manifest: { ...base, quantization: { dtype: 'float16', original_dtype: 'float32' } }, byteLength: data.length * 2, bytes: () => bytesOf(toFloat16(data)) };
  }
  const { min, scale, values } = affine(data, quantize);
  return { manifest: { ...base, quantization: { dtype: quantize, min, scale, original_dtype: 'float32' } }, byteLength: values.byteLength, bytes: () => bytesOf(values) };
}

/** Bytes of the length the shape says (a mismatch would shift every later weight). */
function checked(e: WeightEntry, bytes: Uint8Array, byteLength: number): Uint8Array {
  if (bytes.byteLength !== byteLength) throw new RangeError(`weight "${e.name}" of shape [${e.shape.join(', ')}] has ${bytes.byteLength} bytes, not ${byteLength}`);
  return bytes;
}

/** Little-endian float32 bytes as a Float32Array (copied when not 4-byte aligned). */
const float32 = (b: Uint8Array): Float32Array => {
  const aligned = b.byteOffset % 4 === 0 ? b : b.slice();
  return new Float32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
};

/** numpy's `np.round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * uint8 / uint16 affine quantization, as the converter's `quantize_weights`: the range is nudged so
 * that 0 maps to a whole step when the range covers 0; values are clipped to it and rounded half to
 * even. Arithmetic in float64, as NumPy 2 does it (float64 scalars against float32 data).
 */
function affine(data: Float32Array, dtype: 'uint8' | 'uint16'): { min: number; scale: number; values: Uint8Array | Uint16Array } {
  const quantMax = dtype === 'uint8' ? 255 : 65535;
  const values = dtype === 'uint8' ? new Uint8Array(data.length) : new Uint16Array(data.length);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of data) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (data.length === 0) return { min: 0, scale: 1, values };
  if (lo === hi) return { min: lo, scale: 1, values };
  const scale = (hi - lo) / quantMax;
  let min = lo;
  let max = hi;
  if (lo <= 0 && 0 <= hi) {
    const zero = roundHalfEven((0 - lo) / scale);
    min = -zero * scale;
    max = quantMax * scale + min;
  }
  for (let i = 0; i < data.length; i++) values[i] = roundHalfEven((Math.min(Math.max(data[i]!, min), max) - min) / scale);
  return { min, scale, values };
}

/** float32 → IEEE half, round to nearest even (numpy's `astype(np.float16)`), as raw bits. */
export function toFloat16(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length);
  const bits = new Uint32Array(data.buffer, data.byteOffset, data.length);
  for (let i = 0; i < data.length; i++) out[i] = halfBits(bits[i]!);
  return out;
}

function halfBits(f: number): number {
  const sign = (f >>> 16) & 0x8000;
  const exp = (f >>> 23) & 0xff;
  const mant = f & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0); // NaN (quiet) or infinity
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow: infinity
  if (e <= 0) {
    // Subnormal half (or zero): shift the full mantissa, rounding half to even.
    if (e < -10) return sign;
    const m = mant | 0x800000;
    const shift = 14 - e;
    const half = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    return sign | (half + (rest > mid || (rest === mid && (half & 1)) ? 1 : 0));
  }
  const half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (up to infinity).
  return sign | (half + (rest > 0x1000 || (rest === 0x1000 && (half & 1)) ? 1 : 0));
}
