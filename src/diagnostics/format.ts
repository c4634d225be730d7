/** Human output: `file:line:col: severity CODE message`, a suggestion, and a code frame. */
import { codeFrame, type SourceFile } from '../source/source-file.js';
import type { Diagnostic } from './diagnostic.js';

export interface FormatOptions {
  readonly color: boolean;
  readonly frames: boolean;
}

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export function suggestionText(d: Diagnostic): string {
  const s = d.suggestions ?? [];
  if (s.length === 0) return '';
  const quoted = s.map((x) => JSON.stringify(x));
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`}?`;
}

export function formatDiagnostic(d: Diagnostic, source: SourceFile, o: FormatOptions): string {
  const span = d.span ?? { start: 0, end: 0 };
  const pos = source.position(span.start);
  const c = (k: keyof typeof COLORS, s: string) => (o.color ? COLORS[k] + s + COLORS.reset : s);
  const head = `${c('bold', `${d.file}:${pos.line}:${pos.column}`)}: ${c(d.severity, d.severity)} ${c('dim', d.code)} ${d.message}${suggestionText(d)}`;
  if (!o.frames || source.text.length === 0) return head;
  return `${head}\n${codeFrame(source, span)}`;
}

export function formatDiagnostics(ds: readonly Diagnostic[], source: SourceFile, o: FormatOptions): string {
  return ds.map((d) => formatDiagnostic(d, source, o)).join('\n');
}
