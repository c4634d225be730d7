/**
 * `kspec lint <files | folders | globs | ->`: every rule on every file, in stylish, json or SARIF.
 * Exit 0 without errors (and at most --max-warnings warnings), 1 otherwise, 2 on usage or I/O.
 */
import type { Dialect } from '../../parse/detect.js';
import { unifiedDiff } from '../../lint/diff.js';
import { formatJson } from '../../lint/format/json.js';
import { formatSarif } from '../../lint/format/sarif.js';
import { formatStylish } from '../../lint/format/stylish.js';
import { lintText } from '../../lint/lint.js';
import type { FormatContext, LintFileResult } from '../../lint/types.js';
import { VERSION } from '../../version.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { expandInputs } from '../files.js';
import { encodeText, IoError, replaceFile } from '../io.js';
import { readSpec } from '../spec-input.js';
import type { Io } from '../main.js';

const FORMATS = {
  stylish: formatStylish,
  json: (r: readonly LintFileResult[]) => formatJson(r),
  sarif: formatSarif,
} as const;

export function lintCommand(args: ParsedArgs, io: Io): number {
  const { positionals, flags } = args;
  if (positionals.length === 0) throw new UsageError('lint needs files, folders or globs to read (or - for standard input)');
  const format = String(flags.get('format') ?? 'stylish');
  if (!Object.hasOwn(FORMATS, format)) throw new UsageError(`--format must be one of ${Object.keys(FORMATS).join(', ')}`);
  const maxWarnings = flags.has('max-warnings') ? Number(flags.get('max-warnings')) : Infinity;
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) throw new UsageError('--max-warnings takes a whole number');
  const fix = flags.has('fix');
  const dryRun = flags.has('fix-dry-run');
  if (fix && dryRun) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  const files = expandInputs(positionals);
  if (files.includes('-') && fix) throw new UsageError('--fix cannot rewrite standard input; use --fix-dry-run');
  const dialect = flags.get('dialect') as Dialect | undefined;

  const results: LintFileResult[] = [];
  /** Files --fix could not write: reported after the results, and the exit status is 2. */
  const unwritten: string[] = [];
  let diff = '';
  for (const file of files) {
    const spec = readSpec(file);
    if ('diagnostic' in spec) {
      results.push({ file: spec.source.name, source: spec.source, diagnostics: [spec.diagnostic] });
      continue;
    }
    const { text, fileName: name } = spec;
    // Text inside an archive cannot be fixed in place; its diagnostics are still reported.
    const fixing = (fix || dryRun) && !spec.fromArchive;
    const options = { fileName: name, ...(spec.kerasVersion && { kerasVersion: spec.kerasVersion }), ...(dialect && { dialect }) };
    let r = lintText(text, { ...options, fix: fixing });
    if (r.output !== undefined && fix) {
      try {
        replaceFile(file, spec.bytes!, encodeText(r.output, spec.encoding));
      } catch (e) {
        if (!(e instanceof IoError)) throw e;
        unwritten.push(e.message);
        // Nothing was written: report the problems the file still has.
        r = lintText(text, options);
      }
    }
    if (r.output !== undefined && dryRun) diff += unifiedDiff(name, text, r.output);
    const quiet = flags.has('quiet');
    results.push(quiet ? { ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') } : r);
  }
  const ctx: FormatContext = { color: io.isTTY && !flags.has('no-color'), cwd: process.cwd(), version: VERSION };
  if (dryRun) io.stdout(diff);
  const out = FORMATS[format as keyof typeof FORMATS](results, ctx);
  if (out) (dryRun ? io.stderr : io.stdout)(out.endsWith('\n') ? out : out + '\n');
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  if (errors === 0 && warnings > maxWarnings) io.stderr(`kspec: too many warnings (${warnings}; --max-warnings is ${maxWarnings})\n`);
  for (const m of unwritten) io.stderr(`kspec: ${m}\n`);
  if (unwritten.length > 0) return 2;
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}
