/** unused-input (KS4007): a model input no layer reads. */
import type { Rule } from '../rule.js';
import { forEachReference, functionalGraphs, wiringBroken } from './graph-index.js';

export const unusedInput: Rule = {
  code: 'KS4007',
  check(graph, { reporter }) {
    if (wiringBroken(reporter)) return;
    for (const g of functionalGraphs(graph)) {
      const read = new Set<string>();
      forEachReference(g, (t) => read.add(t.layer));
      for (const l of g.layers) if (l.className === 'InputLayer' && !read.has(l.name)) reporter.report('KS4007', l.origin.at, { name: l.name });
    }
  },
};
