/** no-layers (KS4006): a model without layers. */
import type { Rule } from '../rule.js';

export const noLayers: Rule = {
  code: 'KS4006',
  check(graph, { reporter }) {
    if (graph.layers.length === 0) reporter.report('KS4006', graph.origin.at, {});
  },
};
