/** Lookups the wiring rules share: layers by name, and how many node indices each answers to. */
import type { Location } from '../../diagnostics/diagnostic.js';
import type { LayerNode, ModelGraph } from '../../ir/graph.js';
import type { Reporter } from '../../diagnostics/report.js';

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

/** The first layer of each name (duplicates are their own rule). */
export function layersByName(g: ModelGraph): Map<string, LayerNode> {
  const m = new Map<string, LayerNode>();
  for (const l of g.layers) if (!m.has(l.name)) m.set(l.name, l);
  return m;
}

/** Node indices a layer answers to: its calls, plus the built-in node 0 of nested models and inputs. */
export function nodeCount(l: LayerNode): number {
  return l.className === 'InputLayer' ? 1 : l.calls.length + (l.model ? 1 : 0);
}

/** Layers each layer reads from (its calls' input layers). */
export function dependencies(l: LayerNode): string[] {
  return [...new Set(l.calls.flatMap((c) => c.inputs.map((t) => t.layer)))];
}

/** Where input `tensor` of call `call` of a layer is written: its inbound node entry in Keras configs. */
export function referenceAt(l: LayerNode, call: number, tensor: number): Location {
  const named = l.calls[call]?.inputsAt?.[tensor];
  if (named) return named;
  return l.origin.entry ? { path: [...l.origin.entry, 'inbound_nodes', call, tensor, 0] } : l.origin.at;
}

/** Whether references are already reported broken: the graph-shape rules then stay quiet. */
export function wiringBroken(reporter: Reporter): boolean {
  return reporter.diagnostics.some((d) => d.code === 'KS4002' || d.code === 'KS4003' || d.code === 'KS4005');
}
