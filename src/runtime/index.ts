/**
 * `kspec/runtime`: the tfjs layer classes models compiled by kspec may name. Importing this module
 * registers them with `tf.serialization.registerClass`, so `tf.loadLayersModel` / `modelFromJSON`
 * can build a model.json that uses them. `buildModel` imports it itself.
 *
 * They register with the `@tensorflow/tfjs` kspec depends on: an application loading models with
 * another tfjs instance must make sure both resolve to the same package.
 */
import * as tf from '@tensorflow/tfjs';
import { ATTENTION_CLASSES } from './attention.js';
import { CONV1D_CLASSES } from './conv1d.js';
import { KspecActivation } from './layer.js';
import { NORMALIZATION_CLASSES } from './normalization.js';
import { RECURRENT_CLASSES } from './recurrent.js';
import { STRUCTURAL_LAYERS } from './structural.js';
import { TF_OP_LAYERS } from './tf-ops.js';

for (const cls of [KspecActivation, ...TF_OP_LAYERS, ...STRUCTURAL_LAYERS, ...NORMALIZATION_CLASSES, ...ATTENTION_CLASSES, ...RECURRENT_CLASSES, ...CONV1D_CLASSES]) tf.serialization.registerClass(cls);

export { KspecActivation, type KspecActivationArgs } from './layer.js';
export { KspecDepthToSpace } from './tf-ops.js';
export { RUNTIME_ACTIVATION, RUNTIME_FUNCTION_NAMES, RUNTIME_FUNCTIONS, type RuntimeFunction } from './functions.js';
export * from './structural.js';
export { KspecNormalization, KspecUnitNormalization, KspecGroupNormalization, type KspecNormalizationArgs, type KspecUnitNormalizationArgs, type KspecGroupNormalizationArgs } from './normalization.js';
export { KspecMultiHeadAttention, KspecAttention, KspecAdditiveAttention, type KspecMultiHeadAttentionArgs, type KspecAttentionArgs, type KspecAdditiveAttentionArgs } from './attention.js';
export { KspecGRU, KspecGRUCell, type KspecGRUArgs, type KspecGRUCellArgs } from './recurrent.js';
export { KspecConv1DTranspose, KspecSeparableConv1D, type KspecConv1DTransposeArgs, type KspecSeparableConv1DArgs } from './conv1d.js';
