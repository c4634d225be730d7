/**
 * What the readers of Keras weights files give the converter: each layer's arrays in Keras's
 * order, keyed by the layer's path in the config, and turned into the bytes tfjs reads.
 */
import type { LayerNode } from '../ir/graph.js';
import { Hdf5Error, type Hdf5Dataset } from './hdf5.js';

/** One array of a Keras weights file. */
export interface StoredArray {
  /** Its path in the file, for messages. */
  readonly path: string;
  readonly shape: readonly number[];
  /** The dataset, read only when the converter writes it. */
  readonly dataset: Hdf5Dataset;
}

/**
 * Arrays by the config's layer path: `dense` at the top, `model_1/dense_3` for a nested model's
 * layer. Within a layer, Keras's order, which is also tfjs's `layer.weights` order.
 */
export type StoredWeights = Map<string, StoredArray[]>;

export interface StoredFile {
  readonly weights: StoredWeights;
  /** Arrays the file holds that belong to no layer of the config (path and shape). */
  readonly unclaimed: readonly StoredArray[];
  /** Optimizer arrays skipped (tfjs inference models carry none). */
  readonly optimizer: number;
  /**
   * Set instead of `weights` when no saved layer name is in the config: each layer's arrays, in the
   * file's layer order, for the config's layers that have weights, in order (Keras's load_weights).
   */
  readonly ordered?: readonly (readonly StoredArray[])[];
  /** Layer groups whose saved name disagrees with the config (Keras 3's `@name` on `vars`). */
  readonly misnamed: readonly { readonly path: string; readonly layer: LayerNode; readonly saved: string }[];
}

/** The layer path of a nested model's layer. */
export const layerPath = (outer: readonly string[], name: string): string => [...outer, name].join('/');

export type TfjsDtype = 'float32' | 'int32';

/**
 * An array as tfjs stores it: float32 (float16, bfloat16 and float64 converted exactly or rounded
 * to nearest as numpy's astype does) or int32 (int64 narrowed, as the tfjs converter does).
 * Little-endian float32 data is handed over without a copy.
 */
export function tfjsArray(d: Hdf5Dataset): { dtype: TfjsDtype; bytes: Uint8Array } {
  switch (d.dtype) {
    case 'float32':
      return { dtype: 'float32', bytes: d.bytes() };
    case 'int32':
      return { dtype: 'int32', bytes: d.bytes() };
    case 'float64':
      return { dtype: 'float32', bytes: bytesOf(Float32Array.from(d.array() as Float64Array)) };
    case 'float16':
      return { dtype: 'float32', bytes: bytesOf(Float32Array.from(d.array() as Uint16Array, halfToFloat)) };
    case 'bfloat16': {
      const bits = d.array() as Uint16Array;
      const out = new Uint32Array(bits.length);
      for (let i = 0; i < bits.length; i++) out[i] = bits[i]! << 16;
      return { dtype: 'float32', bytes: bytesOf(out) };
    }
    case 'int64':
      return { dtype: 'int32', bytes: bytesOf(Int32Array.from(d.array() as BigInt64Array, (v) => Number(BigInt.asIntN(32, v)))) };
    default:
      throw new Hdf5Error('unsupported', `the dataset "${d.path}" holds ${d.storedType}, which tfjs weights cannot hold (float or int32/int64 only)`, d.path);
  }
}

/** Whether the converter can write a dataset (the check made before writing anything). */
export const convertible = (d: Hdf5Dataset): boolean => d.dtype !== undefined && ['float32', 'int32', 'float64', 'float16', 'bfloat16', 'int64'].includes(d.dtype);

const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** IEEE half bits → the float it stands for (every half is exact in float32). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
