/**
 * argument-value (KS2004): a value outside an argument's choices (`padding: "vaild"`), and
 * initializers, regularizers or constraints Keras does not have.
 */
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { ArgType } from '../../ir/catalogue/index.js';
import { isObj } from '../../ir/json.js';
import { lookupObject, objectNames, type ObjectKind } from '../../ir/objects.js';
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';
import { argumentProblem } from './argument-problems.js';

function objectKind(t: ArgType): ObjectKind | undefined {
  if (t.t === 'initializer' || t.t === 'regularizer' || t.t === 'constraint') return t.t;
  if (t.t === 'union') for (const o of t.of) { const k = objectKind(o); if (k) return k; }
  return undefined;
}
/** Per catalogue type (static objects): every argument of every layer asks. */
const KINDS = new Map<ArgType, ObjectKind | null>();
const kindOf = (t: ArgType): ObjectKind | undefined => {
  let k = KINDS.get(t);
  if (k === undefined) KINDS.set(t, (k = objectKind(t) ?? null));
  return k ?? undefined;
};

export const argumentValue: Rule = {
  code: 'KS2004',
  check(graph, ctx) {
    forEachArg(graph, ctx, (s) => {
      const p = argumentProblem(s, ctx);
      if (p?.kind === 'enum') {
        ctx.reporter.report('KS2004', s.valueAt, { arg: s.key, value: p.value, allowed: p.allowed.map((v) => JSON.stringify(v)).join(', ') }, { suggestions: didYouMean(p.value, p.allowed) });
        return;
      }
      const kind = !p && s.arg && s.value !== null ? kindOf(s.arg.type) : undefined;
      if (!kind) return;
      const name = typeof s.value === 'string' ? s.value : isObj(s.value) ? String(s.value.class_name) : '';
      if (!lookupObject(kind, name)) ctx.reporter.report('KS2004', s.valueAt, { arg: s.key, value: name, allowed: `the Keras ${kind}s` }, { suggestions: didYouMean(name, objectNames(kind)) });
    });
  },
};
