/**
 * One call of one layer: its row (or its nested model) applied to known input shapes, giving
 * output shapes, the weights it builds and the problem it has, if any.
 */
import { classifyActivation } from '../ir/activations.js';
import { lookupLayer } from '../ir/catalogue/index.js';
import type { LayerNode } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { cfg } from './config.js';
import { counts, paramsOf, shapeRow, type Params, type Weights } from './layers/index.js';
import { isIssue, type Issue } from './shape.js';
import type { InferResult, Shape } from './types.js';

export interface Applied {
  /** One per output tensor; undefined when unknown. */
  readonly outputs?: readonly Shape[];
  readonly params?: Params;
  /** The weights a layer (not a nested model) builds. */
  readonly weights?: Weights;
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
  const own = row.output(inputs, c);
  const out = own && !isIssue(own) ? afterActivation(layer, own) : own;
  if (!out) return {};
  const issue = isIssue(out) ? out : undefined;
  const outputs = issue ? issue.shapes : (out as readonly Shape[]);
  const weights = outputs ? paramsOf(row, inputs, c) : undefined;
  // Built key by key: this runs once per call of every layer, and spreads are slow here.
  const applied: { outputs?: readonly Shape[]; params?: Params; weights?: Weights; issue?: Issue } = {};
  if (outputs) applied.outputs = outputs;
  if (weights) {
    applied.weights = weights;
    applied.params = counts(weights);
  }
  if (issue) applied.issue = issue;
  return applied;
}

/**
 * The layers an `activation` argument compiles to run on the layer's output (see
 * passes/expand-activations.ts); only kspec's runtime glu changes the shape there, halving its axis.
 * Recurrent cells take builtins only, so they are skipped.
 */
function afterActivation(layer: LayerNode, outputs: readonly Shape[]): readonly Shape[] | Issue {
  const spec = lookupLayer(layer.className)?.spec;
  const inner = spec?.name === 'TimeDistributed' && isObj(layer.config.layer) && isObj(layer.config.layer.config) ? layer.config.layer.config : undefined;
  const value = inner ? inner.activation : layer.config.activation;
  if (value === undefined || spec?.category === 'recurrent' || outputs.length !== 1) return outputs;
  const o = classifyActivation(value, 'keras3');
  if (o.kind !== 'chain') return outputs;
  let shapes = outputs;
  for (const t of o.chain) {
    const r = shapeRow(t.className)?.output(shapes, cfg(t.className, t.config));
    if (!r) return shapes;
    if (isIssue(r)) return r;
    shapes = r;
  }
  return shapes;
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
