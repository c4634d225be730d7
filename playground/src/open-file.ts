/**
 * Opening a file from the Open button or by dropping it on the page: a kspec spec, Keras 2/3 JSON, a
 * tfjs model.json, or a `.keras` archive (opened as its config.json, its Keras version kept for
 * compiling). Reading goes through kspec's `loadSpec`, so encodings and damaged archives are
 * reported as the CLI reports them.
 */
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { loadErrorDiagnostic, loadSpec } from '../../src/source/load.js';
import type { Input } from './analysis.js';
import { byId, errorText, notify } from './dom.js';

async function open(file: File, onOpen: (input: Input) => void): Promise<void> {
  try {
    const loaded = loadSpec(new Uint8Array(await file.arrayBuffer()), file.name);
    if ('error' in loaded) {
      const { source, diagnostic } = loadErrorDiagnostic(loaded.error, file.name);
      notify(`Cannot open ${file.name}: ${formatDiagnostic(diagnostic, source, { color: false, frames: false })}`, true);
      return;
    }
    onOpen({ text: loaded.text, fileName: loaded.fileName, ...(loaded.kerasVersion && { kerasVersion: loaded.kerasVersion }) });
    notify(`Opened ${loaded.fileName}${loaded.kerasVersion ? ` (saved by Keras ${loaded.kerasVersion})` : ''}.`);
  } catch (e) {
    notify(`Cannot open ${file.name}: ${errorText(e)}`, true);
  }
}

export function setUpFileOpening(onOpen: (input: Input) => void): void {
  const input = byId<HTMLInputElement>('file-input');
  byId('open').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    // Cleared so that choosing the same file again opens it again.
    input.value = '';
    if (file) void open(file, onOpen);
  });

  const overlay = byId('drop');
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') === true;
  // Captured before the editor sees them: CodeMirror would insert a dropped file's text at the drop point.
  window.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    overlay.hidden = false;
  }, true);
  window.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) overlay.hidden = true;
  });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    overlay.hidden = true;
    const file = e.dataTransfer?.files[0];
    if (file) void open(file, onOpen);
  }, true);
}
