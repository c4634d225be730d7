/** The `kspec` command line. Exit codes: 0 ok, 1 errors in the input, 2 usage or I/O problems. */
import { DIALECTS } from '../parse/detect.js';
import { VERSION } from '../version.js';
import { parseArgs, UsageError, type FlagSpec } from './args.js';
import { compileCommand } from './commands/compile.js';
import { convertCommand } from './commands/convert.js';
import { graphCommand } from './commands/graph.js';
import { lintCommand } from './commands/lint.js';
import { summaryCommand } from './commands/summary.js';
import { IoError } from './io.js';

export const HELP = `kspec ${VERSION} — compile and lint Keras-style model specs for TensorFlow.js

Usage:
  kspec compile <spec> [-o model.json]   compile a spec or .keras archive to a tfjs model.json
  kspec lint <files|folders|globs|->     check specs; folders are walked for .json/.yaml/.yml/.keras
  kspec summary <spec>                   Keras's model.summary() table, without building the model
  kspec graph <spec> [-o model.svg]      a diagram of the model: SVG (Graphviz layout), DOT or Mermaid
  kspec convert <file> --to <dialect>    kspec (readable YAML), keras2 (tf.keras to_json) or tfjs
  kspec convert <model.keras|model.h5> --to tfjs -o <folder>
                                         a trained model to model.json + weight shards (no Python)
  kspec --help | --version

Inputs are read in any dialect kspec knows (detected; --dialect forces one):
  kspec     kspec YAML/JSON specs (see README)
  keras2    tf.keras 2.x model.to_json() / to_yaml(), also {"model_config": …}
  tfjs      tfjs model.json (format layers-model) or a bare topology
  keras3    Keras 3 model.to_json() and .keras archives (their config.json)
  keras1    Keras 1 JSON (keras-js era: Convolution2D, Merge, …), read as Keras 2

compile options:
  -o, --output <file>    write the result to <file> (atomically)
  --emit <what>          model-json (default); ts or js: a TypeScript / JavaScript module whose
                         buildModel() builds the model with tf.layers calls; or stubs: a TypeScript
                         module with a tfjs class stub per custom layer class the model names
                         (written even with errors)
  --verbose              also print notes (rewrites made, aliases resolved)

lint options:
  --format <name>        stylish (default), json or sarif
  --max-warnings <n>     exit 1 when there are more than n warnings
  --fix                  apply fixes to the files (atomically; comments and layout kept)
  --fix-dry-run          print the fixes as a unified diff instead of writing them
  --quiet                report errors only

summary options:
  --format <name>        text (default) or json

graph options:
  --format <name>        svg (default), dot or mermaid; from -o's extension when not given
                         (.svg, .dot/.gv, .mmd): inserted layers are dashed, layers with errors red
  -o, --output <file>    write the diagram to <file> (atomically)

convert options:
  --to <dialect>         kspec: a readable YAML spec (call strings, Keras defaults left out);
                         keras2: a model.to_json() tf.keras 2.x loads; tfjs: the model.json compile writes
  -o, --output <file>    write the result to <file> (atomically)
  trained models (a .keras archive, a Keras HDF5 file, or a config with --weights), --to tfjs:
  -o, --output <folder>  write model.json and its weight shards there (or -o <folder>/model.json)
  --weights <file>       the weights (.h5 / .weights.h5) for a config given as <file>
  --shard-size <bytes>   bytes per shard, as the tfjs converter's (default 4m; 4194304, 4096k)
  --quantize <dtype>     float16, uint8 or uint16, as the tfjs converter's --quantize_* (default off)

common options:
  --dialect <name>       force a dialect: ${DIALECTS.join(', ')}
  --no-color             plain output even on a terminal
  -h, --help             show this help
  -v, --version          print the version

Exit status: 0 no errors, 1 errors in the input (or too many warnings), 2 usage or I/O problem.
`;

const FLAGS: readonly FlagSpec[] = [
  { name: 'output', short: 'o', value: true },
  { name: 'emit', value: true },
  { name: 'to', value: true },
  { name: 'dialect', value: true },
  { name: 'verbose' },
  { name: 'no-color' },
  { name: 'format', value: true },
  { name: 'max-warnings', value: true },
  { name: 'fix' },
  { name: 'fix-dry-run' },
  { name: 'quiet' },
  { name: 'weights', value: true },
  { name: 'shard-size', value: true },
  { name: 'quantize', value: true },
  { name: 'help', short: 'h' },
  { name: 'version', short: 'v' },
];

/** Which flags each command takes; anything else is a usage error. */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  compile: ['output', 'dialect', 'verbose', 'no-color', 'emit'],
  lint: ['dialect', 'no-color', 'format', 'max-warnings', 'fix', 'fix-dry-run', 'quiet'],
  summary: ['dialect', 'no-color', 'format'],
  graph: ['dialect', 'no-color', 'format', 'output'],
  convert: ['dialect', 'no-color', 'to', 'output', 'weights', 'shard-size', 'quantize'],
};
const COMMANDS = { compile: compileCommand, lint: lintCommand, summary: summaryCommand, graph: graphCommand, convert: convertCommand } as const;

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
}

/** The exit status; a promise for commands that load part of kspec on demand (trained models). */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  const failed = (e: unknown): number => {
    if (e instanceof UsageError || e instanceof IoError) {
      io.stderr(`kspec: ${e.message}\n`);
      return 2;
    }
    throw e;
  };
  try {
    const args = parseArgs(argv, FLAGS);
    if (args.flags.has('help')) return io.stdout(HELP), 0;
    if (args.flags.has('version')) return io.stdout(`${VERSION}\n`), 0;
    const [command, ...rest] = args.positionals;
    if (command === undefined) return io.stderr(HELP), 2;
    if (!Object.hasOwn(COMMANDS, command)) throw new UsageError(`unknown command "${command}" (try kspec --help)`);
    for (const flag of args.flags.keys()) {
      if (!COMMAND_FLAGS[command]!.includes(flag)) throw new UsageError(`${command} does not take --${flag}`);
    }
    const dialect = args.flags.get('dialect');
    if (dialect !== undefined && !(DIALECTS as readonly string[]).includes(String(dialect))) {
      throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}`);
    }
    const code = COMMANDS[command as keyof typeof COMMANDS]({ positionals: rest, flags: args.flags }, io);
    return typeof code === 'number' ? code : code.catch(failed);
  } catch (e) {
    return failed(e);
  }
}
