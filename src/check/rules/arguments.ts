/**
 * Every argument must be one the layer class takes (Keras 2 or 3), of the right type and range.
 * tfjs silently ignores unknown keys, so this is where a typo like `unit: 90` is caught.
 */
import type { Location } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { Reporter } from '../../diagnostics/report.js';
import { argsOf, lookupLayer, type LayerSpec } from '../../ir/catalogue/index.js';
import type { ArgOrigin, ModelGraph } from '../../ir/graph.js';
import { lookupObject, objectNames, type ObjectKind } from '../../ir/objects.js';
import { checkType, type TypeProblem } from '../arg-type.js';
import { forEachLayer } from '../walk.js';
import { isObj } from '../../ir/json.js';


export interface ArgumentOptions {
  /** tfjs writes `null` for every optional argument left unset; there it means "the default". */
  readonly nullMeansDefault: boolean;
}

export function checkArguments(graph: ModelGraph, reporter: Reporter, options: ArgumentOptions): void {
  forEachLayer(graph, (layer) => {
    const spec = lookupLayer(layer.className)?.spec;
    if (!spec || layer.model) return;
    checkConfig(reporter, options, spec, layer.config, layer.origin.at, layer.origin.args ?? {});
  });
}

function checkConfig(reporter: Reporter, options: ArgumentOptions, spec: LayerSpec, config: Readonly<Record<string, unknown>>, at: Location, origins: Readonly<Record<string, ArgOrigin>>): void {
  const args = argsOf(spec);
  let unknown = false;
  for (const [key, value] of Object.entries(config)) {
    const where = origins[key] ?? { key: at, value: at };
    const arg = args.get(key);
    if (!arg) {
      reporter.report('KS2002', where.key, { arg: key, layer: spec.name }, { suggestions: didYouMean(key, args.keys()) });
      unknown = true;
      continue;
    }
    if (value === null && options.nullMeansDefault && !arg.required) continue;
    const problem = checkType(arg.type, value);
    if (problem) {
      reportProblem(reporter, key, problem, where.value);
      continue;
    }
    const kind = objectKind(arg.type.t);
    if (kind && value !== null) checkObject(reporter, kind, key, value, where.value);
    if (arg.type.t === 'layer' && isObj(value)) checkNestedLayer(reporter, options, value, where.value);
  }
  // A missing argument next to an unknown one is most likely the same typo: report it once.
  if (unknown) return;
  for (const arg of spec.args) {
    if (arg.required && !(arg.name in config)) reporter.report('KS2006', at, { arg: arg.name, layer: spec.name });
  }
}

function objectKind(t: string): ObjectKind | undefined {
  return t === 'initializer' || t === 'regularizer' || t === 'constraint' ? t : undefined;
}

function checkObject(reporter: Reporter, kind: ObjectKind, key: string, value: unknown, at: Location): void {
  const name = typeof value === 'string' ? value : isObj(value) ? String(value.class_name) : '';
  if (lookupObject(kind, name)) return;
  reporter.report('KS2004', at, { arg: key, value: name, allowed: `the Keras ${kind}s` }, { suggestions: didYouMean(name, objectNames(kind)) });
}

/** `Bidirectional.layer`, `TimeDistributed.layer`: the wrapped layer's own arguments. */
function checkNestedLayer(reporter: Reporter, options: ArgumentOptions, value: Record<string, unknown>, at: Location): void {
  const found = lookupLayer(String(value.class_name));
  if (!found) {
    reporter.report('KS2001', at, { name: String(value.class_name) });
    return;
  }
  const config = isObj(value.config) ? { ...value.config } : {};
  delete config.name;
  checkConfig(reporter, options, found.spec, config, at, {});
}

function reportProblem(reporter: Reporter, key: string, p: TypeProblem, at: Location): void {
  if (p.kind === 'type') reporter.report('KS2003', at, { arg: key, expected: p.expected });
  else if (p.kind === 'range') reporter.report('KS2005', at, { arg: key, bound: p.bound });
  else reporter.report('KS2004', at, { arg: key, value: p.value, allowed: p.allowed.map((v) => JSON.stringify(v)).join(', ') }, { suggestions: didYouMean(p.value, p.allowed) });
}
