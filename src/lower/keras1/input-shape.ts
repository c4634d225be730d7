/**
 * Input shapes and dtypes. Keras 1 constructors turn `input_dim` / `input_length` into the input
 * shape (Dense: `(input_dim,)`; Convolution1D, LocallyConnected1D, the recurrent layers and
 * TimeDistributedDense: `(input_length, input_dim)`; Embedding: `(input_length,)` with
 * `input_dtype='int32'`), and `Layer.get_config` writes the resulting `batch_input_shape` and
 * `input_dtype` on the layer that starts a model. `get_config` also writes `input_dim` on every
 * Dense (its built input size) and `input_dim`/`input_length` on every recurrent and 1D conv layer:
 * away from a model's first layer they mean nothing (Keras 1 reads them only when building the
 * model's input). So:
 *  - the first layer of a Sequential model gets `batch_input_shape` from them when it lacks one
 *    (Keras 2's legacy interfaces do the same: `input_dim` → `input_shape`);
 *  - `input_dim` / `input_length` are then dropped everywhere except on Embedding, where
 *    `input_dim` is the vocabulary size and `input_length` a Keras 2 argument too;
 *  - `input_dtype` (Keras 1's name for the input's dtype; keras/legacy/interfaces.py maps it to
 *    `dtype` on InputLayer) becomes `dtype` on an InputLayer. On a Sequential model's first layer a
 *    non-float32 input dtype becomes an explicit InputLayer `<layer>_input` (the name Keras 1's
 *    Sequential gives it), because `dtype` on the layer itself would also be the dtype of its
 *    weights in tfjs (an int32 Embedding matrix); float32 is the default and is dropped. Elsewhere
 *    it only restates the default input of a layer that is not first, and is dropped.
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, entryName, isModelEntry, layersOf, mapConfigs, noteConverted, renameKey, without, withLayers, type Keras1Context, type Keras1Pass } from './context.js';

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

/** `input_dim` / `input_length` / `input_dtype` / `batch_input_shape` that only a model's input needs. */
function dropInputKeys(cls: string, config: JsonObject): JsonObject {
  return cls === 'Embedding' ? without(config, 'input_dtype') : without(config, 'input_dim', 'input_length', 'input_dtype');
}

/** An explicit InputLayer for a Sequential model's first layer, as Keras 1's Sequential.add makes it. */
export function inputLayerFor(entry: JsonObject, shape: unknown[], dtype: string): JsonObject {
  const name = `${entryName(entry) ?? 'sequential'}_input`;
  return { class_name: 'InputLayer', config: { batch_input_shape: shape, dtype, sparse: false, name } };
}

function firstLayer(entry: JsonObject, ctx: Keras1Context): JsonObject[] {
  const cls = String(entry.class_name);
  const config = entry.config as JsonObject;
  const shape = declaredBatchShape(cls, config);
  if (!shape) return [{ ...entry, config: dropInputKeys(cls, config) }];
  const dtype = declaredDtype(cls, config);
  const rest = without(dropInputKeys(cls, config), 'batch_input_shape');
  if (dtype !== 'float32') {
    noteConverted(ctx, `input_dtype "${dtype}" → an InputLayer`, 'layer');
    return [inputLayerFor(entry, shape, dtype), { ...entry, config: rest }];
  }
  if (!Array.isArray(config.batch_input_shape)) noteConverted(ctx, 'input_dim → batch_input_shape');
  return [{ ...entry, config: { batch_input_shape: shape, ...rest } }];
}

export const inputShapes: Keras1Pass = (model, path, ctx) => {
  // First layers of Sequential models (nested ones too).
  const firsts = eachModel(model, path, (m, p) => {
    if (m.class_name !== 'Sequential') return m;
    const at = layersOf(m, p);
    const first = at?.layers[0];
    if (!at || !isObj(first) || isModelEntry(first) || !isObj(first.config) || first.class_name === 'InputLayer') return m;
    return withLayers(m, [...firstLayer(first, ctx), ...at.layers.slice(1)]);
  });
  // Every other layer; InputLayer's input_dtype → dtype.
  return mapConfigs(firsts, path, (config, cls) => {
    if (cls === 'InputLayer') return renameKey(config, 'input_dtype', 'dtype');
    return dropInputKeys(cls, config);
  });
};
