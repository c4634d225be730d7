/**
 * Keras 3.4+ writes each layer's dtype as a DTypePolicy object; tfjs expects a dtype string (a
 * policy object on a first layer breaks predict). A mixed-precision policy computes in float16 or
 * bfloat16 in Keras; tfjs has no such policy, so kspec keeps float32 and says so.
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, mapConfigs, type Keras3Pass } from './context.js';

const POLICY_CLASSES = new Set(['DTypePolicy', 'FloatDTypePolicy', 'Policy', 'QuantizedDTypePolicy', 'QuantizedFloat8DTypePolicy']);

export const dtypePolicy: Keras3Pass = (model, path, ctx) =>
  eachModel(model, path, (m, p) => {
    const fix = (dtype: unknown, at: (string | number)[]): unknown => {
      if (!isObj(dtype) || !POLICY_CLASSES.has(String(dtype.class_name))) return dtype;
      const name = isObj(dtype.config) ? String(dtype.config.name ?? 'float32') : 'float32';
      if (/^mixed_/.test(name) || String(dtype.class_name).startsWith('Quantized')) {
        ctx.reporter.report('KS1013', { path: at }, { policy: name });
        return 'float32';
      }
      return name;
    };
    const config = m.config as JsonObject;
    const top = isObj(config) && 'dtype' in config ? { ...m, config: { ...config, dtype: fix(config.dtype, [...p, 'config', 'dtype']) } } : m;
    return mapConfigs(top, (c, _, i) => ('dtype' in c ? { ...c, dtype: fix(c.dtype, [...p, 'config', 'layers', i, 'config', 'dtype']) } : c));
  });
