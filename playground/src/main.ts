/**
 * The kspec playground: an editor on the left, kspec's outputs on the right. Every edit is analysed
 * after a short pause (lint marks, the visible panel, the URL); the rest waits until asked for.
 */
import type { Text } from '@codemirror/state';
import seed from '../../examples/seed.yaml?raw';
import { Analysis, type Input } from './analysis.js';
import { loadSchemaIndex } from './complete.js';
import { byId, copyText, errorText, notify } from './dom.js';
import { Editor, syntaxOf } from './editor.js';
import { applyQuickFix } from './lint-bridge.js';
import { setUpFileOpening } from './open-file.js';
import { diagnosticsPanel } from './panel-diagnostics.js';
import { diagramPanel } from './panel-diagram.js';
import { runInto, runPanel } from './panel-run.js';
import { summaryPanel } from './panel-summary.js';
import { textPanel } from './panel-text.js';
import type { BackendChoice } from './run.js';
import { Tabs } from './tabs.js';
import { decodeState, encodeState } from './url-state.js';

const DEBOUNCE_MS = 200;

const initial: Input = decodeState(location.hash) ?? { text: seed, fileName: 'seed.yaml' };
/** The file the text belongs to: its name picks the syntax; an archive's Keras version is kept. */
let file: Omit<Input, 'text'> = { fileName: initial.fileName, ...(initial.kerasVersion && { kerasVersion: initial.kerasVersion }) };

let timer: ReturnType<typeof setTimeout> | undefined;
const editor = new Editor(byId('editor'), initial.text, syntaxOf(initial.fileName, initial.text), () => {
  clearTimeout(timer);
  timer = setTimeout(analyze, DEBOUNCE_MS);
});

let analysis: Analysis | undefined;
/** The document `analysis` was made of: quick fixes are positioned in it. */
let analyzedDoc: Text = editor.view.state.doc;

const tabs = new Tabs(byId('tabs'), byId('panels'), [
  diagnosticsPanel({ doc: () => analyzedDoc, select: (from, to) => editor.select(from, to), fix: (fix) => applyQuickFix(editor.view, fix) }),
  summaryPanel(),
  diagramPanel((from, to) => editor.select(from, to)),
  textPanel({ id: 'typescript', title: 'TypeScript', hint: 'kspec compile --emit ts: builds the model with tf.layers calls', output: (a) => a.typescript, fileName: (s) => `${s}.ts`, mime: 'text/typescript' }),
  textPanel({ id: 'model-json', title: 'model.json', hint: 'kspec compile: the topology tf.models.modelFromJSON loads', output: (a) => a.modelJSON, fileName: () => 'model.json', mime: 'application/json' }),
  textPanel({ id: 'kspec', title: 'kspec', hint: 'kspec convert --to kspec: the model as a readable spec', output: (a) => a.kspec, fileName: (s) => `${s}.kspec.yaml`, mime: 'text/yaml' }),
  runPanel,
]);

function analyze(): Analysis {
  clearTimeout(timer);
  const text = editor.text;
  const current = new Analysis({ text, ...file });
  analysis = current;
  analyzedDoc = editor.view.state.doc;
  editor.setSyntax(syntaxOf(file.fileName, text));
  byId('file-name').textContent = file.kerasVersion ? `${file.fileName} · Keras ${file.kerasVersion}` : file.fileName;
  document.title = `${file.fileName} · kspec playground`;
  try {
    const ds = current.lint.diagnostics;
    editor.showDiagnostics(ds);
    const count = (s: string) => ds.filter((d) => d.severity === s).length;
    const [errors, warnings] = [count('error'), count('warning')];
    tabs.badge('diagnostics', ds.length > 0 ? String(ds.length) : undefined, errors > 0 ? 'error' : warnings > 0 ? 'warning' : '');
  } catch (e) {
    editor.showDiagnostics([]);
    notify(`kspec failed on this text (a bug worth reporting): ${errorText(e)}`, true);
  }
  tabs.update(current);
  history.replaceState(null, '', encodeState(current.input));
  return current;
}

function open(input: Input): void {
  file = { fileName: input.fileName, ...(input.kerasVersion && { kerasVersion: input.kerasVersion }) };
  editor.setText(input.text);
  analyze();
}

setUpFileOpening(open);

byId('share').addEventListener('click', () => {
  analyze(); // the URL then holds the text as it is now
  void copyText(location.href, 'Link');
});

const runButton = byId<HTMLButtonElement>('run');
runButton.addEventListener('click', async () => {
  // The text as it is now, not as of the last pause in typing.
  const current = analyze();
  tabs.show('run');
  runButton.disabled = true;
  try {
    await runInto(tabs.body('run'), current, byId<HTMLSelectElement>('backend').value as BackendChoice);
  } finally {
    runButton.disabled = false;
  }
});

// A link pasted into this tab's address bar changes only the hash.
window.addEventListener('hashchange', () => {
  const state = decodeState(location.hash);
  if (state && (!analysis || encodeState(analysis.input) !== location.hash)) open(state);
});

analyze();
// The completion tables load while the page is idle, before the first completion asks for them.
setTimeout(() => void loadSchemaIndex(), 1000);
