/** What `kspec lint` produces per file; the formatters (stylish, json, sarif) read only this. */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile } from '../source/source-file.js';

export interface LintFileResult {
  /** The path as the user gave it (or `<stdin>`). */
  readonly file: string;
  readonly source: SourceFile;
  /** Every diagnostic with `span` resolved; sorted by position. `fix` is set on fixable ones. */
  readonly diagnostics: readonly Diagnostic[];
  /** The fixed text when --fix applied edits (undefined when nothing changed). */
  readonly output?: string;
}

export interface FormatContext {
  /** Colour (stylish only; only on a TTY). */
  readonly color: boolean;
  /** Working directory, for relative paths and SARIF artifact URIs. */
  readonly cwd: string;
  /** kspec version, for SARIF's tool.driver.version. */
  readonly version: string;
}
