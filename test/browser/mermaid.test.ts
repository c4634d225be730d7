/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `kspec graph --format mermaid` read by Mermaid itself (its browser build, in Chromium): every
 * output parses and renders, with a node per layer, the clusters and the labels as written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphSpec } from '../../src/graph/index.js';
import { ROOT } from '../helpers.js';
import { CHROMIUM, launchChromium, suiteTitle } from './chromium.js';

const MERMAID = readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8');

async function mermaidOf(file: string): Promise<string> {
  const r = await graphSpec(readFileSync(join(ROOT, file), 'utf8'), { fileName: file, format: 'mermaid' });
  return r.output!;
}

describe.skipIf(!CHROMIUM)(suiteTitle('Mermaid renders kspec graph'), () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: MERMAID });
    await page.evaluate(() => (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Mermaid's SVG, or its parse/render error. */
  const render = (text: string) =>
    page.evaluate(async (t) => {
      const m = (globalThis as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
      try {
        return { svg: (await m.render(`g${Math.random().toString(36).slice(2)}`, t)).svg };
      } catch (e) {
        return { error: String(e) };
      }
    }, text);

  it('renders the seed: a node per layer, the inserted one with its class and colours', async () => {
    const r = await render(await mermaidOf('examples/seed.yaml'));
    expect(r.error).toBeUndefined();
    expect(r.svg!.match(/class="node /g)!.length).toBe(5);
    expect(r.svg!.match(/<g class="node default inserted" id="[^"]*-flowchart-n2-2"/)).not.toBeNull();
    expect(r.svg).toContain('dense_leaky_re_lu');
    expect(r.svg).toContain('LeakyReLU()');
    expect(r.svg).toContain('inserted by kspec');
  });

  it('renders a shared nested model as a subgraph', async () => {
    const r = await render(await mermaidOf('fixtures/valid/functional-nested-shared/input.yaml'));
    expect(r.error).toBeUndefined();
    expect(r.svg).toContain('class="cluster');
    expect(r.svg).toContain('encoder');
    expect(r.svg!.match(/class="node /g)!.length).toBe(12);
  });

  it('renders names full of Mermaid syntax as text', async () => {
    const name = 'a "q" <b>x</b> & [y] (z) {w} #; -->';
    const model = JSON.stringify({ class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'Dense', config: { name, units: 2, batch_input_shape: [null, 3] } }] }, keras_version: '2.15.0' });
    const text = (await graphSpec(model, { fileName: 'm.json', format: 'mermaid' })).output!;
    const r = await render(text);
    expect(r.error).toBeUndefined();
    const labels = await page.evaluate((svg) => {
      // Mermaid's labels are HTML inside foreignObject (`<br>` unclosed): read as HTML.
      const d = new DOMParser().parseFromString(svg, 'text/html');
      return [...d.querySelectorAll('g.node')].map((n) => n.textContent);
    }, r.svg!);
    expect(labels[1]).toContain('a "q" <b>x</b> & [y] (z) {w} #; -->');
  });
});
