/** Diagnostics are data: every user error is one of these, never an exception. */
import type { Span } from '../source/source-file.js';

export type Severity = 'error' | 'warning' | 'info';

/** A path into the parsed document: mapping keys and sequence indices. */
export type Path = readonly (string | number)[];

/**
 * Where a diagnostic points, before positions are known: a document path, whether the key or
 * the value is meant, and optionally a range inside a string value (a call string's argument).
 */
export interface Location {
  readonly path: Path;
  readonly part?: 'key' | 'value';
  readonly inner?: Span;
}

/** A text edit on the original source (fixes are applied by lint). */
export interface TextEdit {
  readonly span: Span;
  readonly text: string;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly at: Location;
  /** Resolved from `at` by the driver once the document's positions are known. */
  readonly span?: Span;
  readonly suggestions?: readonly string[];
  readonly fix?: readonly TextEdit[];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
