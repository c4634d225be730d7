/**
 * Advanced-activation layers whose Keras arguments tfjs drops or refuses, and what computes them
 * exactly instead (facts §2):
 * - ReLU: tfjs reads only `max_value`. Slope only → LeakyReLU{alpha}; threshold only →
 *   ThresholdedReLU{theta} (x·[x > theta], as Keras); otherwise kspec's runtime relu.
 * - ELU: tfjs throws NotImplementedError for any alpha but 1 → kspec's runtime elu.
 * Keras 2 `backend.relu`/`elu` and Keras 3 `ReLU.static_call`/`elu` compute the same.
 */
import type { Config } from './graph.js';
import { RUNTIME_ACTIVATION } from '../runtime/functions.js';

export interface ExactLayer {
  readonly className: string;
  /** Replace the layer's own arguments (`replaces`); its other keys (name, input shape, …) are kept. */
  readonly args: Config;
}

const nonZero = (v: unknown): v is number => typeof v === 'number' && v !== 0;

function relu(config: Readonly<Record<string, unknown>>): ExactLayer | undefined {
  if (!nonZero(config.negative_slope) && !nonZero(config.threshold)) return undefined;
  const { negative_slope: slope, threshold, max_value: max } = config;
  const capped = max !== null && max !== undefined;
  if (!capped && !nonZero(threshold)) return { className: 'LeakyReLU', args: { alpha: slope } };
  if (!capped && !nonZero(slope)) return { className: 'ThresholdedReLU', args: { theta: threshold } };
  return { className: RUNTIME_ACTIVATION, args: { function: 'relu', ...(nonZero(slope) && { negative_slope: slope }), ...(nonZero(threshold) && { threshold }), ...(capped && { max_value: max }) } };
}

function elu(config: Readonly<Record<string, unknown>>): ExactLayer | undefined {
  const alpha = config.alpha;
  return typeof alpha === 'number' && alpha !== 1 ? { className: RUNTIME_ACTIVATION, args: { function: 'elu', alpha } } : undefined;
}

/** By Keras class: the exact replacement for a config, and the arguments it takes over. */
export const EXACT_LAYERS: Readonly<Record<string, { readonly exact: (config: Readonly<Record<string, unknown>>) => ExactLayer | undefined; readonly replaces: readonly string[] }>> = {
  ReLU: { exact: relu, replaces: ['negative_slope', 'threshold', 'max_value'] },
  ELU: { exact: elu, replaces: ['alpha'] },
};

/** The exact replacement of a layer config of `className`, or undefined when tfjs computes it as is. */
export function exactLayer(className: string, config: Readonly<Record<string, unknown>>): ExactLayer | undefined {
  return EXACT_LAYERS[className]?.exact(config);
}
