/** elu-alpha (KS5007): tfjs's ELU layer throws NotImplementedError for any alpha but 1. */
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';

export const eluAlpha: Rule = {
  code: 'KS5007',
  check(graph, { reporter }) {
    forEachArg(graph, (s) => {
      if (s.spec.name === 'ELU' && s.key === 'alpha' && typeof s.value === 'number' && s.value !== 1) reporter.report('KS5007', s.valueAt, { alpha: String(s.value) });
    });
  },
};
