/**
 * What several rules derive from one graph (argument sites, activation sites, wiring lookups),
 * computed once per run. It lives in the RuleContext and dies with it: module-level WeakMaps keyed
 * by graphs made V8 keep every linted graph alive until a full GC (ephemerons survive scavenges),
 * which cost ~0.5 ms of GC per ResNet-50 lint, a third of the lint.
 */
import type { ModelGraph } from '../ir/graph.js';

export class GraphMemo {
  private readonly values = new Map<ModelGraph, Map<string, unknown>>();

  get<T>(graph: ModelGraph, key: string, compute: () => T): T {
    let byKey = this.values.get(graph);
    if (!byKey) this.values.set(graph, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute());
    return byKey.get(key) as T;
  }
}
