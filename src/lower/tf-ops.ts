/**
 * TensorFlow-op layers (TFOpLambda, TensorFlowOpLayer) whose op has an exact layer equivalent
 * (ir/tf-ops.ts) become that layer, keeping their name and wiring, with a note. The rest stay as
 * written and the custom-code rule reports them.
 */
import type { Reporter } from '../diagnostics/report.js';
import { describeLayers } from '../ir/activations.js';
import type { LayerNode, ModelGraph, TensorRef } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import { TF_OP_LAMBDA, TF_OP_LAYER, type OpArgs } from '../ir/tf-ops.js';

const isTriple = (v: unknown): v is [string, number, number] => Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number' && typeof v[2] === 'number';

/** A TensorFlow AttrValue (`{i: "2"}`, `{f: 0.5}`, `{s: base64}`, `{b: true}`) as a plain value. */
function attrValue(v: unknown): unknown {
  if (!isObj(v)) return undefined;
  if ('i' in v) return Number(v.i);
  if ('f' in v) return Number(v.f);
  if ('b' in v) return Boolean(v.b);
  if ('s' in v && typeof v.s === 'string') return new TextDecoder().decode(Uint8Array.from(atob(v.s), (c) => c.charCodeAt(0)));
  return undefined;
}

/** The op's name and arguments, or undefined for a layer that is no TF op. */
function opCall(layer: LayerNode): { op: string; args: OpArgs; mapping: (typeof TF_OP_LAMBDA)[string] | undefined; operand?: TensorRef } | undefined {
  const call = layer.calls[0];
  if (layer.className === 'TFOpLambda' && typeof layer.config.function === 'string') {
    const kwargs = call?.kwargs ?? {};
    const y = kwargs.y;
    const operand = isTriple(y) ? { layer: y[0], node: y[1], tensor: y[2] } : undefined;
    const args = { ...kwargs, tensorOperand: Boolean(operand) || (call?.inputs.length ?? 0) > 1 };
    return { op: `tf.${layer.config.function}`, args, mapping: TF_OP_LAMBDA[layer.config.function], ...(operand && { operand }) };
  }
  const def = layer.config.node_def;
  if (layer.className === 'TensorFlowOpLayer' && isObj(def) && typeof def.op === 'string') {
    const attrs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(isObj(def.attr) ? def.attr : {})) attrs[k] = attrValue(v);
    const constants = isObj(layer.config.constants) ? Object.values(layer.config.constants) : [];
    const args = { ...attrs, ...(constants.length === 1 && { y: constants[0] }), tensorOperand: (call?.inputs.length ?? 0) > 1 };
    return { op: def.op, args, mapping: TF_OP_LAYER[def.op] };
  }
  return undefined;
}

export function mapTfOps(graph: ModelGraph, reporter: Reporter): ModelGraph {
  const layers = graph.layers.map((layer): LayerNode => {
    if (layer.model) return { ...layer, model: mapTfOps(layer.model, reporter) };
    const op = opCall(layer);
    const mapped = op?.mapping?.(op.args);
    if (!op || !mapped) return layer;
    const calls = op.operand ? layer.calls.map((c) => ({ ...c, inputs: [...c.inputs, op.operand!], kwargs: {} })) : layer.calls.map((c) => ({ ...c, kwargs: {} }));
    reporter.report('KS5010', layer.origin.at, { name: layer.name, op: op.op, to: describeLayers([mapped]) });
    return { ...layer, className: mapped.className, config: mapped.config, calls };
  });
  return { ...graph, layers };
}
