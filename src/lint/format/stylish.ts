/**
 * `--format stylish`: eslint's default layout, so the output reads like every other linter's.
 *
 *   models/seed.yaml
 *     4:27  error  Unknown activation "LeakyRelu". Did you mean "leaky_relu"?  KS3001
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 infos)
 *
 * Info diagnostics are shown and counted: they are notes the user gets by linting, and the
 * caller drops them (with `--quiet`) before formatting when they are not wanted.
 */
import { suggestionText } from '../../diagnostics/format.js';
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { FormatContext, LintFileResult } from '../types.js';
import { isFixable, range } from './common.js';

// SGR codes; every painted piece ends with a full reset so no colour leaks into the next cell.
const STYLE = { error: '31', warning: '33', info: '36', bold: '1', dim: '2' } as const;

type Counts = Record<Severity, number>;

export function formatStylish(results: readonly LintFileResult[], ctx: FormatContext): string {
  const paint = (style: string, s: string): string => (ctx.color ? `\x1b[${style}m${s}\x1b[0m` : s);
  const total: Counts = { error: 0, warning: 0, info: 0 };
  const fixable: Counts = { error: 0, warning: 0, info: 0 };
  let out = '\n';

  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    const rows = r.diagnostics.map((d) => {
      total[d.severity]++;
      if (isFixable(d)) fixable[d.severity]++;
      const { start } = range(r.source, d);
      return { line: String(start.line), column: String(start.column), severity: d.severity, message: d.message + suggestionText(d), code: d.code };
    });
    // Widths come from the plain text, so colour never shifts the columns; each file is its own table.
    const width = (k: keyof (typeof rows)[number]) => rows.reduce((w, row) => Math.max(w, row[k].length), 0);
    const [lw, cw, sw, mw] = [width('line'), width('column'), width('severity'), width('message')];
    const lines = rows.map((row) => {
      // eslint right-aligns the line and left-aligns the column, so the colons line up.
      const at = ' '.repeat(lw - row.line.length) + paint(STYLE.dim, `${row.line}:${row.column}`) + ' '.repeat(cw - row.column.length);
      const severity = paint(STYLE[row.severity], row.severity) + ' '.repeat(sw - row.severity.length);
      return `  ${at}  ${severity}  ${row.message.padEnd(mw)}  ${paint(STYLE.dim, row.code)}`;
    });
    out += `${paint(STYLE.bold, r.file)}\n${lines.join('\n')}\n\n`;
  }

  const problems = total.error + total.warning + total.info;
  if (problems === 0) return '';
  const summaryStyle = `${STYLE.bold};${total.error > 0 ? STYLE.error : total.warning > 0 ? STYLE.warning : STYLE.info}`;
  out += paint(summaryStyle, `✖ ${plural(problems, 'problem')} (${plural(total.error, 'error')}, ${plural(total.warning, 'warning')}, ${plural(total.info, 'info')})`) + '\n';
  if (fixable.error + fixable.warning + fixable.info > 0) {
    // eslint's sentence names errors and warnings; fixable notes are named only when there are some.
    const counts =
      fixable.info > 0
        ? `${plural(fixable.error, 'error')}, ${plural(fixable.warning, 'warning')} and ${plural(fixable.info, 'info')}`
        : `${plural(fixable.error, 'error')} and ${plural(fixable.warning, 'warning')}`;
    out += paint(summaryStyle, `  ${counts} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
