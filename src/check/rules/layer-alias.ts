/**
 * layer-alias (KS2011): `Convolution2D`, `MaxPool2D`, … are accepted and resolved; a note says so.
 * The kspec runtime class names Keras classes are emitted under (`KspecSubtract`) resolve too, but
 * are no Keras aliases: no note.
 */
import { runtimeClassOf } from '../../ir/catalogue/index.js';
import { bareClassName } from '../../lower/context.js';
import type { Rule } from '../rule.js';
import { forEachLayer } from '../walk.js';

export const layerAlias: Rule = {
  code: 'KS2011',
  check(graph, { reporter }) {
    forEachLayer(graph, (layer) => {
      const written = layer.origin.written && bareClassName(layer.origin.written);
      if (written && written !== layer.className && written !== 'Input' && !runtimeClassOf(written)) reporter.report('KS2011', layer.origin.at, { alias: written, name: layer.className });
    });
  },
};
