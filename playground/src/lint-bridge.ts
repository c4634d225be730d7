/**
 * kspec diagnostics → CodeMirror lint diagnostics at their exact spans, with quick fixes: kspec's own
 * fix (text edits on the linted text) where a rule has one, else one replacement per "Did you mean"
 * suggestion when the span holds just the misspelt word.
 */
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { suggestionText } from '../../src/diagnostics/format.js';
import { notify } from './dom.js';

export interface QuickFix {
  readonly name: string;
  /** The document the changes are positioned in. */
  readonly doc: Text;
  readonly changes: readonly { from: number; to: number; insert: string }[];
}

/** A bare or quoted name, as misspelt class, argument and activation names are written. */
const WORD = /^(["']?)([A-Za-z_][\w.-]*)\1$/;

export function quickFixes(d: Diagnostic, doc: Text): QuickFix[] {
  const span = d.span;
  if (!span) return [];
  if (d.fix && d.fix.length > 0) {
    return [{ name: 'Fix', doc, changes: d.fix.map((e) => ({ from: e.span.start, to: e.span.end, insert: e.text })) }];
  }
  const word = WORD.exec(doc.sliceString(span.start, span.end));
  if (!word) return [];
  const quote = word[1]!.length;
  return (d.suggestions ?? [])
    .filter((s) => /^[A-Za-z_][\w.-]*$/.test(s))
    .map((s) => ({ name: `Use "${s}"`, doc, changes: [{ from: span.start + quote, to: span.end - quote, insert: s }] }));
}

export function applyQuickFix(view: EditorView, fix: QuickFix): void {
  // Positions are those of the linted text; a newer edit gets its own diagnostics in a moment.
  if (view.state.doc !== fix.doc) {
    notify('The text changed since this fix was offered; try again.', true);
    return;
  }
  view.dispatch({ changes: [...fix.changes], userEvent: 'input.fix', scrollIntoView: true });
  view.focus();
}

export function toEditorDiagnostics(ds: readonly Diagnostic[], doc: Text): EditorDiagnostic[] {
  return ds.map((d) => {
    const span = d.span ?? { start: 0, end: 0 };
    return {
      from: span.start,
      to: span.end,
      severity: d.severity,
      source: d.code,
      message: d.message + suggestionText(d),
      actions: quickFixes(d, doc).map((fix) => ({ name: fix.name, apply: (view: EditorView) => applyQuickFix(view, fix) })),
    };
  });
}
