/** What every lowering shares: the reporter, the dialect's semantics, and class resolution. */
import type { Path } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import type { Reporter } from '../diagnostics/report.js';
import type { Semantics } from '../ir/activations.js';
import { layerClassNames, lookupLayer, type LayerSpec } from '../ir/catalogue/index.js';

export interface LowerContext {
  readonly reporter: Reporter;
  readonly semantics: Semantics;
}

/** Strips a Python module prefix: `tf.keras.layers.Dense` → `Dense`. */
export function bareClassName(name: string): string {
  const i = name.lastIndexOf('.');
  return i >= 0 ? name.slice(i + 1) : name;
}

/** Resolves a layer class name (aliases noted, unknown names reported with suggestions). */
export function resolveClass(ctx: LowerContext, raw: string, at: { path: Path; part?: 'key' | 'value'; inner?: { start: number; end: number } }): LayerSpec | undefined {
  const name = bareClassName(raw);
  const found = lookupLayer(name);
  if (found) {
    if (found.alias) ctx.reporter.report('KS2011', at, { alias: name, name: found.spec.name });
    return found.spec;
  }
  if (name === 'Lambda' || name === 'TFOpLambda' || name === 'TensorFlowOpLayer' || name === 'SlicingOpLambda') {
    ctx.reporter.report('KS5003', at, { name });
    return undefined;
  }
  ctx.reporter.report('KS2001', at, { name }, { suggestions: didYouMean(name, layerClassNames()) });
  return undefined;
}
