/**
 * `compile`: the front end, the checks, the rewrites, the model.json. Stops after the first stage
 * with errors. Never throws on bad input.
 */
import { runChecks } from './check/index.js';
import { GraphMemo } from './check/memo.js';
import type { RuleContext } from './check/rule.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { toKspecYaml } from './emit/kspec.js';
import { toModelJSON, type ModelJSON } from './emit/model-json.js';
import { frontEnd, resolvedDiagnostics, type FrontEnd, type FrontEndOptions } from './front.js';
import { inferShapes } from './infer/index.js';
import type { InferResult } from './infer/types.js';
import type { ModelGraph } from './ir/graph.js';
import type { Dialect } from './parse/detect.js';
import { dropRejected } from './passes/drop-rejected.js';
import { exactLayers } from './passes/exact-layers.js';
import { expandActivations } from './passes/expand-activations.js';
import { fillDefaults } from './passes/fill-defaults.js';
import { flattenFlat } from './passes/flatten-flat.js';
import { normalizeObjects } from './passes/normalize-objects.js';
import { renameArguments } from './passes/rename-arguments.js';
import { scalarAxis } from './passes/scalar-axis.js';
import { replaceClasses } from './passes/replace-classes.js';
import { resolveReshape } from './passes/resolve-reshape.js';
import { runtimeRecurrentLayers } from './passes/runtime-recurrent.js';
import type { SourceFile } from './source/source-file.js';

export type CompileOptions = FrontEndOptions;

export interface CompileResult {
  readonly ok: boolean;
  /** Every diagnostic, with `span` resolved against the source. */
  readonly diagnostics: readonly Diagnostic[];
  readonly dialect?: Dialect;
  /** The rewritten IR (present when ok). */
  readonly graph?: ModelGraph;
  /** The tfjs model.json (present when ok). */
  readonly modelJSON?: ModelJSON;
  readonly source: SourceFile;
}

/** Rule context over a graph; shape inference runs once, on first use. */
export function ruleContext(fe: ReturnType<typeof frontEnd>, graph: ModelGraph, mode: RuleContext['mode'], extra: Partial<RuleContext> = {}): RuleContext {
  let shapes: InferResult | undefined;
  return { reporter: fe.reporter, dialect: fe.dialect!, semantics: fe.semantics, mode, shapes: () => (shapes ??= inferShapes(graph)), memo: new GraphMemo(), ...extra };
}

export function compile(text: string, options: CompileOptions = {}): CompileResult {
  const fe = frontEnd(text, options);
  const r = compileFrontEnd(fe);
  const diagnostics = resolvedDiagnostics(fe);
  return { ok: !hasErrors(diagnostics), diagnostics, source: fe.source, ...(fe.dialect && { dialect: fe.dialect }), ...(r && { graph: r.graph, modelJSON: r.modelJSON }) };
}

/**
 * The checks and rewrites on a front end's graph (diagnostics go to its reporter): the graph as
 * read (`lowered`, the source's classes and layer order) and as compiled, or undefined on errors.
 */
export function compileFrontEnd(fe: FrontEnd): { lowered: ModelGraph; graph: ModelGraph; modelJSON: ModelJSON } | undefined {
  const lowered = fe.graph;
  if (!lowered || hasErrors(fe.reporter.diagnostics)) return undefined;
  runChecks(lowered, ruleContext(fe, lowered, 'compile'));
  if (hasErrors(fe.reporter.diagnostics)) return undefined;
  const graph = runtimeRecurrentLayers(flattenFlat(resolveReshape(dropRejected(normalizeObjects(fillDefaults(exactLayers(scalarAxis(renameArguments(replaceClasses(expandActivations(lowered, fe.semantics)))))))))));
  const value = fe.doc?.value;
  const passthrough = fe.dialect === 'tfjs' && typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return { lowered, graph, modelJSON: toModelJSON(graph, passthrough) };
}

/**
 * `convert --to kspec`: the model as read, written as a readable kspec spec. No checks and no
 * rewrites: the spec says what the source says (a Keras 3 source keeps `keras: 3`).
 */
export function convertToKspec(text: string, options: CompileOptions = {}): { ok: boolean; diagnostics: readonly Diagnostic[]; source: SourceFile; output?: string } {
  const fe = frontEnd(text, options);
  const diagnostics = resolvedDiagnostics(fe);
  if (!fe.graph || hasErrors(diagnostics)) return { ok: false, diagnostics, source: fe.source };
  return { ok: true, diagnostics, source: fe.source, output: toKspecYaml(fe.graph, fe.source.name, fe.semantics) };
}
