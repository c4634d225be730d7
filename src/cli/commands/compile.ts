/**
 * `kspec compile <spec> [-o model.json]`: a tfjs model.json, or located errors (exit 1).
 * `--emit ts|js`: a module whose buildModel() builds the model with tfjs calls (the emitter loads
 * ts-morph's code writer itself, on first use: the other commands never load it).
 */
import { CUSTOM_CODE_CLASSES } from '../../check/rules/custom-code.js';
import { compile } from '../../compile.js';
import { stubsModule } from '../../emit/stubs.js';
import { emitTypeScript } from '../../emit/typescript.js';
import { frontEnd, resolvedDiagnostics, type FrontEndOptions } from '../../front.js';
import { formatDiagnostic, formatDiagnostics } from '../../diagnostics/format.js';
import type { Dialect } from '../../parse/detect.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { writeAtomic } from '../io.js';
import { readSpec } from '../spec-input.js';
import type { Io } from '../main.js';

export function compileCommand(args: ParsedArgs, io: Io): number {
  const { positionals, flags } = args;
  if (positionals.length !== 1) throw new UsageError('compile takes exactly one spec file (or - for standard input)');
  const file = positionals[0]!;
  const dialect = flags.get('dialect') as Dialect | undefined;
  const spec = readSpec(file);
  if ('diagnostic' in spec) {
    io.stderr(formatDiagnostics([spec.diagnostic], spec.source, { color: io.isTTY && !flags.has('no-color'), frames: false }) + '\n');
    return 1;
  }
  const options = { fileName: spec.fileName, ...(spec.kerasVersion && { kerasVersion: spec.kerasVersion }), ...(dialect && { dialect }) };
  const emit = flags.get('emit') ?? 'model-json';
  if (emit === 'stubs') return stubsCommand(spec.text, options, flags, io);
  if (emit !== 'model-json' && emit !== 'ts' && emit !== 'js') throw new UsageError('--emit must be model-json, stubs, ts or js');
  const result = compile(spec.text, options);
  const shown = result.diagnostics.filter((d) => d.severity !== 'info' || flags.has('verbose'));
  // One write per diagnostic: a file with hundreds of thousands of problems never builds one giant string.
  for (const d of shown) io.stderr(formatDiagnostic(d, result.source, { color: io.isTTY && !flags.has('no-color'), frames: true }) + '\n');
  if (!result.ok || !result.modelJSON) return 1;
  const out = emit === 'model-json' ? JSON.stringify(result.modelJSON, null, 2) + '\n' : emitTypeScript(result, { sourceName: spec.fileName, js: emit === 'js' });
  const output = flags.get('output');
  if (typeof output === 'string') writeAtomic(output, out);
  else io.stdout(out);
  return 0;
}

/** `--emit stubs`: tfjs class stubs for the custom classes a model names, even when it has errors. */
function stubsCommand(text: string, options: FrontEndOptions, flags: ParsedArgs['flags'], io: Io): number {
  const fe = frontEnd(text, options);
  if (!fe.graph) {
    const shown = resolvedDiagnostics(fe).filter((d) => d.severity === 'error');
    io.stderr(formatDiagnostics(shown, fe.source, { color: io.isTTY && !flags.has('no-color'), frames: true }) + '\n');
    return 1;
  }
  const out = stubsModule(fe.graph, CUSTOM_CODE_CLASSES, fe.source.name);
  const output = flags.get('output');
  if (typeof output === 'string') writeAtomic(output, out);
  else io.stdout(out);
  return 0;
}
