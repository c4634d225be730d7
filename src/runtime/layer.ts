/**
 * `KspecActivation`: one weightless tfjs layer computing any Keras 3 activation of functions.ts,
 * configured as `{function: 'squareplus', b: 4}` (Keras parameter names). `modelFromJSON` hands the
 * constructor camelCased keys and values (`negativeSlope`, `softShrink`); both spellings are read.
 */
import * as tf from '@tensorflow/tfjs';
import { HALVES_AXIS, paramValue, RUNTIME_ACTIVATION, RUNTIME_FUNCTION_NAMES, RUNTIME_FUNCTIONS, runtimeFunction, type RuntimeFunction } from './functions.js';
import { OPS, type Params } from './ops.js';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
type Shape = (number | null)[];

export interface KspecActivationArgs extends LayerArgs {
  /** A Keras 3 activation name (`squareplus`, `hard_swish`, …). */
  function: string;
  /** Its parameters, in Keras (snake_case) or tfjs (camelCase) spelling; absent or null → Keras's default. */
  [param: string]: unknown;
}

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export class KspecActivation extends tf.layers.Layer {
  static readonly className = RUNTIME_ACTIVATION;
  readonly fn: RuntimeFunction;
  readonly params: Params;

  constructor(args: KspecActivationArgs) {
    super(args);
    const fn = runtimeFunction(args.function);
    if (!fn) throw new Error(`KspecActivation: unknown function ${JSON.stringify(args.function)} (one of ${RUNTIME_FUNCTION_NAMES.join(', ')}).`);
    const params: Record<string, number | null> = {};
    for (const p of Object.keys(RUNTIME_FUNCTIONS[fn])) {
      const v = paramValue(args, fn, p);
      if (v !== null && typeof v !== 'number') throw new Error(`KspecActivation ${fn}: ${p} must be a number, got ${JSON.stringify(v)}.`);
      params[p] = v;
    }
    this.fn = fn;
    this.params = params;
    // Like tfjs's Activation layer (and Keras's): masks pass through unchanged.
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => OPS[this.fn](Array.isArray(inputs) ? inputs[0]! : inputs, this.params));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = [...((Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape)];
    if (!HALVES_AXIS.has(this.fn)) return shape;
    const axis = this.params.axis ?? -1;
    const a = axis < 0 ? axis + shape.length : axis;
    const d = shape[a];
    if (d === undefined) throw new Error(`KspecActivation glu: axis ${axis} is out of range for shape [${shape.join(', ')}].`);
    // Fail when the model is built rather than at its first predict.
    if (d !== null && d % 2 !== 0) throw new Error(`KspecActivation glu: axis ${axis} must have an even size, got shape [${shape.join(', ')}].`);
    if (d !== null) shape[a] = d / 2;
    return shape;
  }

  /** The function and its parameters (every one, defaults included), camelCase as tfjs layers write them. */
  override getConfig(): tf.serialization.ConfigDict {
    const own: tf.serialization.ConfigDict = { function: this.fn };
    for (const [p, v] of Object.entries(this.params)) own[camel(p)] = v;
    return { ...own, ...super.getConfig() };
  }
}
