/**
 * relu-ignored-argument (KS5005): tfjs's ReLU has only `max_value`; a non-zero `negative_slope` or
 * `threshold` would be dropped silently and change the function, so it cannot compile exactly.
 */
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';

export const reluIgnoredArgument: Rule = {
  code: 'KS5005',
  check(graph, { reporter }) {
    forEachArg(graph, (s) => {
      if (s.spec.name !== 'ReLU' || !['negative_slope', 'threshold'].includes(s.key)) return;
      if (typeof s.value === 'number' && s.value !== 0) reporter.report('KS5005', s.valueAt, { arg: s.key, value: String(s.value) });
    });
  },
};
