/**
 * tfjs-missing-layer (KS5001): a Keras class tfjs 4.22 cannot build, with what to do instead
 * (classes kspec replaces by an exact equivalent, such as Identity, are not reported).
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import { REPLACED_CLASSES } from '../../ir/replaced-classes.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';
import { CUSTOM_CODE_CLASSES } from './custom-code.js';

export const tfjsMissingLayer: Rule = {
  code: 'KS5001',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const spec = layer.model ? undefined : lookupLayer(layer.className)?.spec;
      if (!spec || CUSTOM_CODE_CLASSES.has(spec.name) || spec.name in REPLACED_CLASSES || !('missing' in spec.tfjs)) return;
      reporter.report('KS5001', layer.origin.at, { name: spec.name, why: spec.tfjs.missing });
    });
  },
};
