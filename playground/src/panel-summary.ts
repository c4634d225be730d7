/**
 * The Summary panel: Keras's `model.summary()` from kspec's shape inference (`kspec summary`), as a
 * table whose cells never wrap; "Copy" gives the exact text `kspec summary` prints.
 */
import { formatSummary, summarize } from '../../src/emit/summary.js';
import type { Analysis } from './analysis.js';
import { copyText, h, message } from './dom.js';
import type { Panel } from './tabs.js';

export function summaryPanel(): Panel {
  return {
    id: 'summary',
    title: 'Summary',
    render(analysis: Analysis, body: HTMLElement) {
      const r = analysis.compiled;
      if (!r.ok || !r.graph) {
        body.replaceChildren(message('The spec has errors (see Diagnostics), so there is no model to summarize.'));
        return;
      }
      const s = summarize(r.graph);
      const text = formatSummary(s);
      const inserted = new Set(r.graph.layers.filter((l) => l.origin.synthetic).map((l) => l.name));
      const functional = s.layout === 'functional';
      const head = ['Layer (type)', 'Output Shape', 'Param #', ...(functional ? ['Connected to'] : [])];
      const rows = s.layers.map((l) =>
        h(
          'tr',
          { 'data-layer': l.name, class: inserted.has(l.name) && 'inserted', title: inserted.has(l.name) ? 'Inserted by kspec (see the info diagnostics)' : undefined },
          h('td', {}, `${l.name} (${l.className})`),
          h('td', {}, l.outputShape),
          h('td', { class: 'num' }, l.params.toLocaleString('en-US')),
          functional && h('td', {}, (l.connectedTo ?? []).join(', ')),
        ),
      );
      const totals = text.split('\n').filter((line) => /^(Total|Trainable|Non-trainable) params:/.test(line));
      body.replaceChildren(
        h('div', { class: 'panel-tools' }, h('span', { class: 'hint' }, `Model "${s.name}" (${s.layout}), as kspec summary prints it`), h('button', { type: 'button', class: 'small', onclick: () => void copyText(text, 'Summary') }, 'Copy')),
        h('table', { class: 'summary' }, h('thead', {}, h('tr', {}, ...head.map((x) => h('th', {}, x)))), h('tbody', {}, ...rows)),
        h('div', { class: 'totals' }, ...totals.map((line) => h('div', {}, line))),
      );
    },
  };
}
