/**
 * `KspecGRU` / `KspecGRUCell`: Keras's GRU with `reset_after=True` (the Keras 2 and 3 default, and
 * the math of Keras 2's `CuDNNGRU`), which tfjs 4.22's GRUCell refuses ("GRUCell does not support
 * reset_after parameter set to true").
 *
 * The cell extends tfjs's own GRUCell, so arguments (activations, initializers, regularizers,
 * constraints, dropout) are read, defaulted and serialized exactly as tfjs reads them, and only
 * `build` (the bias), `call` (the formula) and `getConfig` (`resetAfter`) differ. The layer extends
 * tfjs's `RNN`, so return_sequences, return_state, go_backwards, masking, stateful, initial states
 * and `Bidirectional` (which clones its layer through getConfig + the class registry) work as for
 * tfjs's GRU. Defaults are Keras's, not tfjs's: recurrent_activation "sigmoid", kernel_initializer
 * "glorot_uniform", reset_after true.
 *
 * Formula, from keras-team/keras `keras/src/layers/rnn/gru.py` (Keras 3) and
 * `keras/layers/rnn/gru.py` (Keras 2, GRUCell.call, identical math), gates in column blocks z, r, h
 * of `kernel (in, 3u)` and `recurrent_kernel (u, 3u)`, `bias (2, 3u)` = [input bias; recurrent bias]:
 *   x_z, x_r, x_h = split(x·kernel + bias[0], 3)
 *   h_z, h_r, h_h = split(h·recurrent_kernel + bias[1], 3)
 *   z = σ(x_z + h_z),  r = σ(x_r + h_r)
 *   ĥ = tanh(x_h + r ⊙ h_h)          (reset gate applied after the recurrent matmul)
 *   h' = z ⊙ h + (1 − z) ⊙ ĥ
 * Weights are created in Keras's order and shapes (kernel, recurrent_kernel, bias), so a Keras
 * weight list loads with `setWeights` unchanged. With `resetAfter: false` the cell is tfjs's GRUCell.
 *
 * Dropout (training only) follows Keras: one input mask with implementation 2; with recurrent
 * dropout Keras switches to implementation 1, three input masks and three recurrent masks (one per
 * gate). Masks are drawn once per sequence, like tfjs's GRU.
 */
import * as tf from '@tensorflow/tfjs';
import { RUNTIME_GRU, RUNTIME_GRU_CELL } from '../ir/runtime-recurrent.js';

type Tensor = tf.Tensor;
type GRUCell = ReturnType<typeof tf.layers.gruCell>;
type Kwargs = Parameters<GRUCell['call']>[1];

export { RUNTIME_GRU, RUNTIME_GRU_CELL };

/** A class tfjs registered under `name` (tfjs-layers does not export its cell classes). */
function registeredClass<T>(name: string): T {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[name];
  if (!entry) throw new Error(`kspec runtime: tfjs has no registered class ${name}.`);
  return entry[0] as unknown as T;
}

/** tfjs's GRUCell class, typed with the statics every tfjs layer class has. */
type GRUCellClass = (new (args: tf.GRUCellLayerArgs) => GRUCell) & {
  className: string;
  fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T;
};
const GRUCellBase = registeredClass<GRUCellClass>('GRUCell');

export interface KspecGRUCellArgs extends tf.GRUCellLayerArgs {
  /** Keras's GRU convention: true (the default) applies the reset gate after the recurrent matmul. */
  resetAfter?: boolean;
}

export type KspecGRUArgs = tf.GRULayerArgs & { resetAfter?: boolean };

/** Keras's defaults where tfjs's GRUCell has others (hard_sigmoid gates, glorot_normal kernel). */
function kerasDefaults<A extends tf.GRUCellLayerArgs>(args: A): A {
  return {
    ...args,
    recurrentActivation: args.recurrentActivation === undefined ? 'sigmoid' : args.recurrentActivation,
    kernelInitializer: args.kernelInitializer ?? 'glorotUniform',
  };
}

/** `count` dropout masks shaped like `like` (scaled by 1/(1 − rate) while training, ones otherwise), kept. */
function masks(like: Tensor, rate: number, training: boolean, count: number): Tensor[] {
  return Array.from({ length: count }, () => tf.keep(tf.tidy(() => (training ? tf.dropout(tf.onesLike(like), rate) : tf.onesLike(like)))));
}

const active = (rate: number): boolean => rate > 0 && rate < 1;

export class KspecGRUCell extends GRUCellBase {
  static override readonly className = RUNTIME_GRU_CELL;
  readonly resetAfter: boolean;

  constructor(args: KspecGRUCellArgs) {
    // tfjs's constructor throws on resetAfter: it is read here and kept out of the base's arguments.
    super({ ...kerasDefaults(args), resetAfter: false } as tf.GRUCellLayerArgs);
    this.resetAfter = args.resetAfter ?? true;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    if (!this.resetAfter) return super.build(inputShape);
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1];
    if (typeof inputDim !== 'number') throw new Error(`${RUNTIME_GRU_CELL}: the input feature dimension must be known, got [${shape.join(', ')}].`);
    const u = this.units;
    this.kernel = this.addWeight('kernel', [inputDim, 3 * u], undefined, this.kernelInitializer, this.kernelRegularizer, true, this.kernelConstraint);
    this.recurrentKernel = this.addWeight('recurrent_kernel', [u, 3 * u], undefined, this.recurrentInitializer, this.recurrentRegularizer, true, this.recurrentConstraint);
    // Keras: "separate biases for input and recurrent kernels", shape (2, 3·units).
    if (this.useBias) this.bias = this.addWeight('bias', [2, 3 * u], undefined, this.biasInitializer, this.biasRegularizer, true, this.biasConstraint);
    else (this as { bias: unknown }).bias = null;
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    if (!this.resetAfter) return super.call(inputs, kwargs);
    return tf.tidy(() => {
      if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${RUNTIME_GRU_CELL} expects 2 input tensors (inputs, h), got ${Array.isArray(inputs) ? inputs.length : 1}.`);
      const [x, hPrev] = inputs as [Tensor, Tensor];
      const training = kwargs?.['training'] === true;
      const implementation1 = active(this.recurrentDropout);
      if (active(this.dropout) && this.dropoutMask == null) this.dropoutMask = masks(x, this.dropout, training, implementation1 ? 3 : 1);
      if (active(this.recurrentDropout) && this.recurrentDropoutMask == null) this.recurrentDropoutMask = masks(hPrev, this.recurrentDropout, training, 3);
      const dp = active(this.dropout) ? (this.dropoutMask as Tensor[]) : undefined;
      const rdp = active(this.recurrentDropout) ? (this.recurrentDropoutMask as Tensor[]) : undefined;

      const u = this.units;
      const kernel = this.kernel.read();
      const recurrent = this.recurrentKernel.read();
      const [inputBias, recurrentBias] = this.useBias ? tf.unstack(this.bias.read()) : [undefined, undefined];
      const withBias = (t: Tensor, b: Tensor | undefined) => (b ? tf.add(t, b) : t);

      let xz: Tensor, xr: Tensor, xh: Tensor, hz: Tensor, hr: Tensor, hh: Tensor;
      if (implementation1) {
        // Keras implementation 1: one product per gate, each input/state with its own mask.
        const kz = kernel.slice([0, 0], [-1, u]), kr = kernel.slice([0, u], [-1, u]), kh = kernel.slice([0, 2 * u], [-1, u]);
        const rz = recurrent.slice([0, 0], [-1, u]), rr = recurrent.slice([0, u], [-1, u]), rh = recurrent.slice([0, 2 * u], [-1, u]);
        const [bxz, bxr, bxh] = inputBias ? tf.split(inputBias, 3) : [];
        const [bhz, bhr, bhh] = recurrentBias ? tf.split(recurrentBias, 3) : [];
        const xi = (i: number) => (dp ? tf.mul(x, dp[i]!) : x);
        const hi = (i: number) => (rdp ? tf.mul(hPrev, rdp[i]!) : hPrev);
        xz = withBias(tf.matMul(xi(0), kz), bxz);
        xr = withBias(tf.matMul(xi(1), kr), bxr);
        xh = withBias(tf.matMul(xi(2), kh), bxh);
        hz = withBias(tf.matMul(hi(0), rz), bhz);
        hr = withBias(tf.matMul(hi(1), rr), bhr);
        hh = withBias(tf.matMul(hi(2), rh), bhh);
      } else {
        // Keras implementation 2: both products at once, then split into the z, r, h blocks.
        const matrixX = withBias(tf.matMul(dp ? tf.mul(x, dp[0]!) : x, kernel), inputBias);
        const matrixInner = withBias(tf.matMul(hPrev, recurrent), recurrentBias);
        [xz, xr, xh] = tf.split(matrixX, 3, -1) as [Tensor, Tensor, Tensor];
        [hz, hr, hh] = tf.split(matrixInner, 3, -1) as [Tensor, Tensor, Tensor];
      }
      const z = this.recurrentActivation.apply(tf.add(xz, hz));
      const r = this.recurrentActivation.apply(tf.add(xr, hr));
      const candidate = this.activation.apply(tf.add(xh, tf.mul(r, hh)));
      const h = tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate));
      return [h, h];
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), resetAfter: this.resetAfter };
  }
}

/** Keras's `GRU` layer (an RNN over one KspecGRUCell); its config is the cell's plus the RNN flags. */
export class KspecGRU extends tf.RNN {
  static override readonly className = RUNTIME_GRU;

  constructor(args: KspecGRUArgs) {
    super({ ...args, cell: new KspecGRUCell(args) });
  }

  override call(inputs: Tensor | Tensor[], kwargs: Kwargs): Tensor | Tensor[] {
    return tf.tidy(() => {
      // As tfjs's GRU: dropout masks are drawn anew for every sequence.
      const cell = this.cell as unknown as { dropoutMask: Tensor | Tensor[] | null; recurrentDropoutMask: Tensor | Tensor[] | null };
      if (cell.dropoutMask != null) {
        tf.dispose(cell.dropoutMask);
        cell.dropoutMask = null;
      }
      if (cell.recurrentDropoutMask != null) {
        tf.dispose(cell.recurrentDropoutMask);
        cell.recurrentDropoutMask = null;
      }
      const mask = kwargs?.['mask'];
      const training = kwargs?.['training'];
      const initialState = kwargs?.['initialState'];
      return super.call(inputs, { mask, training, initialState });
    });
  }

  /** The config holds the cell's arguments (no nested `cell`), as for tfjs's GRU. */
  static override fromConfig<T extends tf.serialization.Serializable>(cls: tf.serialization.SerializableConstructor<T>, config: tf.serialization.ConfigDict): T {
    return new cls(config);
  }
}

/** The classes to register with `tf.serialization.registerClass` (runtime/index.ts). */
export const RECURRENT_CLASSES = [KspecGRUCell, KspecGRU] as const;

/** Registers KspecGRUCell and KspecGRU with tfjs (idempotent). */
export function registerRecurrent(): void {
  for (const cls of RECURRENT_CLASSES) tf.serialization.registerClass(cls);
}
