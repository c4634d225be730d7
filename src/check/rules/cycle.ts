/** cycle (KS4003): a layer that depends on its own output; found by an iterative depth-first search. */
import type { Rule } from '../rule.js';
import { functionalGraphs, wiring } from './graph-index.js';

export const cycle: Rule = {
  code: 'KS4003',
  check(graph, ctx) {
    const { reporter } = ctx;
    for (const g of functionalGraphs(graph)) {
      const { byName, deps, ordered } = wiring(g, ctx);
      if (ordered()) continue;
      const state = new Map<string, 1 | 2>();
      for (const start of g.layers) {
        if (state.has(start.name)) continue;
        const stack = [{ layer: start, deps: deps(start), i: 0 }];
        state.set(start.name, 1);
        while (stack.length > 0) {
          const top = stack[stack.length - 1]!;
          if (top.i >= top.deps.length) {
            state.set(top.layer.name, 2);
            stack.pop();
            continue;
          }
          const next = byName.get(top.deps[top.i++]!);
          if (!next) continue;
          const s = state.get(next.name);
          if (s === 1) {
            reporter.report('KS4003', next.origin.at, { name: next.name });
            return;
          }
          if (s === undefined) {
            state.set(next.name, 1);
            stack.push({ layer: next, deps: deps(next), i: 0 });
          }
        }
      }
    }
  },
};
