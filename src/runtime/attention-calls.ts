/**
 * The Keras call arguments of attention layers, read from a call's kwargs (a Keras 2 inbound node's
 * kwargs dict, or Keras 3's `kwargs` as src/lower/keras3/inbound-nodes.ts rewrites them: tensors as
 * `[layer, node, tensor]` triples). No tfjs here: the runtime layers (attention.ts) and the compiler's
 * checks can share it.
 *
 * What kspec's attention runtime layers support of each call signature:
 * - `MultiHeadAttention(query, value, key=None, query_mask=None, value_mask=None, key_mask=None,
 *   attention_mask=None, return_attention_scores=False, training=None, use_causal_mask=False)`:
 *   query, value and key as the call's input tensors `[query, value]` or `[query, value, key]`;
 *   `use_causal_mask` (on a rank-3 query); `training` (dropout on the attention probabilities).
 * - `Attention` / `AdditiveAttention` `(inputs=[query, value, key?], mask=None, training=None,
 *   return_attention_scores=False, use_causal_mask=False)`: the same, plus Keras 2's deprecated
 *   `causal=True` config key.
 *
 * Not supported, reported by `unsupportedCallArguments` and thrown by the runtime layers:
 * - query / value / key passed by keyword rather than among the call's inputs (Keras 2 always writes
 *   MultiHeadAttention's `value` into the node kwargs: the compiler must move it into the inputs);
 * - any explicit mask tensor (`attention_mask`, `query_mask`, `value_mask`, `key_mask`, `mask`);
 * - `return_attention_scores=True` (the layer would have a second output).
 * Keras masks carried by the input tensors (Embedding(mask_zero=True), Masking) are not applied either:
 * tfjs 4.22's predict hands a layer only its first input's mask (and a stale one to later layers), so
 * the runtime layers do not take masks (`supportsMasking` false) and emit none.
 */

/** Tensor-valued keywords that name an input of the layer. */
const INPUT_KEYWORDS = ['query', 'value', 'key'] as const;
/** Tensor-valued keywords for masks. */
const MASK_KEYWORDS = ['attention_mask', 'query_mask', 'value_mask', 'key_mask', 'mask'] as const;

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A kwargs value in either spelling (tfjs camelCases the keys of model.json node kwargs). */
export function kwarg(kwargs: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  if (!kwargs) return undefined;
  const c = camel(name);
  return kwargs[c] !== undefined ? kwargs[c] : kwargs[name];
}

/** A tensor reference as configs write it: `[layer, node, tensor]` (or a `__keras_tensor__` dict). */
const isTensorRef = (v: unknown): boolean =>
  (Array.isArray(v) && typeof v[0] === 'string') ||
  (typeof v === 'object' && v !== null && ((v as Record<string, unknown>).class_name === '__keras_tensor__' || (v as Record<string, unknown>).className === 'KerasTensor'));

/** The call's `use_causal_mask`, when the kwargs set it to a boolean. */
export function useCausalMask(kwargs: Readonly<Record<string, unknown>> | undefined): boolean | undefined {
  const v = kwarg(kwargs, 'use_causal_mask');
  return typeof v === 'boolean' ? v : undefined;
}

/**
 * One sentence per call argument the runtime layer `className` (a Keras class name) cannot honour;
 * empty when the call is supported. `inputs` is how many input tensors the call has.
 */
export function unsupportedCallArguments(className: string, kwargs: Readonly<Record<string, unknown>> | undefined, inputs?: number): string[] {
  const out: string[] = [];
  for (const k of INPUT_KEYWORDS) {
    if (isTensorRef(kwarg(kwargs, k))) {
      out.push(`${className}'s ${k} is passed as a keyword argument; kspec's runtime layer takes [query, value] or [query, value, key] as the call's input tensors.`);
    }
  }
  for (const k of MASK_KEYWORDS) {
    const v = kwarg(kwargs, k);
    if (v !== undefined && v !== null && (k !== 'mask' || isTensorRef(v) || (Array.isArray(v) && v.some(isTensorRef)))) {
      out.push(`${className}'s call argument ${k} (a mask tensor) is not supported by kspec's runtime layer.`);
    }
  }
  if (kwarg(kwargs, 'return_attention_scores') === true) {
    out.push(`${className}'s return_attention_scores=True is not supported by kspec's runtime layer (it returns the attention output only).`);
  }
  if (inputs !== undefined && (inputs < 2 || inputs > 3) && out.length === 0) {
    out.push(`${className} takes [query, value] or [query, value, key], got ${inputs} input tensor${inputs === 1 ? '' : 's'}.`);
  }
  return out;
}
