/**
 * The three `kspec lint` output formats, on hand-built results: stylish and JSON are pinned
 * byte for byte; SARIF is validated against the OASIS 2.1.0 schema and its key fields pinned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Path, TextEdit } from '../src/diagnostics/diagnostic.js';
import { MESSAGES, type Code } from '../src/diagnostics/messages.js';
import { formatJson, jsonPointer } from '../src/lint/format/json.js';
import { formatSarif, MAX_RESULTS } from '../src/lint/format/sarif.js';
import { formatStylish } from '../src/lint/format/stylish.js';
import type { FormatContext, LintFileResult } from '../src/lint/types.js';
import { SourceFile } from '../src/source/source-file.js';
import { ROOT } from './helpers.js';

/** The span of the first `needle` in `text`. */
function find(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  return { start: at, end: at + needle.length };
}

function diag(file: string, code: Code, message: string, path: Path, span: { start: number; end: number }, extra: { suggestions?: string[]; fix?: TextEdit[] } = {}): Diagnostic {
  return { code, severity: MESSAGES[code].severity, message, file, at: { path }, span, ...extra };
}

function result(file: string, text: string, make: (text: string) => Diagnostic[]): LintFileResult {
  return { file, source: new SourceFile(file, text), diagnostics: make(text) };
}

const SEED = `name: seed
input_shape: [10]
layers:
  - Dense(90, activation='LeakyRelu')
  - Dense(units=1, activaton='sigmoid')
`;

const TOWER = `{
  "inputs": {"left": [32], "right/x~": [32]},
  "layers": [
    {"Convolution2D": {"filters": 8, "kernel_size": 3}, "inputs": "left"},
    {"Dropout": {"rate": 0.2, "noise_shape": [1,
      8]}}
  ]
}
`;

const BROKEN = `{
  "name": "broken",
  "layers": [
`;

const RESULTS: LintFileResult[] = [
  result('models/seed.yaml', SEED, (t) => [
    diag('models/seed.yaml', 'KS3001', 'Unknown activation "LeakyRelu".', ['layers', 0, 'activation'], find(t, 'LeakyRelu'), { suggestions: ['leaky_relu', 'LeakyReLU'] }),
    diag('models/seed.yaml', 'KS2002', '"Dense" has no argument "activaton".', ['layers', 1, 'activaton'], find(t, 'activaton'), {
      suggestions: ['activation'],
      fix: [{ span: find(t, 'activaton'), text: 'activation' }],
    }),
  ]),
  result('clean.yaml', 'name: clean\ninput_shape: [4]\nlayers:\n  - Dense(1)\n', () => []),
  result('models/two tower.json', TOWER, (t) => [
    diag('models/two tower.json', 'KS4007', 'The input "right/x~" is not used by any layer.', ['inputs', 'right/x~'], find(t, '"right/x~"')),
    diag('models/two tower.json', 'KS2011', '"Convolution2D" is the Keras alias of "Conv2D".', ['layers', 0, 'Convolution2D'], find(t, '"Convolution2D"'), {
      fix: [{ span: find(t, 'Convolution2D'), text: 'Conv2D' }],
    }),
    diag('models/two tower.json', 'KS5002', 'tfjs ignores "noise_shape" of "Dropout", so [1, 8] has no effect there.', ['layers', 1, 'Dropout', 'noise_shape'], { start: t.indexOf('[1,'), end: t.indexOf('8]}') + 2 }, {
      fix: [{ span: { start: t.indexOf(', "noise_shape"'), end: t.indexOf('8]}') + 2 }, text: '' }],
    }),
  ]),
  // The diagnostic sits at the very end of the text, after the final newline.
  result('broken.json', BROKEN, (t) => [diag('broken.json', 'KS1001', 'Invalid JSON: unexpected end of input.', [], { start: t.length, end: t.length })]),
];

const CTX: FormatContext = { color: false, cwd: '/work/repo', version: '0.1.0' };
const [SEED_RESULT, CLEAN_RESULT] = RESULTS as [LintFileResult, LintFileResult, ...LintFileResult[]];

describe('stylish', () => {
  it('prints eslint’s layout: a table per file, then the totals', () => {
    expect(formatStylish(RESULTS, CTX)).toBe(
      [
        '',
        'models/seed.yaml',
        '  4:27  error  Unknown activation "LeakyRelu". Did you mean "leaky_relu" or "LeakyReLU"?  KS3001',
        '  5:20  error  "Dense" has no argument "activaton". Did you mean "activation"?            KS2002',
        '',
        'models/two tower.json',
        '  2:28  warning  The input "right/x~" is not used by any layer.                           KS4007',
        '  4:6   info     "Convolution2D" is the Keras alias of "Conv2D".                          KS2011',
        '  5:46  warning  tfjs ignores "noise_shape" of "Dropout", so [1, 8] has no effect there.  KS5002',
        '',
        'broken.json',
        '  4:1  error  Invalid JSON: unexpected end of input.  KS1001',
        '',
        '✖ 6 problems (3 errors, 2 warnings, 1 info)',
        '  1 error, 1 warning and 1 info potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked: bold file, dim position and code, red/yellow/cyan severities', () => {
    const sgr = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
    const [bold, dim, red, yellow, cyan, summary] = [sgr('1'), sgr('2'), sgr('31'), sgr('33'), sgr('36'), sgr('1;31')];
    expect(formatStylish(RESULTS, { ...CTX, color: true })).toBe(
      [
        '',
        bold('models/seed.yaml'),
        `  ${dim('4:27')}  ${red('error')}  Unknown activation "LeakyRelu". Did you mean "leaky_relu" or "LeakyReLU"?  ${dim('KS3001')}`,
        `  ${dim('5:20')}  ${red('error')}  "Dense" has no argument "activaton". Did you mean "activation"?            ${dim('KS2002')}`,
        '',
        bold('models/two tower.json'),
        `  ${dim('2:28')}  ${yellow('warning')}  The input "right/x~" is not used by any layer.                           ${dim('KS4007')}`,
        `  ${dim('4:6')}   ${cyan('info')}     "Convolution2D" is the Keras alias of "Conv2D".                          ${dim('KS2011')}`,
        `  ${dim('5:46')}  ${yellow('warning')}  tfjs ignores "noise_shape" of "Dropout", so [1, 8] has no effect there.  ${dim('KS5002')}`,
        '',
        bold('broken.json'),
        `  ${dim('4:1')}  ${red('error')}  Invalid JSON: unexpected end of input.  ${dim('KS1001')}`,
        '',
        summary('✖ 6 problems (3 errors, 2 warnings, 1 info)'),
        summary('  1 error, 1 warning and 1 info potentially fixable with the `--fix` option.'),
        '',
      ].join('\n'),
    );
    expect(formatStylish(RESULTS, CTX)).not.toContain('\x1b');
  });

  it('uses eslint’s exact fixable sentence when no note is fixable, and none when nothing is', () => {
    expect(formatStylish([SEED_RESULT], CTX).split('\n').slice(-3)).toEqual([
      '✖ 2 problems (2 errors, 0 warnings, 0 infos)',
      '  1 error and 0 warnings potentially fixable with the `--fix` option.',
      '',
    ]);
    const unfixable = { ...SEED_RESULT, diagnostics: SEED_RESULT.diagnostics.slice(0, 1) };
    expect(formatStylish([unfixable], CTX).endsWith('KS3001\n\n✖ 1 problem (1 error, 0 warnings, 0 infos)\n')).toBe(true);
  });

  it('right-aligns line numbers and left-aligns columns, so the colons line up', () => {
    const text = Array.from({ length: 12 }, (_, i) => `line${i + 1} = 1234567890`).join('\n');
    const r = result('long.yaml', text, (t) => [
      diag('long.yaml', 'KS2009', 'Short.', [], find(t, '= 1')),
      diag('long.yaml', 'KS4007', 'A longer one.', [], { start: t.lastIndexOf('1234'), end: t.length }),
    ]);
    expect(formatStylish([r], CTX).split('\n').slice(1, 4)).toEqual(['long.yaml', '   1:7   error    Short.         KS2009', '  12:10  warning  A longer one.  KS4007']);
  });

  it('prints nothing at all when there are no problems', () => {
    expect(formatStylish([CLEAN_RESULT], CTX)).toBe('');
    expect(formatStylish([CLEAN_RESULT], { ...CTX, color: true })).toBe('');
    expect(formatStylish([], CTX)).toBe('');
  });
});

describe('json', () => {
  const entry = (code: string, severity: string, message: string, at: [number, number, number, number], path: string, suggestions: string[], fixable: boolean) => ({
    code,
    severity,
    message,
    line: at[0],
    column: at[1],
    endLine: at[2],
    endColumn: at[3],
    path,
    suggestions,
    fixable,
  });

  it('lists every file, clean ones too, with 1-based ranges and JSON Pointer paths', () => {
    const expected = [
      {
        file: 'models/seed.yaml',
        diagnostics: [
          entry('KS3001', 'error', 'Unknown activation "LeakyRelu".', [4, 27, 4, 36], '/layers/0/activation', ['leaky_relu', 'LeakyReLU'], false),
          entry('KS2002', 'error', '"Dense" has no argument "activaton".', [5, 20, 5, 29], '/layers/1/activaton', ['activation'], true),
        ],
      },
      { file: 'clean.yaml', diagnostics: [] },
      {
        file: 'models/two tower.json',
        diagnostics: [
          entry('KS4007', 'warning', 'The input "right/x~" is not used by any layer.', [2, 28, 2, 38], '/inputs/right~1x~0', [], false),
          entry('KS2011', 'info', '"Convolution2D" is the Keras alias of "Conv2D".', [4, 6, 4, 21], '/layers/0/Convolution2D', [], true),
          entry('KS5002', 'warning', 'tfjs ignores "noise_shape" of "Dropout", so [1, 8] has no effect there.', [5, 46, 6, 9], '/layers/1/Dropout/noise_shape', [], true),
        ],
      },
      { file: 'broken.json', diagnostics: [entry('KS1001', 'error', 'Invalid JSON: unexpected end of input.', [4, 1, 4, 1], '', [], false)] },
    ];
    expect(formatJson(RESULTS)).toBe(JSON.stringify(expected, null, 2) + '\n');
  });

  it('escapes ~ before / in pointers (RFC 6901)', () => {
    expect(jsonPointer([])).toBe('');
    expect(jsonPointer(['a/b', '~1', 0, ''])).toBe('/a~1b/~01/0/');
  });

  it('is an empty array for no files', () => {
    expect(formatJson([])).toBe('[]\n');
  });
});

describe('sarif', () => {
  const ajv = new Ajv.default({ allErrors: true, strict: true, strictRequired: false, strictTypes: false });
  addFormats.default(ajv);
  // The OASIS schema as published (see test/schemas/README.md); its anyOf branches trip ajv's strictRequired.
  const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/schemas/sarif-2.1.0.json'), 'utf8')));
  // Loose typing is enough to read fields once the schema has checked the shape.
  type Json = any;
  const sarif = (results: readonly LintFileResult[], ctx = CTX): Json => {
    const text = formatSarif(results, ctx);
    expect(text.endsWith('}\n')).toBe(true);
    const log = JSON.parse(text);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    return log;
  };

  it('checks with the real schema: a line 0 or a relative helpUri is rejected', () => {
    const log = (rule: object, region: object) => ({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'x', rules: [{ id: 'R', ...rule }] } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.yaml' }, region } }] }] }],
    });
    expect(validate(log({}, { startLine: 1 }))).toBe(true);
    expect(validate(log({}, { startLine: 0 }))).toBe(false);
    expect(validate(log({ helpUri: 'docs/rules/x.md' }, { startLine: 1 }))).toBe(false);
  });

  it('is a valid SARIF 2.1.0 log with one run and one rule per code that appears', () => {
    const log = sarif(RESULTS);
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('kspec');
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///work/repo/' } });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.tool.driver.rules.map((r: Json) => [r.id, r.name, r.defaultConfiguration.level])).toEqual([
      ['KS1001', 'json-syntax', 'error'],
      ['KS2002', 'unknown-argument', 'error'],
      ['KS2011', 'layer-alias', 'note'],
      ['KS3001', 'unknown-activation', 'error'],
      ['KS4007', 'unused-input', 'warning'],
      ['KS5002', 'tfjs-ignores-argument', 'warning'],
    ]);
    expect(run.tool.driver.rules[3]).toEqual({
      id: 'KS3001',
      name: 'unknown-activation',
      shortDescription: { text: 'Unknown activation "<name>".' },
      fullDescription: { text: 'Unknown activation "<name>".' },
      defaultConfiguration: { level: 'error' },
      help: { text: 'KS3001 (unknown-activation): Unknown activation "<name>". See docs/rules/unknown-activation.md in the kspec repository.' },
    });
  });

  it('gives each result its rule, level, message with suggestion, and one region', () => {
    const run = sarif(RESULTS).runs[0];
    const brief = run.results.map((r: Json) => {
      const p = r.locations[0].physicalLocation;
      const g = p.region;
      return [r.ruleId, r.ruleIndex, r.level, p.artifactLocation.uri, `${g.startLine}:${g.startColumn}-${g.endLine}:${g.endColumn}`];
    });
    expect(brief).toEqual([
      ['KS3001', 3, 'error', 'models/seed.yaml', '4:27-4:36'],
      ['KS2002', 1, 'error', 'models/seed.yaml', '5:20-5:29'],
      ['KS4007', 4, 'warning', 'models/two%20tower.json', '2:28-2:38'],
      ['KS2011', 2, 'note', 'models/two%20tower.json', '4:6-4:21'],
      ['KS5002', 5, 'warning', 'models/two%20tower.json', '5:46-6:9'],
      ['KS1001', 0, 'error', 'broken.json', '4:1-4:1'],
    ]);
    expect(run.results[0].message.text).toBe('Unknown activation "LeakyRelu". Did you mean "leaky_relu" or "LeakyReLU"?');
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.locations).toHaveLength(1);
      expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    }
  });

  it('carries fixes as character replacements, a deletion without inserted content', () => {
    const run = sarif(RESULTS).runs[0];
    const fixes = (i: number) => run.results[i].fixes;
    expect(fixes(0)).toBeUndefined();
    expect(fixes(1)).toEqual([
      {
        artifactChanges: [
          {
            artifactLocation: { uri: 'models/seed.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { charOffset: SEED.indexOf('activaton'), charLength: 9 }, insertedContent: { text: 'activation' } }],
          },
        ],
      },
    ]);
    expect(fixes(3)[0].artifactChanges[0].replacements).toEqual([{ deletedRegion: { charOffset: TOWER.indexOf('Convolution2D'), charLength: 13 }, insertedContent: { text: 'Conv2D' } }]);
    const deletion = fixes(4)[0].artifactChanges[0].replacements;
    expect(deletion).toEqual([{ deletedRegion: { charOffset: TOWER.indexOf(', "noise_shape"'), charLength: 29 } }]);
    // Applying the replacement gives the text the fix means.
    const { charOffset, charLength } = deletion[0].deletedRegion;
    expect(TOWER.slice(0, charOffset) + TOWER.slice(charOffset + charLength)).toContain('{"Dropout": {"rate": 0.2}}');
  });

  it('meets what GitHub code scanning reads: rule texts, no relative helpUri, locations', () => {
    const run = sarif(RESULTS).runs[0];
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1000);
      expect(rule.help.text).toContain(`docs/rules/${rule.name}.md`);
      expect(rule.helpUri).toBeUndefined();
    }
    expect(run.results.every((r: Json) => r.message.text && r.locations[0].physicalLocation.region.startLine >= 1)).toBe(true);
  });

  it('describes every code in the catalogue in words GitHub can show', () => {
    const codes = Object.keys(MESSAGES) as Code[];
    const every = result('all.yaml', 'a: 1\n', () => codes.map((c) => diag('all.yaml', c, 'Message.', [], { start: 0, end: 1 })));
    const rules = sarif([every]).runs[0].tool.driver.rules;
    expect(rules.map((r: Json) => r.id)).toEqual([...codes].sort());
    for (const r of rules) expect(r.shortDescription.text).not.toMatch(/^(<\w+>[\s.]*)+$/);
  });

  it('is valid with no results, and uses file: URIs for files outside the working directory', () => {
    const empty = sarif([CLEAN_RESULT]).runs[0];
    expect(empty.results).toEqual([]);
    expect(empty.tool.driver.rules).toEqual([]);
    const outside = result('../elsewhere/m.yaml', 'x: 1\n', (t) => [diag('../elsewhere/m.yaml', 'KS2009', 'Bad.', [], find(t, 'x'))]);
    const stdin = result('<stdin>', 'x: 1\n', (t) => [diag('<stdin>', 'KS2009', 'Bad.', [], find(t, 'x'))]);
    const run = sarif([outside, stdin]).runs[0];
    // KS2009's message is all placeholder ("<detail>."), so its rule name describes it.
    expect(run.tool.driver.rules[0].shortDescription).toEqual({ text: 'Spec structure.' });
    const locs = run.results.map((r: Json) => r.locations[0].physicalLocation.artifactLocation);
    expect(locs).toEqual([{ uri: 'file:///work/elsewhere/m.yaml' }, { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' }]);
  });

  it(`keeps at most ${MAX_RESULTS} results, the most severe, and says how many it left out`, () => {
    const text = 'a: 1\n';
    const many = result('many.yaml', text, () => [
      ...Array.from({ length: MAX_RESULTS }, () => diag('many.yaml', 'KS2011', 'Note.', [], { start: 0, end: 1 })),
      diag('many.yaml', 'KS2009', 'The one error.', [], { start: 2, end: 3 }),
    ]);
    const run = sarif([many]).runs[0];
    expect(run.results).toHaveLength(MAX_RESULTS);
    expect(run.results.at(-1).level).toBe('error');
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toBe(
      `1 of ${MAX_RESULTS + 1} results were left out: GitHub code scanning accepts at most ${MAX_RESULTS} per run.`,
    );
  });
});
