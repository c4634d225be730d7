/**
 * Preprocessing layers tfjs 4.22 registers: Rescaling, CenterCrop, Resizing, CategoryEncoding.
 * No weights. Resizing is registered but cannot run inside a tfjs model (see the catalogue row);
 * its shape rule is Keras's, for the checks. Also the augmentations that are the identity at
 * inference, which kspec compiles as a linear Activation (ir/replaced-classes.ts): their shape is
 * the input's. (Keras's RandomHeight/RandomWidth mark the height/width unknown for training; at
 * inference, and in the compiled model, it is the input's.)
 */
import { int, str, type Cfg } from '../config.js';
import { rankIssue } from '../shape.js';
import { identity, single, type LayerRow, type Output } from './row.js';
import type { Shape } from '../types.js';

/** Keras image layers set axes -3 and -2 (height, width) to the configured size. */
const toSize = single((s: Shape, c: Cfg): Output => {
  const h = int(c, 'height');
  const w = int(c, 'width');
  if (h === undefined || w === undefined) return undefined;
  if (s.length < 3) return rankIssue(c.className, 'at least 3', 'batch, …, height, width, channels', s);
  return [[...s.slice(0, -3), h, w, s[s.length - 1]!]];
});

export const PREPROCESSING_ROWS: Readonly<Record<string, LayerRow>> = {
  Rescaling: identity(),
  RandomFlip: identity(),
  RandomRotation: identity(),
  RandomZoom: identity(),
  RandomTranslation: identity(),
  RandomContrast: identity(),
  RandomBrightness: identity(),
  RandomHeight: identity(),
  RandomWidth: identity(),
  CenterCrop: toSize,
  Resizing: toSize,
  // Keras 2 / tfjs: one_hot appends a token axis unless the last axis is 1; the other modes
  // replace the last axis by num_tokens.
  CategoryEncoding: single((s, c): Output => {
    const n = int(c, 'num_tokens');
    if (n === undefined) return undefined;
    if (s.length === 0) return [[n]];
    const mode = str(c, 'output_mode') ?? 'multi_hot';
    if ((mode === 'one_hot' || mode === 'oneHot') && s[s.length - 1] !== 1) return [[...s, n]];
    return [[...s.slice(0, -1), n]];
  }),
};
