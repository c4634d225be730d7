/**
 * Keras 3 writes each call as `{args, kwargs}` holding `__keras_tensor__` objects; tfjs reads the
 * Keras 2 list `[[layer, node, tensor, kwargs], …]` ("Corrupted configuration, expected array for
 * nodeData" otherwise). Tensors are taken from `args` in order (a merge layer's list included),
 * tensors inside `kwargs` become `[layer, node, tensor]` as Keras 2 wrote them, and unset kwargs
 * (`mask: None`) are dropped.
 *
 * Nested models: Keras 3's `serialize_node` discounts nodes outside the outer model, so the first
 * call of a nested model is node 0 in `keras_history`; Keras 2 and tfjs keep a built-in node 0 on
 * every nested model, so tfjs needs node 1 (keras/src/models/functional.py; facts §5).
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, layersOf, MODEL_CLASSES, type Keras3Pass } from './context.js';

type Triple = [string, number, number];

function history(v: unknown): Triple | undefined {
  if (!isObj(v) || v.class_name !== '__keras_tensor__' || !isObj(v.config)) return undefined;
  const h = v.config.keras_history;
  return Array.isArray(h) && typeof h[0] === 'string' ? [h[0], Number(h[1] ?? 0), Number(h[2] ?? 0)] : undefined;
}

/** Every tensor in a nested args structure, in order. */
function tensors(v: unknown, out: Triple[] = []): Triple[] {
  const h = history(v);
  if (h) out.push(h);
  else if (Array.isArray(v)) for (const x of v) tensors(x, out);
  else if (isObj(v) && !('class_name' in v)) for (const x of Object.values(v)) tensors(x, out);
  return out;
}

/** kwargs as Keras 2 wrote them: tensors as triples, unset values dropped. */
function kwargsOf(v: unknown, shift: (t: Triple) => Triple): JsonObject {
  if (!isObj(v)) return {};
  const out: JsonObject = {};
  const convert = (x: unknown): unknown => {
    const h = history(x);
    if (h) return shift(h);
    if (Array.isArray(x)) return x.map(convert);
    return x;
  };
  for (const [k, x] of Object.entries(v)) {
    if (x === null || (Array.isArray(x) && x.every((e) => e === null))) continue;
    out[k] = convert(x);
  }
  return out;
}

export const inboundNodes: Keras3Pass = (model, path, ctx) =>
  eachModel(model, path, (m, p) => {
    const nested = new Set(layersOf(m).filter((l) => MODEL_CLASSES.has(String(l.class_name))).map((l) => String(l.name ?? (isObj(l.config) ? l.config.name : ''))));
    const shift = ([name, node, tensor]: Triple): Triple => [name, nested.has(name) ? node + 1 : node, tensor];
    const c = m.config;
    if (!isObj(c) || !Array.isArray(c.layers)) return m;
    const layers = c.layers.map((l, i) => {
      if (!isObj(l) || !Array.isArray(l.inbound_nodes)) return l;
      const nodes = l.inbound_nodes.map((n, j) => {
        if (!isObj(n) || !('args' in n)) return n;
        const inputs = tensors(n.args).map(shift);
        if (inputs.length === 0) {
          ctx.reporter.report('KS1015', { path: [...p, 'config', 'layers', i, 'inbound_nodes', j] }, { layer: String(l.name) });
          return [];
        }
        const kwargs = kwargsOf(n.kwargs, shift);
        return inputs.map((t) => [...t, kwargs]);
      });
      return { ...l, inbound_nodes: nodes };
    });
    return { ...m, config: { ...c, layers } };
  });
