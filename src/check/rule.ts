/**
 * A check: one rule, one code, one file under check/rules/. Rules read the IR and report through
 * the context; in lint mode they may attach text edits that fix what they report.
 */
import type { TextEdit } from '../diagnostics/diagnostic.js';
import type { Code } from '../diagnostics/messages.js';
import type { Reporter } from '../diagnostics/report.js';
import type { Semantics } from '../ir/activations.js';
import type { ModelGraph } from '../ir/graph.js';
import type { InferResult } from '../infer/types.js';
import type { Dialect } from '../parse/detect.js';
import type { Fixer } from '../lint/fixer.js';
import type { GraphMemo } from './memo.js';

export interface RuleContext {
  readonly reporter: Reporter;
  readonly dialect: Dialect;
  readonly semantics: Semantics;
  /** `compile` stops at errors and rewrites what it can; `lint` reports everything and offers fixes. */
  readonly mode: 'compile' | 'lint';
  /** Shape inference of the graph being checked (computed once, on first use). */
  shapes(): InferResult;
  /** Present in lint mode: builds text edits on the original source. */
  readonly fixer?: Fixer;
  /** What several rules derive from a graph, computed once per run. */
  readonly memo: GraphMemo;
}

export interface Rule {
  /** The one diagnostic code this rule reports. */
  readonly code: Code;
  /** Runs on the top-level graph; rules visit nested models themselves (see walk.ts). */
  check(graph: ModelGraph, ctx: RuleContext): void;
}

export type { TextEdit };
