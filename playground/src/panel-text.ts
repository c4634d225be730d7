/** A generated text (TypeScript, model.json, kspec YAML) with Copy and Download, or the errors that prevent it. */
import type { Analysis, Output } from './analysis.js';
import { copyText, download, h, message } from './dom.js';
import type { Panel } from './tabs.js';

export interface TextPanelOptions {
  readonly id: string;
  readonly title: string;
  /** What the text is, for the hint line (the CLI command that writes the same). */
  readonly hint: string;
  readonly output: (a: Analysis) => Output;
  /** The download's file name, from the spec's. */
  readonly fileName: (specName: string) => string;
  readonly mime: string;
}

/** `model.keras/config.json` → `model`, `seed.yaml` → `seed`. */
export const stem = (fileName: string) => (fileName.split('/').find((p) => p.length > 0 && !p.startsWith('<')) ?? 'model').replace(/\.[^.]*$/, '') || 'model';

export function textPanel(o: TextPanelOptions): Panel {
  return {
    id: o.id,
    title: o.title,
    render(analysis: Analysis, body: HTMLElement) {
      const out = o.output(analysis);
      if ('errors' in out) {
        body.replaceChildren(message('The spec has errors (see Diagnostics):'), message(out.errors, true));
        return;
      }
      const name = o.fileName(stem(analysis.input.fileName));
      body.replaceChildren(
        h(
          'div',
          { class: 'panel-tools' },
          h('span', { class: 'hint' }, o.hint),
          h('button', { type: 'button', class: 'small', onclick: () => void copyText(out.text, o.title) }, 'Copy'),
          h('button', { type: 'button', class: 'small', onclick: () => download(out.text, name, o.mime) }, `Download ${name}`),
        ),
        h('pre', { class: 'code' }, out.text),
      );
    },
  };
}
