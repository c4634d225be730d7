/**
 * activation-in-cell (KS3004): inside a recurrent cell the activation runs at every step, so no
 * layer can be inserted after it; only activations tfjs has built in can be used there.
 */
import { activationSites } from '../activation-sites.js';
import type { Rule } from '../rule.js';

export const activationInCell: Rule = {
  code: 'KS3004',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const s of activationSites(graph, ctx)) {
      if (s.inCell && (s.outcome.kind === 'chain' || s.outcome.kind === 'bad-layer')) reporter.report('KS3004', s.at, { name: s.outcome.name, arg: s.key });
    }
  },
};
