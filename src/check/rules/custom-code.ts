/**
 * custom-code (KS5003): `Lambda` and TensorFlow-op layers carry Python code (marshalled bytecode or
 * op names). kspec never runs it, and tfjs cannot build it; a tfjs class must be supplied instead.
 */
import { isObj } from '../../ir/json.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const CUSTOM_CODE_CLASSES: ReadonlySet<string> = new Set(['Lambda', 'TFOpLambda', 'TensorFlowOpLayer', 'SlicingOpLambda']);

export const customCode: Rule = {
  code: 'KS5003',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      if (!CUSTOM_CODE_CLASSES.has(layer.className)) return;
      // Name the TensorFlow op a TF-op layer runs (those kspec maps were rewritten already).
      const def = layer.config.node_def;
      const op = typeof layer.config.function === 'string' ? `tf.${layer.config.function}` : isObj(def) && typeof def.op === 'string' ? def.op : undefined;
      reporter.report('KS5003', layer.origin.at, { name: op ? `${layer.className} ${op}` : layer.className });
    });
  },
};
