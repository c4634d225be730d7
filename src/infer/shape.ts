/**
 * Shape arithmetic shared by the layer rows: Keras's conv/deconv length formulas, products that
 * stay unknown when a dimension is, and the one-sentence problems rows return.
 */
import type { Dim, Shape, ShapeProblem } from './types.js';

/** What a row reports instead of (or, for Keras-only shapes, beside) its output shapes. */
export interface Issue {
  readonly kind: ShapeProblem['kind'];
  readonly message: string;
  /** Keras's result despite the problem (Flatten of a flat input), so propagation goes on. */
  readonly shapes?: readonly Shape[];
}

export const issue = (kind: Issue['kind'], message: string, shapes?: readonly Shape[]): Issue =>
  shapes ? { kind, message, shapes } : { kind, message };

export const isIssue = (r: readonly Shape[] | Issue): r is Issue => !Array.isArray(r);

/** `"Conv2D"`: names in messages are JSON-quoted, as in the diagnostics catalogue. */
export const q = (s: string): string => JSON.stringify(s);

/** `[null, 28, 28]`. */
export const fmt = (s: readonly (number | null)[]): string => `[${s.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;

/** `"Conv2D" needs an input of rank 4 (batch, rows, cols, channels), got rank 3 [null, 28, 28].` */
export function rankIssue(className: string, rank: number | string, axes: string, got: Shape): Issue {
  return issue('rank', `${q(className)} needs an input of rank ${rank} (${axes}), got rank ${got.length} ${fmt(got)}.`);
}

/** Product of dimensions; unknown when any is. */
export const prod = (dims: readonly Dim[]): Dim => (dims.some((d) => d === null) ? null : (dims as number[]).reduce((a, b) => a * b, 1));

/** Product of weight dimensions (all known by the time a row counts weights). */
export const size = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** Keras `conv_output_length` (tfjs's treats "causal" as "valid"; Keras keeps the length, as for "same"). */
export function convLength(input: Dim, kernel: number, padding: string, stride: number, dilation = 1): Dim {
  if (input === null) return null;
  const dilated = kernel + (kernel - 1) * (dilation - 1);
  const length = padding === 'same' || padding === 'causal' ? input : padding === 'full' ? input + dilated - 1 : input - dilated + 1;
  return Math.floor((length + stride - 1) / stride);
}

/** Keras `deconv_output_length` (tfjs ignores output_padding and dilation; Keras does not). */
export function deconvLength(input: Dim, kernel: number, padding: string, stride: number, outputPadding: number | null, dilation = 1): Dim {
  if (input === null) return null;
  const k = kernel + (kernel - 1) * (dilation - 1);
  if (outputPadding === null) {
    if (padding === 'valid') return input * stride + Math.max(k - stride, 0);
    if (padding === 'full') return input * stride - (stride + k - 2);
    return input * stride;
  }
  const pad = padding === 'same' ? Math.floor(k / 2) : padding === 'full' ? k - 1 : 0;
  return (input - 1) * stride + k - 2 * pad + outputPadding;
}

/** A negative or zero spatial size: the layer cannot be built on this input. */
export function tooSmall(className: string, input: Shape, output: Shape): Issue | undefined {
  if (output.every((d) => d === null || d > 0)) return undefined;
  return issue('invalid', `${q(className)} cannot be applied to ${fmt(input)}: the output would be ${fmt(output)}.`);
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
