/** merge-shapes (KS6002): Concatenate, Add and the other merge layers given inputs whose shapes do not fit together. */
import type { Rule } from '../rule.js';
import { reportShapeProblems } from './shape-problems.js';

export const mergeShapes: Rule = {
  code: 'KS6002',
  check(graph, ctx) {
    reportShapeProblems(graph, ctx, 'merge', 'KS6002');
  },
};
