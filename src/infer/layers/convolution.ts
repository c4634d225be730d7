/**
 * Convolutions: Conv1D/2D/3D, Conv2D/3DTranspose, SeparableConv2D, DepthwiseConv2D.
 * Output lengths follow Keras's conv_output_length / deconv_output_length, so "causal",
 * dilation and output_padding mean what Keras means even where tfjs 4.22 ignores them
 * (Conv1D causal, DepthwiseConv2D dilation, transposed-conv dilation and output_padding: the
 * argument checks warn about those). Weights are what tfjs builds: it ignores `groups`, so the
 * kernel always spans every input channel.
 */
import { int, toTuple, type Cfg } from '../config.js';
import { convLength, deconvLength, fmt, issue, q, rankIssue, tooSmall, type Issue } from '../shape.js';
import type { Dim, Shape } from '../types.js';
import { single, w, weights, type LayerRow, type Output, type Weights } from './row.js';
import { axesOf, convWindow, join, split, type Rank, type Split, type Window } from './spatial.js';

const useBias = (c: Cfg): boolean => c.get('use_bias') !== false;

interface Parsed {
  readonly w: Window;
  readonly parts: Split;
  /** The known channel count. */
  readonly channels: number;
}

/** Window, rank check and a known channel count: what every convolution needs first. */
function parse(s: Shape, c: Cfg, r: Rank): Parsed | Issue | undefined {
  const w = convWindow(c, r);
  if (!w) return undefined;
  if (s.length !== r + 2) return rankIssue(c.className, r + 2, axesOf(r, w.first), s);
  const parts = split(s, r, w.first);
  if (parts.channels === null) return issue('invalid', `${q(c.className)} needs a known channel dimension, got ${fmt(s)}.`);
  return { w, parts, channels: parts.channels };
}

const isParsed = (p: Parsed | Issue | undefined): p is Parsed => p !== undefined && 'w' in p;

/** A convolution row from its output-space rule, output channels and weights. */
function convRow(
  r: Rank,
  space: (p: Parsed, c: Cfg) => Dim[] | undefined,
  outChannels: (p: Parsed, c: Cfg) => number | undefined,
  build: (p: Parsed, c: Cfg) => Weights | undefined,
): LayerRow {
  return single(
    (s, c): Output => {
      const p = parse(s, c, r);
      if (!isParsed(p)) return p;
      const dims = space(p, c);
      const ch = outChannels(p, c);
      if (!dims || ch === undefined) return undefined;
      const out = join(p.parts.batch, dims, ch, p.w.first);
      return tooSmall(c.className, s, out) ?? [out];
    },
    (s, c) => {
      const p = parse(s, c, r);
      return isParsed(p) ? build(p, c) : undefined;
    },
  );
}

const forward = (p: Parsed): Dim[] => p.parts.space.map((d, i) => convLength(d, p.w.kernel[i]!, p.w.padding, p.w.strides[i]!, p.w.dilation[i]!));
const filters = (_p: Parsed, c: Cfg) => int(c, 'filters');
const depth = (c: Cfg) => int(c, 'depth_multiplier') ?? 1;

/** Keras output_padding: None, an int, or one int per spatial axis. */
function outputPadding(c: Cfg, r: Rank): (number | null)[] | undefined {
  const v = c.get('output_padding');
  return v === null || v === undefined ? Array<null>(r).fill(null) : toTuple(v, r);
}

/** Kernel (kernel…, in, filters) and bias (filters): Conv1D/2D/3D. */
const conv = (r: Rank): LayerRow =>
  convRow(r, forward, filters, (p, c) => {
    const f = int(c, 'filters');
    return f === undefined ? undefined : weights(w('kernel', [...p.w.kernel, p.channels, f]), useBias(c) && w('bias', [f]));
  });

export const convTranspose = (r: Rank): LayerRow =>
  convRow(
    r,
    (p, c) => {
      const op = outputPadding(c, r);
      return op && p.parts.space.map((d, i) => deconvLength(d, p.w.kernel[i]!, p.w.padding, p.w.strides[i]!, op[i] ?? null, p.w.dilation[i]!));
    },
    filters,
    // The kernel maps output to input channels: (kernel…, filters, in).
    (p, c) => {
      const f = int(c, 'filters');
      return f === undefined ? undefined : weights(w('kernel', [...p.w.kernel, f, p.channels]), useBias(c) && w('bias', [f]));
    },
  );

/** Depthwise kernel (kernel…, in, depth_multiplier), pointwise (1…, in·dm, filters), bias (filters). */
export const separable = (r: Rank): LayerRow =>
  convRow(r, forward, filters, (p, c) => {
    const f = int(c, 'filters');
    const dm = depth(c);
    if (f === undefined) return undefined;
    const ones = p.w.kernel.map(() => 1);
    return weights(w('depthwise_kernel', [...p.w.kernel, p.channels, dm]), w('pointwise_kernel', [...ones, p.channels * dm, f]), useBias(c) && w('bias', [f]));
  });

export const CONVOLUTION_ROWS: Readonly<Record<string, LayerRow>> = {
  Conv1D: conv(1),
  Conv2D: conv(2),
  Conv3D: conv(3),
  Conv2DTranspose: convTranspose(2),
  Conv3DTranspose: convTranspose(3),
  SeparableConv2D: separable(2),
  // in·depth_multiplier output channels; kernel (k, k, in, dm), bias (in·dm).
  DepthwiseConv2D: convRow(2, forward, (p, c) => p.channels * depth(c), (p, c) =>
    weights(w('depthwise_kernel', [...p.w.kernel, p.channels, depth(c)]), useBias(c) && w('bias', [p.channels * depth(c)])),
  ),
};
