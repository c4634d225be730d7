/** layer-alias (KS2011): `Convolution2D`, `MaxPool2D`, … are accepted and resolved; a note says so. */
import { bareClassName } from '../../lower/context.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const layerAlias: Rule = {
  code: 'KS2011',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const written = layer.origin.written && bareClassName(layer.origin.written);
      if (written && written !== layer.className && written !== 'Input') reporter.report('KS2011', layer.origin.at, { alias: written, name: layer.className });
    });
  },
};
