/**
 * The driver: parse → detect → lower → check → rewrite → emit. Each stage reports into one
 * Reporter; the driver stops after the first stage with errors. Never throws on bad input.
 */
import { checkArguments } from './check/rules/arguments.js';
import { checkTfjsSupport } from './check/rules/tfjs-support.js';
import { checkWiring } from './check/rules/wiring.js';
import { hasErrors, type Diagnostic } from './diagnostics/diagnostic.js';
import { Reporter } from './diagnostics/report.js';
import { toModelJSON, type ModelJSON } from './emit/model-json.js';
import type { ModelGraph } from './ir/graph.js';
import type { Semantics } from './ir/activations.js';
import { lowerKerasModel } from './lower/keras.js';
import { lowerKspec } from './lower/kspec/index.js';
import { parseDocumentText, type ParsedDocument } from './parse/document.js';
import { detectDialect, type Dialect } from './parse/detect.js';
import { expandActivations } from './passes/expand-activations.js';
import { dropRejected } from './passes/drop-rejected.js';
import { fillDefaults } from './passes/fill-defaults.js';
import { normalizeObjects } from './passes/normalize-objects.js';
import { SourceFile } from './source/source-file.js';

export interface CompileOptions {
  /** Shown in diagnostics; its extension (.json / .yaml / .yml) picks the syntax. */
  readonly fileName?: string;
  /** Forces a dialect instead of detecting it. */
  readonly dialect?: Dialect;
}

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

const SEMANTICS: Record<Dialect, Semantics> = { kspec: 'keras2', keras2: 'keras2', tfjs: 'keras2', keras1: 'keras2', keras3: 'keras3' };
const DIALECT_NAMES: Record<Dialect, string> = { kspec: 'a kspec spec', keras2: 'a Keras 2 config', keras3: 'Keras 3 JSON', tfjs: 'a tfjs model.json', keras1: 'Keras 1 JSON' };
const UNSUPPORTED: Partial<Record<Dialect, string>> = { keras3: 'Keras 3', keras1: 'Keras 1' };

export function compile(text: string, options: CompileOptions = {}): CompileResult {
  const source = new SourceFile(options.fileName ?? '<input>', text);
  const reporter = new Reporter(source.name);
  const done = (doc: ParsedDocument | undefined, extra: Partial<CompileResult> = {}): CompileResult => {
    const clamp = (n: number) => Math.max(0, Math.min(n, text.length));
    const diagnostics = reporter.diagnostics.map((d) => {
      const span = doc ? doc.locate(d.at) : (d.at.inner ?? { start: 0, end: 0 });
      return { ...d, span: { start: clamp(span.start), end: clamp(Math.max(span.start, span.end)) } };
    });
    return { ok: !hasErrors(diagnostics), diagnostics, source, ...extra };
  };

  const doc = parseDocumentText(source, reporter);
  if (!doc) return done(undefined);
  const detected = detectDialect(doc.value, options.dialect);
  if ('found' in detected) {
    reporter.report('KS1007', { path: [] }, { found: detected.found });
    return done(doc);
  }
  const { dialect } = detected;
  reporter.report('KS1011', { path: [], inner: { start: 0, end: 0 } }, { dialect: DIALECT_NAMES[dialect] });
  const unsupported = UNSUPPORTED[dialect];
  if (unsupported) {
    reporter.report('KS1008', { path: detected.path }, { dialect: unsupported });
    return done(doc, { dialect });
  }
  const ctx = { reporter, semantics: SEMANTICS[dialect] };
  const lowered = dialect === 'kspec' ? lowerKspec(ctx, detected.model, detected.path) : lowerKerasModel(ctx, detected.model, detected.path);
  if (!lowered || hasErrors(reporter.diagnostics)) return done(doc, { dialect });

  checkArguments(lowered, reporter, { nullMeansDefault: dialect === 'tfjs' });
  checkWiring(lowered, reporter);
  checkTfjsSupport(lowered, reporter);
  if (hasErrors(reporter.diagnostics)) return done(doc, { dialect });

  const graph = dropRejected(normalizeObjects(fillDefaults(expandActivations(lowered, ctx))));
  if (hasErrors(reporter.diagnostics)) return done(doc, { dialect });
  const passthrough = dialect === 'tfjs' && typeof doc.value === 'object' && doc.value !== null ? (doc.value as Record<string, unknown>) : {};
  return done(doc, { dialect, graph, modelJSON: toModelJSON(graph, passthrough) });
}
