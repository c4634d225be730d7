/** What is wrong with an argument's value, shared by argument-type, argument-value and argument-range. */
import type { TypeProblem } from '../arg-type.js';
import type { RuleContext } from '../rule.js';
import type { ArgSite } from '../walk.js';

/** The problem with a site's value, or undefined; tfjs's `null` for "unset" is no problem. */
export function argumentProblem(s: ArgSite, ctx: RuleContext): TypeProblem | undefined {
  if (!s.arg) return undefined;
  if (s.value === null && ctx.dialect === 'tfjs' && !s.arg.required) return undefined;
  return s.problem();
}
