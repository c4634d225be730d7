/**
 * The corpus report: compiles every config in a folder and says, per file and in total, whether
 * kspec compiled it, whether the result loads in tfjs, and whether its parameter count equals what
 * tfjs computes from the original file on its own.
 *   npm run corpus -- <dir> [--json]
 * Initializers are replaced by Zeros before building: only structure and parameter counts matter
 * here, and tfjs's Orthogonal initializer alone can take minutes on large recurrent kernels.
 * For every config kspec compiles it also checks that the generated TypeScript (`compile --emit ts`)
 * type-checks under `tsc --strict` (one program over all of them), and that `convert --to kspec`
 * then compile gives the same model.json as compiling the original.
 *
 * A folder with trained model files (HDF5 or `.keras` zips, told by their magic bytes) also gets a
 * weights report (scripts/weights-corpus.ts): each converted with `convertKerasModel`, checked bit
 * for bit through h5wasm, loaded in tfjs and run. With `--json`, the output is then
 * `{ "configs": [...], "weights": [...] }` instead of the configs' array.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { compile } from '../src/compile.js';
import { hasErrors } from '../src/diagnostics/diagnostic.js';
import { suggestionText } from '../src/diagnostics/format.js';
import { isKerasDefault, toKspecYaml } from '../src/emit/kspec.js';
import { emitTypeScript } from '../src/emit/typescript.js';
import { frontEnd } from '../src/front.js';
import { lookupLayer } from '../src/ir/catalogue/index.js';
import { isObj } from '../src/ir/json.js';
import { graphSpec } from '../src/graph/index.js';
import { summarizeWeights, weightsLines, weightsReport } from './weights-corpus.js';

type Tf = typeof import('@tensorflow/tfjs');

export interface CorpusRow {
  file: string;
  dialect: string;
  compiled: boolean;
  loads: boolean;
  params?: number;
  tfjsAlone?: number | string;
  sameParams?: boolean;
  /** The same layers (class and name) as tfjs alone, not counting layers kspec's rewrites added. */
  sameLayers?: boolean;
  diagnostic?: string;
  /** The generated TypeScript type-checks under `tsc --strict` (compiled files only). */
  typeChecks?: boolean;
  /** The first type error (or emitter failure) when it does not. */
  typeError?: string;
  /** `convert --to kspec`, compiled, gives the same model.json (compiled files only). */
  roundTrip?: boolean;
  /** Why it does not: the first differing path, or the failing step. */
  roundTripError?: string;
  /** Equal once Keras defaults are left out of both (what the kspec spec omits). */
  roundTripLoose?: boolean;
  roundTripLooseError?: string;
  /** `kspec graph` drew an SVG (for every file whose model could be read, compiled or not). */
  graphed?: boolean;
}


/** Deep copy with every `*_initializer` set to Zeros. */
function zeroInit(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(zeroInit);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = /_initializer$/.test(k) && x !== null ? { class_name: 'Zeros', config: {} } : zeroInit(x);
  return out;
}

function topology(value: unknown): unknown {
  if (!isObj(value)) return value;
  return isObj(value.modelTopology) ? value.modelTopology : value;
}

async function built(tf: Tf, topo: unknown): Promise<{ params: number; layers: string[] }> {
  const model = await tf.models.modelFromJSON({ modelTopology: zeroInit(topo) as never });
  const out = { params: model.countParams(), layers: model.layers.map((l) => `${l.getClassName()}:${l.name}`) };
  model.dispose();
  return out;
}

/** The project root: the nearest folder above this script whose package.json names kspec. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'kspec') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('corpus: cannot find the kspec project root');
    dir = up;
  }
}

/** The options test/emit-ts.test.ts checks generated modules with: strict, and kspec's stricter ones. */
const STRICT: ts.CompilerOptions = {
  strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
  skipLibCheck: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, types: [],
};

/**
 * Type-checks generated modules (key → text) as one program; key → first error, '' when none.
 * They are written under the project's node_modules/.cache so `@tensorflow/tfjs` resolves, beside
 * a `kspec` package whose `kspec/runtime` types are src/runtime (as test/emit-ts.test.ts does).
 */
function typeCheck(modules: ReadonlyMap<string, string>): { errors: Map<string, string>; other: string[] } {
  const root = projectRoot();
  const dir = join(root, 'node_modules/.cache/kspec-corpus');
  const runDir = join(dir, `run-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  try {
    // A package scope of its own: without one, `kspec/runtime` resolves as kspec's self-reference (dist/).
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'kspec-corpus', private: true, type: 'module' }));
    const pkg = join(dir, 'node_modules/kspec');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'kspec', type: 'module', exports: { './runtime': { types: './runtime.d.ts' } } }));
    writeFileSync(join(pkg, 'runtime.d.ts'), `export * from ${JSON.stringify(relative(pkg, join(root, 'src/runtime/index.js')))};\n`);
    const byPath = new Map<string, string>();
    for (const [key, text] of modules) {
      const file = join(runDir, `${key.replace(/\W/g, '-')}.ts`);
      writeFileSync(file, text);
      byPath.set(file, key);
    }
    const program = ts.createProgram([...byPath.keys()], STRICT);
    const errors = new Map([...modules.keys()].map((k) => [k, '']));
    const other: string[] = [];
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const where = d.file && d.start !== undefined ? `${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      const text = `TS${d.code} ${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      const key = d.file ? byPath.get(d.file.fileName) : undefined;
      if (key === undefined) other.push(`${d.file ? relative(root, d.file.fileName) + ' ' : ''}${text}`);
      else if (!errors.get(key)) errors.set(key, text);
    }
    return { errors, other };
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** The first path where two JSON values differ, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : `${path || '(root)'}: ${short(a)} vs ${short(b)}`;
}

const short = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 80));

/**
 * A model.json with every layer config's Keras defaults left out (null, trainable true, dtype
 * float32, and each value equal to the catalogue's Keras default): what the converted spec omits.
 * A key dropped with any other value still differs.
 */
function withoutDefaults(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDefaults);
  if (!isObj(v)) return v;
  const spec = typeof v.class_name === 'string' && isObj(v.config) ? lookupLayer(v.class_name)?.spec : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'config' && spec && isObj(x)) {
      const config: Record<string, unknown> = {};
      for (const [ck, cx] of Object.entries(x)) if (cx !== null && !isKerasDefault(spec, ck, cx)) config[ck] = withoutDefaults(cx);
      out[k] = config;
    } else out[k] = withoutDefaults(x);
  }
  return out;
}

/** `convert --to kspec` (as the CLI does it), then compile: undefined when the model.json is the same. */
function roundTrip(file: string, text: string, modelJSON: unknown): { error?: string; loose?: string; again?: unknown } {
  const fe = frontEnd(text, { fileName: file });
  if (!fe.graph || hasErrors(fe.reporter.diagnostics)) return { error: 'convert --to kspec fails' };
  const yaml = toKspecYaml(fe.graph, fe.source.name, fe.semantics);
  const again = compile(yaml, { fileName: `${file.replace(/\.\w+$/, '')}.kspec.yaml` });
  if (!again.ok || !again.modelJSON) {
    const first = again.diagnostics.find((d) => d.severity === 'error');
    return { error: `converted spec does not compile: ${first ? `${first.code} ${first.message}` : 'no model.json'}` };
  }
  // The text `kspec compile` writes, read back: what a user would diff.
  const asWritten = (v: unknown) => JSON.parse(JSON.stringify(v, null, 2)) as unknown;
  const [a, b] = [asWritten(modelJSON), asWritten(again.modelJSON)];
  const error = firstDifference(a, b);
  const loose = firstDifference(withoutDefaults(a), withoutDefaults(b));
  return { ...(error !== undefined && { error }), ...(loose !== undefined && { loose }), again: again.modelJSON };
}

const errorLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 160);

export async function corpusReport(dir: string): Promise<CorpusRow[]> {
  const tf = await import('@tensorflow/tfjs');
  // Compiled models may name kspec's runtime classes; tfjs alone never needs them.
  await import('../src/runtime/index.js');
  const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/i.test(f) && statSync(join(dir, f)).isFile()).sort();
  const rows: CorpusRow[] = [];
  const generated = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = compile(text, { fileName: file });
    const row: CorpusRow = { file, dialect: result.dialect ?? '-', compiled: result.ok, loads: false };
    const first = result.diagnostics.find((d) => d.severity === 'error');
    if (first) {
      const pos = result.source.position(first.span?.start ?? 0);
      row.diagnostic = `${first.code} ${pos.line}:${pos.column} ${first.message}${suggestionText(first)}`;
    }
    if (result.ok && result.modelJSON) {
      try {
        generated.set(file, emitTypeScript(result, { sourceName: file }));
      } catch (e) {
        row.typeChecks = false;
        row.typeError = `emitTypeScript: ${errorLine(e)}`;
      }
      let compiledAgain = false;
      try {
        const r = roundTrip(file, text, result.modelJSON);
        if (r.error !== undefined) row.roundTripError = r.error;
        if (r.loose !== undefined) row.roundTripLooseError = r.loose;
        compiledAgain = r.again !== undefined;
      } catch (e) {
        row.roundTripError = `threw: ${errorLine(e)}`;
      }
      row.roundTrip = row.roundTripError === undefined;
      row.roundTripLoose = compiledAgain && row.roundTripLooseError === undefined;
    }
    let ours: string[] = [];
    if (result.ok && result.modelJSON) {
      try {
        const b = await built(tf, result.modelJSON.modelTopology);
        row.params = b.params;
        const added = new Set(result.graph!.layers.filter((l) => l.origin.synthetic).map((l) => l.name));
        ours = b.layers.filter((l) => !added.has(l.slice(l.indexOf(':') + 1)));
        row.loads = true;
      } catch (e) {
        row.diagnostic = `tfjs: ${errorLine(e)}`;
      }
    }
    let theirs: string[] = [];
    try {
      const original = /\.ya?ml$/i.test(file) ? parseYaml(text, { uniqueKeys: false, logLevel: 'error' }) : JSON.parse(text);
      const b = await built(tf, topology(original));
      row.tfjsAlone = b.params;
      theirs = b.layers;
    } catch (e) {
      row.tfjsAlone = `FAIL ${errorLine(e)}`;
    }
    if (row.loads && typeof row.tfjsAlone === 'number') {
      row.sameParams = row.params === row.tfjsAlone;
      row.sameLayers = ours.join() === theirs.join();
    }
    const diagram = await graphSpec(text, { fileName: file, format: 'svg' });
    row.graphed = diagram.output?.includes('<svg') ?? false;
    rows.push(row);
  }
  if (generated.size > 0) {
    const { errors, other } = typeCheck(generated);
    for (const row of rows) {
      const error = errors.get(row.file);
      if (error === undefined) continue;
      row.typeChecks = error === '';
      if (error) row.typeError = error;
    }
    for (const o of other) console.error(`type error outside the generated files: ${o}`);
  }
  return rows;
}

export function summarize(rows: readonly CorpusRow[]): string {
  const n = rows.length;
  const compiled = rows.filter((r) => r.compiled).length;
  const loads = rows.filter((r) => r.loads).length;
  const alone = rows.filter((r) => typeof r.tfjsAlone === 'number');
  const same = alone.filter((r) => r.sameParams).length;
  const sameLayers = alone.filter((r) => r.sameLayers).length;
  const regressions = alone.filter((r) => !r.loads).map((r) => r.file);
  const emitted = rows.filter((r) => r.compiled);
  const typeChecks = emitted.filter((r) => r.typeChecks).length;
  const roundTrips = emitted.filter((r) => r.roundTrip).length;
  const roundTripsLoose = emitted.filter((r) => r.roundTripLoose).length;
  const graphed = rows.filter((r) => r.graphed).length;
  return [
    `files: ${n}`,
    `compiled by kspec: ${compiled}/${n}`,
    `load in tfjs after kspec: ${loads}/${n}`,
    `load in tfjs alone: ${alone.length}/${n}`,
    `same params as tfjs alone: ${same}/${alone.length}`,
    `same layers as tfjs alone: ${sameLayers}/${alone.length}`,
    `loaded by tfjs alone but not after kspec: ${regressions.length ? regressions.join(', ') : 'none'}`,
    `generated TypeScript type-checks: ${typeChecks}/${emitted.length}`,
    `kspec round trip compiles identically: ${roundTrips}/${emitted.length}`,
    `kspec round trip compiles identically up to Keras defaults: ${roundTripsLoose}/${emitted.length}`,
    `diagram drawn (kspec graph, SVG): ${graphed}/${n} (compiled: ${emitted.filter((r) => r.graphed).length}/${emitted.length})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: npm run corpus -- <dir> [--json]');
    process.exitCode = 2;
    return;
  }
  const rows = await corpusReport(dir);
  const weights = await weightsReport(dir);
  if (args.includes('--json')) {
    console.log(JSON.stringify(weights.length > 0 ? { configs: rows, weights } : rows, null, 2));
    return;
  }
  if (rows.length > 0 || weights.length === 0) printConfigs(rows);
  if (weights.length > 0) {
    if (rows.length > 0) console.log('');
    console.log('weights conversion (convertKerasModel; bit-for-bit through h5wasm; tfjs load and predict on zeros):');
    for (const line of weightsLines(weights)) console.log(line);
    console.log('\n' + summarizeWeights(weights));
  }
}

function printConfigs(rows: readonly CorpusRow[]): void {
  for (const r of rows) {
    const params = r.loads ? String(r.params) : '-';
    const alone = typeof r.tfjsAlone === 'number' ? String(r.tfjsAlone) : 'FAIL';
    const mark = r.sameParams === false ? ' (PARAMS DIFFER)' : r.sameLayers === false ? ' (LAYERS DIFFER)' : '';
    console.log(`${r.file.padEnd(42)} ${r.dialect.padEnd(6)} ${r.compiled ? 'compiled' : 'failed  '} ${r.loads ? 'loads' : '-    '} params ${params.padStart(10)} alone ${alone.padStart(10)}${mark}${r.diagnostic ? `  ${r.diagnostic}` : ''}`);
  }
  const typeFailures = rows.filter((r) => r.typeChecks === false);
  const tripFailures = rows.filter((r) => r.roundTrip === false);
  if (typeFailures.length > 0) console.log('\ngenerated TypeScript with type errors (first error):');
  for (const r of typeFailures) console.log(`  ${r.file}: ${r.typeError}`);
  if (tripFailures.length > 0) console.log('\nkspec round trip differs (first difference, original vs round trip):');
  for (const r of tripFailures) console.log(`  ${r.file}: ${r.roundTripError}`);
  const looseFailures = rows.filter((r) => r.roundTripLoose === false);
  if (looseFailures.length > 0) console.log('\nkspec round trip differs beyond Keras defaults (first difference, original vs round trip):');
  for (const r of looseFailures) console.log(`  ${r.file}: ${r.roundTripLooseError ?? r.roundTripError}`);
  console.log('\n' + summarize(rows));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) await main();
