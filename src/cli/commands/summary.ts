/** `kspec summary <spec>`: Keras's model.summary() table from kspec's own shape inference (no tfjs). */
import { compile } from '../../compile.js';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { formatSummary, summarize } from '../../emit/summary.js';
import type { Dialect } from '../../parse/detect.js';
import { UsageError, type ParsedArgs } from '../args.js';
import type { Io } from '../main.js';
import { readSpec } from '../spec-input.js';

export function summaryCommand(args: ParsedArgs, io: Io): number {
  const { positionals, flags } = args;
  if (positionals.length !== 1) throw new UsageError('summary takes exactly one spec file (or - for standard input)');
  const format = String(flags.get('format') ?? 'text');
  if (format !== 'text' && format !== 'json') throw new UsageError('--format must be text or json for summary');
  const spec = readSpec(positionals[0]!);
  const color = io.isTTY && !flags.has('no-color');
  if ('diagnostic' in spec) {
    io.stderr(formatDiagnostics([spec.diagnostic], spec.source, { color, frames: false }) + '\n');
    return 1;
  }
  const dialect = flags.get('dialect') as Dialect | undefined;
  const result = compile(spec.text, { fileName: spec.fileName, ...(spec.kerasVersion && { kerasVersion: spec.kerasVersion }), ...(dialect && { dialect }) });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.ok || !result.graph) {
    io.stderr(formatDiagnostics(errors, result.source, { color, frames: true }) + '\n');
    return 1;
  }
  const s = summarize(result.graph);
  io.stdout(format === 'json' ? JSON.stringify(s, null, 2) + '\n' : formatSummary(s));
  return 0;
}
