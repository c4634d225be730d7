/** activation-unsupported (KS3003): a Keras activation with no exact tfjs form yet, and why. */
import { activationSites } from '../activation-sites.js';
import type { Rule } from '../rule.js';

export const activationUnsupported: Rule = {
  code: 'KS3003',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const s of activationSites(graph, ctx)) {
      if (s.outcome.kind === 'unsupported') reporter.report('KS3003', s.at, { name: s.outcome.name, why: s.outcome.why });
    }
  },
};
