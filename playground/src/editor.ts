/** The CodeMirror 6 editor: YAML or JSON highlighting, kspec's lint marks, schema completion. */
import { autocompletion } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { yaml } from '@codemirror/lang-yaml';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { kspecCompletion } from './complete.js';
import { toEditorDiagnostics } from './lint-bridge.js';

export type Syntax = 'yaml' | 'json';

/** As kspec reads it (src/parse/document.ts): the extension, else JSON when the text opens with `{` or `[`. */
export function syntaxOf(fileName: string, text: string): Syntax {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'yaml';
}

export class Editor {
  readonly view: EditorView;
  private readonly language = new Compartment();
  private syntax: Syntax;

  constructor(parent: HTMLElement, text: string, syntax: Syntax, onChange: () => void) {
    this.syntax = syntax;
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          this.language.of(syntax === 'json' ? json() : yaml()),
          lintGutter(),
          EditorView.lineWrapping,
          autocompletion({ override: [kspecCompletion] }),
          EditorView.updateListener.of((u) => u.docChanged && onChange()),
          EditorView.contentAttributes.of({ 'aria-label': 'Spec text' }),
        ],
      }),
    });
  }

  get text(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the whole text (opening a file): one undoable step, cursor at the start. */
  setText(text: string): void {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
  }

  setSyntax(syntax: Syntax): void {
    if (syntax === this.syntax) return;
    this.syntax = syntax;
    this.view.dispatch({ effects: this.language.reconfigure(syntax === 'json' ? json() : yaml()) });
  }

  /** kspec's diagnostics of the current text as lint marks (the caller computed them on this text). */
  showDiagnostics(ds: readonly Diagnostic[]): void {
    this.view.dispatch(setDiagnostics(this.view.state, toEditorDiagnostics(ds, this.view.state.doc)));
  }

  /** Selects a range, scrolls it into view and focuses the editor. */
  select(from: number, to: number): void {
    const n = this.view.state.doc.length;
    this.view.dispatch({ selection: EditorSelection.single(Math.min(from, n), Math.min(to, n)), scrollIntoView: true });
    this.view.focus();
  }
}
