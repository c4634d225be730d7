/** The `kspec` command line. Exit codes: 0 ok, 1 errors in the input, 2 usage or I/O problems. */
import { compile } from '../compile.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { DIALECTS, type Dialect } from '../parse/detect.js';
import { VERSION } from '../version.js';
import { parseArgs, UsageError } from './args.js';
import { IoError, readInput, writeAtomic } from './io.js';

export const HELP = `kspec ${VERSION} — compile Keras-style model specs into TensorFlow.js models

Usage:
  kspec compile <spec> [-o model.json]   compile a spec to a tfjs model.json (stdout without -o)
  kspec --help | --version

<spec> is a file or - for standard input, in any dialect kspec reads (detected):
  kspec     kspec YAML/JSON specs (see README)
  keras2    tf.keras 2.x model.to_json() / to_yaml(), also {"model_config": …}
  tfjs      tfjs model.json (format layers-model) or a bare topology
  keras3    Keras 3 configs (detected; not compiled yet)

Options:
  -o, --output <file>    write the result to <file> (atomically)
  --dialect <name>       force a dialect: ${DIALECTS.join(', ')}
  --verbose              also print notes (rewrites made, aliases resolved)
  --no-color             plain output even on a terminal
  -h, --help             show this help
  -v, --version          print the version

Exit status: 0 compiled, 1 the input has errors, 2 usage or I/O problem.
`;

const FLAGS = [
  { name: 'output', short: 'o', value: true },
  { name: 'dialect', value: true },
  { name: 'verbose' },
  { name: 'no-color' },
  { name: 'help', short: 'h' },
  { name: 'version', short: 'v' },
] as const;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
}

export function main(argv: readonly string[], io: Io): number {
  try {
    const { positionals, flags } = parseArgs(argv, FLAGS);
    if (flags.has('help')) return io.stdout(HELP), 0;
    if (flags.has('version')) return io.stdout(`${VERSION}\n`), 0;
    const [command, ...rest] = positionals;
    if (command === undefined) return io.stderr(HELP), 2;
    if (command !== 'compile') throw new UsageError(`unknown command "${command}" (try kspec --help)`);
    if (rest.length !== 1) throw new UsageError('compile takes exactly one spec file (or - for standard input)');
    const dialect = flags.get('dialect');
    if (dialect !== undefined && !(DIALECTS as readonly string[]).includes(String(dialect))) {
      throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}`);
    }
    const file = rest[0]!;
    const text = readInput(file);
    const result = compile(text, { fileName: file === '-' ? '<stdin>' : file, ...(dialect !== undefined && { dialect: dialect as Dialect }) });
    const shown = result.diagnostics.filter((d) => d.severity !== 'info' || flags.has('verbose'));
    if (shown.length > 0) io.stderr(formatDiagnostics(shown, result.source, { color: io.isTTY && !flags.has('no-color'), frames: true }) + '\n');
    if (!result.ok || !result.modelJSON) return 1;
    const out = JSON.stringify(result.modelJSON, null, 2) + '\n';
    const output = flags.get('output');
    if (typeof output === 'string') writeAtomic(output, out);
    else io.stdout(out);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof IoError) {
      io.stderr(`kspec: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
