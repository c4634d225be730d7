/**
 * `kspec/runtime`: the tfjs layer classes models compiled by kspec may name. Importing this module
 * registers them with `tf.serialization.registerClass`, so `tf.loadLayersModel` / `modelFromJSON`
 * can build a model.json that uses them. `buildModel` imports it itself.
 *
 * They register with the `@tensorflow/tfjs` kspec depends on: an application loading models with
 * another tfjs instance must make sure both resolve to the same package.
 */
import * as tf from '@tensorflow/tfjs';
import { KspecActivation } from './layer.js';
import { TF_OP_LAYERS } from './tf-ops.js';

for (const cls of [KspecActivation, ...TF_OP_LAYERS]) tf.serialization.registerClass(cls);

export { KspecActivation, type KspecActivationArgs } from './layer.js';
export { KspecDepthToSpace } from './tf-ops.js';
export { RUNTIME_ACTIVATION, RUNTIME_FUNCTION_NAMES, RUNTIME_FUNCTIONS, type RuntimeFunction } from './functions.js';
