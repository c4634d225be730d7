/**
 * cudnn-lstm-bias (KS5012): Keras 2's CuDNNLSTM keeps two bias vectors, one per kernel (8·units);
 * cuDNN adds them, so the layer is tfjs's LSTM (tanh, sigmoid) with their sum as its one bias
 * (4·units) — what kspec compiles (ir/runtime-recurrent.ts) and what Keras 2 itself does when it
 * loads CuDNNLSTM weights into an LSTM. Same outputs; Keras counts 4·units more parameters.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachLayerConfig } from '../walk.js';

export const cudnnLstmBias: Rule = {
  code: 'KS5012',
  check(graph, { reporter }) {
    forEachLayerConfig(graph, (className, config, at) => {
      if (lookupLayer(className)?.spec.name !== 'CuDNNLSTM' || typeof config.units !== 'number') return;
      reporter.report('KS5012', at, { units: config.units });
    });
  },
};
