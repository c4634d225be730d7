/**
 * The front end every command shares: parse → detect the dialect → lower to IR. Reports into one
 * Reporter and stops at the first stage that cannot go on.
 */
import { kerasVersionDefaults } from './passes/keras-version-defaults.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { Reporter } from './diagnostics/report.js';
import type { Semantics } from './ir/activations.js';
import type { ModelGraph } from './ir/graph.js';
import { lowerKerasModel } from './lower/keras.js';
import { finishKeras1, keras1Context, normalizeKeras1 } from './lower/keras1/index.js';
import { normalizeKeras3 } from './lower/keras3/index.js';
import { mapTfOps } from './lower/tf-ops.js';
import { lowerKspec } from './lower/kspec/index.js';
import { detectDialect, type Dialect } from './parse/detect.js';
import { parseDocumentText, type ParsedDocument } from './parse/document.js';
import { SourceFile } from './source/source-file.js';

export interface FrontEndOptions {
  /** Shown in diagnostics; its extension (.json / .yaml / .yml) picks the syntax. */
  readonly fileName?: string;
  /** Forces a dialect instead of detecting it. */
  readonly dialect?: Dialect;
  /** The Keras version the file was saved by (reported as a note; some defaults depend on it). */
  readonly kerasVersion?: string;
  /** The Keras version of a file saved with this config (its weights), when the config names none. */
  readonly companionVersion?: string;
}

export interface FrontEnd {
  readonly source: SourceFile;
  readonly reporter: Reporter;
  readonly doc?: ParsedDocument;
  readonly dialect?: Dialect;
  readonly semantics: Semantics;
  /** The lowered graph, when lowering succeeded. */
  readonly graph?: ModelGraph;
}

const SEMANTICS: Record<Dialect, Semantics> = { kspec: 'keras2', keras2: 'keras2', tfjs: 'keras2', keras1: 'keras2', keras3: 'keras3' };
const DIALECT_NAMES: Record<Dialect, string> = { kspec: 'a kspec spec', keras2: 'a Keras 2 config', keras3: 'Keras 3 JSON', tfjs: 'a tfjs model.json', keras1: 'Keras 1 JSON' };
const UNSUPPORTED: Partial<Record<Dialect, string>> = {};

export function frontEnd(text: string, options: FrontEndOptions = {}): FrontEnd {
  const source = new SourceFile(options.fileName ?? '<input>', text);
  const reporter = new Reporter(source.name);
  if (options.kerasVersion) reporter.report('KS1016', { path: [], inner: { start: 0, end: 0 } }, { version: options.kerasVersion });
  const doc = parseDocumentText(source, reporter);
  if (!doc) return { source, reporter, semantics: 'keras2' };
  const detected = detectDialect(doc.value, options.dialect);
  if ('found' in detected) {
    reporter.report('KS1007', { path: [] }, { found: detected.found });
    return { source, reporter, doc, semantics: 'keras2' };
  }
  const { dialect } = detected;
  // A kspec spec may ask for Keras 3's meaning of activation names (`keras: 3`).
  const semantics = dialect === 'kspec' && detected.model.keras === 3 ? 'keras3' : SEMANTICS[dialect];
  reporter.report('KS1011', { path: [], inner: { start: 0, end: 0 } }, { dialect: DIALECT_NAMES[dialect] });
  const unsupported = UNSUPPORTED[dialect];
  if (unsupported) {
    reporter.report('KS1008', { path: detected.path }, { dialect: unsupported });
    return { source, reporter, doc, dialect, semantics };
  }
  const ctx = { reporter, semantics };
  const k1 = dialect === 'keras1' ? keras1Context(reporter) : undefined;
  const model = dialect === 'keras3' ? normalizeKeras3(detected.model, detected.path, { reporter }) : k1 ? normalizeKeras1(detected.model, detected.path, k1) : detected.model;
  const lowered = dialect === 'kspec' ? lowerKspec(ctx, model, detected.path) : lowerKerasModel(ctx, model, detected.path);
  const mapped = lowered && dialect !== 'kspec' ? mapTfOps(lowered, reporter) : lowered;
  const finished = k1 && mapped ? finishKeras1(mapped, k1) : mapped;
  const value = doc?.value;
  const own = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).keras_version : undefined;
  const graph = finished && kerasVersionDefaults(finished, options.kerasVersion ?? (typeof own === 'string' ? own : options.companionVersion));
  return { source, reporter, doc, dialect, semantics, ...(graph && { graph }) };
}

/** Diagnostics with spans resolved against the document (clamped to the text), in text order. */
export function resolvedDiagnostics(fe: FrontEnd): Diagnostic[] {
  const n = fe.source.text.length;
  const clamp = (x: number) => Math.max(0, Math.min(x, n));
  return fe.reporter.diagnostics
    .map((d) => {
      const span = fe.doc ? fe.doc.locate(d.at) : (d.at.inner ?? { start: 0, end: 0 });
      return { ...d, span: { start: clamp(span.start), end: clamp(Math.max(span.start, span.end)) } };
    })
    .sort((a, b) => a.span.start - b.span.start);
}
