/** unknown-argument (KS2002): tfjs silently ignores keys it does not know; kspec names the typo. */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { argsOf } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';

export const unknownArgument: Rule = {
  code: 'KS2002',
  check(graph, ctx) {
    const { reporter } = ctx;
    forEachArg(graph, ctx, (s) => {
      if (!s.arg) reporter.report('KS2002', s.keyAt, { arg: s.key, layer: s.spec.name }, { suggestions: didYouMean(s.key, argsOf(s.spec).keys()) });
    });
  },
};
