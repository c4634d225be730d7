/**
 * softmax-default-axis (KS5006): a Softmax layer without `axis` means the last axis in Keras and
 * axis 1 in tfjs. kspec writes `axis: -1` when compiling; in Keras and tfjs files lint warns, and
 * `--fix` adds it.
 */
import { lookupLayer } from '../../ir/catalogue/index.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const softmaxDefaultAxis: Rule = {
  code: 'KS5006',
  check(graph, ctx) {
    if (ctx.dialect === 'kspec' || ctx.mode !== 'lint') return;
    forEachLayer(graph, (layer) => {
      if (layer.model || lookupLayer(layer.className)?.spec.name !== 'Softmax' || 'axis' in layer.config) return;
      const fix = ctx.fixer?.addArgument(layer, 'axis', -1);
      ctx.reporter.report('KS5006', layer.origin.at, {}, { ...(fix && { fix }) });
    });
  },
};
