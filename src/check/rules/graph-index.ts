/** Lookups the wiring rules share: layers by name, and how many node indices each answers to. */
import type { Location } from '../../diagnostics/diagnostic.js';
import type { LayerNode, ModelGraph, TensorRef } from '../../ir/graph.js';
import type { Reporter } from '../../diagnostics/report.js';
import type { RuleContext } from '../rule.js';

/** Each functional graph, nested ones included (wiring is checked per graph). */
export function functionalGraphs(graph: ModelGraph): ModelGraph[] {
  const out: ModelGraph[] = [];
  const stack = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    if (g.style === 'functional') out.push(g);
    for (const l of g.layers) if (l.model) stack.push(l.model);
  }
  return out;
}

/** The lookups wiring rules share for one graph, built once per run. */
export interface Wiring {
  /** The first layer of each name (duplicates are their own rule). */
  readonly byName: ReadonlyMap<string, LayerNode>;
  /** Layers a layer reads from (its calls' input layers), each once. */
  deps(l: LayerNode): readonly string[];
  /**
   * Whether source order is a topological order: each layer (the first of its name) reads only
   * layers before it. Then there is no cycle, and one forward pass settles reachability.
   */
  ordered(): boolean;
}

export function wiring(g: ModelGraph, ctx: Pick<RuleContext, 'memo'>): Wiring {
  return ctx.memo.get(g, 'wiring', () => {
    const byName = new Map<string, LayerNode>();
    for (const l of g.layers) if (!byName.has(l.name)) byName.set(l.name, l);
    const deps = new Map<LayerNode, readonly string[]>();
    let ordered: boolean | undefined;
    const w: Wiring = {
      byName,
      deps(l) {
        let names = deps.get(l);
        if (!names) {
          const seen = new Set<string>();
          for (const c of l.calls) for (const t of c.inputs) seen.add(t.layer);
          deps.set(l, (names = [...seen]));
        }
        return names;
      },
      ordered() {
        if (ordered === undefined) {
          const before = new Set<string>();
          ordered = g.layers.every((l) => byName.get(l.name) !== l || (w.deps(l).every((d) => before.has(d)) && before.add(l.name)));
        }
        return ordered;
      },
    };
    return w;
  });
}

/** Node indices a layer answers to: its calls, plus the built-in node 0 of nested models and inputs. */
export function nodeCount(l: LayerNode): number {
  return l.className === 'InputLayer' ? 1 : l.calls.length + (l.model ? 1 : 0);
}

/**
 * Every tensor reference of a graph: each call's inputs (with the layer, call and input index that
 * `referenceAt` turns into a position when a rule reports), then the model outputs (no layer).
 */
export function forEachReference(g: ModelGraph, fn: (t: TensorRef, from?: LayerNode, call?: number, input?: number) => void): void {
  for (const l of g.layers) {
    for (let i = 0; i < l.calls.length; i++) {
      const inputs = l.calls[i]!.inputs;
      for (let j = 0; j < inputs.length; j++) fn(inputs[j]!, l, i, j);
    }
  }
  for (const t of g.outputs) fn(t);
}

/**
 * Where a reference from `forEachReference` is written: input `tensor` of call `call` of a layer
 * (its inbound node entry in Keras configs), or the model's own position for an output.
 */
export function referenceAt(g: ModelGraph, l: LayerNode | undefined, call = 0, tensor = 0): Location {
  if (!l) return g.origin.at;
  const named = l.calls[call]?.inputsAt?.[tensor];
  if (named) return named;
  return l.origin.entry ? { path: [...l.origin.entry, 'inbound_nodes', call, tensor, 0] } : l.origin.at;
}

/** Whether references are already reported broken: the graph-shape rules then stay quiet. */
export function wiringBroken(reporter: Reporter): boolean {
  return reporter.diagnostics.some((d) => d.code === 'KS4002' || d.code === 'KS4003' || d.code === 'KS4005');
}
