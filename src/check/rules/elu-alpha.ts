/**
 * elu-alpha (KS5007): tfjs's ELU layer throws NotImplementedError for any alpha but 1. kspec
 * compiles it exactly with its runtime elu (ir/exact-layers.ts), so this is a note for kspec specs
 * and in compile mode; lint warns for Keras and tfjs files, which plain tfjs cannot load. (An ELU
 * given as an activation, `activation=ELU(alpha=0.5)`, is compiled the same way; activation-not-in-tfjs
 * says so.)
 */
import { describeLayers } from '../../ir/activations.js';
import { exactLayer } from '../../ir/exact-layers.js';
import type { Rule } from '../rule.js';
import { forEachArgNamed } from '../walk.js';

export const eluAlpha: Rule = {
  code: 'KS5007',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    const report = (alpha: unknown, at: Parameters<typeof ctx.reporter.report>[1]) => {
      const exact = exactLayer('ELU', { alpha });
      if (exact) ctx.reporter.report('KS5007', at, { alpha: String(alpha), to: describeLayers([{ className: exact.className, config: exact.args }]) }, { severity });
    };
    forEachArgNamed(graph, ctx, 'alpha', (s) => {
      if (s.spec.name === 'ELU' && !s.nested) report(s.value, s.valueAt);
    });
  },
};
