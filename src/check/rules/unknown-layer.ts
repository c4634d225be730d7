/**
 * unknown-layer (KS2001): a class Keras does not have — most often a typo, so suggest the nearest;
 * in a saved Keras model, a class with no near miss is a custom layer, and the message says so.
 */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { layerClassNames, lookupLayer } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';
import { CUSTOM_CODE_CLASSES } from './custom-code.js';

export const unknownLayer: Rule = {
  code: 'KS2001',
  check(graph, { reporter, dialect }) {
    forEachLayer(graph, (layer) => {
      if (layer.model || lookupLayer(layer.className) || CUSTOM_CODE_CLASSES.has(layer.className)) return;
      const suggestions = didYouMean(layer.className, layerClassNames());
      // In a saved Keras model an unknown class with no near miss is a custom layer, not a typo.
      reporter.report('KS2001', layer.origin.at, { name: layer.className, custom: suggestions.length === 0 && dialect !== 'kspec' }, { suggestions });
    });
  },
};
