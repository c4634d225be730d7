/**
 * Completion for YAML specs from schemas/kspec.schema.json. The schema (about 40 kB gzipped) is a
 * chunk of its own, fetched while the page is idle, so the page opens without waiting for it.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { whatToComplete, type Want } from './complete-context.js';
import { indexSchema, type Entry, type SchemaIndex } from './schema-index.js';

let index: Promise<SchemaIndex> | undefined;
export function loadSchemaIndex(): Promise<SchemaIndex> {
  return (index ??= import('../../schemas/kspec.schema.json').then((m) => indexSchema(m.default as Record<string, unknown>)));
}

const option = (e: Entry, type: string, apply: string): Completion => ({ label: e.label, type, apply, ...(e.info && { info: e.info }) });

function options(want: Want, s: SchemaIndex): Completion[] {
  switch (want.kind) {
    case 'top':
      return s.topLevel.map((e) => option(e, 'property', `${e.label}: `));
    case 'item':
      return [...s.classes.map((e) => option(e, 'class', e.label)), ...s.itemKeys.map((e) => option(e, 'property', `${e.label}: `))];
    case 'class':
      return s.classes.map((e) => option(e, 'class', e.label));
    case 'args':
      return (s.args.get(want.className) ?? []).map((e) => option(e, 'property', want.style === 'call' ? `${e.label}=` : `${e.label}: `));
    case 'activation':
      return s.activations.map((label) => ({ label, type: 'enum' }));
  }
}

export const kspecCompletion: CompletionSource = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
  const doc = ctx.state.doc;
  // JSON files are Keras or tfjs configs, written by tools rather than by hand.
  if (/^\s*[[{]/.test(doc.sliceString(0, 256))) return null;
  const word = ctx.matchBefore(/[\w$]*/);
  if (!word) return null;
  const line = doc.lineAt(ctx.pos);
  const before = line.text.slice(0, word.from - line.from);
  if (!ctx.explicit && word.from === word.to && !/[(,{]\s*$|^\s*-\s+$/.test(before)) return null;
  const lines: string[] = [];
  for (let n = 1; n < line.number; n++) lines.push(doc.line(n).text);
  const want = whatToComplete(lines, before);
  if (!want) return null;
  const list = options(want, await loadSchemaIndex());
  return list.length > 0 ? { from: word.from, options: list, validFor: /^[\w$]*$/ } : null;
};
