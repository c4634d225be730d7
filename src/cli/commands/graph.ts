/**
 * `kspec graph <spec> [-o model.svg] [--format svg|dot|mermaid]`: the model as a diagram. The
 * format follows the output's extension unless given (.dot/.gv, .mmd, else svg). A spec with
 * errors is still drawn, its broken layers marked, and the command exits 1.
 */
import { formatDiagnostic } from '../../diagnostics/format.js';
import { GRAPH_FORMATS, graphSpec, type GraphFormat } from '../../graph/index.js';
import type { Dialect } from '../../parse/detect.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { writeAtomic } from '../io.js';
import type { Io } from '../main.js';
import { readSpec } from '../spec-input.js';

const BY_EXTENSION: Record<string, GraphFormat> = { '.dot': 'dot', '.gv': 'dot', '.mmd': 'mermaid', '.mermaid': 'mermaid', '.svg': 'svg' };

function formatOf(flag: unknown, output: unknown): GraphFormat {
  if (flag !== undefined) {
    if (!(GRAPH_FORMATS as readonly unknown[]).includes(flag)) throw new UsageError(`--format must be ${GRAPH_FORMATS.join(', ')} for graph`);
    return flag as GraphFormat;
  }
  const ext = typeof output === 'string' ? /\.[^./\\]+$/.exec(output.toLowerCase())?.[0] : undefined;
  return (ext && BY_EXTENSION[ext]) || 'svg';
}

export async function graphCommand(args: ParsedArgs, io: Io): Promise<number> {
  const { positionals, flags } = args;
  if (positionals.length !== 1) throw new UsageError('graph takes exactly one spec file (or - for standard input)');
  const output = flags.get('output');
  const format = formatOf(flags.get('format'), output);
  const color = io.isTTY && !flags.has('no-color');
  const spec = readSpec(positionals[0]!);
  if ('diagnostic' in spec) {
    io.stderr(formatDiagnostic(spec.diagnostic, spec.source, { color, frames: false }) + '\n');
    return 1;
  }
  const dialect = flags.get('dialect') as Dialect | undefined;
  const result = await graphSpec(spec.text, { fileName: spec.fileName, format, ...(spec.kerasVersion && { kerasVersion: spec.kerasVersion }), ...(dialect && { dialect }) });
  for (const d of result.diagnostics) if (d.severity !== 'info') io.stderr(formatDiagnostic(d, result.source, { color, frames: true }) + '\n');
  if (result.output !== undefined) {
    if (typeof output === 'string') writeAtomic(output, result.output);
    else io.stdout(result.output);
  }
  return result.ok ? 0 : 1;
}
