/** Reading one input for a command: bytes → spec text (archives unpacked), or a located error. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import { SourceFile } from '../source/source-file.js';
import { loadSpec, type LoadedSpec } from '../source/load.js';
import { readInput } from './io.js';

export function readSpec(file: string): LoadedSpec | { source: SourceFile; diagnostic: Diagnostic } {
  const name = file === '-' ? '<stdin>' : file;
  const loaded = loadSpec(readInput(file), name);
  if (!('error' in loaded)) return loaded;
  const e = loaded.error;
  const message = e.code === 'KS1017' ? MESSAGES.KS1017.text({ detail: e.detail }) : MESSAGES.KS1008.text({ dialect: e.dialect });
  return { source: new SourceFile(name, ''), diagnostic: { code: e.code, severity: 'error', message, file: name, at: { path: [] }, span: { start: 0, end: 0 } } };
}
