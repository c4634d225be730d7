/**
 * File bytes → the spec text to compile: plain JSON/YAML text, or the config.json of a `.keras`
 * archive (recognised by its zip signature, whatever the extension). HDF5 files are recognised
 * and reported (their configs are read in a later version).
 */
import { isHdf5, isZip, readKerasArchive } from '../parse/archive.js';

export interface LoadedSpec {
  readonly text: string;
  /** The name diagnostics show: `model.keras/config.json` for an archive. */
  readonly fileName: string;
  /** From the archive's metadata.json. */
  readonly kerasVersion?: string;
  /** True when the text came out of an archive (so it cannot be fixed in place). */
  readonly fromArchive?: boolean;
}

export type LoadError = { readonly code: 'KS1017'; readonly detail: string } | { readonly code: 'KS1008'; readonly dialect: string };

export function loadSpec(bytes: Uint8Array, fileName: string): LoadedSpec | { error: LoadError } {
  if (isZip(bytes)) {
    const archive = readKerasArchive(bytes);
    if ('error' in archive) return { error: { code: 'KS1017', detail: archive.error } };
    return { text: archive.config, fileName: `${fileName}/config.json`, fromArchive: true, ...(archive.kerasVersion && { kerasVersion: archive.kerasVersion }) };
  }
  if (isHdf5(bytes)) return { error: { code: 'KS1008', dialect: 'HDF5 (.h5)' } };
  if (/\.keras$/i.test(fileName)) return { error: { code: 'KS1017', detail: 'it is neither a zip archive nor an HDF5 file' } };
  return { text: new TextDecoder().decode(bytes), fileName };
}
