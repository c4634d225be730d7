/**
 * Wrapper layers (Bidirectional, TimeDistributed) and the model classes that can appear as a config's
 * top level or as a nested layer (Sequential, Functional, Model).
 *
 * Sources read:
 * - Keras 2: keras-team/keras `keras/layers/rnn/{bidirectional,time_distributed,base_wrapper}.py`
 *   (Keras 2 history; tf-keras 2.15 has the same files). Bidirectional(layer, merge_mode="concat",
 *   weights=None, backward_layer=None, **kwargs); get_config writes merge_mode, layer (Wrapper), and
 *   backward_layer / num_constants only when set. TimeDistributed(layer, **kwargs) writes layer.
 * - Keras 3: keras-team/keras `keras/src/layers/rnn/bidirectional.py`: same signature; get_config always
 *   writes merge_mode, layer (the forward copy) and backward_layer (the backward copy, go_backwards=true).
 * - tfjs 4.22: `dist/layers/wrappers.js`. Bidirectional reads layer and mergeMode, throws on `weights`
 *   ("weights support is not implemented") and on `numConstants`, and silently ignores `backward_layer`:
 *   it always builds the backward layer as a copy of `layer` with go_backwards flipped (run: a
 *   backward_layer GRU with 5 units still gives a 2+2 output for a 2-unit LSTM). merge_mode null works
 *   only in functional models (two outputs). TimeDistributed reads layer.
 * - Models: the registry (`tf.serialization.SerializationMap`) holds Sequential, Model and Functional;
 *   keras-tfjs-facts.md §4 describes the JSON forms. Their configs (`layers`, `input_layers`,
 *   `output_layers`, `build_input_shape`) are structural and validated outside this table, so the rows
 *   carry no arguments.
 */
import type { LayerSpec } from './types.js';
import { any, arg, int, layer, oneOf, opt } from './t.js';
import { ZEROS } from './base.js';

export const WRAPPER_LAYERS: readonly LayerSpec[] = [
  {
    name: 'Bidirectional',
    category: 'wrapper',
    doc: 'Runs a recurrent layer forwards and backwards over a sequence and merges the two outputs.',
    positional: 4,
    args: [
      arg('layer', layer, { required: true, doc: 'The forward recurrent layer as a nested {class_name, config}.' }),
      arg('merge_mode', opt(oneOf('sum', 'mul', 'concat', 'ave')), {
        default: 'concat',
        doc: 'How forward and backward outputs are combined: "sum", "mul", "concat", "ave", or null for a list of both.',
      }),
      arg('weights', opt(any), {
        default: null,
        doc: 'Initial weights for both directions (never written by get_config); tfjs throws when it is set.',
      }),
      arg('backward_layer', opt(layer), {
        default: null,
        tfjs: null,
        doc: 'Explicit backward layer (always written by Keras 3); tfjs ignores it and mirrors `layer` instead.',
      }),
      arg('num_constants', int(0), {
        default: 0,
        keras2Only: true,
        doc: 'Number of constant inputs, written by Keras 2 only when non-zero; tfjs refuses to load it.',
      }),
    ],
    tfjs: { className: 'Bidirectional' },
    example: { layer: { class_name: 'LSTM', config: { units: 2, recurrent_initializer: ZEROS } }, merge_mode: 'concat' },
    exampleInput: [4, 3],
  },
  {
    name: 'TimeDistributed',
    category: 'wrapper',
    doc: 'Applies the wrapped layer to every timestep (axis 1) of the input independently.',
    positional: 1,
    args: [arg('layer', layer, { required: true, doc: 'The layer applied to each timestep, as a nested {class_name, config}.' })],
    tfjs: { className: 'TimeDistributed' },
    example: { layer: { class_name: 'Dense', config: { units: 2 } } },
    exampleInput: [4, 3],
  },
];

export const MODEL_CLASSES: readonly LayerSpec[] = [
  {
    name: 'Sequential',
    category: 'model',
    doc: 'A linear stack of layers, each feeding the next.',
    positional: 0,
    args: [],
    tfjs: { className: 'Sequential' },
    example: {},
    exampleInput: [3],
  },
  {
    name: 'Functional',
    category: 'model',
    doc: 'A graph of layers with explicit inputs and outputs (the class name Keras writes since TF 2.3).',
    positional: 0,
    args: [],
    tfjs: { className: 'Functional' },
    example: {},
    exampleInput: [3],
  },
  {
    name: 'Model',
    category: 'model',
    doc: 'A graph of layers with explicit inputs and outputs (the class name of Keras ≤ 2.2 and of tfjs\'s own model.json).',
    positional: 0,
    args: [],
    tfjs: { className: 'Model' },
    example: {},
    exampleInput: [3],
  },
];
