/**
 * ConvLSTM2D: an LSTM over frames whose transformations are 2D convolutions. Frames shrink as a
 * convolution's would (Keras conv_output_length; tfjs computes the same, dilation included);
 * return_sequences keeps the time axis, return_state adds h and c, each one frame.
 */
import { bool, int, toTuple, type Cfg } from '../config.js';
import { convLength, fmt, issue, q, rankIssue, tooSmall } from '../shape.js';
import type { Dim, Shape } from '../types.js';
import { w, weights, type LayerRow, type Output } from './row.js';

const useBias = (c: Cfg): boolean => c.get('use_bias') !== false;

/** (batch, time, rows, cols, channels) → one output frame of `filters` channels, and the input channels. */
function frameOf(s: Shape, c: Cfg): { frame: Shape; channels: Dim } | undefined {
  const f = int(c, 'filters');
  const k = toTuple(c.get('kernel_size'), 2);
  const st = toTuple(c.get('strides'), 2);
  const dl = toTuple(c.get('dilation_rate'), 2) ?? [1, 1];
  const padding = c.get('padding') === 'same' ? 'same' : 'valid';
  if (f === undefined || !k || !st) return undefined;
  const first = c.get('data_format') === 'channels_first';
  const [h, w] = first ? [s[3] ?? null, s[4] ?? null] : [s[2] ?? null, s[3] ?? null];
  const space = [convLength(h, k[0]!, padding, st[0]!, dl[0]!), convLength(w, k[1]!, padding, st[1]!, dl[1]!)];
  return { frame: first ? [f, ...space] : [...space, f], channels: first ? (s[2] ?? null) : (s[4] ?? null) };
}

const convLstm2d: LayerRow = {
  output: (inputs, c): Output => {
    const s = inputs[0];
    if (!s) return undefined;
    const first = c.get('data_format') === 'channels_first';
    if (s.length !== 5) return rankIssue(c.className, 5, first ? 'batch, timesteps, channels, rows, cols' : 'batch, timesteps, rows, cols, channels', s);
    const p = frameOf(s, c);
    if (!p) return undefined;
    if (p.channels === null) return issue('invalid', `${q(c.className)} needs a known channel dimension, got ${fmt(s)}.`);
    const batch = s[0] ?? null;
    const main: Shape = bool(c, 'return_sequences') ? [batch, s[1] ?? null, ...p.frame] : [batch, ...p.frame];
    const bad = tooSmall(c.className, s, main);
    if (bad) return bad;
    return bool(c, 'return_state') ? [main, [batch, ...p.frame], [batch, ...p.frame]] : [main];
  },
  // Input kernel (k, k, in, 4f), recurrent kernel (k, k, f, 4f), bias (4f).
  params: (inputs, c) => {
    const s = inputs[0];
    const p = s && frameOf(s, c);
    const f = int(c, 'filters');
    const k = toTuple(c.get('kernel_size'), 2);
    if (!p || p.channels === null || f === undefined || !k) return undefined;
    return weights(w('kernel', [...k, p.channels, 4 * f]), w('recurrent_kernel', [...k, f, 4 * f]), useBias(c) && w('bias', [4 * f]));
  },
};

export const CONV_RECURRENT_ROWS: Readonly<Record<string, LayerRow>> = { ConvLSTM2D: convLstm2d };
