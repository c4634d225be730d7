/** Small DOM helpers: elements without a framework, clipboard and downloads. */

type Child = Node | string | null | undefined | false;

/** `h('button', { class: 'small', onclick }, 'Copy')`: attributes as strings, `on*` as listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, unknown> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`playground bug: no #${id} in index.html`);
  return el as T;
}

/** The error thrown by a bug or a library, as one readable line. */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** A panel's message in place of its content (`error` for failures). */
export function message(text: string, error = false): HTMLElement {
  return h('p', { class: error ? 'message error' : 'message' }, text);
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
/** A short status line under the header (errors stay until clicked away or the next notice). */
export function notify(text: string, error = false): void {
  const el = byId('notice');
  el.onclick = () => (el.hidden = true);
  el.textContent = text;
  el.className = error ? 'notice error' : 'notice';
  el.hidden = false;
  clearTimeout(noticeTimer);
  if (!error) noticeTimer = setTimeout(() => (el.hidden = true), 2500);
}

export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    notify(`${what} copied to the clipboard.`);
  } catch {
    notify(`The browser refused clipboard access; select the ${what.toLowerCase()} and copy it by hand.`, true);
  }
}

export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
