/**
 * Spatial layouts shared by convolution, pooling and padding rows: where the channels sit
 * (channels_last / channels_first) and how the rank error names the axes.
 */
import { channelsFirst, str, tuple, type Cfg } from '../config.js';
import type { Dim, Shape } from '../types.js';

export type Rank = 1 | 2 | 3;

const SPACE: Record<Rank, string> = { 1: 'steps', 2: 'rows, cols', 3: 'depth, rows, cols' };

/** `batch, rows, cols, channels` (or channels first), for rank messages. */
export const axesOf = (r: Rank, first: boolean, lead = 'batch'): string =>
  first ? `${lead}, channels, ${SPACE[r]}` : `${lead}, ${SPACE[r]}, channels`;

export interface Split {
  readonly batch: Dim;
  readonly space: readonly Dim[];
  readonly channels: Dim;
}

/** Batch, spatial dims and channels of a rank r+2 shape. */
export function split(s: Shape, r: Rank, first: boolean): Split {
  const batch = s[0] ?? null;
  return first
    ? { batch, channels: s[1] ?? null, space: s.slice(2, 2 + r) }
    : { batch, channels: s[r + 1] ?? null, space: s.slice(1, 1 + r) };
}

export const join = (batch: Dim, space: readonly Dim[], channels: Dim, first: boolean): Shape =>
  first ? [batch, channels, ...space] : [batch, ...space, channels];

/** A convolution's window: kernel, strides, dilation (n ints each), padding and layout. */
export interface Window {
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilation: number[];
  readonly padding: string;
  readonly first: boolean;
}

export function convWindow(c: Cfg, r: Rank, kernelKey = 'kernel_size'): Window | undefined {
  const kernel = tuple(c, kernelKey, r);
  const strides = tuple(c, 'strides', r);
  const dilation = tuple(c, 'dilation_rate', r) ?? Array<number>(r).fill(1);
  const padding = str(c, 'padding') ?? 'valid';
  if (!kernel || !strides) return undefined;
  return { kernel, strides, dilation, padding, first: channelsFirst(c) };
}
