/**
 * `input_layers` / `output_layers`: Keras 3 mirrors the structure the model was built with — a flat
 * triple for one tensor, a list, or a dict — where tfjs needs a list of triples (a flat triple
 * fails with an empty AssertionError). A dict becomes its values in key order, with a note. A nested
 * Sequential referenced here gets the built-in node tfjs counts (a nested Functional already has it).
 */
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, layersOf, type Keras3Pass } from './context.js';

const isTriple = (v: unknown): v is [string, number, number] => Array.isArray(v) && v.length === 3 && typeof v[0] === 'string' && typeof v[1] === 'number';

function flatten(v: unknown, out: unknown[][]): void {
  if (isTriple(v)) out.push([...v]);
  else if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else if (isObj(v)) for (const x of Object.values(v)) flatten(x, out);
}

export const ioLayers: Keras3Pass = (model, path, ctx) =>
  eachModel(model, path, (m, p) => {
    const c = m.config as JsonObject;
    if (!isObj(c) || !('input_layers' in c || 'output_layers' in c)) return m;
    const sequentials = new Set(layersOf(m).filter((l) => l.class_name === 'Sequential').map((l) => String(l.name ?? (isObj(l.config) ? l.config.name : ''))));
    const out: JsonObject = { ...c };
    for (const key of ['input_layers', 'output_layers'] as const) {
      const v = c[key];
      if (v === undefined) continue;
      if (isObj(v)) ctx.reporter.report('KS1014', { path: [...p, 'config', key] }, { which: key === 'input_layers' ? 'inputs' : 'outputs', order: Object.keys(v).join(', ') });
      const list: unknown[][] = [];
      flatten(v, list);
      out[key] = list.map(([name, node, tensor]) => [name, key === 'output_layers' && sequentials.has(String(name)) ? Number(node) + 1 : node, tensor]);
    }
    return { ...m, config: out };
  });
