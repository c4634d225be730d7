/**
 * activity-regularizer (KS5011): tfjs 4.22 throws "Layer invocation in the presence of activity
 * regularizer(s) is not supported yet" when it builds such a layer (verified). An activity
 * regularizer only adds a term to the training loss, so kspec compiles the layer without it
 * (passes/drop-rejected.ts) and says so.
 */
import type { Rule } from '../rule.js';
import { forEachArgNamed } from '../walk.js';

export const activityRegularizer: Rule = {
  code: 'KS5011',
  check(graph, ctx) {
    const { reporter } = ctx;
    forEachArgNamed(graph, ctx, 'activity_regularizer', (s) => {
      if (s.value !== null && s.value !== undefined && 'className' in s.spec.tfjs) reporter.report('KS5011', s.valueAt, {});
    });
  },
};
