/**
 * leaky-relu-negative-slope (KS5004): Keras 3 writes LeakyReLU's slope as `negative_slope`; tfjs
 * reads only `alpha` and silently keeps 0.3. kspec compiles it as `alpha`; `--fix` renames the key.
 */
import type { Rule } from '../rule.js';
import { forEachArgNamed } from '../walk.js';

export const leakyReluNegativeSlope: Rule = {
  code: 'KS5004',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    forEachArgNamed(graph, ctx, 'negative_slope', (s) => {
      if (s.spec.name !== 'LeakyReLU' || s.nested) return;
      const fix = 'alpha' in s.layer.config ? undefined : ctx.fixer?.renameKey(s.keyAt, 'alpha');
      ctx.reporter.report('KS5004', s.keyAt, { value: JSON.stringify(s.value) }, { severity, ...(fix && { fix }) });
    });
  },
};
