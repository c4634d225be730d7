/** duplicate-name (KS4001): two layers of one model with the same name (tfjs cannot tell them apart). */
import type { ModelGraph } from '../../ir/graph.js';
import type { Rule } from '../rule.js';

export const duplicateName: Rule = {
  code: 'KS4001',
  check(graph, { reporter }) {
    const stack: ModelGraph[] = [graph];
    while (stack.length > 0) {
      const g = stack.pop()!;
      const seen = new Set<string>();
      for (const l of g.layers) {
        if (seen.has(l.name)) reporter.report('KS4001', l.origin.at, { name: l.name });
        seen.add(l.name);
        if (l.model) stack.push(l.model);
      }
    }
  },
};
