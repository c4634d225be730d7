/**
 * Keras classes tfjs lacks that have an exact tfjs equivalent: kspec writes the equivalent. Keras 3's
 * `Identity` layer must not reach tfjs under its own name — tfjs resolves `Identity` to its
 * Identity *initializer* and fails ("Identity matrix initializer can only be used for 2D square
 * matrices", facts §3).
 */
import type { Config } from './graph.js';

export interface Replacement {
  readonly className: string;
  /** The replacement's config; the layer's base arguments (name, input shape, dtype) are kept. */
  readonly config: Config;
}

export const REPLACED_CLASSES: Readonly<Record<string, Replacement>> = {
  Identity: { className: 'Activation', config: { activation: 'linear' } },
};
