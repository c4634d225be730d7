/**
 * Attention layers: MultiHeadAttention, Attention, AdditiveAttention, GroupQueryAttention.
 * None of them is registered in tfjs 4.22 (`MultiHeadAttention` exists in `dist/layers/nlp/` but no bundle
 * imports it; modelFromJSON fails with "Unknown layer: MultiHeadAttention"). MultiHeadAttention, Attention
 * and AdditiveAttention compile to kspec runtime classes (src/runtime/attention.ts: Keras's weights and
 * formulas; the call arguments they support are listed in src/runtime/attention-calls.ts). For them,
 * `tfjs: null` marks what the runtime class ignores (regularizers and constraints: training only).
 *
 * Sources read:
 * - Keras 2: keras-team/keras `keras/layers/attention/base_dense_attention.py` (BaseDenseAttention(dropout=0.0,
 *   **kwargs) pops the deprecated `causal` kwarg; get_config writes `dropout`), and the tf-keras
 *   MultiHeadAttention.get_config (found with find_string): num_heads, key_dim, value_dim, dropout,
 *   use_bias, output_shape, attention_axes, kernel/bias initializers, regularizers, activity_regularizer,
 *   constraints, query_shape, key_shape, value_shape (from_config pops the three shapes and uses them to
 *   build the layer). keras-team/tf-keras `tf_keras/layers/attention/{attention,additive_attention}.py` at
 *   6add81a9 (2.15): Attention(use_scale=False, score_mode="dot", **kwargs) writes use_scale and
 *   score_mode; AdditiveAttention(use_scale=True, **kwargs) writes use_scale; both add `dropout`.
 * - Keras 3: keras-team/keras `keras/src/layers/attention/{multi_head_attention,attention,
 *   additive_attention,grouped_query_attention}.py` (HEAD-era): MultiHeadAttention adds flash_attention
 *   (not written) and seed (written) and no longer writes query/key/value_shape; Attention(use_scale,
 *   score_mode, dropout, seed) writes use_scale, score_mode, dropout; AdditiveAttention(use_scale, dropout)
 *   writes use_scale and dropout; GroupedQueryAttention is exported as `keras.layers.GroupQueryAttention`.
 *
 * Not verified: whether Keras 3 serializes GroupQueryAttention with class_name "GroupedQueryAttention"
 * (the Python class name) or "GroupQueryAttention" (the export name) — both are accepted here via an alias;
 * whether TF 2.2–2.8 Attention configs wrote `causal` (assumed from the deprecated kwarg, see row).
 */
import type { ArgSpec, LayerSpec } from './types.js';
import { arg, bool, constraint, initializer, int, list, num, oneOf, opt, regularizer, shape, union } from './t.js';
import { GLOROT_UNIFORM, ZEROS } from './base.js';

const TFJS_ATTENTION =
  'tfjs 4.22 has no attention layer (MultiHeadAttention ships in dist/layers/nlp but is never registered), and kspec has no runtime class for grouped-query attention yet.';

/** `runtime`: the row compiles to a kspec runtime class, which ignores regularizers and constraints. */
const denseAttentionTail = (runtime: boolean): readonly ArgSpec[] => {
  const ignored = runtime ? ({ tfjs: null } as const) : {};
  return [
    arg('kernel_initializer', initializer, { default: GLOROT_UNIFORM, doc: 'Initializer for the query, key, value and output projection kernels.' }),
    arg('bias_initializer', initializer, { default: ZEROS, doc: 'Initializer for the projection biases.' }),
    arg('kernel_regularizer', opt(regularizer), { default: null, ...ignored, doc: 'Regularizer for the projection kernels (training only).' }),
    arg('bias_regularizer', opt(regularizer), { default: null, ...ignored, doc: 'Regularizer for the projection biases (training only).' }),
    arg('activity_regularizer', opt(regularizer), { default: null, ...ignored, doc: 'Regularizer applied to the projection outputs (training only).' }),
    arg('kernel_constraint', opt(constraint), { default: null, ...ignored, doc: 'Constraint for the projection kernels (training only).' }),
    arg('bias_constraint', opt(constraint), { default: null, ...ignored, doc: 'Constraint for the projection biases (training only).' }),
  ];
};
const rate = num({ min: 0, max: 1 });
const seed = arg('seed', opt(int()), { default: null, keras3Only: true, doc: 'Random seed for the attention dropout (Keras 3).' });
const flashAttention = arg('flash_attention', opt(bool), {
  default: null,
  keras3Only: true,
  doc: 'Keras 3 request for a flash-attention kernel (null lets Keras decide); it does not change results and is not written by get_config.',
});
const causal = arg('causal', bool, {
  default: false,
  keras2Only: true,
  doc: 'Deprecated Keras 2 switch for causal masking, replaced by the use_causal_mask call argument.',
});

export const ATTENTION_LAYERS: readonly LayerSpec[] = [
  {
    name: 'MultiHeadAttention',
    category: 'attention',
    doc: 'Multi-head scaled dot-product attention with learned query, key, value and output projections.',
    positional: 14,
    args: [
      arg('num_heads', int(1), { required: true, doc: 'Number of attention heads.' }),
      arg('key_dim', int(1), { required: true, doc: 'Size of each head for query and key.' }),
      arg('value_dim', opt(int(1)), { default: null, doc: 'Size of each head for value; null means key_dim.' }),
      arg('dropout', rate, { default: 0, doc: 'Dropout rate on the attention probabilities (training only).' }),
      arg('use_bias', bool, { default: true, doc: 'Whether the projections use biases.' }),
      arg('output_shape', opt(union(int(1), list(int(1)))), { default: null, doc: 'Size of the output features; null means the last axis of the query.' }),
      arg('attention_axes', opt(union(int(), list(int()))), { default: null, doc: 'Axes over which attention is applied; null means all axes between batch and features.' }),
      ...denseAttentionTail(true),
      // Keras 2 get_config-only keys (from_config pops them to build the layer); the runtime class keeps them in its config.
      arg('query_shape', opt(shape), { default: null, keras2Only: true, doc: 'Query input shape recorded by Keras 2 get_config so from_config can build the weights.' }),
      arg('key_shape', opt(shape), { default: null, keras2Only: true, doc: 'Key input shape recorded by Keras 2 get_config.' }),
      arg('value_shape', opt(shape), { default: null, keras2Only: true, doc: 'Value input shape recorded by Keras 2 get_config.' }),
      arg('softmax_robust_masking', bool, {
        default: false,
        keras2Only: true,
        doc: 'tf-keras switch for a masked softmax that stays exact when every score is masked; without mask support in the runtime class it changes nothing.',
      }),
      flashAttention,
      seed,
    ],
    tfjs: { className: 'KspecMultiHeadAttention', runtime: true },
    example: { num_heads: 2, key_dim: 2 },
    // Query shape; the layer is called on [query, value] (or [query, value, key]), two inputs of this shape in tests.
    exampleInput: [4, 3],
  },
  {
    name: 'Attention',
    category: 'attention',
    doc: 'Dot-product (Luong-style) attention between a query and a value sequence.',
    positional: 2,
    args: [
      arg('use_scale', bool, { default: false, doc: 'Whether to learn a scalar that scales the attention scores.' }),
      arg('score_mode', oneOf('dot', 'concat'), { default: 'dot', doc: 'Score function: "dot" product or "concat" (tanh of the sum).' }),
      arg('dropout', rate, { default: 0, doc: 'Dropout rate on the attention probabilities (training only).' }),
      causal,
      seed,
    ],
    tfjs: { className: 'KspecAttention', runtime: true },
    example: {},
    // Query shape; the layer is called on [query, value] or [query, value, key].
    exampleInput: [4, 3],
  },
  {
    name: 'AdditiveAttention',
    category: 'attention',
    doc: 'Additive (Bahdanau-style) attention between a query and a value sequence.',
    positional: 1,
    args: [
      arg('use_scale', bool, { default: true, doc: 'Whether to learn a per-feature scale inside the tanh score.' }),
      arg('dropout', rate, { default: 0, doc: 'Dropout rate on the attention probabilities (training only).' }),
      causal,
    ],
    tfjs: { className: 'KspecAdditiveAttention', runtime: true },
    example: {},
    exampleInput: [4, 3],
  },
  {
    name: 'GroupQueryAttention',
    category: 'attention',
    doc: 'Grouped-query attention in which groups of query heads share key and value heads.',
    keras3Only: true,
    aliases: ['GroupedQueryAttention'],
    positional: 14,
    args: [
      arg('head_dim', int(1), { required: true, keras3Only: true, doc: 'Size of each attention head.' }),
      arg('num_query_heads', int(1), { required: true, keras3Only: true, doc: 'Number of query heads.' }),
      arg('num_key_value_heads', int(1), { required: true, keras3Only: true, doc: 'Number of key and value heads; it must divide num_query_heads.' }),
      arg('dropout', rate, { default: 0, keras3Only: true, doc: 'Dropout rate on the attention probabilities (training only).' }),
      arg('use_bias', bool, { default: true, keras3Only: true, doc: 'Whether the projections use biases.' }),
      flashAttention,
      ...denseAttentionTail(false).map((a) => ({ ...a, keras3Only: true })),
      seed,
    ],
    tfjs: { missing: TFJS_ATTENTION },
    example: { head_dim: 2, num_query_heads: 2, num_key_value_heads: 1 },
    exampleInput: [4, 3],
  },
];

