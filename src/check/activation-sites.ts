/** Every place an activation is given, with what it compiles to: the activation rules read this. */
import type { Location } from '../diagnostics/diagnostic.js';
import { classifyActivation, type ActivationOutcome, type Semantics } from '../ir/activations.js';
import { lookupLayer } from '../ir/catalogue/index.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';
import { isObj } from '../ir/json.js';
import type { RuleContext } from './rule.js';
import { forEachLayer } from './walk.js';

export interface ActivationSite {
  readonly layer: LayerNode;
  /** The graph the layer sits in (a nested model's, for its layers). */
  readonly graph: ModelGraph;
  readonly key: 'activation' | 'recurrent_activation';
  readonly value: unknown;
  readonly at: Location;
  /** Inside a recurrent cell (or a wrapped one): nothing can be inserted, only a tfjs builtin works. */
  readonly inCell: boolean;
  /** Inside `TimeDistributed.layer` / `Bidirectional.layer`. */
  readonly wrapped: boolean;
  readonly outcome: ActivationOutcome;
}

const KEYS = ['activation', 'recurrent_activation'] as const;

/** The position is looked up only when a rule reports it. */
class Site implements ActivationSite {
  constructor(
    readonly layer: LayerNode,
    readonly graph: ModelGraph,
    readonly key: ActivationSite['key'],
    readonly value: unknown,
    private readonly where: (k: string) => Location,
    readonly inCell: boolean,
    readonly wrapped: boolean,
    readonly outcome: ActivationOutcome,
  ) {}
  get at(): Location {
    return this.where(this.key);
  }
}

/** Six rules read the activation sites: they are collected once per graph and run. */
export function activationSites(graph: ModelGraph, ctx: Pick<RuleContext, 'memo' | 'semantics'>): readonly ActivationSite[] {
  return ctx.memo.get(graph, 'activations', () => collect(graph, ctx.semantics));
}

function collect(graph: ModelGraph, semantics: Semantics): ActivationSite[] {
  const out: ActivationSite[] = [];
  forEachLayer(graph, (layer, g) => {
    const spec = layer.model ? undefined : lookupLayer(layer.className)?.spec;
    if (!spec) return;
    const add = (config: Readonly<Record<string, unknown>>, inCell: boolean, wrapped: boolean, at: (k: string) => Location) => {
      for (const key of KEYS) {
        if (!(key in config)) continue;
        out.push(new Site(layer, g, key, config[key], at, inCell, wrapped, classifyActivation(config[key], semantics)));
      }
    };
    const argAt = (k: string) => layer.origin.args?.[k]?.value ?? layer.origin.at;
    const inner = isObj(layer.config.layer) ? layer.config.layer : undefined;
    if (inner && (spec.name === 'TimeDistributed' || spec.name === 'Bidirectional')) {
      const innerSpec = lookupLayer(String(inner.class_name))?.spec;
      const innerConfig = isObj(inner.config) ? inner.config : {};
      add(innerConfig, spec.name === 'Bidirectional' || innerSpec?.category === 'recurrent', true, () => argAt('layer'));
      return;
    }
    add(layer.config, spec.category === 'recurrent', false, argAt);
  });
  return out;
}
