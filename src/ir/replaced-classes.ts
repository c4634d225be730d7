/**
 * Keras classes tfjs lacks that have an exact tfjs equivalent: kspec writes the equivalent. Keras 3's
 * `Identity` layer must not reach tfjs under its own name — tfjs resolves `Identity` to its
 * Identity *initializer* and fails ("Identity matrix initializer can only be used for 2D square
 * matrices", facts §3).
 *
 * INFERENCE_IDENTITIES act only in training and return their input unchanged at inference, so at
 * inference they are a linear Activation too (the inference-identity rule, KS5009, says so):
 * - the image augmentations, read in keras-team/keras `keras/src/layers/preprocessing/image_preprocessing/`
 *   (RandomFlip, RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness:
 *   `transform_images` returns the images when training is false), `keras/src/legacy/layers.py`
 *   (RandomHeight, RandomWidth) and tf-keras `image_preprocessing.py` (the same, Keras 2: RandomHeight
 *   and RandomWidth resize only under `smart_cond(training, …)`);
 * - ActivityRegularization, whose forward pass is the identity (its penalty only joins the training loss).
 * Not RandomCrop: at inference Keras crops to the aspect ratio and resizes.
 */
import type { Config } from './graph.js';

export interface Replacement {
  readonly className: string;
  /** The replacement's config; the layer's base arguments (name, input shape, dtype) are kept. */
  readonly config: Config;
}

const LINEAR: Replacement = { className: 'Activation', config: { activation: 'linear' } };

export const INFERENCE_IDENTITIES: ReadonlySet<string> = new Set([
  'RandomFlip',
  'RandomRotation',
  'RandomZoom',
  'RandomTranslation',
  'RandomContrast',
  'RandomBrightness',
  'RandomHeight',
  'RandomWidth',
  'ActivityRegularization',
]);

export const REPLACED_CLASSES: Readonly<Record<string, Replacement>> = {
  Identity: LINEAR,
  ...Object.fromEntries([...INFERENCE_IDENTITIES].map((name) => [name, LINEAR])),
};
