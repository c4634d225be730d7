/**
 * Completion for kspec specs, YAML or JSON, from schemas/kspec.schema.json. The schema (about 40 kB gzipped) is a
 * chunk of its own, fetched while the page is idle, so the page opens without waiting for it.
 */
import type { Completion, CompletionContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { whatToComplete, type Want } from './complete-context.js';
import { whatToCompleteJson } from './complete-json.js';
import { indexSchema, type Entry, type SchemaIndex } from './schema-index.js';

let index: Promise<SchemaIndex> | undefined;
export function loadSchemaIndex(): Promise<SchemaIndex> {
  return (index ??= import('../../schemas/kspec.schema.json').then((m) => indexSchema(m.default as Record<string, unknown>)));
}

const option = (e: Entry, type: string, apply: string): Completion => ({ label: e.label, type, apply, ...(e.info && { info: e.info }) });

/** How a key is inserted: YAML `units: `, inside a JSON key's quotes `units`, or a new JSON member `"units": `. */
type KeyStyle = 'yaml' | 'key' | 'member';
const KEY: Record<KeyStyle, (label: string) => string> = { yaml: (l) => `${l}: `, key: (l) => l, member: (l) => `"${l}": ` };

function options(want: Want, s: SchemaIndex, style: KeyStyle): Completion[] {
  const keys = (es: readonly Entry[]) => es.map((e) => option(e, 'property', KEY[style](e.label)));
  switch (want.kind) {
    case 'top':
      return keys(s.topLevel);
    case 'item':
      // In YAML a class starts a call string; in JSON an item's keys are a class (mapping form) or item keys.
      return style === 'yaml' ? [...s.classes.map((e) => option(e, 'class', e.label)), ...keys(s.itemKeys)] : [...keys(s.classes), ...keys(s.itemKeys)];
    case 'class':
      return s.classes.map((e) => option(e, 'class', e.label));
    case 'args':
      return want.style === 'call' ? (s.args.get(want.className) ?? []).map((e) => option(e, 'property', `${e.label}=`)) : keys(s.args.get(want.className) ?? []);
    case 'activation':
      return s.activations.map((label) => ({ label, type: 'enum' }));
  }
}

/** Keras and tfjs configs are written by tools, not by hand: no completion there. */
const TOOL_WRITTEN = /"(class_name|modelTopology|model_config)"\s*:/;

export const kspecCompletion: CompletionSource = async (ctx: CompletionContext): Promise<CompletionResult | null> => {
  const doc = ctx.state.doc;
  const head = doc.sliceString(0, 4096);
  const json = /^\s*[[{]/.test(head);
  if (json && TOOL_WRITTEN.test(head)) return null;
  const word = ctx.matchBefore(/[\w$]*/);
  if (!word) return null;
  const line = doc.lineAt(ctx.pos);
  const before = line.text.slice(0, word.from - line.from);
  let want: Want | undefined;
  let style: KeyStyle = 'yaml';
  if (json) {
    if (!ctx.explicit && word.from === word.to && !/["(,{]\s*$/.test(before)) return null;
    const found = whatToCompleteJson(ctx.state, word.from);
    want = found?.want;
    style = found?.at === 'member' ? 'member' : 'key';
  } else {
    if (!ctx.explicit && word.from === word.to && !/[(,{]\s*$|^\s*-\s+$/.test(before)) return null;
    const lines: string[] = [];
    for (let n = 1; n < line.number; n++) lines.push(doc.line(n).text);
    want = whatToComplete(lines, before);
  }
  if (!want) return null;
  const list = options(want, await loadSchemaIndex(), style);
  return list.length > 0 ? { from: word.from, options: list, validFor: /^[\w$]*$/ } : null;
};
