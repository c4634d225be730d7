/**
 * One analysis of the editor text: what each panel shows, computed on first use and shared, so a
 * hidden panel costs nothing and two panels never compile the same text twice.
 */
import { compile, convertToKspec, type CompileOptions, type CompileResult } from '../../src/compile.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { emitTypeScript } from '../../src/emit/typescript.js';
import { lintText } from '../../src/lint/lint.js';
import type { LintFileResult } from '../../src/lint/types.js';
import type { SourceFile } from '../../src/source/source-file.js';

/** What the editor holds: the text, the name it was opened under, and an archive's Keras version. */
export interface Input {
  readonly text: string;
  readonly fileName: string;
  readonly kerasVersion?: string;
}

/** An output text, or the errors that prevent it (one `file:line:col: error CODE message` each). */
export type Output = { readonly text: string } | { readonly errors: string };

export class Analysis {
  private memo = new Map<string, unknown>();

  constructor(readonly input: Input) {}

  get options(): CompileOptions {
    const { fileName, kerasVersion } = this.input;
    return { fileName, ...(kerasVersion && { kerasVersion }) };
  }

  private once<T>(key: string, f: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, f());
    return this.memo.get(key) as T;
  }

  /** Every diagnostic, fixes attached: the editor's marks and the Diagnostics panel. */
  get lint(): LintFileResult {
    return this.once('lint', () => lintText(this.input.text, this.options));
  }

  get compiled(): CompileResult {
    return this.once('compile', () => compile(this.input.text, this.options));
  }

  /** `kspec convert --to kspec`. */
  get kspec(): Output {
    return this.once('kspec', () => {
      const r = convertToKspec(this.input.text, this.options);
      return r.output !== undefined ? { text: r.output } : { errors: errorsOf(r.diagnostics, r.source) };
    });
  }

  get modelJSON(): Output {
    const r = this.compiled;
    return r.ok && r.modelJSON ? { text: JSON.stringify(r.modelJSON, null, 2) + '\n' } : { errors: errorsOf(r.diagnostics, r.source) };
  }

  /** `kspec compile --emit ts`. */
  get typescript(): Output {
    return this.once('ts', () => {
      const r = this.compiled;
      return r.ok && r.graph ? { text: emitTypeScript(r, { sourceName: this.input.fileName }) } : { errors: errorsOf(r.diagnostics, r.source) };
    });
  }
}

const errorsOf = (ds: readonly Diagnostic[], source: SourceFile) => formatDiagnostics(ds.filter((d) => d.severity === 'error'), source, { color: false, frames: false });
