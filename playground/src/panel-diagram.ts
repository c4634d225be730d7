/**
 * The Diagram panel: `kspec graph`'s SVG (the same renderer: Graphviz in WebAssembly, loaded with
 * this panel, not with the page), with pan, zoom and download.
 */
import type { Analysis } from './analysis.js';
import { download, h, message } from './dom.js';
import { PanZoom } from './pan-zoom.js';
import { stem } from './panel-text.js';
import type { Panel } from './tabs.js';

/** `select`: shows a range of the text in the editor (a click on a layer's box). */
export function diagramPanel(select: (from: number, to: number) => void): Panel {
  let latest: Analysis | undefined;
  return {
    id: 'diagram',
    title: 'Diagram',
    className: 'diagram-panel',
    async render(analysis: Analysis, body: HTMLElement) {
      latest = analysis;
      if (!body.hasChildNodes()) body.replaceChildren(message('Drawing…'));
      const { graphSpec } = await import('../../src/graph/index.js');
      const result = await graphSpec(analysis.input.text, { ...analysis.options, format: 'svg' });
      // Graphviz is asynchronous: a drawing of older text must not replace a newer one.
      if (latest !== analysis) return;
      const svgText = result.output;
      if (!svgText) {
        body.replaceChildren(message('The text cannot be read as a model (see Diagnostics), so there is nothing to draw.'));
        return;
      }
      const svg = new DOMParser().parseFromString(svgText, 'image/svg+xml').documentElement;
      if (!(svg instanceof SVGSVGElement)) throw new Error('Graphviz returned no SVG');
      const frame = h('div', { class: 'diagram', 'aria-label': 'Model diagram: drag to pan, wheel to zoom' }, document.importNode(svg, true));
      const name = `${stem(analysis.input.fileName)}.svg`;
      body.replaceChildren(
        h(
          'div',
          { class: 'panel-tools' },
          h('span', { class: 'hint' }, result.ok ? 'kspec graph: drag to pan, wheel to zoom, click a layer to see it in the text' : 'The spec has errors: layers with diagnostics are marked'),
          h('button', { type: 'button', class: 'small', title: 'Zoom out', onclick: () => pz.zoom(1 / 1.25) }, '−'),
          h('button', { type: 'button', class: 'small', title: 'Zoom in', onclick: () => pz.zoom(1.25) }, '+'),
          h('button', { type: 'button', class: 'small', title: 'Whole diagram', onclick: () => pz.fit() }, 'Fit'),
          h('button', { type: 'button', class: 'small', onclick: () => download(svgText, name, 'image/svg+xml') }, `Download ${name}`),
        ),
        frame,
      );
      const pz = new PanZoom(frame.firstElementChild as SVGSVGElement, frame, (target) => {
        // Graphviz gives each layer's group the DOT id `node:<id>`; graphSpec says where that layer is written.
        const span = result.spans?.get(target.closest('g.node')?.id.replace(/^node:/, '') ?? '');
        if (span) select(span.start, span.end);
      });
    },
  };
}
