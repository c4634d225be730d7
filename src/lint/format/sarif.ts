/**
 * `--format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts as is. What GitHub reads
 * (its "SARIF support for code scanning" reference) shapes the choices below:
 *  - every rule has `shortDescription`, `fullDescription` and `help` text (all required there);
 *  - every result has `message.text` and exactly one location with a region (startLine ≥ 1);
 *  - artifact URIs are relative to the checkout root under `%SRCROOT%`, as GitHub resolves them;
 *  - `partialFingerprints` are left out: upload-sarif computes GitHub's `primaryLocationLineHash`
 *    from the file itself when they are missing, and a home-made hash would only be wrong;
 *  - `helpUri` must be an absolute URI, which a repository doc is not, so the doc path is in
 *    `help.text` instead;
 *  - at most 25,000 results per run (GitHub's hard limit): beyond that the most severe are kept
 *    and a tool notification says how many were left out.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity } from '../../diagnostics/diagnostic.js';
import { suggestionText } from '../../diagnostics/format.js';
import { MESSAGES } from '../../diagnostics/messages.js';
import type { FormatContext, LintFileResult } from '../types.js';
import { isFixable, range } from './common.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json';
export const MAX_RESULTS = 25_000;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

interface Item {
  readonly result: LintFileResult;
  readonly d: Diagnostic;
}

export function formatSarif(results: readonly LintFileResult[], ctx: FormatContext): string {
  const all: Item[] = results.flatMap((result) => result.diagnostics.map((d) => ({ result, d })));
  const items = keepMostSevere(all);
  // One descriptor per code that appears, in code order, so ruleIndex is stable for a given set.
  const codes = [...new Set(items.map((i) => i.d.code))].sort();
  const run = {
    tool: { driver: { name: 'kspec', version: ctx.version, rules: codes.map(descriptor) } },
    originalUriBaseIds: { '%SRCROOT%': { uri: directoryUri(ctx.cwd) } },
    // Columns and character offsets count UTF-16 code units, as SourceFile does.
    columnKind: 'utf16CodeUnits',
    results: items.map(({ result, d }) => sarifResult(result, d, codes.indexOf(d.code), ctx.cwd)),
    ...(items.length < all.length && {
      invocations: [
        {
          executionSuccessful: true,
          toolExecutionNotifications: [
            { level: 'warning', message: { text: `${all.length - items.length} of ${all.length} results were left out: GitHub code scanning accepts at most ${MAX_RESULTS} per run.` } },
          ],
        },
      ],
    }),
  };
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] }, null, 2) + '\n';
}

function sarifResult(result: LintFileResult, d: Diagnostic, ruleIndex: number, cwd: string) {
  const { start, end } = range(result.source, d);
  const artifactLocation = artifact(result.file, cwd);
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.message + suggestionText(d) },
    locations: [
      {
        physicalLocation: {
          artifactLocation,
          region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
        },
      },
    ],
    ...(isFixable(d) && {
      fixes: [
        {
          artifactChanges: [
            {
              artifactLocation,
              replacements: d.fix!.map((e) => ({
                deletedRegion: { charOffset: e.span.start, charLength: e.span.end - e.span.start },
                // No insertedContent is how SARIF says "delete".
                ...(e.text !== '' && { insertedContent: { text: e.text } }),
              })),
            },
          ],
        },
      ],
    }),
  };
}

function descriptor(code: string) {
  const m = (MESSAGES as Record<string, { severity: Severity; rule: string; text: (p: never) => string }>)[code];
  if (!m) return { id: code, shortDescription: { text: code }, fullDescription: { text: code }, help: { text: code } };
  // The catalogue has one sentence per code; its placeholders read as <name>, as in docs/diagnostics.md.
  // A message that is nothing but a placeholder (`<detail>.`) says nothing, so the rule name stands in.
  const blanks = new Proxy({}, { get: (_, k) => `<${String(k)}>` }) as never;
  const template = m.text(blanks);
  const sentence = /^(<\w+>[\s.]*)+$/.test(template) ? `${m.rule[0]!.toUpperCase()}${m.rule.slice(1).replace(/-/g, ' ')}.` : template;
  return {
    id: code,
    name: m.rule,
    shortDescription: { text: sentence },
    fullDescription: { text: sentence },
    defaultConfiguration: { level: LEVEL[m.severity] },
    help: { text: `${code} (${m.rule}): ${sentence} See docs/rules/${m.rule}.md in the kspec repository.` },
  };
}

/** A path under cwd becomes a relative URI on %SRCROOT%; anything else an absolute file: URI. */
function artifact(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const abs = resolve(cwd, file);
  const rel = relative(cwd, abs);
  if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/** SARIF wants base URIs to end with a slash, or the last segment is dropped on resolution. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(resolve(dir)).href;
  return href.endsWith('/') ? href : href + '/';
}

/** Everything when under the limit; otherwise the most severe, still in file order. */
function keepMostSevere(items: Item[]): Item[] {
  if (items.length <= MAX_RESULTS) return items;
  const keep = new Set(
    items
      .map((item, i) => ({ item, i }))
      .sort((a, b) => RANK[a.item.d.severity] - RANK[b.item.d.severity] || a.i - b.i)
      .slice(0, MAX_RESULTS)
      .map((x) => x.item),
  );
  return items.filter((item) => keep.has(item));
}
