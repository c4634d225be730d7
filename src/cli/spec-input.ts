/** Reading one input for a command: bytes → spec text (archives unpacked), or a located error. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import { SourceFile } from '../source/source-file.js';
import { loadSpec, type LoadedSpec, type LoadError } from '../source/load.js';
import { readInput } from './io.js';

function message(e: LoadError): string {
  switch (e.code) {
    case 'KS1017':
      return MESSAGES.KS1017.text({ detail: e.detail });
    case 'KS1008':
      return MESSAGES.KS1008.text({ dialect: e.dialect });
    case 'KS1022':
      return MESSAGES.KS1022.text({ what: e.what, limit: e.limit });
    default:
      return MESSAGES[e.code].text({ detail: e.detail });
  }
}

export function readSpec(file: string, bytes: Uint8Array = readInput(file)): LoadedSpec | { source: SourceFile; diagnostic: Diagnostic } {
  const loaded = loadSpec(bytes, file === '-' ? '<stdin>' : file);
  if (!('error' in loaded)) return loaded;
  const e = loaded.error;
  const located = e.code === 'KS1001' || e.code === 'KS1002';
  const span = located ? e.span : { start: 0, end: 0 };
  // Undecodable text is shown in the file it is in (`model.keras/config.json` for an archive).
  const name = located ? e.fileName : file === '-' ? '<stdin>' : file;
  const source = new SourceFile(name, located ? e.text : '');
  return { source, diagnostic: { code: e.code, severity: 'error', message: message(e), file: name, at: { path: [], inner: span }, span } };
}
