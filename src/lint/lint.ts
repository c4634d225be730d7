/**
 * `lint`: the front end and every rule, without stopping at the first error, with fixes attached
 * where a rule can make one. Never loads tfjs.
 */
import { runChecks } from '../check/index.js';
import { ruleContext } from '../compile.js';
import { frontEnd, resolvedDiagnostics, type FrontEndOptions } from '../front.js';
import { applyFixes } from './apply.js';
import { createFixer } from './fix-edits.js';
import type { LintFileResult } from './types.js';

export interface LintOptions extends FrontEndOptions {
  /** Apply fixes (repeatedly, up to 10 passes) and return the fixed text in `output`. */
  readonly fix?: boolean;
}

/** The dialect note is noise when linting many files. */
const HIDDEN = new Set(['KS1011', 'KS1016']);
const MAX_PASSES = 10;

function lintOnce(text: string, options: LintOptions): LintFileResult {
  const fe = frontEnd(text, options);
  if (fe.graph && fe.doc && fe.dialect) {
    runChecks(fe.graph, ruleContext(fe, fe.graph, 'lint', { fixer: createFixer(fe.doc, fe.dialect) }));
  }
  const diagnostics = resolvedDiagnostics(fe).filter((d) => !HIDDEN.has(d.code));
  return { file: fe.source.name, source: fe.source, diagnostics };
}

export function lintText(text: string, options: LintOptions = {}): LintFileResult {
  let result = lintOnce(text, options);
  if (!options.fix) return result;
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { text: next, applied } = applyFixes(current, result.diagnostics);
    if (applied === 0 || next === current) break;
    current = next;
    result = lintOnce(current, options);
  }
  return current === text ? result : { ...result, output: current };
}
