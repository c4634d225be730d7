/**
 * `buildModel(text, { weights })`: weight values matched to a freshly built model, or every reason
 * they do not fit. A model is never returned with some weights silently left at their initial values.
 */
import type * as TF from '@tensorflow/tfjs';

type Tf = typeof TF;

/**
 * Weight values, in one of the forms tfjs itself uses:
 * - `Tensor[]` in `model.weights` order (what `model.getWeights()` returns, `setWeights` takes);
 * - a `NamedTensorMap` keyed by weight name (`dense/kernel`; like `model.loadWeights`, a TF ≥ 2.2
 *   name with the cell in it, `lstm/lstm_cell/kernel`, also matches `lstm/kernel`);
 * - `{ weightSpecs, weightData }`, the weights part of `tf.io.ModelArtifacts` (a tfjs artifact
 *   folder's manifest and its bytes); optimizer weights in it are ignored, as tfjs ignores them.
 */
export type Weights = readonly TF.Tensor[] | TF.NamedTensorMap | { readonly weightSpecs: TF.io.WeightsManifestEntry[]; readonly weightData: TF.io.WeightData };

type Variable = TF.LayersModel['weights'][number];

/** The value for each of `model.weights`, in order, or the list of problems. */
export function matchWeights(tf: Tf, model: TF.LayersModel, weights: Weights): { values: TF.Tensor[]; owned: TF.Tensor[] } | { problems: string[] } {
  const targets = model.weights;
  const layerOf = owners(model);
  const problems: string[] = [];
  const check = (v: Variable, t: TF.Tensor): void => {
    const where = `layer "${layerOf.get(v) ?? '?'}" weight "${v.originalName}"`;
    if (!sameShape(v.shape, t.shape)) problems.push(`${where} has shape ${shape(v.shape)}, the value given has ${shape(t.shape)}`);
    else if (v.dtype !== t.dtype) problems.push(`${where} is ${v.dtype}, the value given is ${t.dtype}`);
  };
  const missing = (v: Variable): void => void problems.push(`layer "${layerOf.get(v) ?? '?'}" weight "${v.originalName}" (shape ${shape(v.shape)}) has no value`);

  if (Array.isArray(weights)) {
    const list = weights as readonly TF.Tensor[];
    targets.forEach((v, i) => (list[i] ? check(v, list[i]) : missing(v)));
    for (let i = targets.length; i < list.length; i++) problems.push(`value ${i} (shape ${shape(list[i]!.shape)}) is beyond the model's ${targets.length} weights`);
    return problems.length ? { problems } : { values: [...list], owned: [] };
  }

  let named = weights as TF.NamedTensorMap;
  let owned: TF.Tensor[] = [];
  if (isArtifacts(weights)) {
    const decoded = tf.io.decodeWeights(weights.weightData, weights.weightSpecs);
    owned = Object.values(decoded);
    const optimizer = new Set(weights.weightSpecs.filter((s) => s.group === 'optimizer').map((s) => s.name));
    named = Object.fromEntries(Object.entries(decoded).filter(([name]) => !optimizer.has(name)));
  }
  const byName = new Map(targets.map((v) => [v.originalName, v]));
  const values = new Map<Variable, TF.Tensor>();
  for (const [name, t] of Object.entries(named)) {
    const v = byName.get(name) ?? byName.get(withoutCell(name));
    if (!v) problems.push(`the value "${name}" (shape ${shape(t.shape)}) matches no weight of the model`);
    else if (values.has(v)) problems.push(`the value "${name}" is a second value for layer "${layerOf.get(v) ?? '?'}" weight "${v.originalName}"`);
    else {
      values.set(v, t);
      check(v, t);
    }
  }
  for (const v of targets) if (!values.has(v)) missing(v);
  if (problems.length) {
    tf.dispose(owned);
    return { problems };
  }
  return { values: targets.map((v) => values.get(v)!), owned };
}

/** tfjs's `loadWeights` fallback: `layer/cell/weight` → `layer/weight`. */
const withoutCell = (name: string): string => {
  const parts = name.split('/');
  return [...parts.slice(0, -2), parts[parts.length - 1]].join('/');
};

const isArtifacts = (w: Weights): w is Extract<Weights, { weightSpecs: unknown }> =>
  !Array.isArray(w) && Array.isArray((w as { weightSpecs?: unknown }).weightSpecs) && 'weightData' in w;

/** The innermost layer holding each weight (a nested model's own layer, not the nested model). */
function owners(model: TF.LayersModel): Map<Variable, string> {
  const map = new Map<Variable, string>();
  const visit = (layer: TF.layers.Layer): void => {
    const inner = (layer as { layers?: TF.layers.Layer[] }).layers;
    if (Array.isArray(inner)) inner.forEach(visit);
    for (const v of layer.weights) if (!map.has(v)) map.set(v, layer.name);
  };
  model.layers.forEach(visit);
  return map;
}

const sameShape = (a: readonly (number | null)[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
const shape = (s: readonly (number | null)[]): string => `[${s.join(', ')}]`;
