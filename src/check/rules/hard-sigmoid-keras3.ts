/**
 * hard-sigmoid-keras3 (KS3006): the same name, two formulas. A Keras 3 config's `hard_sigmoid` is
 * clip(x/6 + 0.5, 0, 1); tfjs (like Keras 2) computes clip(0.2x + 0.5, 0, 1) without a word.
 * kspec compiles the Keras 3 formula from layers; `--fix` writes them into the file.
 */
import { activationSites } from '../activation-sites.js';
import { isKeras3HardSigmoid } from './activation-not-in-tfjs.js';
import type { Rule } from '../rule.js';

export const hardSigmoidKeras3: Rule = {
  code: 'KS3006',
  check(graph, ctx) {
    for (const s of activationSites(graph, ctx)) {
      if (!isKeras3HardSigmoid(s, ctx.semantics) || s.outcome.kind !== 'chain') continue;
      const linear = s.inCell ? undefined : ctx.fixer?.replaceValue(s.at, 'linear');
      const insert = linear && !s.wrapped ? ctx.fixer?.insertAfter(s.graph, s.layer, s.outcome.chain) : undefined;
      const fix = linear && insert ? [...linear, ...insert] : undefined;
      ctx.reporter.report('KS3006', s.at, {}, { severity: ctx.dialect === 'kspec' || ctx.mode === 'compile' ? 'info' : 'warning', ...(fix && { fix }) });
    }
  },
};
