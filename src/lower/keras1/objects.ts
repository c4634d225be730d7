/**
 * Regularizers and constraints. Keras 1 serializes them as `{name: <class>, …arguments}`
 * (`get_config` in keras/regularizers.py and keras/constraints.py), Keras 2 as
 * `{class_name, config}` with renamed arguments:
 *   WeightRegularizer / ActivityRegularizer {l1, l2} → L1L2 {l1, l2}
 *   MaxNorm {m, axis} → MaxNorm {max_value, axis};  MinMaxNorm {low, high, rate, axis} →
 *   MinMaxNorm {min_value, max_value, rate, axis};  NonNeg, UnitNorm {axis} unchanged.
 * Keras 1's string shorthands `l1l2` and `activity_l1/l2/l1l2` (factor 0.01, like Keras 2's `l1_l2`)
 * become L1L2 objects; `l1`, `l2`, `maxnorm`, `nonneg`, `unitnorm` are Keras 2 names too.
 * Initializers are plain names in Keras 1 configs (`glorot_uniform`, `orthogonal`, `zero`, …) and
 * are kept, as Keras 2 keeps them. All of these act during training only.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import { isObj, type JsonObject } from '../../ir/json.js';
import { mapConfigs, noteConverted, row, type Keras1Context, type Keras1Pass } from './context.js';

const L1L2_NAMES = new Set(['WeightRegularizer', 'ActivityRegularizer', 'L1L2Regularizer']);
const SHORTHANDS: Readonly<Record<string, [number, number]>> = { l1l2: [0.01, 0.01], activity_l1: [0.01, 0], activity_l2: [0, 0.01], activity_l1l2: [0.01, 0.01] };

function regularizer(v: unknown, at: Path, ctx: Keras1Context): unknown {
  const shorthand = row(SHORTHANDS, v);
  if (shorthand) {
    const [l1, l2] = shorthand;
    noteConverted(ctx, 'Keras 1 regularizers → L1L2');
    return { class_name: 'L1L2', config: { l1, l2 } };
  }
  if (!isObj(v) || 'class_name' in v || typeof v.name !== 'string') return v;
  if (L1L2_NAMES.has(v.name)) {
    noteConverted(ctx, 'Keras 1 regularizers → L1L2');
    return { class_name: 'L1L2', config: { l1: v.l1 ?? 0, l2: v.l2 ?? 0 } };
  }
  ctx.reporter.report('KS1018', at, { what: `The regularizer ${JSON.stringify(v.name)}`, why: 'Keras 2 and tfjs have L1/L2 regularizers only' });
  return v;
}

const CONSTRAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  MaxNorm: { m: 'max_value', axis: 'axis' },
  MinMaxNorm: { low: 'min_value', high: 'max_value', rate: 'rate', axis: 'axis' },
  UnitNorm: { axis: 'axis' },
  NonNeg: {},
};

function constraint(v: unknown, at: Path, ctx: Keras1Context): unknown {
  if (!isObj(v) || 'class_name' in v || typeof v.name !== 'string') return v;
  const args = row(CONSTRAINTS, v.name);
  if (!args) {
    ctx.reporter.report('KS1018', at, { what: `The constraint ${JSON.stringify(v.name)}`, why: 'Keras 2 and tfjs have MaxNorm, MinMaxNorm, NonNeg and UnitNorm only' });
    return v;
  }
  const config: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'name' && row(args, k)) config[row(args, k)!] = x;
  noteConverted(ctx, 'Keras 1 constraints → Keras 2 objects');
  return { class_name: v.name, config };
}

export const objects: Keras1Pass = (model, path, ctx) =>
  mapConfigs(model, path, (config, _cls, p) => {
    let out: JsonObject | undefined;
    for (const [k, v] of Object.entries(config)) {
      const at = [...p, k];
      const next = k.endsWith('regularizer') ? regularizer(v, at, ctx) : k.endsWith('constraint') ? constraint(v, at, ctx) : v;
      if (next !== v) (out ??= { ...config })[k] = next;
    }
    return out ?? config;
  });
