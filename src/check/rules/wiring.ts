/**
 * The graph must be wired: unique layer names, references to layers that exist and calls they
 * have, no cycles, and a Sequential model that knows its input shape.
 */
import type { Reporter } from '../../diagnostics/report.js';
import type { LayerNode, ModelGraph, TensorRef } from '../../ir/graph.js';

export function checkWiring(graph: ModelGraph, reporter: Reporter): void {
  const stack: ModelGraph[] = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    checkGraph(g, reporter, g === graph);
    for (const l of g.layers) if (l.model) stack.push(l.model);
  }
}

/** How many node indices a layer answers to (nested models keep a built-in node 0). */
function nodeCount(l: LayerNode): number {
  return l.calls.length + (l.model ? 1 : 0);
}

function checkGraph(g: ModelGraph, reporter: Reporter, top: boolean): void {
  const byName = new Map<string, LayerNode>();
  for (const l of g.layers) {
    if (byName.has(l.name)) reporter.report('KS4001', l.origin.at, { name: l.name });
    else byName.set(l.name, l);
  }
  if (g.style === 'sequential') {
    if (g.layers.length === 0) reporter.report('KS4006', g.origin.at, {});
    else if (top && !hasInputShape(g.layers[0]!)) reporter.report('KS4004', g.layers[0]!.origin.at, {});
    return;
  }
  const ref = (t: TensorRef, at: LayerNode['origin']['at'], asInput = false): boolean => {
    const target = byName.get(t.layer);
    if (!target) {
      reporter.report('KS4002', at, { name: t.layer });
      return false;
    }
    const count = target.className === 'InputLayer' ? 1 : nodeCount(target);
    if (t.node >= count && !(asInput && target.className === 'InputLayer')) {
      reporter.report('KS4005', at, { name: t.layer, index: t.node, count });
      return false;
    }
    return true;
  };
  let ok = true;
  for (const l of g.layers) for (const c of l.calls) for (const t of c.inputs) ok = ref(t, l.origin.at) && ok;
  for (const t of [...g.inputs, ...g.outputs]) ok = ref(t, g.origin.at, true) && ok;
  if (ok) findCycle(g, byName, reporter);
}

function hasInputShape(l: LayerNode): boolean {
  if (l.model) return l.model.layers.length > 0 && hasInputShape(l.model.layers[0]!);
  return l.className === 'InputLayer' || 'batch_input_shape' in l.config || 'input_shape' in l.config || 'batch_shape' in l.config || 'input_dim' in l.config;
}

/** Iterative depth-first search over layer dependencies. */
function findCycle(g: ModelGraph, byName: Map<string, LayerNode>, reporter: Reporter): void {
  const state = new Map<string, 1 | 2>();
  for (const start of g.layers) {
    if (state.has(start.name)) continue;
    const stack: { layer: LayerNode; deps: string[]; i: number }[] = [{ layer: start, deps: deps(start), i: 0 }];
    state.set(start.name, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.i >= top.deps.length) {
        state.set(top.layer.name, 2);
        stack.pop();
        continue;
      }
      const next = byName.get(top.deps[top.i++]!)!;
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

function deps(l: LayerNode): string[] {
  return [...new Set(l.calls.flatMap((c) => c.inputs.map((t) => t.layer)))];
}
