/**
 * gru-reset-after (KS5008): Keras 2 and 3 default to `reset_after=true` (a second bias row and the
 * reset gate applied after the matrix product); tfjs 4.22 refuses it, so the model cannot be
 * built as Keras computes it.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import { isObj } from '../../ir/json.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

const GRUS = new Set(['GRU', 'GRUCell']);

export const gruResetAfter: Rule = {
  code: 'KS5008',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const name = layer.model ? undefined : lookupLayer(layer.className)?.spec.name;
      const inner = isObj(layer.config.layer) && isObj(layer.config.layer.config) ? layer.config.layer : undefined;
      const [cls, config, at] = name && GRUS.has(name) ? [name, layer.config, layer.origin.args?.reset_after?.value ?? layer.origin.at] : inner && GRUS.has(String(inner.class_name)) ? [String(inner.class_name), inner.config as Record<string, unknown>, layer.origin.args?.layer?.value ?? layer.origin.at] : [];
      if (!cls || !config) return;
      const value = config.reset_after;
      if (value === true || value === undefined) reporter.report('KS5008', at!, { layer: cls, implicit: value === undefined });
    });
  },
};
