/**
 * Keras 1 configs (Keras 1.x `model.to_json()`, keras-js era files) → the Keras 2 wire format the
 * Keras lowering reads, one pass per difference. The authority for what each Keras 1 argument
 * means in Keras 2 is Keras 2.0's own conversion of Keras 1 calls and configs
 * (keras/legacy/interfaces.py, keras/legacy/layers.py); the Keras 1 sources
 * (keras/layers/*.py, keras/engine/topology.py) say what each layer computed.
 *
 * Diagnostics point at the original text: where layers are inserted or a Sequential model that
 * starts with a Merge becomes a Model, `finishKeras1` maps the lowered graph's origins back, and
 * a renamed argument points at the Keras 1 argument it was written as.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { JsonObject } from '../../ir/json.js';
import { layerArguments } from './arguments.js';
import { batchNormalization } from './batch-normalization.js';
import { layerClasses } from './classes.js';
import type { Keras1Context, Keras1Pass } from './context.js';
import { dimOrdering } from './dim-ordering.js';
import { fullPadding } from './full-padding.js';
import { inputLayers, inputShapes } from './input-shape.js';
import { kernelSize } from './kernel-size.js';
import { mergeLayers } from './merge.js';
import { objects } from './objects.js';
import { paddingAmounts } from './padding.js';
import { recurrentOptions } from './recurrent.js';
import { sequentialMerge } from './sequential-merge.js';

export { finishKeras1 } from './check.js';
export { keras1Context, type Keras1Context } from './context.js';

/**
 * In order: Keras 1 class names → Keras 2, then arguments by Keras 2 class, all on the structure
 * as written (so their diagnostics point at the text); then the passes that insert or move layers.
 */
export const KERAS1_PASSES: readonly Keras1Pass[] = [
  inputShapes,
  layerClasses,
  mergeLayers,
  layerArguments,
  kernelSize,
  dimOrdering,
  recurrentOptions,
  batchNormalization,
  paddingAmounts,
  objects,
  fullPadding,
  sequentialMerge,
  inputLayers,
];

/** Argument conversions listed in the note; the rest are counted. */
const MAX_ARGUMENTS = 6;

/** The one note per file: layer conversions with their counts, then the argument conversions. */
function summary(ctx: Keras1Context): string | undefined {
  const all = [...ctx.converted];
  const layers = all.filter(([, c]) => c.kind === 'layer').map(([what, c]) => (c.n > 1 ? `${what} ×${c.n}` : what));
  const args = all.filter(([, c]) => c.kind === 'argument').map(([what]) => what);
  const shown = args.length > MAX_ARGUMENTS ? `${args.slice(0, MAX_ARGUMENTS - 1).join(', ')} and ${args.length - MAX_ARGUMENTS + 1} more` : args.join(', ');
  const parts = [...(layers.length > 0 ? [layers.join(', ')] : []), ...(args.length > 0 ? [`arguments ${shown}`] : [])];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export function normalizeKeras1(model: JsonObject, path: Path, ctx: Keras1Context): JsonObject {
  const out = KERAS1_PASSES.reduce((m, pass) => pass(m, path, ctx), model);
  const s = summary(ctx);
  // A note on the file, where "Read as …" is (or on the model's class when it is wrapped).
  if (s) ctx.reporter.report('KS1019', path.length === 0 ? { path, inner: { start: 0, end: 0 } } : { path: [...path, 'class_name'], part: 'key' }, { summary: s });
  return out;
}
