/** Collects diagnostics for one file; stages report through it and never throw for user errors. */
import type { Diagnostic, Location, Path, Severity, TextEdit } from './diagnostic.js';
import { MESSAGES, type Code, type Params } from './messages.js';

export interface ReportExtras {
  readonly suggestions?: readonly string[];
  /** Overrides the catalogue severity (a rule may be downgraded by context). */
  readonly severity?: Severity;
  /** Text edits that fix the problem (lint mode). */
  readonly fix?: readonly TextEdit[];
}

export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  constructor(readonly file: string) {}

  report<C extends Code>(code: C, at: Location | Path, params: Params<C>, extras: ReportExtras = {}): Diagnostic {
    const entry = MESSAGES[code] as { severity: Severity; text: (p: Params<C>) => string };
    const location: Location = Array.isArray(at) ? { path: at as Path } : (at as Location);
    const d: Diagnostic = {
      code,
      severity: extras.severity ?? entry.severity,
      message: entry.text(params),
      file: this.file,
      at: location,
      ...(extras.suggestions && extras.suggestions.length > 0 && { suggestions: extras.suggestions }),
      ...(extras.fix && extras.fix.length > 0 && { fix: extras.fix }),
    };
    this.diagnostics.push(d);
    return d;
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }
}
