/**
 * Keras 3 writes an input's shape as `batch_shape`; tfjs reads only `batch_input_shape` and
 * otherwise fails with "An InputLayer should be passed either a batchInputShape or an inputShape".
 */
import { eachModel, mapConfigs, type Keras3Pass } from './context.js';

export const batchShape: Keras3Pass = (model, path) =>
  eachModel(model, path, (m) =>
    mapConfigs(m, (config) => {
      if (!('batch_shape' in config) || 'batch_input_shape' in config) return config;
      const { batch_shape, ...rest } = config;
      return { ...rest, batch_input_shape: batch_shape };
    }),
  );
