/**
 * A Keras 1 Sequential model whose first layer is `Merge([model_a, model_b, …])` has several
 * inputs, which neither a Keras 2 nor a tfjs Sequential model can have. Keras 1 writes it as
 * `[{class_name: "Merge", config: {…, layers: [<model>, …]}}, <layer>, …]` (Sequential.get_config)
 * and Keras 2.0 rebuilt it through Sequential.legacy_from_config. It becomes the functional Model
 * Keras 1 builds internally:
 *  - each merged Sequential is inlined: an InputLayer `<first layer>_input` (Keras 1's
 *    Sequential.add names it so) with the first layer's input shape and dtype, then its layers in a
 *    chain; a merged functional Model is inlined with its own wiring;
 *  - the merge layer (already converted from its mode) takes the merged models' outputs, in order;
 *    the remaining layers follow in a chain.
 * Keras 1 saves such a model's weights flattened in the same order (Sequential.flattened_layers),
 * and every layer keeps its name, so weights still load by name. Merged Sequentials that
 * themselves start with a Merge are inlined recursively. It runs after the per-layer passes, which
 * see the merged models where they are written.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import { isObj, type JsonObject } from '../../ir/json.js';
import { kerasSnakeCase, Names } from '../../ir/graph.js';
import { eachModel, entryName, isModelEntry, layersOf, listMap, mergedModels, noteConverted, without, type Keras1Context, type Keras1Pass } from './context.js';
import { declaredBatchShape, declaredDtype } from './input-shape.js';

type Triple = [string, number, number];

interface Piece {
  readonly layers: JsonObject[];
  /** Where each new entry was written. */
  readonly from: Path[];
  readonly inputs: Triple[];
  readonly output: Triple;
}

/** Every layer name in a list of entries, merged and nested models included. */
function collectNames(entries: readonly unknown[], out: Names): Names {
  for (const e of entries) {
    if (!isObj(e)) continue;
    const name = entryName(e);
    if (name) out.add(name);
    collectNames(mergedModels(e) ?? [], out);
    const at = isModelEntry(e) ? layersOf(e, []) : undefined;
    if (at) collectNames(at.layers, out);
  }
  return out;
}

/** A merged Sequential (its layer list at `path`) as graph entries: an input, then a chain. */
function sequentialPiece(entries: readonly unknown[], path: Path, ctx: Keras1Context, taken: Names): Piece | undefined {
  const out: JsonObject[] = [];
  const from: Path[] = [];
  const inputs: Triple[] = [];
  let prev: Triple;
  let start = 1;
  const first = entries[0];
  if (mergedModels(first) && isObj(first)) {
    const merged = mergePiece(first, [...path, 0], ctx, taken);
    if (!merged) return undefined;
    out.push(...merged.layers);
    from.push(...merged.from);
    inputs.push(...merged.inputs);
    prev = merged.output;
  } else if (isObj(first) && !isModelEntry(first) && isObj(first.config)) {
    const cls = String(first.class_name);
    const shape = declaredBatchShape(cls, first.config);
    if (!shape) {
      ctx.reporter.report('KS1018', [...path, 0], { what: 'A merged Sequential model', why: 'its first layer declares no input shape (batch_input_shape or input_dim)' });
      return undefined;
    }
    const name = entryName(first) ?? taken.unique(kerasSnakeCase(cls));
    const input = taken.unique(`${name}_input`);
    out.push({ class_name: 'InputLayer', name: input, config: { batch_input_shape: shape, dtype: declaredDtype(cls, first.config), sparse: false, name: input }, inbound_nodes: [] });
    from.push([...path, 0]);
    inputs.push([input, 0, 0]);
    prev = [input, 0, 0];
    start = 0;
  } else {
    ctx.reporter.report('KS1018', [...path, 0], { what: 'A merged Sequential model', why: 'it must start with a layer that declares the input shape' });
    return undefined;
  }
  for (let i = start; i < entries.length; i++) {
    const e = entries[i];
    if (!isObj(e)) return undefined;
    const model = isModelEntry(e);
    let cfg = isObj(e.config) ? e.config : {};
    if (i === 0) cfg = without(cfg, 'batch_input_shape', 'input_dtype');
    const name = entryName(e) ?? taken.unique(kerasSnakeCase(String(e.class_name)));
    out.push({ ...e, name, config: model ? e.config : { ...cfg, name }, inbound_nodes: [[[...prev]]] });
    from.push([...path, i]);
    // A nested model's first call is its node 1 (node 0 is the one it is built with), in Keras 1 as in Keras 2.
    prev = [name, model ? 1 : 0, 0];
  }
  return { layers: out, from, inputs, output: prev };
}

/** A merged functional Model (at `path`), inlined with its own wiring. */
function modelPiece(model: JsonObject, path: Path, ctx: Keras1Context): Piece | undefined {
  const c = model.config;
  const triples = (v: unknown): Triple[] => (Array.isArray(v) ? v.filter((t): t is unknown[] => Array.isArray(t)).map((t) => [String(t[0]), Number(t[1] ?? 0), Number(t[2] ?? 0)]) : []);
  if (!isObj(c) || !Array.isArray(c.layers)) return undefined;
  const outputs = triples(c.output_layers);
  if (outputs.length !== 1) {
    ctx.reporter.report('KS1018', [...path, 'config', 'output_layers'], { what: 'A merged Model', why: `a Merge takes one tensor from each merged model, and this model has ${outputs.length} outputs` });
    return undefined;
  }
  const entries = c.layers as unknown[];
  const kept = [...entries.entries()].filter((e): e is [number, JsonObject] => isObj(e[1]));
  return { layers: kept.map(([, l]) => l), from: kept.map(([i]) => [...path, 'config', 'layers', i]), inputs: triples(c.input_layers), output: outputs[0]! };
}

/** The merge entry at `path` and the models it merges. */
function mergePiece(merge: JsonObject, path: Path, ctx: Keras1Context, taken: Names): Piece | undefined {
  const config = merge.config as JsonObject;
  const branches = config.layers as unknown[];
  const piece: { layers: JsonObject[]; from: Path[]; inputs: Triple[] } = { layers: [], from: [], inputs: [] };
  const outputs: Triple[] = [];
  for (const [j, b] of branches.entries()) {
    const p = [...path, 'config', 'layers', j];
    const at = isObj(b) && isModelEntry(b) ? layersOf(b, p) : undefined;
    let part: Piece | undefined;
    if (isObj(b) && b.class_name === 'Sequential' && at) part = sequentialPiece(at.layers, at.path, ctx, taken);
    else if (isObj(b) && isModelEntry(b)) part = modelPiece(b, p, ctx);
    else ctx.reporter.report('KS1018', p, { what: 'A Merge of models', why: 'each merged item must be a Sequential model or a Model' });
    if (!part) return undefined;
    piece.layers.push(...part.layers);
    piece.from.push(...part.from);
    piece.inputs.push(...part.inputs);
    outputs.push(part.output);
  }
  const name = entryName(merge) ?? taken.unique('merge');
  piece.layers.push({ class_name: merge.class_name, name, config: { ...without(config, 'layers'), name }, inbound_nodes: [outputs.map((t) => [...t])] });
  piece.from.push(path);
  return { ...piece, output: [name, 0, 0] };
}

export const sequentialMerge: Keras1Pass = (model, path, ctx) =>
  eachModel(model, path, (m, p) => {
    const at = layersOf(m, p);
    if (!at) return m;
    for (const [i, e] of at.layers.entries()) {
      if (mergedModels(e) && (i > 0 || m.class_name !== 'Sequential')) {
        ctx.reporter.report('KS1018', [...at.path, i], { what: 'A Merge of models', why: 'Keras 1 builds one only as the first layer of a Sequential model' });
        return m;
      }
    }
    if (m.class_name !== 'Sequential' || !mergedModels(at.layers[0])) return m;
    const piece = sequentialPiece(at.layers, at.path, ctx, collectNames(at.layers, new Names()));
    if (!piece) return m;
    noteConverted(ctx, 'Sequential(Merge of models) → Model', 'layer');
    const c = m.config;
    const name = isObj(c) && typeof c.name === 'string' ? c.name : 'sequential';
    const config = [...p, 'config'];
    ctx.pathMaps.push((q) => {
      const mapped = listMap([...config, 'layers'], piece.from)(q);
      // The model's own keys stand for the Merge that made it a Model.
      return mapped === q && q.length > config.length && q[config.length] !== 'layers' && config.every((s, k) => q[k] === s) ? [...config, 0] : mapped;
    });
    return { ...m, class_name: 'Model', config: { name, layers: piece.layers, input_layers: piece.inputs, output_layers: [piece.output] } };
  });
