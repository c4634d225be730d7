/** unknown-layer (KS2001): a class Keras does not have — most often a typo, so suggest the nearest. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { layerClassNames, lookupLayer } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';
import { CUSTOM_CODE_CLASSES } from './custom-code.js';

export const unknownLayer: Rule = {
  code: 'KS2001',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      if (layer.model || lookupLayer(layer.className) || CUSTOM_CODE_CLASSES.has(layer.className)) return;
      reporter.report('KS2001', layer.origin.at, { name: layer.className }, { suggestions: didYouMean(layer.className, layerClassNames()) });
    });
  },
};
