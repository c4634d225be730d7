/** invalid-shape (KS6004): a shape that cannot be built (a Reshape whose sizes do not divide, a kernel larger than its input). */
import type { Rule } from '../rule.js';
import { reportShapeProblems } from './shape-problems.js';

export const invalidShape: Rule = {
  code: 'KS6004',
  check(graph, ctx) {
    reportShapeProblems(graph, ctx, 'invalid', 'KS6004');
  },
};
