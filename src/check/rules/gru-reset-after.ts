/**
 * gru-reset-after (KS5008): Keras 2 and 3 default to `reset_after=true` (a second bias row and the
 * reset gate applied after the matrix product); tfjs 4.22 refuses it. kspec compiles such a GRU
 * (or GRUCell) exactly, as its runtime layer KspecGRU (KspecGRUCell), wherever it is nested
 * (Bidirectional, TimeDistributed, an RNN's cell, StackedRNNCells: ir/runtime-recurrent.ts, applied
 * by passes/runtime-recurrent.ts), so this is a note for kspec specs and in compile mode; lint warns
 * for Keras and tfjs files, which plain tfjs cannot load.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import { GRU_RUNTIME, resetAfter } from '../../ir/runtime-recurrent.js';
import type { Rule } from '../rule.js';
import { forEachLayerConfig } from '../walk.js';

export const gruResetAfter: Rule = {
  code: 'KS5008',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    forEachLayerConfig(graph, (className, config, at, origin) => {
      const name = lookupLayer(className)?.spec.name ?? className;
      const to = GRU_RUNTIME[name];
      if (to && resetAfter(config)) ctx.reporter.report('KS5008', origin?.args?.reset_after?.value ?? at, { layer: name, implicit: config.reset_after === undefined, to }, { severity });
    });
  },
};
