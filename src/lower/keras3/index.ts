/**
 * Keras 3 configs (`model.to_json()`, a `.keras` archive's config.json) → the Keras 2 dialect tfjs
 * reads, one pass per difference (facts §4b). Layer entries keep their positions, so diagnostics
 * on layers and arguments still point at the original text.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import type { JsonObject } from '../../ir/json.js';
import { batchShape } from './batch-shape.js';
import type { Keras3Context, Keras3Pass } from './context.js';
import { dtypePolicy } from './dtype-policy.js';
import { inboundNodes } from './inbound-nodes.js';
import { ioLayers } from './io-layers.js';

export const KERAS3_PASSES: readonly Keras3Pass[] = [batchShape, dtypePolicy, inboundNodes, ioLayers];

export function normalizeKeras3(model: JsonObject, path: Path, ctx: Keras3Context): JsonObject {
  return KERAS3_PASSES.reduce((m, pass) => pass(m, path, ctx), model);
}
