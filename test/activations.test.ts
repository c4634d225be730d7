import { describe, expect, it } from 'vitest';
import { resolveActivation } from '../src/ir/activations.js';

const show = (raw: string, semantics: 'keras2' | 'keras3' = 'keras2') => {
  const r = resolveActivation(raw, semantics);
  if (!r) return 'unknown';
  const t = r.target;
  if (t.kind === 'builtin') return t.json;
  if (t.kind === 'unsupported') return 'unsupported';
  return t.chain.map((l) => `${l.className}${JSON.stringify(l.config)}`).join(' > ');
};

describe('activation strings', () => {
  it.each([
    ['relu', 'relu'],
    ['RELU', 'ReLU{}'],
    ['ReLU', 'ReLU{}'],
    ['LeakyRelu', 'LeakyReLU{"alpha":0.3}'],
    ['LeakyReLU', 'LeakyReLU{"alpha":0.3}'],
    ['leakyrelu', 'LeakyReLU{"alpha":0.3}'],
    ['leaky_relu', 'LeakyReLU{"alpha":0.2}'],
    ['leaky-relu', 'LeakyReLU{"alpha":0.2}'],
    ['Leaky ReLU', 'LeakyReLU{"alpha":0.2}'],
    ['silu', 'swish'],
    ['SiLU', 'swish'],
    ['swish', 'swish'],
    ['hardSigmoid', 'hard_sigmoid'],
    ['hard_sigmoid', 'hard_sigmoid'],
    ['logSoftmax', 'log_softmax'],
    ['softmax', 'softmax'],
    ['Softmax', 'Softmax{"axis":-1}'],
    ['ELU', 'ELU{"alpha":1}'],
    ['elu', 'elu'],
    ['PReLU', 'PReLU{}'],
    ['prelu', 'PReLU{}'],
    ['ThresholdedReLU', 'ThresholdedReLU{"theta":1}'],
    ['thresholded_relu', 'ThresholdedReLU{"theta":1}'],
    ['softmax_v2', 'softmax'],
    ['celu', 'elu'],
    ['hard_tanh', 'Rescaling{"scale":1,"offset":1} > ReLU{"max_value":2} > Rescaling{"scale":1,"offset":-1}'],
    ['exponential', 'KspecActivation{"function":"exponential"}'],
    ['hard_swish', 'KspecActivation{"function":"hard_silu"}'],
    ['squareplus', 'KspecActivation{"function":"squareplus","b":4}'],
    ['glu', 'KspecActivation{"function":"glu","axis":-1}'],
    ['threshold', 'unsupported'],
    ['gelu_new', 'unsupported'],
    ['relu7', 'unknown'],
  ])('%s → %s', (raw, expected) => {
    expect(show(raw)).toBe(expected);
  });

  it('hard_sigmoid follows the dialect: Keras 3 means clip(x/6 + 0.5, 0, 1)', () => {
    expect(show('hard_sigmoid', 'keras3')).toBe('Rescaling{"scale":0.16666666666666666,"offset":0.5} > ReLU{"max_value":1}');
  });
});
