/** argument-type (KS2003): a value of the wrong type (`units: "ninety"`), pointing at the value. */
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';
import { argumentProblem } from './argument-problems.js';

export const argumentType: Rule = {
  code: 'KS2003',
  check(graph, ctx) {
    forEachArg(graph, ctx, (s) => {
      const p = argumentProblem(s, ctx);
      if (p?.kind === 'type') ctx.reporter.report('KS2003', s.valueAt, { arg: s.key, expected: p.expected });
    });
  },
};
