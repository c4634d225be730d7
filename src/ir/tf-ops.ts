/**
 * TensorFlow ops Keras 2 models embed as layers — `TFOpLambda` (`function: "math.multiply"`, its
 * other arguments in the call's kwargs) and `TensorFlowOpLayer` (a `node_def` with `op` and `attr`,
 * constants in `constants`) — and the exact layer each becomes. Ops not listed stay custom code
 * (custom-code, KS5003): nothing is ever evaluated.
 */
import type { Config } from './graph.js';

export type OpArgs = Readonly<Record<string, unknown>>;

/** What an op call becomes: one layer (given the op's scalar or tensor operands), or nothing. */
export type OpMapping = (args: OpArgs) => { readonly className: string; readonly config: Config } | undefined;

const activation = (name: string): OpMapping => () => ({ className: 'Activation', config: { activation: name } });
const scalar = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** `x ⊕ c` for a scalar c as Rescaling (scale, offset); a tensor operand uses the merge layer. */
const arithmetic = (rescale: (c: number) => [number, number] | undefined, merge?: string): OpMapping => (a) => {
  const c = scalar(a.y);
  if (c !== undefined) {
    const r = rescale(c);
    return r && { className: 'Rescaling', config: { scale: r[0], offset: r[1] } };
  }
  return a.tensorOperand && merge ? { className: merge, config: {} } : undefined;
};

/** TFOpLambda `function` names (Keras 2.4+ writes the `tf.` path without `tf.`). */
export const TF_OP_LAMBDA: Readonly<Record<string, OpMapping>> = {
  'nn.relu': activation('relu'),
  'nn.relu6': activation('relu6'),
  'nn.elu': activation('elu'),
  'nn.selu': activation('selu'),
  'math.sigmoid': activation('sigmoid'),
  'nn.sigmoid': activation('sigmoid'),
  'math.tanh': activation('tanh'),
  'nn.tanh': activation('tanh'),
  'nn.softplus': activation('softplus'),
  'math.softplus': activation('softplus'),
  'nn.softsign': activation('softsign'),
  'nn.silu': activation('swish'),
  'nn.swish': activation('swish'),
  'nn.softmax': (a) => ({ className: 'Softmax', config: { axis: scalar(a.axis) ?? -1 } }),
  'nn.depth_to_space': (a) => (scalar(a.block_size) && (a.data_format ?? 'NHWC') === 'NHWC' ? { className: 'KspecDepthToSpace', config: { block_size: a.block_size } } : undefined),
  '__operators__.add': arithmetic((c) => [1, c], 'Add'),
  'math.add': arithmetic((c) => [1, c], 'Add'),
  'math.subtract': arithmetic((c) => [1, -c], 'Subtract'),
  '__operators__.sub': arithmetic((c) => [1, -c], 'Subtract'),
  'math.multiply': arithmetic((c) => [c, 0], 'Multiply'),
  '__operators__.mul': arithmetic((c) => [c, 0], 'Multiply'),
  'math.truediv': arithmetic((c) => (c === 0 ? undefined : [1 / c, 0])),
  '__operators__.truediv': arithmetic((c) => (c === 0 ? undefined : [1 / c, 0])),
  'math.divide': arithmetic((c) => (c === 0 ? undefined : [1 / c, 0])),
  'reshape': (a) => {
    const shape = a.shape;
    if (!Array.isArray(shape) || shape.length < 1 || !(shape[0] === -1 || shape[0] === null) || !shape.slice(1).every((d) => typeof d === 'number')) return undefined;
    return { className: 'Reshape', config: { target_shape: shape.slice(1) } };
  },
  'concat': (a) => (a.tensorOperand ? { className: 'Concatenate', config: { axis: scalar(a.axis) ?? -1 } } : undefined),
};

/** TensorFlowOpLayer `node_def.op` names (TF 2.0–2.3), with `attr` and `constants` as args. */
export const TF_OP_LAYER: Readonly<Record<string, OpMapping>> = {
  DepthToSpace: (a) => (scalar(a.block_size) && (a.data_format ?? 'NHWC') === 'NHWC' ? { className: 'KspecDepthToSpace', config: { block_size: a.block_size } } : undefined),
  Relu: activation('relu'),
  Relu6: activation('relu6'),
  Sigmoid: activation('sigmoid'),
  Tanh: activation('tanh'),
  Elu: activation('elu'),
  Selu: activation('selu'),
  Softplus: activation('softplus'),
  AddV2: arithmetic((c) => [1, c], 'Add'),
  Add: arithmetic((c) => [1, c], 'Add'),
  Sub: arithmetic((c) => [1, -c], 'Subtract'),
  Mul: arithmetic((c) => [c, 0], 'Multiply'),
  RealDiv: arithmetic((c) => (c === 0 ? undefined : [1 / c, 0])),
};
