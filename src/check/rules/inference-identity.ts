/**
 * inference-identity (KS5009): a Keras layer that acts only in training (RandomFlip, RandomRotation,
 * …, ActivityRegularization; ir/replaced-classes.ts lists them) and that tfjs lacks. At inference it
 * returns its input unchanged, so kspec compiles it as a linear Activation: a note, since a model
 * trained further in tfjs would no longer augment (or regularize) there.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import { INFERENCE_IDENTITIES } from '../../ir/replaced-classes.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const inferenceIdentity: Rule = {
  code: 'KS5009',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const spec = layer.model ? undefined : lookupLayer(layer.className)?.spec;
      if (spec && INFERENCE_IDENTITIES.has(spec.name)) reporter.report('KS5009', layer.origin.at, { name: spec.name });
    });
  },
};
