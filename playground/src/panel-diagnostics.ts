/** The Diagnostics panel: every lint diagnostic with its code and line:col; a click selects its range. */
import type { Text } from '@codemirror/state';
import type { Analysis } from './analysis.js';
import { h, message } from './dom.js';
import { quickFixes, type QuickFix } from './lint-bridge.js';
import type { Panel } from './tabs.js';
import { suggestionText } from '../../src/diagnostics/format.js';

export interface DiagnosticsActions {
  /** The editor's document the analysis was made of (fixes are positioned in it). */
  readonly doc: () => Text;
  readonly select: (from: number, to: number) => void;
  readonly fix: (fix: QuickFix) => void;
}

export function diagnosticsPanel(actions: DiagnosticsActions): Panel {
  return {
    id: 'diagnostics',
    title: 'Diagnostics',
    render(analysis: Analysis, body: HTMLElement) {
      const { source, diagnostics } = analysis.lint;
      if (diagnostics.length === 0) {
        body.replaceChildren(message('No problems: kspec compiles this as written.'));
        return;
      }
      const doc = actions.doc();
      const rows = diagnostics.map((d) => {
        const span = d.span ?? { start: 0, end: 0 };
        const at = source.position(span.start);
        const fixes = quickFixes(d, doc).map((fix) =>
          h('button', { type: 'button', class: 'small', onclick: (e: Event) => (e.stopPropagation(), actions.fix(fix)) }, fix.name),
        );
        return h(
          'li',
          { 'data-code': d.code, 'data-line': at.line, 'data-column': at.column, title: 'Show in the editor', onclick: () => actions.select(span.start, span.end) },
          h('span', { class: `severity ${d.severity}` }, d.severity),
          h('span', { class: 'pos' }, `${at.line}:${at.column}`),
          h('span', { class: 'text' }, h('span', { class: 'code' }, d.code), ' ', d.message + suggestionText(d)),
          h('span', { class: 'fixes' }, ...fixes),
        );
      });
      body.replaceChildren(h('ul', { class: 'diagnostics' }, ...rows));
    },
  };
}
