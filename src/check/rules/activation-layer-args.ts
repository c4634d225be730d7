/** activation-layer-args (KS3005): `{class_name, config}` as an activation must be an activation layer. */
import { activationSites } from '../activation-sites.js';
import type { Rule } from '../rule.js';

export const activationLayerArgs: Rule = {
  code: 'KS3005',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const s of activationSites(graph, ctx)) {
      if (s.outcome.kind === 'bad-layer' && !s.inCell) reporter.report('KS3005', s.at, { name: s.outcome.name, layer: s.outcome.name });
    }
  },
};
