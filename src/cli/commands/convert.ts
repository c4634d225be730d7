/**
 * `kspec convert <file> --to kspec|keras2|tfjs [-o out]`: any dialect → a readable kspec YAML spec,
 * a tf.keras 2.x `model.to_json()`, or the tfjs model.json `compile` writes.
 */
import { runChecks } from '../../check/index.js';
import { compile, convertToKspec, ruleContext } from '../../compile.js';
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { toKeras2JSON } from '../../emit/model-json.js';
import { frontEnd, resolvedDiagnostics } from '../../front.js';
import { lookupLayer } from '../../ir/catalogue/index.js';
import type { ModelGraph } from '../../ir/graph.js';
import type { Dialect } from '../../parse/detect.js';
import { expandActivations } from '../../passes/expand-activations.js';
import { renameArguments } from '../../passes/rename-arguments.js';
import { replaceClasses } from '../../passes/replace-classes.js';
import type { SourceFile } from '../../source/source-file.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { readInput, writeAtomic } from '../io.js';
import { isHdf5, isZip } from '../../parse/archive.js';
import type { Io } from '../main.js';
import { readSpec } from '../spec-input.js';

const TARGETS = ['kspec', 'keras2', 'tfjs'] as const;

/** kspec's own runtime classes a graph names (tf.keras cannot load them). */
function runtimeClasses(g: ModelGraph): string[] {
  const out = new Set<string>();
  const visit = (m: ModelGraph) => {
    for (const l of m.layers) {
      if (l.model) visit(l.model);
      const spec = lookupLayer(l.className)?.spec;
      // Keras classes the runtime implements (Conv1DTranspose, …) load in tf.keras; kspec's own do not.
      if (spec?.runtime) out.add(spec.name);
    }
  };
  visit(g);
  return [...out];
}

export function convertCommand(args: ParsedArgs, io: Io): number | Promise<number> {
  const { positionals, flags } = args;
  if (positionals.length !== 1) throw new UsageError('convert takes exactly one file (or - for standard input)');
  const to = flags.get('to');
  if (typeof to !== 'string' || !(TARGETS as readonly string[]).includes(to)) throw new UsageError(`convert needs --to ${TARGETS.join('|')}`);
  const file = positionals[0]!;
  const bytes = readInput(file);
  const weighted = flags.has('weights') || isHdf5(bytes) || (isZip(bytes) && flags.has('output'));
  if (weighted && to !== 'tfjs') throw new UsageError(`trained weights convert --to tfjs only (${to} is a config format)`);
  if (flags.has('shard-size') || flags.has('quantize')) {
    if (!weighted) throw new UsageError('--shard-size and --quantize apply to a trained model (.keras, .h5, or a config with --weights)');
  }
  // The HDF5 reader and the shard writer load only for this (see convert-weights.ts).
  if (weighted) return import('./convert-weights.js').then((m) => m.convertWeightsCommand(file, bytes, args, io));
  const color = io.isTTY && !flags.has('no-color');
  const fail = (ds: readonly Diagnostic[], source: SourceFile) => {
    io.stderr(formatDiagnostics(ds.filter((d) => d.severity === 'error'), source, { color, frames: true }) + '\n');
    return 1;
  };
  const spec = readSpec(file, bytes);
  if ('diagnostic' in spec) return fail([spec.diagnostic], spec.source);
  if (to === 'tfjs' && spec.fromArchive) io.stderr(`kspec: printing the topology only; give -o <folder> to convert the archive's weights too\n`);
  const dialect = flags.get('dialect') as Dialect | undefined;
  const options = { fileName: spec.fileName, ...(spec.kerasVersion && { kerasVersion: spec.kerasVersion }), ...(dialect && { dialect }) };
  let out: string;
  if (to === 'tfjs') {
    const r = compile(spec.text, options);
    if (!r.ok || !r.modelJSON) return fail(r.diagnostics, r.source);
    out = JSON.stringify(r.modelJSON, null, 2) + '\n';
  } else if (to === 'kspec') {
    const r = convertToKspec(spec.text, options);
    if (r.output === undefined) return fail(r.diagnostics, r.source);
    out = r.output;
  } else {
    const fe = frontEnd(spec.text, options);
    if (!fe.graph || hasErrors(fe.reporter.diagnostics)) return fail(resolvedDiagnostics(fe), fe.source);
    // Keras 2 reads what the source means: the checks must pass, activations become layers Keras 2 has.
    runChecks(fe.graph, ruleContext(fe, fe.graph, 'compile'));
    if (hasErrors(fe.reporter.diagnostics)) return fail(resolvedDiagnostics(fe), fe.source);
    const graph = replaceClasses(renameArguments(expandActivations(fe.graph, fe.semantics)));
    const runtime = runtimeClasses(graph);
    if (runtime.length > 0) {
      io.stderr(`kspec: the model needs kspec's runtime (${runtime.join(', ')}), which tf.keras cannot load; convert it --to tfjs instead\n`);
      return 1;
    }
    out = JSON.stringify(toKeras2JSON(graph)) + '\n';
  }
  const output = flags.get('output');
  if (typeof output === 'string') writeAtomic(output, out);
  else io.stdout(out);
  return 0;
}
