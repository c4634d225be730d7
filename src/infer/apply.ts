/**
 * One call of one layer: its row (or its nested model) applied to known input shapes, giving
 * output shapes, the weights it builds and the problem it has, if any.
 */
import type { LayerNode } from '../ir/graph.js';
import { cfg } from './config.js';
import { paramsOf, shapeRow, type Params } from './layers/index.js';
import { isIssue, type Issue } from './shape.js';
import type { InferResult, Shape } from './types.js';

export interface Applied {
  /** One per output tensor; undefined when unknown. */
  readonly outputs?: readonly Shape[];
  readonly params?: Params;
  readonly issue?: Issue;
  /** A nested model's result for this call. */
  readonly nested?: InferResult;
}

/** Runs a nested model on input shapes: supplied by the graph walker (index.ts), which recurses. */
export type RunNested = (layer: LayerNode, inputs: readonly Shape[]) => { result: InferResult; outputs?: readonly Shape[] } | undefined;

export function applyLayer(layer: LayerNode, inputs: readonly Shape[], runNested: RunNested): Applied {
  if (layer.model) {
    const run = runNested(layer, inputs);
    if (!run) return {};
    return { nested: run.result, params: totals(run.result), ...(run.outputs && { outputs: run.outputs }) };
  }
  const row = shapeRow(layer.className);
  if (!row) return {};
  const c = cfg(layer.className, layer.config);
  const out = row.output(inputs, c);
  if (!out) return {};
  const outputs = isIssue(out) ? out.shapes : out;
  const params = outputs ? paramsOf(row, inputs, c) : undefined;
  return { ...(outputs && { outputs }), ...(params && { params }), ...(isIssue(out) && { issue: out }) };
}

/** A result's weights: every layer once (shared layers and nested models count once). */
export function totals(r: InferResult): Params {
  let trainable = 0;
  let nonTrainable = 0;
  for (const l of r.layers.values()) {
    trainable += l.trainableParams;
    nonTrainable += l.nonTrainableParams;
  }
  return { trainable, nonTrainable };
}
