/** One table per rule (test/rules.cases.ts): exact code, range and message through `lintText`. */
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/check/index.js';
import { hardSigmoidKeras3 } from '../src/check/rules/hard-sigmoid-keras3.js';
import { ruleContext } from '../src/compile.js';
import { frontEnd } from '../src/front.js';
import { lintText } from '../src/lint/lint.js';
import { RULE_CASES } from './rules.cases.js';

function render(file: string, text: string, code: string): string[] {
  const r = lintText(text, { fileName: file });
  return r.diagnostics
    .filter((d) => d.code === code)
    .map((d) => {
      const s = r.source.position(d.span!.start);
      const e = r.source.position(d.span!.end);
      const suggestion = d.suggestions?.length ? ` [${d.suggestions.join(', ')}]` : '';
      return `${s.line}:${s.column}-${e.line}:${e.column} ${d.severity} ${d.code} ${d.message}${suggestion}${d.fix ? ' (fixable)' : ''}`;
    });
}

describe('every rule has a table', () => {
  it('covers each rule code', () => {
    const direct = ['KS3006'];
    const lowering = ['KS2001', 'KS2002', 'KS2003', 'KS2004', 'KS2005', 'KS2006', 'KS2011', 'KS4001', 'KS4002', 'KS4007'];
    for (const rule of RULES) expect(Object.keys(RULE_CASES).includes(rule.code) || lowering.includes(rule.code) || direct.includes(rule.code), rule.code).toBe(true);
  });
});

for (const [code, cases] of Object.entries(RULE_CASES)) {
  describe(code, () => {
    it.each(cases.map((c) => [c.file, c] as const))('%s', (_, c) => {
      expect(render(c.file, c.text, code)).toEqual(c.expect);
    });
  });
}

describe('KS3006 (Keras 3 semantics, checked directly until Keras 3 configs are lowered)', () => {
  it.each([
    ['keras3', ['3:25-3:39 warning KS3006']],
    ['keras2', []],
  ] as const)('hard_sigmoid under %s semantics', (semantics, expected) => {
    const fe = frontEnd("input_shape: [4]\nlayers:\n  - Dense(2, activation='hard_sigmoid')\n", { fileName: 'm.yaml' });
    const ctx = { ...ruleContext(fe, fe.graph!, 'lint'), dialect: 'keras2' as const, semantics };
    hardSigmoidKeras3.check(fe.graph!, ctx);
    const got = fe.reporter.diagnostics.filter((d) => d.code === 'KS3006').map((d) => {
      const span = fe.doc!.locate(d.at);
      const s = fe.source.position(span.start);
      const e = fe.source.position(span.end);
      return `${s.line}:${s.column}-${e.line}:${e.column} ${d.severity} ${d.code}`;
    });
    expect(got).toEqual(expected);
  });
});
