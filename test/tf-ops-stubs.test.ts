/** TensorFlow-op layers compiled as exact layers, and `--emit stubs` for the custom classes left. */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/build.js';
import { compile } from '../src/compile.js';
import { stubsModule } from '../src/emit/stubs.js';
import { frontEnd } from '../src/front.js';
import { CUSTOM_CODE_CLASSES } from '../src/check/rules/custom-code.js';
import { ROOT } from './helpers.js';

tf.setBackend('cpu');
const input = (name: string, shape: (number | null)[]) => ({ class_name: 'InputLayer', config: { batch_input_shape: [null, ...shape], dtype: 'float32', name }, name, inbound_nodes: [] });
const op = (name: string, fn: string, inputs: string[], kwargs: object = {}) => ({ class_name: 'TFOpLambda', config: { name, trainable: true, dtype: 'float32', function: fn }, name, inbound_nodes: [inputs.map((i) => [i, 0, 0, kwargs])] });
const model = (layers: object[], outputs: string[]) => JSON.stringify({ class_name: 'Functional', config: { name: 'ops', layers, input_layers: [['x', 0, 0]], output_layers: outputs.map((o) => [o, 0, 0]) }, keras_version: '2.9.0', backend: 'tensorflow' });

describe('TensorFlow op layers with an exact layer', () => {
  it('TFOpLambda arithmetic, activations and a tensor operand compute what TensorFlow computes', async () => {
    const text = model(
      [
        input('x', [4]),
        op('mul', 'math.multiply', ['x'], { y: 2.5, name: null }),
        op('add', '__operators__.add', ['mul'], { y: -1 }),
        op('r6', 'nn.relu6', ['add']),
        op('sum', 'math.add', ['r6'], { y: ['x', 0, 0] }),
        op('div', 'math.truediv', ['sum'], { y: 4 }),
      ],
      ['div'],
    );
    const r = compile(text, { fileName: 'ops.json' });
    expect(r.diagnostics.filter((d) => d.code === 'KS5010').map((d) => d.message)).toEqual([
      '"mul" runs the TensorFlow op "tf.math.multiply", which kspec compiles exactly as a Rescaling{scale: 2.5, offset: 0} layer.',
      '"add" runs the TensorFlow op "tf.__operators__.add", which kspec compiles exactly as a Rescaling{scale: 1, offset: -1} layer.',
      '"r6" runs the TensorFlow op "tf.nn.relu6", which kspec compiles exactly as an Activation{activation: "relu6"} layer.',
      '"sum" runs the TensorFlow op "tf.math.add", which kspec compiles exactly as an Add layer.',
      '"div" runs the TensorFlow op "tf.math.truediv", which kspec compiles exactly as a Rescaling{scale: 0.25, offset: 0} layer.',
    ]);
    const m = await buildModel(text, { fileName: 'ops.json' });
    const xs = [-3, -0.5, 1, 4];
    const got = Array.from((m.predict(tf.tensor2d([xs])) as tf.Tensor).dataSync());
    xs.forEach((x, i) => expect(got[i]).toBeCloseTo((Math.min(6, Math.max(0, 2.5 * x - 1)) + x) / 4, 6));
  });

  it('TensorFlowOpLayer DepthToSpace (base64 attrs) equals depth_to_space', async () => {
    const layers = [
      input('x', [2, 2, 8]),
      { class_name: 'TensorFlowOpLayer', name: 'tf_op_layer_DepthToSpace', config: { name: 'DepthToSpace', trainable: true, dtype: 'float32', node_def: { name: 'DepthToSpace', op: 'DepthToSpace', input: ['x'], attr: { block_size: { i: '2' }, T: { type: 'DT_FLOAT' }, data_format: { s: 'TkhXQw==' } } }, constants: {} }, inbound_nodes: [[['x', 0, 0, {}]]] },
    ];
    const m = await buildModel(model(layers, ['tf_op_layer_DepthToSpace']), { fileName: 'd2s.json' });
    const x = Array.from({ length: 32 }, (_, i) => i);
    const got = (m.predict(tf.tensor4d(x, [1, 2, 2, 8])) as tf.Tensor).arraySync() as number[][][][];
    // depth_to_space, written out: out[h·b + i][w·b + j][c] = in[h][w][(i·b + j)·C' + c].
    for (let h = 0; h < 2; h++) for (let w = 0; w < 2; w++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) for (let c = 0; c < 2; c++) {
      expect(got[0]![h * 2 + i]![w * 2 + j]![c]).toBe(x[(h * 2 + w) * 8 + (i * 2 + j) * 2 + c]);
    }
  });

  it('an op without an equivalent is custom code, named', () => {
    const r = compile(model([input('x', [4]), op('m', 'math.reduce_logsumexp', ['x'])], ['m']), { fileName: 'ops.json' });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      '"TFOpLambda tf.math.reduce_logsumexp" holds Python code, which kspec never runs and tfjs cannot build; supply a tfjs layer class registered under this name instead.',
    ]);
  });
});

describe('kspec compile --emit stubs', () => {
  const hostile = 'Evil"*/`${process.exit(1)}`\u2028</script>';
  const text = model(
    [
      input('x', [4]),
      { class_name: 'PixelShuffler', config: { name: 'ps', size: [2, 2] }, name: 'ps', inbound_nodes: [[['x', 0, 0, {}]]] },
      { class_name: hostile, config: { name: 'evil' }, name: 'evil', inbound_nodes: [[['ps', 0, 0, {}]]] },
      { class_name: 'Lambda', config: { name: 'lam', function: ['4wEA', null, null], function_type: 'lambda' }, name: 'lam', inbound_nodes: [[['evil', 0, 0, {}]]] },
    ],
    ['lam'],
  );
  const fe = frontEnd(text, { fileName: 'custom.json' });
  const stubs = stubsModule(fe.graph!, CUSTOM_CODE_CLASSES, 'custom.json');
  const dir = join(ROOT, 'node_modules/.cache/kspec-test');
  mkdirSync(dir, { recursive: true });

  it('type-checks under tsc --strict', () => {
    const file = join(dir, 'stubs.ts');
    writeFileSync(file, stubs);
    const program = ts.createProgram([file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, noImplicitOverride: true });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  });

  it('registers each class under its exact name (hostile names stay strings), so the model loads', async () => {
    const js = ts.transpileModule(stubs, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
    const file = join(dir, `stubs-${Date.now()}.mjs`);
    writeFileSync(file, js);
    const mod = (await import(pathToFileURL(file).href)) as Record<string, { className: string }>;
    expect(Object.values(mod).map((c) => c.className).sort()).toEqual([hostile, 'Lambda', 'PixelShuffler'].sort());
    const m = await tf.models.modelFromJSON({ modelTopology: JSON.parse(text) });
    expect(m.layers.map((l) => l.getClassName())).toEqual(['InputLayer', 'PixelShuffler', hostile, 'Lambda']);
    expect(() => m.predict(tf.zeros([1, 4]))).toThrow('PixelShuffler.call() is not implemented yet (kspec stub)');
  });
});
