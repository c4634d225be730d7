/** output-without-input (KS4008): a model output that depends on none of the model's inputs. */
import type { Rule } from '../rule.js';
import { functionalGraphs, wiring, wiringBroken } from './graph-index.js';

export const outputWithoutInput: Rule = {
  code: 'KS4008',
  check(graph, ctx) {
    const { reporter } = ctx;
    if (wiringBroken(reporter)) return;
    for (const g of functionalGraphs(graph)) {
      const { byName, deps } = wiring(g, ctx);
      const inputs = new Set(g.inputs.map((t) => t.layer));
      for (const out of g.outputs) {
        const seen = new Set<string>();
        const stack = [out.layer];
        let reaches = false;
        while (stack.length > 0 && !reaches) {
          const name = stack.pop()!;
          if (seen.has(name)) continue;
          seen.add(name);
          if (inputs.has(name)) reaches = true;
          const l = byName.get(name);
          if (l) stack.push(...deps(l));
        }
        if (!reaches && byName.has(out.layer)) reporter.report('KS4008', byName.get(out.layer)!.origin.at, { name: out.layer });
      }
    }
  },
};
