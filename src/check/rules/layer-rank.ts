/** layer-rank (KS6001): a layer given an input of a rank it cannot take (Conv2D on rank 3, LSTM on rank 2). */
import type { Rule } from '../rule.js';
import { reportShapeProblems } from './shape-problems.js';

export const layerRank: Rule = {
  code: 'KS6001',
  check(graph, ctx) {
    reportShapeProblems(graph, ctx, 'rank', 'KS6001');
  },
};
