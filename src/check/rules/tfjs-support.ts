/**
 * What tfjs 4.22 cannot build is an error here (with what to do instead), and an argument tfjs
 * silently ignores is a warning when its value differs from Keras's default.
 */
import type { Reporter } from '../../diagnostics/report.js';
import { argsOf, lookupLayer, tfjsSupports } from '../../ir/catalogue/index.js';
import type { ModelGraph } from '../../ir/graph.js';
import { jsonEqual } from '../../ir/json.js';
import { forEachLayer } from '../walk.js';

const CUSTOM_CODE = new Set(['Lambda']);

export function checkTfjsSupport(graph: ModelGraph, reporter: Reporter): void {
  forEachLayer(graph, (layer) => {
    if (layer.model) return;
    const spec = lookupLayer(layer.className)?.spec;
    if (!spec) return;
    if (!tfjsSupports(spec)) {
      if (CUSTOM_CODE.has(spec.name)) reporter.report('KS5003', layer.origin.at, { name: spec.name });
      else reporter.report('KS5001', layer.origin.at, { name: spec.name, why: 'missing' in spec.tfjs ? spec.tfjs.missing : '' });
      return;
    }
    const args = argsOf(spec);
    for (const [key, value] of Object.entries(layer.config)) {
      const arg = args.get(key);
      if (!arg || arg.tfjs !== null || arg.tfjsRejects) continue;
      if (arg.default !== undefined && jsonEqual(arg.default, value)) continue;
      if (arg.default === undefined && (value === null || value === undefined)) continue;
      const at = layer.origin.args?.[key]?.value ?? layer.origin.at;
      reporter.report('KS5002', at, { arg: key, layer: spec.name, value: JSON.stringify(value) });
    }
  });
}
