/**
 * One table per rule: specs that must not trigger it, and specs that must, with the exact
 * diagnostics (`line:col-endLine:endCol severity CODE message`). Keras JSON cases use `k2(…)`.
 */

export interface RuleCase {
  readonly file: string;
  readonly text: string;
  /** Exact diagnostics of the rule's code; empty for a valid case. */
  readonly expect: readonly string[];
}

/** A Keras 2 Sequential config with the given layer entries, one per line. */
export const k2 = (...layers: object[]) => `{"class_name": "Sequential", "config": {"name": "m", "layers": [\n${layers.map((l) => '  ' + JSON.stringify(l)).join(',\n')}\n]}, "keras_version": "2.15.0", "backend": "tensorflow"}\n`;
/** A Keras 2 Functional config. */
export const k2f = (layers: object[], inputs: string[], outputs: string[]) =>
  `{"class_name": "Functional", "config": {"name": "f", "layers": [\n${layers.map((l) => '  ' + JSON.stringify(l)).join(',\n')}\n], "input_layers": ${JSON.stringify(inputs.map((n) => [n, 0, 0]))}, "output_layers": ${JSON.stringify(outputs.map((n) => [n, 0, 0]))}}, "keras_version": "2.15.0", "backend": "tensorflow"}\n`;
export const input = (name: string, shape: (number | null)[]) => ({ class_name: 'InputLayer', config: { batch_input_shape: [null, ...shape], dtype: 'float32', name }, name, inbound_nodes: [] });
export const node = (cls: string, name: string, config: object, inputs: string[]) => ({ class_name: cls, config: { name, ...config }, name, inbound_nodes: [inputs.map((i) => [i, 0, 0, {}])] });
const dense = (config: object) => ({ class_name: 'Dense', config: { name: 'd', units: 2, ...config } });
const first = { batch_input_shape: [null, 4] };

export const RULE_CASES: Record<string, readonly RuleCase[]> = {
  KS2001: [
    { file: 'ok.yaml', text: 'input_shape: [4]\nlayers: [Dense(2)]\n', expect: [] },
    { file: 'typo.yaml', text: 'input_shape: [4]\nlayers:\n  - Desne(2)\n', expect: ["3:5-3:10 error KS2001 Unknown layer class \"Desne\". [Dense]"] },
    { file: 'typo.json', text: k2({ class_name: 'Dense2', config: { name: 'x', ...first } }), expect: ["2:17-2:25 error KS2001 Unknown layer class \"Dense2\". [Dense]"] },
  ],
  KS2002: [
    { file: 'ok.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense: {units: 2, use_bias: false}\n', expect: [] },
    { file: 'key.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense: {unit: 2}\n', expect: ["3:13-3:17 error KS2002 \"Dense\" has no argument \"unit\". [units]"] },
    // A `__proto__` key in a Keras config is an argument like any other, reported at itself.
    { file: 'proto.json', text: '{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "Dense", "config": {"name": "d", "units": 2, "batch_input_shape": [null, 3], "__proto__": {"x": 1}}}]}}', expect: ['1:157-1:168 error KS2002 "Dense" has no argument "__proto__".'] },
    { file: 'call.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activaton='relu')\n", expect: ["3:14-3:23 error KS2002 \"Dense\" has no argument \"activaton\". [activation]"] },
    { file: 'k2.json', text: k2(dense({ ...first, kernel_initialiser: null })), expect: ["2:85-2:105 error KS2002 \"Dense\" has no argument \"kernel_initialiser\". [kernel_initializer]"] },
  ],
  KS2003: [
    { file: 'type.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense: {units: two}\n', expect: ["3:20-3:23 error KS2003 \"units\" must be an integer."] },
    { file: 'tuple.yaml', text: 'input_shape: [4, 4, 1]\nlayers:\n  - Conv2D(2, (3, 3, 3))\n', expect: ["3:15-3:24 error KS2003 \"kernel_size\" must be an integer or a list of 2 integers."] },
  ],
  KS2004: [
    { file: 'enum.json', text: '{"input_shape": [8, 8, 1], "layers": [{"Conv2D": {"filters": 2, "kernel_size": 3, "padding": "vaild"}}]}\n', expect: ["1:94-1:101 error KS2004 \"vaild\" is not a valid value for \"padding\" (one of \"valid\", \"same\"). [valid]"] },
    { file: 'init.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, kernel_initializer='glorot_unifrom')\n", expect: ["3:33-3:49 error KS2004 \"glorot_unifrom\" is not a valid value for \"kernel_initializer\" (one of the Keras initializers). [glorot_uniform, GlorotUniform]"] },
  ],
  KS2005: [
    { file: 'range.yaml', text: 'input_shape: [4]\nlayers:\n  - Dropout(1.5)\n', expect: ["3:13-3:16 error KS2005 \"rate\" must be at most 1."] },
    { file: 'units.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense(0)\n', expect: ["3:11-3:12 error KS2005 \"units\" must be at least 1."] },
  ],
  KS2006: [
    { file: 'missing.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense()\n', expect: ["3:5-3:10 error KS2006 \"Dense\" needs the argument \"units\"."] },
  ],
  KS2011: [
    { file: 'alias.yaml', text: 'input_shape: [8, 8, 1]\nlayers:\n  - Convolution2D(2, 3)\n  - MaxPool2D()\n', expect: ["3:5-3:18 info KS2011 \"Convolution2D\" is the Keras alias of \"Conv2D\".", "4:5-4:14 info KS2011 \"MaxPool2D\" is the Keras alias of \"MaxPooling2D\"."] },
  ],
  KS3001: [
    { file: 'act.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activation='relu7')\n", expect: ["3:25-3:32 error KS3001 Unknown activation \"relu7\". [relu, ReLU, relu6]"] },
    { file: 'act.json', text: k2(dense({ ...first, activation: 'sigmod' })), expect: ["2:98-2:106 error KS3001 Unknown activation \"sigmod\". [sigmoid]"] },
  ],
  KS3002: [
    { file: 'ok.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activation='relu')\n", expect: [] },
    { file: 'kspec.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activation='leaky_relu')\n", expect: ["3:25-3:37 info KS3002 tfjs cannot run the activation \"leaky_relu\" as written; its exact form is a LeakyReLU{alpha: 0.2} layer after a linear activation. (fixable)"] },
    { file: 'k2.json', text: k2(dense({ ...first, activation: 'silu' })), expect: ["2:98-2:104 warning KS3002 tfjs cannot run the activation \"silu\" as written; its exact form is \"swish\". (fixable)"] },
  ],
  KS3003: [
    { file: 'threshold.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activation='threshold')\n", expect: ["3:25-3:36 error KS3003 The activation \"threshold\" cannot be compiled to tfjs yet: Keras itself needs its \"threshold\" and \"default_value\" arguments, which a string cannot give."] },
    { file: 'exp.yaml', text: "input_shape: [4]\nlayers:\n  - Dense(2, activation='exponential')\n", expect: [] },
  ],
  KS3004: [
    { file: 'cell.yaml', text: "input_shape: [3, 4]\nlayers:\n  - LSTM(2, recurrent_activation='leaky_relu')\n", expect: ["3:34-3:46 error KS3004 The activation \"leaky_relu\" is applied inside a recurrent cell (\"recurrent_activation\"), where no layer can be inserted."] },
  ],
  KS3005: [
    { file: 'layer.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense: {units: 2, activation: {Dense: {units: 3}}}\n', expect: ["3:35-3:54 error KS3005 \"Dense\" is not an activation layer, so it cannot be used as an activation."] },
  ],
  KS4001: [
    { file: 'dup.json', text: k2(dense(first), dense({})), expect: ["3:17-3:24 error KS4001 The name \"d\" is used by more than one layer."] },
  ],
  KS4002: [
    { file: 'ref.json', text: k2f([input('x', [4]), node('Dense', 'd', { units: 2 }, ['y'])], ['x'], ['d']), expect: ["3:87-3:90 error KS4002 Nothing named \"y\" is defined in this model. [d, x]"] },
  ],
  KS4003: [
    { file: 'cycle.json', text: k2f([input('x', [4]), node('Add', 'a', {}, ['x', 'b']), node('Dense', 'b', { units: 4 }, ['a'])], ['x'], ['b']), expect: ["3:17-3:22 error KS4003 The layer \"a\" depends on its own output."] },
  ],
  KS4004: [
    { file: 'noshape.yaml', text: 'layers: [Dense(2)]\n', expect: ["1:10-1:15 error KS4004 The model has no input shape; tfjs cannot build it."] },
  ],
  KS4005: [
    { file: 'node.json', text: k2f([input('x', [4]), { ...node('Dense', 'd', { units: 2 }, []), inbound_nodes: [[['x', 3, 0, {}]]] }], ['x'], ['d']), expect: ['3:87-3:90 error KS4005 "x" has no node 3 (its nodes are 0).'] },
  ],
  KS4006: [
    { file: 'empty.json', text: k2(), expect: ['1:1-3:56 error KS4006 The model has no layers.'] },
  ],
  KS4007: [
    { file: 'unused.yaml', text: 'inputs:\n  a: [4]\n  b: [4]\nlayers:\n  - Dense(2)(a)\n', expect: ["3:3-3:4 warning KS4007 The input \"b\" is not used by any layer."] },
  ],
  KS4008: [
    { file: 'detached.json', text: k2f([input('x', [4]), input('z', [4]), node('Dense', 'd', { units: 2 }, ['x']), node('Dense', 'e', { units: 2 }, ['z'])], ['x'], ['d', 'e']), expect: ["5:17-5:24 error KS4008 The output \"e\" does not depend on any input of the model."] },
  ],
  KS4009: [
    { file: 'index.yaml', text: 'inputs:\n  x: [4]\nlayers:\n  - d = Dense(2)(x)\n  - name: e\n    Dense: {units: 1}\n    inputs: d[1]\n', expect: ['7:13-7:17 error KS4009 "d" has no output 1 (it has one output, number 0).'] },
    { file: 'states.yaml', text: 'inputs:\n  x: [3, 4]\nlayers:\n  - r = LSTM(2, return_state=True)(x)\n  - Dense(1)(r[2])\n  - Dense(1)(r[3])\n', expect: ['6:14-6:18 error KS4009 "r" has no output 3 (it has 3 outputs, 0 to 2).'] },
  ],
  KS4010: [
    { file: 'name.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense(2, name="my layer")\n', expect: ['3:5-3:10 error KS4010 tfjs cannot use "my layer" as a layer name: names start with a letter or digit and hold only letters, digits and . _ - /.'] },
  ],
  KS5011: [
    { file: 'activity.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense(2, activity_regularizer=l2(0.01))\n', expect: ["3:35-3:43 warning KS5011 tfjs cannot build a layer with an activity regularizer, so kspec leaves it out; that changes the training loss, not the model's outputs."] },
  ],
  KS5012: [
    { file: 'cudnn.yaml', text: 'input_shape: [5, 3]\nlayers:\n  - CuDNNLSTM(4)\n  - Bidirectional(CuDNNLSTM(2))\n  - LSTM(2)\n', expect: ['3:5-3:14 info KS5012 CuDNNLSTM keeps separate input and recurrent biases; kspec compiles it as an LSTM whose one bias is their sum, which computes the same outputs with 16 (4·units) fewer parameters than Keras counts.', '4:19-4:31 info KS5012 CuDNNLSTM keeps separate input and recurrent biases; kspec compiles it as an LSTM whose one bias is their sum, which computes the same outputs with 8 (4·units) fewer parameters than Keras counts.'] },
  ],
  KS5013: [
    { file: 'untruncated.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense(2, kernel_initializer=VarianceScaling(distribution="untruncated_normal"))\n  - Dense: {units: 2, kernel_initializer: {class_name: VarianceScaling, config: {distribution: uniform}}}\n', expect: ['3:33-3:83 error KS5013 tfjs cannot draw the "untruncated_normal" distribution of this VarianceScaling "kernel_initializer" and refuses the model; "truncated_normal" or "uniform" give the same variance.'] },
  ],
  KS5001: [
    { file: 'missing.yaml', text: 'input_shape: [2, 2, 2, 3]\nlayers:\n  - UpSampling3D(2)\n', expect: ["3:5-3:17 error KS5001 tfjs cannot build the layer class \"UpSampling3D\": No tfjs equivalent: with static shapes, upsample two axes with UpSampling2D (nearest) on a (d1, d2, d3*channels) Reshape and the third in a second Reshape/UpSampling2D round trip, or register a custom layer."] },
    // Built by kspec's runtime (UpSampling1D) or compiled as a linear Activation (RandomFlip, Identity).
    { file: 'runtime.yaml', text: 'input_shape: [4, 2]\nlayers:\n  - UpSampling1D(2)\n', expect: [] },
    { file: 'replaced.yaml', text: 'input_shape: [4, 4, 3]\nlayers:\n  - RandomFlip()\n  - Identity()\n', expect: [] },
  ],
  KS5002: [
    { file: 'ignored.yaml', text: 'input_shape: [8, 8, 2]\nlayers:\n  - Conv2D(4, 3, groups=2)\n', expect: ["3:25-3:26 warning KS5002 tfjs ignores \"groups\" of \"Conv2D\", so 2 has no effect there."] },
  ],
  KS5003: [
    { file: 'lambda.json', text: k2({ class_name: 'Lambda', config: { name: 'l', ...first, function: ['4wEAAAAA', null, null], function_type: 'lambda', arguments: {} } }), expect: ["2:17-2:25 error KS5003 \"Lambda\" holds Python code, which kspec never runs and tfjs cannot build; supply a tfjs layer class registered under this name instead."] },
  ],
  KS5004: [
    { file: 'slope.json', text: k2(dense(first), { class_name: 'LeakyReLU', config: { name: 'l', negative_slope: 0.1 } }), expect: ["3:50-3:66 warning KS5004 tfjs reads LeakyReLU's slope only from \"alpha\" and ignores \"negative_slope\", which would leave the slope at 0.3 instead of 0.1. (fixable)"] },
  ],
  KS5005: [
    { file: 'relu.yaml', text: 'input_shape: [4]\nlayers:\n  - ReLU(threshold=0.5)\n', expect: ["3:20-3:23 info KS5005 tfjs ignores ReLU's \"threshold\", so it would compute max(x, 0) where Keras uses \"threshold\" = 0.5; kspec compiles it exactly as a ThresholdedReLU{theta: 0.5} layer."] },
    { file: 'relu.json', text: k2({ class_name: 'ReLU', config: { name: 'r', ...first, negative_slope: 0.1, max_value: 6 } }), expect: ["2:91-2:94 warning KS5005 tfjs ignores ReLU's \"negative_slope\", so it would compute max(x, 0) where Keras uses \"negative_slope\" = 0.1; kspec compiles it exactly as a KspecActivation{function: \"relu\", negative_slope: 0.1, max_value: 6} layer (a kspec runtime class: tfjs loads it once \"kspec/runtime\" is imported)."] },
    { file: 'td.yaml', text: 'input_shape: [2, 4]\nlayers:\n  - TimeDistributed(ReLU(negative_slope=0.5))\n', expect: ["3:21-3:45 info KS5005 tfjs ignores ReLU's \"negative_slope\", so it would compute max(x, 0) where Keras uses \"negative_slope\" = 0.5; kspec compiles it exactly as a LeakyReLU{alpha: 0.5} layer."] },
  ],
  KS5006: [
    { file: 'softmax.json', text: k2(dense(first), { class_name: 'Softmax', config: { name: 's' } }), expect: ["3:17-3:26 warning KS5006 tfjs's Softmax layer defaults to axis 1 where Keras uses the last axis, so on inputs of rank 3 or more tfjs fails or normalises the wrong axis. (fixable)"] },
    { file: 'softmax.yaml', text: 'input_shape: [4]\nlayers: [Softmax()]\n', expect: [] },
  ],
  KS5007: [
    { file: 'elu.yaml', text: 'input_shape: [4]\nlayers:\n  - ELU(alpha=0.5)\n', expect: ['3:15-3:18 info KS5007 tfjs builds ELU only with alpha 1 and throws NotImplementedError for alpha 0.5; kspec compiles it exactly as a KspecActivation{function: "elu", alpha: 0.5} layer (a kspec runtime class: tfjs loads it once "kspec/runtime" is imported).'] },
    { file: 'elu.json', text: k2(dense(first), { class_name: 'ELU', config: { name: 'e', alpha: 0.5 } }), expect: ['3:52-3:55 warning KS5007 tfjs builds ELU only with alpha 1 and throws NotImplementedError for alpha 0.5; kspec compiles it exactly as a KspecActivation{function: "elu", alpha: 0.5} layer (a kspec runtime class: tfjs loads it once "kspec/runtime" is imported).'] },
  ],
  KS5008: [
    { file: 'gru.yaml', text: 'input_shape: [3, 4]\nlayers:\n  - GRU(2)\n  - Dense(1)\n', expect: ["3:5-3:8 info KS5008 tfjs 4.22 cannot build \"GRU\" with reset_after=true (the Keras default), the formula and bias shape Keras uses; kspec compiles it exactly as a KspecGRU layer (a kspec runtime class: tfjs loads it once \"kspec/runtime\" is imported)."] },
    { file: 'gru-ok.yaml', text: 'input_shape: [3, 4]\nlayers:\n  - GRU(2, reset_after=False)\n', expect: [] },
    { file: 'gru.json', text: k2({ class_name: 'GRU', config: { name: 'g', batch_input_shape: [null, 3, 4], units: 2, reset_after: true } }), expect: ["2:99-2:103 warning KS5008 tfjs 4.22 cannot build \"GRU\" with reset_after=true, the formula and bias shape Keras uses; kspec compiles it exactly as a KspecGRU layer (a kspec runtime class: tfjs loads it once \"kspec/runtime\" is imported)."] },
    { file: 'nested.yaml', text: 'input_shape: [3, 4]\nlayers:\n  - Bidirectional(GRU(2))\n  - RNN(GRUCell(2, reset_after=True))\n', expect: ["3:19-3:25 info KS5008 tfjs 4.22 cannot build \"GRU\" with reset_after=true (the Keras default), the formula and bias shape Keras uses; kspec compiles it exactly as a KspecGRU layer (a kspec runtime class: tfjs loads it once \"kspec/runtime\" is imported).", "4:9-4:37 info KS5008 tfjs 4.22 cannot build \"GRUCell\" with reset_after=true, the formula and bias shape Keras uses; kspec compiles it exactly as a KspecGRUCell layer (a kspec runtime class: tfjs loads it once \"kspec/runtime\" is imported)."] },
  ],
  KS5009: [
    { file: 'flip.yaml', text: "input_shape: [4, 4, 3]\nlayers:\n  - RandomFlip('horizontal')\n  - RandomCrop(2, 2)\n", expect: ['3:5-3:15 info KS5009 "RandomFlip" acts only in training and returns its input unchanged at inference, so kspec compiles it as a linear Activation (the identity).'] },
    { file: 'zoom.json', text: k2({ class_name: 'RandomZoom', config: { name: 'z', batch_input_shape: [null, 4, 4, 3], height_factor: 0.1 } }), expect: ['2:17-2:29 info KS5009 "RandomZoom" acts only in training and returns its input unchanged at inference, so kspec compiles it as a linear Activation (the identity).'] },
    { file: 'identity.yaml', text: 'input_shape: [4]\nlayers:\n  - Identity()\n  - Dropout(0.5)\n', expect: [] },
  ],
  KS6001: [
    { file: 'rank.yaml', text: 'input_shape: [28, 28]\nlayers:\n  - Conv2D(4, 3)\n', expect: ["3:5-3:11 error KS6001 \"Conv2D\" needs an input of rank 4 (batch, rows, cols, channels), got rank 3 [null, 28, 28]."] },
  ],
  KS6002: [
    { file: 'concat.yaml', text: 'inputs:\n  a: [4, 3]\n  b: [5, 3]\nlayers:\n  - Concatenate(axis=-1)([a, b])\n', expect: ["5:5-5:16 error KS6002 \"Concatenate\" needs inputs whose shapes match except on axis -1, got [null, 4, 3], [null, 5, 3]."] },
    { file: 'add.yaml', text: 'inputs:\n  a: [4]\n  b: [5]\nlayers:\n  - Add()([a, b])\n', expect: ["5:5-5:8 error KS6002 \"Add\" needs inputs of the same shape (or shapes that broadcast), got [null, 4], [null, 5]."] },
  ],
  KS6003: [
    { file: 'flat.yaml', text: 'input_shape: [4]\nlayers:\n  - Dense(3)\n  - Flatten()\n', expect: ["4:5-4:12 info KS6003 \"Flatten\" gets an input that is already flat [null, 3]: Keras passes it through, tfjs refuses it (it needs rank 3 or more). kspec compiles it as a linear Activation (the identity)."] },
    { file: 'flat.json', text: k2(dense(first), { class_name: 'Flatten', config: { name: 'f' } }), expect: ["3:17-3:26 warning KS6003 \"Flatten\" gets an input that is already flat [null, 2]: Keras passes it through, tfjs refuses it (it needs rank 3 or more). kspec compiles it as a linear Activation (the identity)."] },
    { file: 'wrapped.yaml', text: 'input_shape: [2, 4]\nlayers:\n  - TimeDistributed(Flatten())\n', expect: ["3:5-3:20 error KS6003 \"Flatten\" gets an input that is already flat [null, 4]: Keras passes it through, tfjs refuses it (it needs rank 3 or more)."] },
    { file: 'deep.yaml', text: 'input_shape: [2, 4]\nlayers:\n  - Flatten()\n', expect: [] },
  ],
  KS6004: [
    { file: 'reshape.yaml', text: 'input_shape: [6]\nlayers:\n  - Reshape((4, -1))\n', expect: ["3:5-3:12 error KS6004 \"Reshape\" cannot turn [null, 6] (6 values per sample) into target_shape [4, -1]."] },
  ],
};
