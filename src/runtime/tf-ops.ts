/**
 * Runtime layers for TensorFlow ops that Keras 2 models embed as `TensorFlowOpLayer` / `TFOpLambda`
 * and that no tfjs layer computes. `KspecDepthToSpace` is `tf.nn.depth_to_space` (NHWC), as
 * pixel-shuffle upscalers use it.
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];

export interface KspecDepthToSpaceArgs extends LayerArgs {
  blockSize?: number;
  block_size?: number;
}

export class KspecDepthToSpace extends tf.layers.Layer {
  static readonly className = 'KspecDepthToSpace';
  readonly blockSize: number;

  constructor(args: KspecDepthToSpaceArgs) {
    super(args);
    const b = args.blockSize ?? args.block_size;
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 2) throw new Error(`KspecDepthToSpace: block_size must be an integer ≥ 2, got ${JSON.stringify(b)}.`);
    this.blockSize = b;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.depthToSpace((Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D, this.blockSize, 'NHWC'));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [n, h, w, c] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const b = this.blockSize;
    if (c !== null && c !== undefined && c % (b * b) !== 0) throw new Error(`KspecDepthToSpace: ${c} channels do not divide by block_size² = ${b * b}.`);
    return [n ?? null, h == null ? null : h * b, w == null ? null : w * b, c == null ? null : c / (b * b)];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { blockSize: this.blockSize, ...super.getConfig() };
  }
}

export const TF_OP_LAYERS = [KspecDepthToSpace] as const;
