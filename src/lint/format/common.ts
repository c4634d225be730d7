/** What the three lint formats share: where a diagnostic starts and ends, and whether it is fixable. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Position, SourceFile } from '../../source/source-file.js';

/** 1-based start and end (the position of `span.end`, i.e. just after the last character). */
export function range(source: SourceFile, d: Diagnostic): { start: Position; end: Position } {
  // The driver resolves every span; a missing one points at the top of the file rather than throwing.
  const span = d.span ?? { start: 0, end: 0 };
  return { start: source.position(span.start), end: source.position(Math.max(span.start, span.end)) };
}

export function isFixable(d: Diagnostic): boolean {
  return d.fix !== undefined && d.fix.length > 0;
}
