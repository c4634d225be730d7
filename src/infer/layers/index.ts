/**
 * The shape table: one row per layer class tfjs 4.22 builds (the catalogue rows whose `tfjs` is
 * `{className}`, cells aside: they are rows of recurrent.ts's cell table, reached through RNN),
 * plus Resizing, which tfjs registers but cannot run. Model classes are walked, not looked up.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import { ACTIVATION_ROWS } from './activation.js';
import { CONV_RECURRENT_ROWS } from './conv-recurrent.js';
import { CONVOLUTION_ROWS } from './convolution.js';
import { CORE_ROWS } from './core.js';
import { MERGE_ROWS } from './merge.js';
import { NORMALIZATION_ROWS } from './normalization.js';
import { POOLING_ROWS } from './pooling.js';
import { PREPROCESSING_ROWS } from './preprocessing.js';
import { RECURRENT_ROWS } from './recurrent.js';
import { RESHAPING_ROWS } from './reshaping.js';
import { register, rowFor, type LayerRow } from './row.js';
import { WRAPPER_ROWS } from './wrappers.js';
import { RUNTIME_TF_OP_ROWS } from './runtime-tf-ops.js';
import { RUNTIME_RECURRENT_ROWS } from './runtime-recurrent.js';
import { RUNTIME_STRUCTURAL_ROWS } from './runtime-structural.js';
import { RUNTIME_NORMALIZATION_ATTENTION_ROWS } from './runtime-normalization-attention.js';

export const SHAPE_ROWS: Readonly<Record<string, LayerRow>> = {
  ...CORE_ROWS,
  ...ACTIVATION_ROWS,
  ...CONVOLUTION_ROWS,
  ...POOLING_ROWS,
  ...RECURRENT_ROWS,
  ...CONV_RECURRENT_ROWS,
  ...NORMALIZATION_ROWS,
  ...MERGE_ROWS,
  ...RESHAPING_ROWS,
  ...PREPROCESSING_ROWS,
  ...WRAPPER_ROWS,
  ...RUNTIME_TF_OP_ROWS,
  ...RUNTIME_RECURRENT_ROWS,
  ...RUNTIME_STRUCTURAL_ROWS,
  ...RUNTIME_NORMALIZATION_ATTENTION_ROWS,
};

register(SHAPE_ROWS);

/** The row of a class by its canonical name or a Keras alias. */
export function shapeRow(className: string): LayerRow | undefined {
  return rowFor(lookupLayer(className)?.spec.name ?? className);
}

export type { LayerRow, Params, WeightSpec, Weights } from './row.js';
export { counts, paramsOf } from './row.js';
