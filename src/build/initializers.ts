/**
 * Initial weight values for `buildModel`, computed faster than tfjs computes them, with the same
 * meaning, while the model and its config stay exactly tfjs's.
 *
 * tfjs builds (and so initialises) every layer synchronously inside `deserialize`, and gives no hook
 * per call: initializers are looked up in the global class registry, and tfjs 4.22's
 * `customObjects` lookup for nested objects is broken (it reads `_GLOBAL_CUSTOM_OBJECTS['className']`).
 * So `withInitializers` swaps the `apply` method of tfjs's own initializer classes for the duration
 * of that synchronous call only, and restores it in `finally`: no other code can run in between, the
 * registry is never touched, and the layers keep tfjs's own initializer objects (so `toJSON` is
 * byte-identical). The swap reaches every weight tfjs creates — RNN cells, wrappers, nested models,
 * kspec's runtime classes — in the order tfjs creates them.
 *
 * `fast`: Orthogonal (tfjs runs a QR of tiny tensor ops: minutes for a 512-unit LSTM) draws the same
 * normal matrix as tfjs (same seed, same values) and factors it in Float64Array. Unseeded
 * VarianceScaling (Glorot, He, LeCun: nearly every kernel) draws from a generator 1.5–2× as fast as
 * tfjs's: most of a ResNet-50 build. The rest — seeded VarianceScaling, RandomUniform/Normal,
 * TruncatedNormal, Identity, Constant — stays tfjs's, linear in the number of values (bench/build.ts),
 * and seeded initializers give tfjs's exact values.
 * `zeros`: every initializer returns zeros, for weights that are assigned right after the build
 * (what tfjs's `loadLayersModel` does with `fastWeightInit`, but reaching nested models too).
 */
import type * as TF from '@tensorflow/tfjs';
import { orthogonalShapes, orthogonalValues } from './orthogonal.js';
import { truncatedNormalValues, uniformValues } from './random.js';

type Tf = typeof TF;
type Apply = (shape: number[], dtype?: TF.DataType) => TF.Tensor;
type Proto = { apply: Apply };

export type InitMode = 'fast' | 'zeros';

/**
 * Calls `build` with the initializers of `mode`. Only what `build` does synchronously sees them
 * (for an async `build`, the part before its first await).
 */
export function withInitializers<T>(tf: Tf, mode: InitMode, build: () => T): T {
  const swaps = mode === 'fast' ? fastSwaps(tf) : zeroSwaps(tf);
  // Restored as found: an inherited `apply` (GlorotUniform's is VarianceScaling's) is inherited again.
  const saved = swaps.map(([proto]) => [proto, Object.getOwnPropertyDescriptor(proto, 'apply')] as const);
  try {
    for (const [proto, apply] of swaps) Object.defineProperty(proto, 'apply', { value: apply, writable: true, configurable: true });
    return build();
  } finally {
    for (const [proto, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, 'apply', descriptor);
      else delete (proto as Partial<Proto>).apply;
    }
  }
}

const protoOf = (instance: object): Proto => Object.getPrototypeOf(instance) as Proto;

function fastSwaps(tf: Tf): [Proto, Apply][] {
  return [orthogonalSwap(tf), varianceScalingSwap(tf)];
}

function orthogonalSwap(tf: Tf): [Proto, Apply] {
  const proto = protoOf(tf.initializers.orthogonal({}));
  const tfjsApply = proto.apply;
  return [proto, function (this: { gain: number; seed?: number }, shape, dtype) {
    // tfjs's own errors for what it refuses (rank < 2, non-float dtypes) and its int32 rounding.
    if (shape.length < 2 || (dtype !== undefined && dtype !== 'float32')) return tfjsApply.call(this, shape, dtype);
    const { m, n } = orthogonalShapes(shape);
    const normal = tf.randomNormal([m, n], 0, 1, 'float32', this.seed); // tfjs's draw: K.randomNormal(flatShape, 0, 1, dtype, seed)
    const values = orthogonalValues(shape, this.gain, normal.dataSync());
    normal.dispose();
    return tf.tensor(values, shape, 'float32');
  }];
}

/**
 * VarianceScaling, and so GlorotUniform (the default kernel initializer), GlorotNormal, He*, LeCun*.
 * Seeded ones are left to tfjs, so they keep tfjs's exact values.
 */
function varianceScalingSwap(tf: Tf): [Proto, Apply] {
  const proto = protoOf(tf.initializers.varianceScaling({}));
  const tfjsApply = proto.apply;
  return [proto, function (this: VarianceScalingConfig & { seed?: number | null }, shape, dtype) {
    if (this.seed != null || (dtype !== undefined && dtype !== 'float32')) return tfjsApply.call(this, shape, dtype);
    return tf.tensor(varianceScalingValues(this, shape), shape, 'float32');
  }];
}

export interface VarianceScalingConfig {
  readonly scale: number;
  readonly mode: string;
  readonly distribution: string;
}

/** tfjs's VarianceScaling.apply written out (initializers.js), drawing from the faster fills. */
export function varianceScalingValues({ scale, mode, distribution }: VarianceScalingConfig, shape: readonly number[]): Float32Array {
  const [fanIn, fanOut] = fans(shape);
  const s = scale / Math.max(1, mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2);
  const size = shape.reduce((p, d) => p * d, 1);
  // As tfjs: 'normal' is a normal truncated at two standard deviations; anything else is uniform.
  return distribution === 'normal' ? truncatedNormalValues(size, 0, Math.sqrt(s)) : uniformValues(size, -Math.sqrt(3 * s), Math.sqrt(3 * s));
}

/** tfjs's computeFans(shape), channelsLast (VarianceScaling never passes another data format). */
function fans(shape: readonly number[]): [number, number] {
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  if (shape.length >= 3 && shape.length <= 5) {
    const receptive = shape.slice(0, -2).reduce((p, d) => p * d, 1);
    return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
  }
  const root = Math.sqrt(shape.reduce((p, d) => p * d, 1));
  return [root, root];
}

function zeroSwaps(tf: Tf): [Proto, Apply][] {
  const i = tf.initializers;
  // One instance of each of tfjs's initializer classes (but Zeros).
  const instances = [
    i.ones(), i.constant({ value: 0 }), i.randomUniform({}), i.randomNormal({}), i.truncatedNormal({}), i.identity({}), i.orthogonal({}),
    i.varianceScaling({}), i.glorotUniform({}), i.glorotNormal({}), i.heUniform({}), i.heNormal({}), i.leCunUniform({}), i.leCunNormal({}),
  ];
  const zeros: Apply = (shape, dtype) => tf.zeros(shape, dtype);
  return [...new Set(instances.map(protoOf))].map((proto) => [proto, zeros]);
}
