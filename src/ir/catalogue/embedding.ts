/**
 * Embedding.
 *
 * Sources read:
 * - Keras 2.15: keras-team/tf-keras `tf_keras/layers/core/embedding.py` at 6add81a9 (the 2.15 code base)
 *   and keras-team/keras `keras/layers/core/embedding.py` (same signature): (input_dim, output_dim,
 *   embeddings_initializer="uniform", embeddings_regularizer, activity_regularizer, embeddings_constraint,
 *   mask_zero, input_length, sparse, **kwargs); get_config writes everything except `sparse`.
 * - Keras 3: keras-team/keras `keras/src/layers/core/embedding.py` (HEAD-era): signature (input_dim,
 *   output_dim, embeddings_initializer, embeddings_regularizer, embeddings_constraint, mask_zero, weights,
 *   lora_rank, lora_alpha, quantization_config, **kwargs); `input_length` is popped from kwargs with
 *   "Argument `input_length` is deprecated. Just remove it."; get_config writes input_dim, output_dim,
 *   embeddings_initializer, embeddings_regularizer, activity_regularizer, embeddings_constraint, mask_zero,
 *   quantization_config, and lora_rank/lora_alpha only when lora_rank is set.
 * - tfjs 4.22: `dist/layers/embeddings.js` reads inputDim, outputDim, embeddingsInitializer (default
 *   'randomUniform' = RandomUniform(-0.05, 0.05), the same as Keras "uniform"), embeddingsRegularizer,
 *   activityRegularizer, embeddingsConstraint, maskZero, inputLength; inputs are cast to int32.
 *
 * Not verified: the first Keras 3 versions that write `quantization_config` and `lora_alpha`.
 */
import type { LayerSpec } from './types.js';
import { any, arg, bool, constraint, initializer, int, list, num, opt, regularizer, union } from './t.js';

const RANDOM_UNIFORM = { class_name: 'RandomUniform', config: { minval: -0.05, maxval: 0.05, seed: null } } as const;

export const EMBEDDING_LAYERS: readonly LayerSpec[] = [
  {
    name: 'Embedding',
    category: 'core',
    doc: 'Turns non-negative integer indices into dense vectors looked up in a trainable table.',
    positional: 9,
    args: [
      arg('input_dim', int(1), { required: true, doc: 'Vocabulary size, i.e. the largest index plus one.' }),
      arg('output_dim', int(1), { required: true, doc: 'Length of each embedding vector.' }),
      arg('embeddings_initializer', initializer, { default: RANDOM_UNIFORM, doc: 'Initializer for the embedding table ("uniform" means RandomUniform(-0.05, 0.05)).' }),
      arg('embeddings_regularizer', opt(regularizer), { default: null, doc: 'Regularizer applied to the embedding table.' }),
      arg('activity_regularizer', opt(regularizer), { default: null, tfjs: 'activityRegularizer', doc: 'Regularizer applied to the layer output.' }),
      arg('embeddings_constraint', opt(constraint), { default: null, doc: 'Constraint applied to the embedding table.' }),
      arg('mask_zero', bool, { default: false, doc: 'Whether index 0 is padding that produces a mask for the following layers.' }),
      arg('input_length', opt(union(int(1), list(opt(int(1))))), {
        default: null,
        doc: 'Fixed input sequence length (Keras 2); Keras 3 accepts and ignores it with a deprecation warning and never writes it.',
      }),
      arg('sparse', bool, {
        default: false,
        keras2Only: true,
        tfjs: null,
        doc: 'Keras 2 option to return a tf.SparseTensor; never written by get_config and unsupported by tfjs.',
      }),
      // Keras 3 only.
      arg('lora_rank', opt(int(1)), {
        default: null,
        keras3Only: true,
        tfjs: null,
        doc: 'Rank of a LoRA update on the table (Keras 3, written only when set); merge the LoRA weights into the table before export.',
      }),
      arg('lora_alpha', opt(num()), {
        default: null,
        keras3Only: true,
        tfjs: null,
        doc: 'Scale of the LoRA update, defaulting to lora_rank (Keras 3, written only with lora_rank).',
      }),
      arg('quantization_config', opt(any), {
        default: null,
        keras3Only: true,
        tfjs: null,
        doc: 'Keras 3 quantization settings object; only null can be converted for tfjs.',
      }),
    ],
    tfjs: { className: 'Embedding' },
    example: { input_dim: 10, output_dim: 2 },
    exampleInput: [4],
  },
];
