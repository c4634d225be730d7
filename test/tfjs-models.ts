/**
 * Tiny Keras-2-style model JSON around one catalogue row, loaded with `tf.models.modelFromJSON`,
 * shared by the catalogue table tests and the tfjs-quirk tests.
 */
import * as tf from '@tensorflow/tfjs';
// kspec's runtime classes (KspecActivation) are catalogue rows tfjs builds once they are registered.
import '../src/runtime/index.js';
import { LAYER_SPECS, tfjsSupports, type LayerSpec } from '../src/ir/catalogue/index.js';

export type Native = LayerSpec & { tfjs: { className: string } };
type Shape = readonly (number | null)[];

/** tfjs types modelFromJSON's argument loosely (PyJsonDict); our literals are plain objects. */
export const fromJSON = (json: object) => tf.models.modelFromJSON(json as Parameters<typeof tf.models.modelFromJSON>[0]);

/** The catalogue row called `name`. */
export const rowNamed = (name: string): LayerSpec => LAYER_SPECS.find((r) => r.name === name)!;
export const nativeRows = (): Native[] => LAYER_SPECS.filter(tfjsSupports);

/** Layers whose computeOutputShape mutates the input shape array: they need a layer before them. */
export const MUTATES_INPUT_SHAPE: ReadonlySet<string> = new Set(['CenterCrop', 'CategoryEncoding']);
/** Cells run one timestep; they are wrapped in RNN over a 2-step sequence. */
export const isCell = (r: LayerSpec): boolean => r.name.endsWith('Cell') || r.name === 'StackedRNNCells';

export const sequentialJson = (layers: readonly object[]): object => ({ class_name: 'Sequential', config: { name: 'm', layers } });

/** A Sequential model of one layer named `l` taking `input` (batch dimension left out). */
export const oneLayerJson = (className: string, config: Record<string, unknown>, input: Shape): object =>
  sequentialJson([{ class_name: className, config: { name: 'l', batch_input_shape: [null, ...input], ...config } }]);

/** A functional model (`className` Functional or Model) whose inputs, all of `shape`, feed one layer, its output. */
export function functionalJson(
  className: string,
  inputs: readonly string[],
  shape: Shape,
  layer: { class_name: string; name: string; config: object },
): object {
  const input = (name: string) => ({
    class_name: 'InputLayer', name, inbound_nodes: [],
    config: { batch_input_shape: [null, ...shape], dtype: 'float32', sparse: false, ragged: false, name },
  });
  return {
    class_name: className,
    config: {
      name: 'm',
      layers: [...inputs.map(input), { ...layer, inbound_nodes: [inputs.map((n) => [n, 0, 0, {}])] }],
      input_layers: inputs.map((n) => [n, 0, 0]),
      output_layers: [[layer.name, 0, 0]],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  };
}

/**
 * Keras-2-style JSON around the row's layer (named `l`, built with `row.example`): a two-input
 * functional model for merges, an RNN over 2 steps for cells, otherwise a Sequential model, with a
 * no-op Reshape first when `leadingReshape`. `inputs` is how many inputs it takes and `input` the shape
 * of each without the batch dimension (None filled with 2).
 */
export function modelJson(row: Native, opts: { leadingReshape?: boolean } = {}): { json: object; inputs: number; input: number[] } {
  const sample = row.exampleInput ?? [];
  const config = { name: 'l', ...row.example };
  const filled = (s: Shape) => s.map((d) => d ?? 2);
  if (row.category === 'merge' || row.category === 'attention') {
    return { inputs: 2, input: filled(sample), json: functionalJson('Functional', ['a', 'b'], sample, { class_name: row.tfjs.className, name: 'l', config }) };
  }
  if (isCell(row)) {
    const input = [2, ...sample];
    const cell = { class_name: row.tfjs.className, config: { ...row.example } };
    return { inputs: 1, input: filled(input), json: oneLayerJson('RNN', { cell }, input) };
  }
  const json = opts.leadingReshape
    ? sequentialJson([
        { class_name: 'Reshape', config: { name: 'r', target_shape: sample, batch_input_shape: [null, ...sample] } },
        { class_name: row.tfjs.className, config },
      ])
    : oneLayerJson(row.tfjs.className, { ...row.example }, sample);
  return { inputs: 1, input: filled(sample), json };
}
