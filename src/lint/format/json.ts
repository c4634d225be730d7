/**
 * `--format json`: one entry per linted file (clean files too, so a consumer can tell "checked,
 * nothing found" from "not checked"), positions 1-based as in the other formats.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { LintFileResult } from '../types.js';
import { isFixable, range } from './common.js';

export function formatJson(results: readonly LintFileResult[]): string {
  const files = results.map((r) => ({
    file: r.file,
    diagnostics: r.diagnostics.map((d) => {
      const { start, end } = range(r.source, d);
      return {
        code: d.code,
        severity: d.severity,
        message: d.message,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        path: jsonPointer(d.at.path),
        suggestions: [...(d.suggestions ?? [])],
        fixable: isFixable(d),
      };
    }),
  }));
  return JSON.stringify(files, null, 2) + '\n';
}

/** RFC 6901: `""` is the whole document; `~` and `/` inside a key are escaped (`~` first). */
export function jsonPointer(path: Path): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
