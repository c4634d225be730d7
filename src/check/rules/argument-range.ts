/** argument-range (KS2005): a number outside what Keras accepts (`Dropout(1.5)`, `units: 0`). */
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';
import { argumentProblem } from './argument-problems.js';

export const argumentRange: Rule = {
  code: 'KS2005',
  check(graph, ctx) {
    forEachArg(graph, ctx, (s) => {
      const p = argumentProblem(s, ctx);
      if (p?.kind === 'range') ctx.reporter.report('KS2005', s.valueAt, { arg: s.key, bound: p.bound });
    });
  },
};
