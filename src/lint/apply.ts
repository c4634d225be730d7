/**
 * Applying fixes: each diagnostic's edits go in together or not at all; a fix overlapping one
 * already taken waits for the next pass (the file is linted again, as eslint does).
 */
import type { Diagnostic, TextEdit } from '../diagnostics/diagnostic.js';

export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  const overlaps = (a: TextEdit, b: TextEdit) => a.span.start < b.span.end && b.span.start < a.span.end || (a.span.start === b.span.start && a.span.end === a.span.start && b.span.end === b.span.start);
  for (const d of diagnostics) {
    const edits = d.fix ?? [];
    if (edits.length === 0 || edits.some((e) => taken.some((t) => overlaps(e, t)))) continue;
    taken.push(...edits);
    applied++;
  }
  // Left to right in one join (editing the string once per fix is quadratic in big files).
  taken.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of taken) {
    parts.push(text.slice(at, e.span.start), e.text);
    at = e.span.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), applied };
}
