/** flatten-flat (KS6003): Flatten of an input that is already flat (Keras passes it through; tfjs refuses to build it). */
import type { Rule } from '../rule.js';
import { reportShapeProblems } from './shape-problems.js';

export const flattenFlat: Rule = {
  code: 'KS6003',
  check(graph, ctx) {
    reportShapeProblems(graph, ctx, 'flatten-flat', 'KS6003');
  },
};
