import type { WeightSpec } from './layers/row.js';
/** Static shape inference over the IR: the interface the checks and the summary emitter use. */

/** A dimension; null when unknown (batch, variable length). */
export type Dim = number | null;
/** A tensor shape including the batch dimension first. */
export type Shape = readonly Dim[];

export interface ShapeProblem {
  /** The layer the problem is at (in the graph where it sits; nested models prefix nothing). */
  readonly layer: string;
  /** Which call of the layer (0-based position in `LayerNode.calls`). */
  readonly call: number;
  /**
   * rank: the layer cannot take an input of this rank; merge: merged inputs' shapes do not fit
   * together; flatten-flat: Flatten of an input that is already flat (Keras passes it through,
   * tfjs refuses); invalid: any other shape that cannot be built (negative size, bad Reshape…).
   */
  readonly kind: 'rank' | 'merge' | 'flatten-flat' | 'invalid';
  /** One sentence, names in double quotes, saying what is wrong with which shapes. */
  readonly message: string;
}

export interface LayerShapes {
  /** Input shapes of each call (in `LayerNode.calls` order; one entry for a sequential layer). */
  readonly inputs: readonly (readonly Shape[])[];
  /** Output shapes of each call, one per output tensor. */
  readonly outputs: readonly (readonly Shape[])[];
  /** Weights this layer owns (shared layers count once), as tfjs counts them. */
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** The weights it builds, in tfjs's `layer.weights` order (absent for nested models and weightless layers' unknowns). */
  readonly weights?: readonly WeightSpec[];
}

export interface InferResult {
  /** By layer name, for the layers whose shapes could be inferred (unknown classes are absent). */
  readonly layers: ReadonlyMap<string, LayerShapes>;
  /** Nested models' results, by the nested model layer's name. */
  readonly nested: ReadonlyMap<string, InferResult>;
  readonly problems: readonly ShapeProblem[];
}
