/**
 * Input shapes and dtypes. Keras 1 constructors turn `input_dim` / `input_length` into the input
 * shape (Dense: `(input_dim,)`; Convolution1D, LocallyConnected1D, the recurrent layers and
 * TimeDistributedDense: `(input_length, input_dim)`; Embedding: `(input_length,)` with
 * `input_dtype='int32'`), and `Layer.get_config` writes the resulting `batch_input_shape` and
 * `input_dtype` on the layer that starts a model. `get_config` also writes `input_dim` on every
 * Dense (its built input size) and `input_dim`/`input_length` on every recurrent and 1D conv layer:
 * away from a model's first layer they mean nothing (Keras 1 reads them only when building the
 * model's input).
 *
 * `inputShapes` (per layer):
 *  - the first layer of a Sequential model gets `batch_input_shape` from them when it lacks one
 *    (Keras 2's legacy interfaces do the same: `input_dim` → `input_shape`);
 *  - `input_dim` / `input_length` are dropped everywhere else, and everywhere except on Embedding,
 *    where `input_dim` is the vocabulary size and `input_length` a Keras 2 argument too;
 *  - `input_dtype` becomes `dtype` on an InputLayer (legacy_input_support) and is dropped on layers
 *    that do not start a Sequential model (it only restates their default input there).
 * `inputLayers` (structural, after the Sequential-with-Merge pass): on a Sequential model's first
 * layer, a non-float32 `input_dtype` becomes an explicit InputLayer `<layer>_input` (the name Keras
 * 1's Sequential gives it), because `dtype` on the layer itself would also be the dtype of its
 * weights in tfjs (an int32 Embedding matrix); float32 is the default and is dropped.
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, entryName, isModelEntry, layersOf, listMap, mapConfigs, mergedModels, noteArgument, noteConverted, renameKey, without, withLayers, type Keras1Pass } from './context.js';

const SEQUENCE_CLASSES = new Set(['Convolution1D', 'AtrousConvolution1D', 'Conv1D', 'LocallyConnected1D', 'SimpleRNN', 'GRU', 'LSTM', 'TimeDistributedDense']);
const VECTOR_CLASSES = new Set(['Dense', 'MaxoutDense', 'Highway']);

/** The batch input shape a first layer declares, as its Keras 1 constructor builds it. */
export function declaredBatchShape(cls: string, config: JsonObject): unknown[] | undefined {
  if (Array.isArray(config.batch_input_shape)) return config.batch_input_shape;
  if (cls === 'Embedding') return 'input_length' in config || 'input_dim' in config ? [null, config.input_length ?? null] : undefined;
  const dim = config.input_dim;
  if (typeof dim !== 'number' || dim <= 0) return undefined;
  if (VECTOR_CLASSES.has(cls)) return [null, dim];
  if (SEQUENCE_CLASSES.has(cls)) return [null, config.input_length ?? null, dim];
  return undefined;
}

/** Keras 1's input dtype of a first layer (Embedding's constructor sets int32). */
export function declaredDtype(cls: string, config: JsonObject): string {
  if (typeof config.input_dtype === 'string') return config.input_dtype;
  return cls === 'Embedding' ? 'int32' : 'float32';
}

const inputOnly = (cls: string): string[] => (cls === 'Embedding' ? [] : ['input_dim', 'input_length']);

/** The first layer of each Sequential model (nested and merged ones too), by path. */
function firstLayers(model: JsonObject, path: (string | number)[]): Set<string> {
  const firsts = new Set<string>();
  eachModel(model, path, (m, p) => {
    const at = layersOf(m, p);
    if (m.class_name === 'Sequential' && at && isObj(at.layers[0]) && !isModelEntry(at.layers[0]) && !mergedModels(at.layers[0])) firsts.add(JSON.stringify([...at.path, 0, 'config']));
    return m;
  });
  return firsts;
}

export const inputShapes: Keras1Pass = (model, path, ctx) => {
  const firsts = firstLayers(model, [...path]);
  return mapConfigs(model, path, (config, cls, p, _e, wrapped) => {
    if (cls === 'InputLayer') {
      if ('input_dtype' in config) noteArgument(ctx, config, 'input_dtype', 'dtype');
      return renameKey(config, 'input_dtype', 'dtype');
    }
    if (wrapped || !firsts.has(JSON.stringify(p))) return without(config, 'input_dtype', ...inputOnly(cls));
    const shape = declaredBatchShape(cls, config);
    const rest = without(config, ...inputOnly(cls));
    if (!shape || Array.isArray(config.batch_input_shape)) return rest;
    noteConverted(ctx, 'input_dim → batch_input_shape');
    return { batch_input_shape: shape, ...rest };
  });
};

export const inputLayers: Keras1Pass = (model, path, ctx) =>
  eachModel(model, path, (m, p) => {
    if (m.class_name !== 'Sequential') return m;
    const at = layersOf(m, p);
    const first = at?.layers[0];
    if (!at || !isObj(first) || isModelEntry(first) || !isObj(first.config)) return m;
    const cls = String(first.class_name);
    // Keras 1's Embedding always declares an int32 input, written or not.
    if (!('input_dtype' in first.config) && cls !== 'Embedding') return m;
    const dtype = declaredDtype(cls, first.config);
    const shape = declaredBatchShape(cls, first.config);
    if (dtype === 'float32' || !shape) return withLayers(m, [{ ...first, config: without(first.config, 'input_dtype') }, ...at.layers.slice(1)]);
    noteConverted(ctx, `input_dtype "${dtype}" → an InputLayer`, 'layer');
    const name = `${entryName(first) ?? 'sequential'}_input`;
    const input = { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype, sparse: false, name } };
    // The InputLayer stands for the layer that declared the input; every later layer moves up one.
    ctx.pathMaps.push(listMap(at.path, [[...at.path, 0], ...at.layers.map((_, i) => [...at.path, i])]));
    return withLayers(m, [input, { ...first, config: without(first.config, 'input_dtype', 'batch_input_shape') }, ...at.layers.slice(1)]);
  });
