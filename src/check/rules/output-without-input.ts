/** output-without-input (KS4008): a model output that depends on none of the model's inputs. */
import type { Rule } from '../rule.js';
import { functionalGraphs, wiring, wiringBroken } from './graph-index.js';

export const outputWithoutInput: Rule = {
  code: 'KS4008',
  check(graph, ctx) {
    const { reporter } = ctx;
    if (wiringBroken(reporter)) return;
    for (const g of functionalGraphs(graph)) {
      const { byName, deps, ordered } = wiring(g, ctx);
      const inputs = new Set(g.inputs.map((t) => t.layer));
      if (ordered()) {
        // One forward pass: a layer reaches an input when it is one or reads one that does.
        const reaches = new Set(inputs);
        for (const l of g.layers) if (byName.get(l.name) === l && deps(l).some((d) => reaches.has(d))) reaches.add(l.name);
        for (const out of g.outputs) if (!reaches.has(out.layer) && byName.has(out.layer)) reporter.report('KS4008', byName.get(out.layer)!.origin.at, { name: out.layer });
        continue;
      }
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
