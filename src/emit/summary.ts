/**
 * `kspec summary`: the table tf.keras 2.15's `model.summary()` prints (tf_keras/utils/layer_utils.py
 * `print_summary`: column positions, wrapping, the blank row after each layer, the totals with their
 * memory size), computed from kspec's shape inference on the compiled graph — no tfjs. The numbers
 * are what tfjs counts once built (the tests build every fixture to check).
 */
import { inferShapes } from '../infer/index.js';
import type { InferResult, Shape } from '../infer/types.js';
import type { LayerNode, ModelGraph } from '../ir/graph.js';

export interface SummaryRow {
  readonly name: string;
  readonly className: string;
  /** Keras's rendering: `(None, 90)`, `[(None, 10)]` for inputs, `multiple` for shared layers, `?` when unknown. */
  readonly outputShape: string;
  readonly params: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
  /** Functional models: `layer[node][tensor]` of each input. */
  readonly connectedTo?: readonly string[];
}

export interface Summary {
  readonly name: string;
  readonly layout: 'sequential' | 'functional';
  readonly layers: readonly SummaryRow[];
  readonly totalParams: number;
  readonly trainableParams: number;
  readonly nonTrainableParams: number;
}

const dim = (d: number | null) => (d === null ? 'None' : String(d));
/** A Python tuple: `(None, 90)`, `(None,)`. */
export const tuple = (s: Shape) => (s.length === 1 ? `(${dim(s[0]!)},)` : `(${s.map(dim).join(', ')})`);

export function outputShape(layer: LayerNode, shapes: InferResult): string {
  const info = shapes.layers.get(layer.name);
  if (!info) return '?';
  if (info.outputs.length > 1) return 'multiple';
  const outs = info.outputs[0];
  if (!outs || outs.length === 0) return '?';
  // Keras's InputLayer reports its shape as a one-element list.
  if (layer.className === 'InputLayer' || outs.length > 1) return `[${outs.map(tuple).join(', ')}]`;
  return tuple(outs[0]!);
}

/** Params a layer owns; for a nested model, the sum over its layers. */
function params(layer: LayerNode, shapes: InferResult): { trainable: number; nonTrainable: number } {
  const info = shapes.layers.get(layer.name);
  if (info) return { trainable: info.trainableParams, nonTrainable: info.nonTrainableParams };
  const nested = layer.model && shapes.nested.get(layer.name);
  if (layer.model && nested) return totals(layer.model, nested);
  return { trainable: 0, nonTrainable: 0 };
}

function totals(graph: ModelGraph, shapes: InferResult): { trainable: number; nonTrainable: number } {
  let trainable = 0;
  let nonTrainable = 0;
  for (const l of graph.layers) {
    const p = params(l, shapes);
    trainable += p.trainable;
    nonTrainable += p.nonTrainable;
  }
  return { trainable, nonTrainable };
}

/** Keras prints a functional model as sequential when it is one chain without merges or shared layers. */
function sequentialLike(graph: ModelGraph): boolean {
  if (graph.style === 'sequential') return true;
  return graph.inputs.length === 1 && graph.outputs.length === 1 && graph.layers.every((l) => l.calls.length <= 1 && (l.calls[0]?.inputs.length ?? 0) <= 1);
}

export function summarize(graph: ModelGraph, shapes: InferResult = inferShapes(graph)): Summary {
  const sequential = sequentialLike(graph);
  // Keras's Sequential.layers leaves the input layer out.
  const layers = graph.style === 'sequential' ? graph.layers.filter((l) => l.className !== 'InputLayer') : graph.layers;
  const rows = layers.map((l): SummaryRow => {
    const p = params(l, shapes);
    return {
      name: l.name,
      className: l.model ? (l.model.style === 'sequential' ? 'Sequential' : 'Functional') : l.className,
      outputShape: outputShape(l, shapes),
      params: p.trainable + p.nonTrainable,
      trainableParams: p.trainable,
      nonTrainableParams: p.nonTrainable,
      ...(!sequential && { connectedTo: l.calls.flatMap((c) => c.inputs.map((t) => `${t.layer}[${t.node}][${t.tensor}]`)) }),
    };
  });
  const t = totals(graph, shapes);
  return { name: graph.name, layout: sequential ? 'sequential' : 'functional', layers: rows, totalParams: t.trainable + t.nonTrainable, trainableParams: t.trainable, nonTrainableParams: t.nonTrainable };
}

/** Python's `str()` of a list of strings: `['a[0][0]', 'b[0][0]']`. */
const pyList = (xs: readonly string[]) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** tf_keras's `readable_memory_size` of float32 weights. */
function memory(count: number): string {
  let size = count * 4;
  for (const unit of ['Byte', 'KB', 'MB', 'GB', 'TB']) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

/** tf_keras's `print_row`: fixed columns, wrapping long cells at `),` `},` `],` `',`. */
function row(fields: readonly string[], positions: readonly number[]): string[] {
  const left = [...fields];
  const lines: string[] = [];
  while (left.some((x) => x.length > 0)) {
    let line = '';
    for (let col = 0; col < left.length; col++) {
      const start = col > 0 ? positions[col - 1]! : 0;
      const last = col === positions.length - 1;
      const space = last ? 0 : 2;
      let cutoff = positions[col]! - start - space - (last ? 0 : 1);
      let fit = left[col]!.slice(0, cutoff);
      const breaks = ['),', '},', '],', "',"].filter((x) => fit.includes(x)).map((x) => fit.indexOf(x) + x.length);
      if (breaks.length > 0) {
        cutoff = Math.min(...breaks);
        fit = fit.slice(0, cutoff);
      }
      if (col === 0) line += ' ';
      line += fit + ' '.repeat(space);
      left[col] = left[col]!.slice(cutoff);
      line += ' '.repeat(Math.max(0, positions[col]! - line.length));
    }
    lines.push(line);
  }
  return lines;
}

export function formatSummary(s: Summary): string {
  const sequential = s.layout === 'sequential';
  const width = sequential ? 65 : 98;
  const positions = (sequential ? [0.45, 0.85, 1.0] : [0.3, 0.6, 0.7, 1.0]).map((p) => Math.floor(width * p));
  const header = sequential ? ['Layer (type)', 'Output Shape', 'Param #'] : ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const out = [`Model: "${s.name}"`, '_'.repeat(width), ...row(header, positions), '='.repeat(width)];
  for (const l of s.layers) {
    const fields = [`${l.name} (${l.className})`, l.outputShape, String(l.params)];
    if (!sequential) fields.push(pyList(l.connectedTo ?? []));
    out.push(...row(fields, positions), ' '.repeat(width));
  }
  out.push(
    '='.repeat(width),
    `Total params: ${s.totalParams} (${memory(s.totalParams)})`,
    `Trainable params: ${s.trainableParams} (${memory(s.trainableParams)})`,
    `Non-trainable params: ${s.nonTrainableParams} (${memory(s.nonTrainableParams)})`,
    '_'.repeat(width),
  );
  return out.join('\n') + '\n';
}
