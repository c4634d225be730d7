/**
 * invalid-name (KS4010): tfjs builds tensor names from layer names and refuses any that do not match
 * `^[A-Za-z0-9][-A-Za-z0-9._/]*$` ("Not a valid tensor name", tfjs-layers common.js) — Keras accepts
 * more, so a spec or a Keras file can carry names tfjs cannot build.
 */
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

const TENSOR_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export const invalidName: Rule = {
  code: 'KS4010',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      if (!TENSOR_NAME.test(layer.name)) reporter.report('KS4010', layer.origin.at, { name: layer.name });
    });
  },
};
