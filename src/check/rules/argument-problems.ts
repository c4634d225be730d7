/** What is wrong with an argument's value, shared by argument-type, argument-value and argument-range. */
import { checkType, type TypeProblem } from '../arg-type.js';
import type { RuleContext } from '../rule.js';
import type { ArgSite } from '../walk.js';

const PROBLEMS = new WeakMap<ArgSite, TypeProblem | null>();

/** The problem with a site's value, or undefined; tfjs's `null` for "unset" is no problem. */
export function argumentProblem(s: ArgSite, ctx: RuleContext): TypeProblem | undefined {
  if (!s.arg) return undefined;
  if (s.value === null && ctx.dialect === 'tfjs' && !s.arg.required) return undefined;
  let p = PROBLEMS.get(s);
  if (p === undefined) PROBLEMS.set(s, (p = checkType(s.arg.type, s.value) ?? null));
  return p ?? undefined;
}
