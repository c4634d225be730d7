/** no-input-shape (KS4004): a sequential model whose first layer does not know its input shape. */
import type { LayerNode } from '../../ir/graph.js';
import type { Rule } from '../rule.js';

function hasInputShape(l: LayerNode): boolean {
  if (l.model) return l.model.layers.length > 0 && hasInputShape(l.model.layers[0]!);
  return l.className === 'InputLayer' || ['batch_input_shape', 'input_shape', 'batch_shape', 'input_dim'].some((k) => k in l.config);
}

export const noInputShape: Rule = {
  code: 'KS4004',
  check(graph, { reporter }) {
    const first = graph.layers[0];
    if (graph.style === 'sequential' && first && !hasInputShape(first)) reporter.report('KS4004', first.origin.at, {});
  },
};
