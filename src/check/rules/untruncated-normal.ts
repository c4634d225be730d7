/**
 * untruncated-normal (KS5013): Keras's VarianceScaling(distribution="untruncated_normal") draws a
 * plain normal; tfjs 4.22 has no such distribution and refuses the model when it loads it
 * ("untruncatedNormal is not a valid Distribution", verified). ("truncated_normal" is rewritten
 * exactly, in ir/objects.ts.) Only initial values are at stake: with trained weights, nothing changes.
 */
import { isObj } from '../../ir/json.js';
import { lookupObject } from '../../ir/objects.js';
import type { Rule } from '../rule.js';
import { forEachArg } from '../walk.js';

export const untruncatedNormal: Rule = {
  code: 'KS5013',
  check(graph, ctx) {
    forEachArg(graph, ctx, (s) => {
      if (!s.arg || !isObj(s.value) || lookupObject('initializer', String(s.value.class_name))?.name !== 'VarianceScaling') return;
      const config = isObj(s.value.config) ? s.value.config : {};
      if (config.distribution === 'untruncated_normal') ctx.reporter.report('KS5013', s.valueAt, { arg: s.key });
    });
  },
};
