/**
 * tfjs-ignores-argument (KS5002): an argument Keras uses but tfjs silently drops, set to a value
 * other than Keras's default — so the tfjs model differs from the Keras one. Arguments with a rule
 * of their own (LeakyReLU and ReLU slopes) are left to it, and Bidirectional's `backward_layer` is
 * fine when it only mirrors `layer` (what tfjs builds anyway; Keras 3 always writes it).
 */
import { isObj, jsonEqual } from '../../ir/json.js';
import type { Rule } from '../rule.js';
import { forEachArg, type ArgSite } from '../walk.js';

const OWN_RULE = new Set(['LeakyReLU.negative_slope', 'ReLU.negative_slope', 'ReLU.threshold']);
/** Arguments with a rule of their own on every layer. */
const OWN_RULE_ANY = new Set(['activity_regularizer']);

/** A backward layer equal to the forward one but for its name and direction. */
function mirrors(s: ArgSite): boolean {
  const forward = s.layer.config.layer;
  if (s.spec.name !== 'Bidirectional' || s.key !== 'backward_layer' || !isObj(forward) || !isObj(s.value)) return false;
  const strip = (l: Record<string, unknown>) => {
    const { name: _n, go_backwards: _g, ...rest } = isObj(l.config) ? l.config : {};
    return { class_name: l.class_name, config: rest };
  };
  return jsonEqual(strip(forward), strip(s.value));
}

/** A value short enough for one line: a Keras object by its class, long JSON cut. */
function shown(v: unknown): string {
  if (isObj(v) && typeof v.class_name === "string") return `${v.class_name}(…)`;
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export const tfjsIgnoresArgument: Rule = {
  code: 'KS5002',
  check(graph, ctx) {
    const { reporter } = ctx;
    forEachArg(graph, ctx, (s) => {
      const arg = s.arg;
      // A class tfjs cannot build has its own diagnostic; its arguments say nothing more.
      if (!arg || arg.tfjs !== null || arg.tfjsRejects || !('className' in s.spec.tfjs) || OWN_RULE.has(`${s.spec.name}.${s.key}`) || OWN_RULE_ANY.has(s.key)) return;
      if (arg.default !== undefined ? jsonEqual(arg.default, s.value) : s.value === null || s.value === undefined) return;
      if (mirrors(s)) return;
      reporter.report('KS5002', s.valueAt, { arg: s.key, layer: s.spec.name, value: shown(s.value) });
    });
  },
};
