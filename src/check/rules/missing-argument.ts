/**
 * missing-argument (KS2006): an argument Keras requires (`Dense` without `units`). Not reported
 * next to an unknown argument of the same layer, which is most likely the same typo.
 */
import { argsOf, lookupLayer } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const missingArgument: Rule = {
  code: 'KS2006',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const spec = layer.model ? undefined : lookupLayer(layer.className)?.spec;
      if (!spec) return;
      const known = argsOf(spec);
      for (const k in layer.config) if (!known.has(k)) return;
      for (const arg of spec.args) if (arg.required && !(arg.name in layer.config)) reporter.report('KS2006', layer.origin.at, { arg: arg.name, layer: spec.name });
    });
  },
};
