/** Visiting the IR: every layer (nested models included), every argument, every activation. */
import { lookupLayer, argsOf, type ArgSpec, type LayerSpec } from '../ir/catalogue/index.js';
import type { Location } from '../diagnostics/diagnostic.js';
import type { ArgOrigin, Config, LayerNode, ModelGraph, Origin } from '../ir/graph.js';
import { getOwn, isObj } from '../ir/json.js';
import { checkType, type TypeProblem } from './arg-type.js';
import type { RuleContext } from './rule.js';
import { NESTED_LAYER_KEYS } from '../ir/runtime-recurrent.js';

export function forEachLayer(graph: ModelGraph, fn: (layer: LayerNode, graph: ModelGraph) => void): void {
  const stack: ModelGraph[] = [graph];
  while (stack.length > 0) {
    const g = stack.pop()!;
    for (const layer of g.layers) {
      fn(layer, g);
      if (layer.model) stack.push(layer.model);
    }
  }
}

/**
 * Every layer config, and every layer nested in one (wrappers' `layer`, RNN `cell`s, at any depth).
 * Nested layers' own positions are not tracked: `at` is the key that holds them, and `origin` (where
 * a top-level layer's arguments are) is undefined.
 */
export function forEachLayerConfig(graph: ModelGraph, fn: (className: string, config: Config, at: Location, origin: Origin | undefined) => void): void {
  forEachLayer(graph, (layer) => {
    if (layer.model) return;
    fn(layer.className, layer.config, layer.origin.at, layer.origin);
    for (const key of NESTED_LAYER_KEYS) {
      const v = layer.config[key];
      if (v === undefined) continue;
      const at = layer.origin.args?.[key]?.value ?? layer.origin.at;
      for (const inner of nestedLayers({ [key]: v })) fn(inner.className, inner.config, at, undefined);
    }
  });
}

function* nestedLayers(config: Config): Generator<{ className: string; config: Config }> {
  for (const key of NESTED_LAYER_KEYS) {
    const v = config[key];
    for (const entry of Array.isArray(v) ? v : [v]) {
      if (!isObj(entry) || typeof entry.class_name !== 'string' || !isObj(entry.config)) continue;
      yield { className: entry.class_name, config: entry.config };
      yield* nestedLayers(entry.config);
    }
  }
}

export interface ArgSite {
  readonly layer: LayerNode;
  /** The class whose argument this is (the wrapped layer's class for `Bidirectional.layer`). */
  readonly spec: LayerSpec;
  readonly key: string;
  readonly value: unknown;
  /** The catalogue row, or undefined for an argument the class does not take. */
  readonly arg: ArgSpec | undefined;
  readonly keyAt: Location;
  readonly valueAt: Location;
  /** Inside a wrapped layer's config (`Bidirectional.layer`, `TimeDistributed.layer`). */
  readonly nested: boolean;
  /** What is wrong with the value for its catalogue type (checked once; three rules ask). */
  problem(): TypeProblem | undefined;
}

/** Positions are looked up only when a rule reports: most arguments are fine. */
class Site implements ArgSite {
  constructor(
    readonly layer: LayerNode,
    readonly spec: LayerSpec,
    readonly key: string,
    readonly value: unknown,
    readonly arg: ArgSpec | undefined,
    readonly nested: boolean,
    /** The wrapper's `layer` key this nested argument sits in. */
    private readonly wrapperKey?: string,
  ) {}
  private checked?: TypeProblem | null;
  problem(): TypeProblem | undefined {
    if (this.checked === undefined) this.checked = (this.arg && checkType(this.arg.type, this.value)) ?? null;
    return this.checked ?? undefined;
  }
  private where(): ArgOrigin {
    const o = this.layer.origin;
    const own = getOwn(o.args, this.wrapperKey ?? this.key);
    if (!own) return { key: o.at, value: o.at };
    return this.wrapperKey === undefined ? own : { key: own.value, value: own.value };
  }
  get keyAt(): Location {
    return this.where().key;
  }
  get valueAt(): Location {
    return this.where().value;
  }
}

/**
 * Every argument of every known layer, including the arguments of wrapped layers (whose exact
 * positions are not tracked: they point at the wrapper's `layer` value).
 */
export function forEachArg(graph: ModelGraph, ctx: Pick<RuleContext, 'memo'>, fn: (site: ArgSite) => void): void {
  for (const site of ctx.memo.get(graph, 'args', () => argSites(graph))) fn(site);
}

/** The sites of arguments named `key` only, for rules about one argument (indexed once per run). */
export function forEachArgNamed(graph: ModelGraph, ctx: Pick<RuleContext, 'memo'>, key: string, fn: (site: ArgSite) => void): void {
  const byKey = ctx.memo.get(graph, 'args by key', () => {
    const m = new Map<string, ArgSite[]>();
    forEachArg(graph, ctx, (site) => {
      const list = m.get(site.key);
      if (list) list.push(site);
      else m.set(site.key, [site]);
    });
    return m;
  });
  for (const site of byKey.get(key) ?? []) fn(site);
}

/** Several rules read every argument: the sites are collected once per graph and run. */
function argSites(graph: ModelGraph): readonly ArgSite[] {
  const out: ArgSite[] = [];
  forEachLayer(graph, (layer) => {
    if (layer.model) return;
    const spec = lookupLayer(layer.className)?.spec;
    if (!spec) return;
    visitConfig(layer, spec, layer.config, undefined, (site) => out.push(site));
  });
  return out;
}

function visitConfig(layer: LayerNode, spec: LayerSpec, config: Readonly<Record<string, unknown>>, wrapperKey: string | undefined, fn: (site: ArgSite) => void): void {
  const args = argsOf(spec);
  const nested = wrapperKey !== undefined;
  for (const key in config) {
    if (nested && key === 'name') continue;
    const value = config[key];
    const arg = args.get(key);
    fn(new Site(layer, spec, key, value, arg, nested, wrapperKey));
    if (arg?.type.t === 'layer' && isObj(value)) {
      const inner = lookupLayer(String(value.class_name))?.spec;
      if (inner && isObj(value.config)) visitConfig(layer, inner, value.config, wrapperKey ?? key, fn);
    }
  }
}
