/** unknown-activation (KS3001): a name no Keras version or tfjs knows, with the nearest names. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { activationNames } from '../../ir/activations.js';
import { activationSites } from '../activation-sites.js';
import type { Rule } from '../rule.js';

export const unknownActivation: Rule = {
  code: 'KS3001',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const s of activationSites(graph, ctx)) {
      if (s.outcome.kind === 'unknown') reporter.report('KS3001', s.at, { name: s.outcome.name }, { suggestions: didYouMean(s.outcome.name, activationNames()) });
    }
  },
};
