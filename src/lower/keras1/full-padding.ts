/**
 * `border_mode="full"` (Keras 1 convolutions on Theano): the output has `in + (k-1)·d` positions,
 * as if the input were padded with `(k-1)·d` zeros on each side (k the kernel size, d the
 * dilation) and convolved without padding; strides then sample that output from its first
 * position (Keras 1 conv_output_length; Theano's conv2d "full"). Keras 2 and tfjs have no "full"
 * padding, so the convolution gets `padding: "valid"` after a ZeroPadding1D/2D/3D layer named
 * `<conv>_zero_padding<r>d` with exactly those amounts, which computes the same thing. Transposed
 * and wrapped convolutions with "full" are reported.
 */
import type { Path } from '../../diagnostics/diagnostic.js';
import { isObj, type JsonObject } from '../../ir/json.js';
import { eachModel, entryName, layersOf, listMap, mapEntries, noteConverted, row, without, withLayers, type Keras1Context, type Keras1Pass } from './context.js';

const RANKS: Readonly<Record<string, number>> = { Conv1D: 1, Conv2D: 2, Conv3D: 3 };

const isFull = (e: unknown): e is JsonObject & { config: JsonObject } => isObj(e) && isObj(e.config) && e.config.padding === 'full';

const tuple = (v: unknown, r: number): number[] => (Array.isArray(v) ? v.map(Number) : Array.from({ length: r }, () => Number(v ?? 1)));

/** The ZeroPadding layer's config for a "full" convolution of rank r, or why there is none. */
function paddingConfig(config: JsonObject, r: number, name: string): JsonObject | string {
  const k = tuple(config.kernel_size, r);
  const d = tuple(config.dilation_rate ?? 1, r);
  if (k.length !== r || d.length !== r || [...k, ...d].some((x) => !Number.isInteger(x) || x < 1)) return 'its kernel_size or dilation_rate is not a positive integer per axis';
  const amounts = k.map((ki, i) => (ki - 1) * d[i]!);
  const padding = r === 1 ? [amounts[0], amounts[0]] : r === 2 ? amounts.map((a) => [a, a]) : amounts;
  return { name, padding, ...(r > 1 && typeof config.data_format === 'string' && { data_format: config.data_format }) };
}

function report(ctx: Keras1Context, at: Path, cls: string, why: string): void {
  ctx.reporter.report('KS1018', at, { what: `${cls} with border_mode "full"`, why });
}

export const fullPadding: Keras1Pass = (model, path, ctx) => {
  // Convolutions inside wrappers cannot take a layer in front of them.
  const checked = mapEntries(model, path, (e, p, wrapped) => {
    if (isFull(e) && (wrapped || !row(RANKS, e.class_name))) {
      report(ctx, [...p, 'config', 'padding'], String(e.class_name), wrapped ? 'it is wrapped in another layer, so no padding layer can go in front of it' : 'Keras 2 and tfjs have no "full" padding for this layer');
    }
    return e;
  });
  return eachModel(checked, path, (m, p) => {
    const at = layersOf(m, p);
    if (!at || !at.layers.some((e) => isFull(e) && row(RANKS, e.class_name))) return m;
    const functional = !Array.isArray(m.config) && m.class_name !== 'Sequential';
    const layers: unknown[] = [];
    const from: (string | number)[][] = [];
    for (const [i, e] of at.layers.entries()) {
      const r = isFull(e) ? row(RANKS, e.class_name) : undefined;
      if (!r || !isFull(e)) {
        layers.push(e);
        from.push([...at.path, i]);
        continue;
      }
      const name = `${entryName(e) ?? `conv${r}d`}_zero_padding${r}d`;
      const pad = paddingConfig(e.config, r, name);
      if (typeof pad === 'string') {
        report(ctx, [...at.path, i, 'config', 'padding'], String(e.class_name), pad);
        layers.push(e);
        from.push([...at.path, i]);
        continue;
      }
      noteConverted(ctx, 'border_mode "full" → ZeroPadding + "valid"', 'layer');
      // A Sequential model's input moves to the padding layer in front.
      const moved = functional ? {} : Object.fromEntries(['batch_input_shape', 'input_dtype'].filter((k) => k in e.config).map((k) => [k, e.config[k]]));
      const convConfig = { ...without(e.config, ...Object.keys(moved)), padding: 'valid' };
      const padEntry: JsonObject = { class_name: `ZeroPadding${r}D`, config: { ...moved, ...pad } };
      if (functional) {
        const nodes = Array.isArray(e.inbound_nodes) ? e.inbound_nodes : [];
        layers.push({ ...padEntry, name, inbound_nodes: nodes }, { ...e, config: convConfig, inbound_nodes: nodes.map((_, j) => [[name, j, 0]]) });
      } else {
        layers.push(padEntry, { ...e, config: convConfig });
      }
      from.push([...at.path, i], [...at.path, i]);
    }
    ctx.pathMaps.push(listMap(at.path, from));
    return withLayers(m, layers);
  });
};
