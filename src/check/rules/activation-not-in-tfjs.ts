/**
 * activation-not-in-tfjs (KS3002): an activation tfjs cannot run as written (`leaky_relu`,
 * `LeakyRelu`, `silu`, …). kspec compiles it exactly; in Keras and tfjs files plain tfjs would fail
 * or compute something else, so lint warns there, and `--fix` writes the exact form into the file
 * (unless that form is a kspec runtime class, which only kspec-built models can load).
 */
import { describeChain, isRuntimeClass, type Semantics } from '../../ir/activations.js';
import { activationSites, type ActivationSite } from '../activation-sites.js';
import type { Rule } from '../rule.js';

export const activationNotInTfjs: Rule = {
  code: 'KS3002',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    for (const s of activationSites(graph, ctx)) {
      if (isKeras3HardSigmoid(s, ctx.semantics)) continue;
      const o = s.outcome;
      if (o.kind === 'builtin' && o.rewritten) {
        const fix = ctx.fixer?.replaceValue(s.at, o.json);
        ctx.reporter.report('KS3002', s.at, { name: o.name, to: JSON.stringify(o.json) }, { severity, ...(fix && { fix }) });
      } else if (o.kind === 'chain' && !s.inCell) {
        // A runtime class in the file would make it need kspec/runtime (and Keras could not load it):
        // kspec compiles the name itself exactly, so there is nothing to fix.
        const portable = !o.chain.some((l) => isRuntimeClass(l.className));
        const linear = portable ? ctx.fixer?.replaceValue(s.at, 'linear') : undefined;
        const insert = linear && !s.wrapped ? ctx.fixer?.insertAfter(s.graph, s.layer, o.chain) : undefined;
        const fix = linear && insert ? [...linear, ...insert] : undefined;
        ctx.reporter.report('KS3002', s.at, { name: o.name, to: describeChain(o.chain) }, { severity, ...(fix && { fix }) });
      }
    }
  },
};

/** Keras 3's `hard_sigmoid` has its own rule (hard-sigmoid-keras3), which says what differs. */
export function isKeras3HardSigmoid(s: ActivationSite, semantics: Semantics): boolean {
  return semantics === 'keras3' && typeof s.value === 'string' && s.outcome.kind === 'chain' && s.outcome.name.replace(/[\s_-]/g, '').toLowerCase() === 'hardsigmoid';
}
