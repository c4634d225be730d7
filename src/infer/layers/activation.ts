/**
 * Activation layers and the dropout / noise layers: all keep their input shape, but for kspec's
 * runtime KspecActivation computing glu, which halves its axis. PReLU is the only one with weights
 * (one slope per non-shared input position, as Keras and tfjs build it).
 */
import { HALVES_AXIS, runtimeFunction } from '../../runtime/functions.js';
import { int, intList, type Cfg } from '../config.js';
import { fmt, issue, q } from '../shape.js';
import type { Dim, Shape } from '../types.js';
import { identity, single, w, type LayerRow } from './row.js';

/** PReLU's alpha shape: the input without batch, 1 on each (1-based) shared axis. */
function alphaShape(s: Shape, c: Cfg): Dim[] {
  const v = c.get('shared_axes');
  const shared = v === null || v === undefined ? [] : (intList(v) ?? []);
  return s.slice(1).map((d, i) => (shared.includes(i + 1) ? 1 : d));
}

/** glu's output: `axis` halved (an unknown size stays unknown); an odd size cannot be split. */
function runtimeActivation(s: Shape, c: Cfg) {
  const fn = runtimeFunction(c.get('function'));
  if (!fn || !HALVES_AXIS.has(fn)) return [s];
  const axis = int(c, 'axis');
  if (axis === undefined) return undefined;
  const a = axis < 0 ? axis + s.length : axis;
  if (a < 0 || a >= s.length) return issue('invalid', `The activation ${q(fn)} splits axis ${axis}, which an input of rank ${s.length} ${fmt(s)} does not have.`);
  const d = s[a]!;
  if (d === null) return [s];
  if (d % 2 !== 0) return issue('invalid', `The activation ${q(fn)} splits axis ${axis} into two halves, but its size is ${d} in ${fmt(s)}.`);
  return [s.map((x, i) => (i === a ? d / 2 : x))];
}

export const ACTIVATION_ROWS: Readonly<Record<string, LayerRow>> = {
  Activation: identity(),
  // Keras 3's Identity layer (compiled as a linear Activation).
  Identity: identity(),
  LeakyReLU: identity(),
  ELU: identity(),
  ReLU: identity(),
  Softmax: identity(),
  ThresholdedReLU: identity(),
  KspecActivation: single(runtimeActivation),
  PReLU: single(
    (s, c) => {
      const alpha = alphaShape(s, c);
      if (alpha.some((d) => d === null)) {
        return issue('invalid', `${q(c.className)} needs every non-shared dimension known to size its slopes, got ${fmt(s)}.`, [s]);
      }
      return [s];
    },
    (s, c) => {
      const alpha = alphaShape(s, c);
      return alpha.some((d) => d === null) ? undefined : [w('alpha', alpha as number[])];
    },
  ),
  // Dropout and noise: the identity at inference, whatever the rank.
  Dropout: identity(),
  GaussianNoise: identity(),
  GaussianDropout: identity(),
  AlphaDropout: identity(),
  // Its L1/L2 penalty joins the training loss; the forward pass is the identity (compiled as a linear Activation).
  ActivityRegularization: identity(),
  // Drops whole channels of a (batch, steps, channels) input; tfjs and Keras both require rank 3.
  SpatialDropout1D: identity({ n: 3, axes: 'batch, steps, channels' }),
};
