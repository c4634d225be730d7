/** Reading one input for a command: bytes → spec text (archives unpacked), or a located error. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';
import { loadErrorDiagnostic, loadSpec, type LoadedSpec } from '../source/load.js';
import { readInput } from './io.js';

export function readSpec(file: string, bytes: Uint8Array = readInput(file)): LoadedSpec | { source: SourceFile; diagnostic: Diagnostic } {
  const name = file === '-' ? '<stdin>' : file;
  const loaded = loadSpec(bytes, name);
  return 'error' in loaded ? loadErrorDiagnostic(loaded.error, name) : loaded;
}
