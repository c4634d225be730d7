/**
 * tfjs-ignores-argument (KS5002): an argument Keras uses but tfjs silently drops, set to a value
 * other than Keras's default — so the tfjs model differs from the Keras one. Arguments with a rule
 * of their own (LeakyReLU and ReLU slopes) are left to it.
 */
import { jsonEqual } from '../../ir/json.js';
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';

const OWN_RULE = new Set(['LeakyReLU.negative_slope', 'ReLU.negative_slope', 'ReLU.threshold']);

export const tfjsIgnoresArgument: Rule = {
  code: 'KS5002',
  check(graph, { reporter }) {
    forEachArg(graph, (s) => {
      const arg = s.arg;
      // A class tfjs cannot build has its own diagnostic; its arguments say nothing more.
      if (!arg || arg.tfjs !== null || arg.tfjsRejects || !('className' in s.spec.tfjs) || OWN_RULE.has(`${s.spec.name}.${s.key}`)) return;
      if (arg.default !== undefined ? jsonEqual(arg.default, s.value) : s.value === null || s.value === undefined) return;
      reporter.report('KS5002', s.valueAt, { arg: s.key, layer: s.spec.name, value: JSON.stringify(s.value) });
    });
  },
};
