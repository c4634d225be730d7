/**
 * relu-ignored-argument (KS5005): tfjs's ReLU has only `max_value`; a non-zero `negative_slope` or
 * `threshold` would be dropped silently and change the function. kspec compiles such a ReLU exactly
 * (ir/exact-layers.ts), so this is a note for kspec specs and in compile mode; lint warns for
 * Keras and tfjs files, which plain tfjs would load wrongly. A ReLU nested anywhere the pass does
 * not reach (anything but TimeDistributed) stays an error.
 */
import { describeLayers } from '../../ir/activations.js';
import { isObj } from '../../ir/json.js';
import { exactLayer } from '../../ir/exact-layers.js';
import type { Rule } from '../rule.js';
import { forEachArgNamed, type ArgSite } from '../walk.js';

export const reluIgnoredArgument: Rule = {
  code: 'KS5005',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    const check = (s: ArgSite) => {
      if (s.spec.name !== 'ReLU') return;
      if (typeof s.value !== 'number' || s.value === 0) return;
      const inner = s.layer.config.layer;
      const config = !s.nested ? s.layer.config : s.layer.className === 'TimeDistributed' && isObj(inner) && isObj(inner.config) ? inner.config : undefined;
      const exact = config && exactLayer('ReLU', config);
      const p = { arg: s.key, value: String(s.value) };
      if (exact) ctx.reporter.report('KS5005', s.valueAt, { ...p, to: describeLayers([{ className: exact.className, config: exact.args }]) }, { severity });
      else ctx.reporter.report('KS5005', s.valueAt, p);
    };
    forEachArgNamed(graph, ctx, 'negative_slope', check);
    forEachArgNamed(graph, ctx, 'threshold', check);
  },
};
