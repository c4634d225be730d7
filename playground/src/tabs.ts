/**
 * The tabbed panels on the right. Only the visible panel renders; a hidden one renders when shown,
 * if the text changed since it last did. A panel that throws shows the error instead of its content.
 */
import type { Analysis } from './analysis.js';
import { errorText, h, message } from './dom.js';

export interface Panel {
  readonly id: string;
  readonly title: string;
  /** The panel's own class, for its layout. */
  readonly className?: string;
  /** Shown until the panel first renders. */
  readonly placeholder?: string;
  /** Fills `body` from the analysis; absent for panels that do not follow the text (Run). */
  render?(analysis: Analysis, body: HTMLElement): void | Promise<void>;
}

interface Slot {
  readonly panel: Panel;
  readonly tab: HTMLButtonElement;
  readonly badge: HTMLElement;
  readonly body: HTMLElement;
  rendered?: Analysis;
}

export class Tabs {
  private readonly slots = new Map<string, Slot>();
  private visible: Slot;
  private current: Analysis | undefined;

  constructor(nav: HTMLElement, container: HTMLElement, panels: readonly Panel[]) {
    for (const panel of panels) {
      const badge = h('span', { class: 'badge', hidden: true });
      const tab = h('button', { type: 'button', role: 'tab', id: `tab-${panel.id}`, 'aria-controls': `panel-${panel.id}`, onclick: () => this.show(panel.id) }, panel.title, badge);
      const body = h('div', { class: `panel ${panel.className ?? ''}`, id: `panel-${panel.id}`, role: 'tabpanel', 'aria-labelledby': `tab-${panel.id}`, hidden: true }, panel.placeholder && message(panel.placeholder));
      nav.append(tab);
      container.append(body);
      this.slots.set(panel.id, { panel, tab, badge, body });
    }
    this.visible = this.slots.values().next().value!;
    this.show(this.visible.panel.id);
  }

  body(id: string): HTMLElement {
    return this.slot(id).body;
  }

  show(id: string): void {
    const next = this.slot(id);
    for (const s of this.slots.values()) {
      s.body.hidden = s !== next;
      s.tab.setAttribute('aria-selected', String(s === next));
    }
    this.visible = next;
    void this.renderVisible();
  }

  update(analysis: Analysis): void {
    this.current = analysis;
    void this.renderVisible();
  }

  /** A count on a tab (`undefined` hides it), coloured by `level`. */
  badge(id: string, text: string | undefined, level = ''): void {
    const { badge } = this.slot(id);
    badge.hidden = text === undefined;
    badge.textContent = text ?? '';
    badge.className = `badge ${level}`;
  }

  private slot(id: string): Slot {
    const s = this.slots.get(id);
    if (!s) throw new Error(`playground bug: no panel "${id}"`);
    return s;
  }

  private async renderVisible(): Promise<void> {
    const slot = this.visible;
    const analysis = this.current;
    if (!analysis || !slot.panel.render || slot.rendered === analysis) return;
    slot.rendered = analysis;
    try {
      await slot.panel.render(analysis, slot.body);
    } catch (e) {
      // A newer render owns the panel by now; its outcome is the one to show.
      if (this.current === analysis) slot.body.replaceChildren(message(`kspec failed on this text (a bug worth reporting): ${errorText(e)}`, true));
    }
  }
}
