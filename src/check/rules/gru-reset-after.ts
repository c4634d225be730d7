/**
 * gru-reset-after (KS5008): Keras 2 and 3 default to `reset_after=true` (a second bias row and the
 * reset gate applied after the matrix product); tfjs 4.22 refuses it. kspec compiles such a GRU
 * (or GRUCell) exactly, as its runtime layer KspecGRU (KspecGRUCell), wherever it is nested
 * (Bidirectional, TimeDistributed, an RNN's cell, StackedRNNCells: ir/runtime-recurrent.ts, applied
 * by passes/runtime-recurrent.ts), so this is a note for kspec specs and in compile mode; lint warns
 * for Keras and tfjs files, which plain tfjs cannot load.
 */
import type { Location } from '../../diagnostics/diagnostic.js';
import { lookupLayer } from '../../ir/catalogue/index.js';
import type { Config } from '../../ir/graph.js';
import { isObj } from '../../ir/json.js';
import { GRU_RUNTIME, NESTED_LAYER_KEYS, resetAfter } from '../../ir/runtime-recurrent.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

/** Every nested `{class_name, config}` layer of a config, at any depth. */
function* nestedLayers(config: Config): Generator<{ className: string; config: Config }> {
  for (const key of NESTED_LAYER_KEYS) {
    const v = config[key];
    for (const entry of Array.isArray(v) ? v : [v]) {
      if (!isObj(entry) || typeof entry.class_name !== 'string' || !isObj(entry.config)) continue;
      yield { className: entry.class_name, config: entry.config };
      yield* nestedLayers(entry.config);
    }
  }
}

export const gruResetAfter: Rule = {
  code: 'KS5008',
  check(graph, ctx) {
    const severity = ctx.mode === 'lint' && ctx.dialect !== 'kspec' ? 'warning' : 'info';
    const report = (className: string, config: Config, at: Location) => {
      const name = lookupLayer(className)?.spec.name ?? className;
      const to = GRU_RUNTIME[name];
      if (to && resetAfter(config)) ctx.reporter.report('KS5008', at, { layer: name, implicit: config.reset_after === undefined, to }, { severity });
    };
    forEachLayer(graph, (layer) => {
      if (layer.model) return;
      const args = layer.origin.args;
      report(layer.className, layer.config, args?.reset_after?.value ?? layer.origin.at);
      // Nested layers' own positions are not tracked: point at the key that holds them.
      for (const key of NESTED_LAYER_KEYS) {
        const v = layer.config[key];
        if (v === undefined) continue;
        const at = args?.[key]?.value ?? layer.origin.at;
        for (const inner of nestedLayers({ [key]: v })) report(inner.className, inner.config, at);
      }
    });
  },
};
