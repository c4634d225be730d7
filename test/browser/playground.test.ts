/**
 * The playground end to end, in a real browser: the production build (vite), served over HTTP,
 * driven in Debian's Chromium headless through playwright-core. Expected texts come from kspec's
 * core run here in Node, so the page must show exactly what the CLI prints. Screenshots go to
 * test-artifacts/playground/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { toKspecYaml } from '../../src/emit/kspec.js';
import { frontEnd } from '../../src/front.js';
import { graphSpec } from '../../src/graph/index.js';
import { lintText } from '../../src/lint/lint.js';
import { decodeState, encodeState } from '../../playground/src/url-state.js';
import { resnet50 } from '../../bench/resnet.js';
import { zipFiles } from '../zip.js';
import { CHROMIUM, launchChromium, suiteTitle } from './chromium.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts/playground');
const SEED = readFileSync(join(ROOT, 'examples/seed.yaml'), 'utf8');
const KERAS3 = readFileSync(join(ROOT, 'fixtures/valid/keras3-functional/input.json'), 'utf8');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A static file server for the built site, on a free port of 127.0.0.1. */
async function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir + sep)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe.skipIf(!CHROMIUM)(suiteTitle('the playground'), () => {
  let out: string;
  let server: Server;
  let base: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'kspec-playground-'));
    await build({ configFile: join(ROOT, 'playground/vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
    ({ server, url: base } = await serve(out));
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /** A fresh page at `hash`, once the first analysis has filled the Diagnostics panel. */
  async function openPage(hash = ''): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    p.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    await p.goto(base + hash);
    await p.locator('#panel-diagnostics > *').first().waitFor();
    return p;
  }

  /** The editor's text, line by line as CodeMirror shows it (the whole of a short document). */
  const editorText = async (p: Page) => (await p.locator('.cm-content .cm-line').allTextContents()).join('\n');

  /** The editor state as the URL holds it (the whole text, where the editor renders only what is in view). */
  const urlState = (p: Page) => decodeState(new URL(p.url()).hash);

  /** Waits for the analysis of `text`, which ends by writing it into the URL. */
  async function analyzed(p: Page, text: string): Promise<void> {
    const { text: _, ...file } = urlState(p)!;
    await p.waitForFunction(`location.hash === ${JSON.stringify(encodeState({ text, ...file }))}`);
  }

  /** Replaces the text as a paste does, and waits for its analysis. */
  async function paste(p: Page, text: string): Promise<void> {
    await p.locator('.cm-content').click();
    await p.keyboard.press('ControlOrMeta+A');
    await p.keyboard.insertText(text);
    await p.keyboard.press('Escape'); // closes a completion popup the paste may have opened
    await analyzed(p, text);
  }

  const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  beforeAll(async () => {
    page = await openPage();
  }, 60_000);

  it('opens with the seed spec and shows the inserted LeakyReLU in the summary and the diagram', async () => {
    await paste(page, SEED);
    expect(await editorText(page)).toBe(SEED);
    expect(await page.locator('#file-name').textContent()).toBe('seed.yaml');

    await page.click('#tab-summary');
    await page.locator('#panel-summary tr[data-layer="dense_leaky_re_lu"]').waitFor();
    const rows = await Promise.all((await page.locator('#panel-summary tbody tr').all()).map((tr) => tr.locator('td').allTextContents()));
    expect(rows).toEqual([
      ['dense (Dense)', '(None, 90)', '990'],
      ['dense_leaky_re_lu (LeakyReLU)', '(None, 90)', '0'],
      ['dense_1 (Dense)', '(None, 1)', '91'],
    ]);
    expect(await page.locator('#panel-summary tr.inserted').getAttribute('data-layer')).toBe('dense_leaky_re_lu');
    expect(await page.locator('#panel-summary .totals').textContent()).toContain('Total params: 1081 (4.22 KB)');
    await shot(page, 'seed-summary');

    await page.click('#tab-diagram');
    const node = page.locator('#panel-diagram svg g.node', { has: page.locator('title', { hasText: /^dense_leaky_re_lu$/ }) });
    await node.waitFor({ timeout: 20_000 });
    expect((await node.getAttribute('class'))?.split(/\s+/)).toContain('inserted');
    const titles = await page.locator('#panel-diagram svg g.node > title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['dense', 'dense_leaky_re_lu', 'dense_1']));
    // Zoom in around the centre: the viewBox narrows by the button's factor.
    const width = async () => Number((await page.locator('#panel-diagram svg').getAttribute('viewBox'))!.split(' ')[2]);
    const before = await width();
    await page.click('#panel-diagram button[title="Zoom in"]');
    expect(await width()).toBeCloseTo(before / 1.25, 3);
    await page.click('#panel-diagram button[title="Whole diagram"]');
    expect(await width()).toBeCloseTo(before, 3);
    await shot(page, 'seed-diagram');

    // A click on a box selects where the layer is written (the inserted one: the activation that caused it).
    const { spans } = await graphSpec(SEED, { fileName: 'seed.yaml', format: 'dot' });
    const span = spans?.get((await node.getAttribute('id'))!.replace(/^node:/, ''));
    expect(span).toBeDefined();
    await node.click();
    expect(await page.evaluate('getSelection().toString()')).toBe(SEED.slice(span!.start, span!.end));
  });

  const TYPO = SEED.replace('units=1', 'unit=1');

  it('shows a typo at its line and column, in the panel and as an inline mark', async () => {
    await paste(page, TYPO);
    const [expected] = lintText(TYPO, { fileName: 'seed.yaml' }).diagnostics.filter((d) => d.code === 'KS2002');
    expect(expected?.message).toBe('"Dense" has no argument "unit".');

    await page.click('#tab-diagnostics');
    const row = page.locator('#panel-diagnostics li[data-code="KS2002"]');
    await row.waitFor();
    expect(await row.locator('.pos').textContent()).toBe('8:11');
    expect(await row.locator('.text').textContent()).toBe('KS2002 "Dense" has no argument "unit". Did you mean "units"?');
    expect(await page.locator('#tab-diagnostics .badge').getAttribute('class')).toContain('error');

    // The mark covers exactly "unit", on line 8.
    const mark = page.locator('.cm-line').nth(7).locator('.cm-lintRange-error');
    expect(await mark.textContent()).toBe('unit');
    expect(await page.locator('.cm-lintRange-error').count()).toBe(1);

    // A click on the row selects the range in the editor.
    await row.click();
    expect(await page.evaluate('getSelection().toString()')).toBe('unit');
    await shot(page, 'typo-diagnostic');
  });

  it('applies quick fixes: the suggestion from the lint tooltip, kspec\'s fix from the panel', async () => {
    await page.locator('.cm-lintRange-error').hover();
    const action = page.locator('.cm-tooltip-lint .cm-diagnosticAction', { hasText: 'Use "units"' });
    await action.waitFor();
    await shot(page, 'typo-tooltip');
    await action.click();
    await analyzed(page, SEED);
    expect(await editorText(page)).toBe(SEED);
    expect(await page.locator('#panel-diagnostics li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-code')))).toEqual(['KS3002']);
    expect(await page.locator('.cm-lintRange-error').count()).toBe(0);

    // The seed's note (KS3002) has kspec's own fix: an explicit LeakyReLU layer, exactly as `kspec lint --fix` writes it.
    const fix = page.locator('#panel-diagnostics li[data-code="KS3002"] button', { hasText: 'Fix' });
    await fix.click();
    const fixed = lintText(SEED, { fileName: 'seed.yaml', fix: true }).output!;
    await analyzed(page, fixed);
    expect(await editorText(page)).toBe(fixed);
    expect(await page.locator('#panel-diagnostics').textContent()).toBe('No problems: kspec compiles this as written.');
    await shot(page, 'fixed');
  });

  it('runs the model with tfjs and shows the output shape and parameter count', async () => {
    await paste(page, SEED);
    for (const backend of ['auto', 'wasm']) {
      await page.selectOption('#backend', backend);
      await page.click('#run');
      const outputs = page.locator('#panel-run dd[data-field="outputs"]');
      await outputs.waitFor({ timeout: 30_000 });
      expect(await outputs.textContent()).toBe('dense_1: [2, 1] float32');
      expect(await page.locator('#panel-run dd[data-field="inputs"]').textContent()).toMatch(/^\w+: \[2, 10\] float32$/);
      expect(await page.locator('#panel-run dd[data-field="parameters"]').textContent()).toBe('1,081');
      const used = await page.locator('#panel-run dd[data-field="backend"]').textContent();
      expect(backend === 'auto' ? ['webgl', 'wasm', 'cpu'] : [backend]).toContain(used);
      expect(await page.locator('#panel-run dd[data-field="predict"]').textContent()).toMatch(/^[\d.,]+ ms$/);
      // Sigmoid outputs.
      const sample = Number(await page.locator('#panel-run dd[data-field="sample"]').textContent());
      expect(sample).toBeGreaterThan(0);
      expect(sample).toBeLessThan(1);
      await shot(page, `run-${backend}`);
    }
  }, 60_000);

  it('opens a Keras 3 .keras archive and shows it converted', async () => {
    const archive = zipFiles({ 'metadata.json': '{"keras_version": "3.9.2"}', 'config.json': KERAS3, 'model.weights.h5': 'not read here' });
    await page.setInputFiles('#file-input', { name: 'model.keras', mimeType: 'application/zip', buffer: archive });
    await page.waitForFunction(`document.getElementById('file-name').textContent === 'model.keras/config.json · Keras 3.9.2'`);
    expect(urlState(page)).toEqual({ text: KERAS3, fileName: 'model.keras/config.json', kerasVersion: '3.9.2' });
    expect(await page.locator('.cm-line').first().textContent()).toBe('{');

    const options = { fileName: 'model.keras/config.json', kerasVersion: '3.9.2' };
    const fe = frontEnd(KERAS3, options);
    await page.click('#tab-kspec');
    expect(await page.locator('#panel-kspec pre').textContent()).toBe(toKspecYaml(fe.graph!, fe.source.name, fe.semantics));
    await shot(page, 'keras3-kspec');
    await page.click('#tab-model-json');
    expect(await page.locator('#panel-model-json pre').textContent()).toBe(JSON.stringify(compile(KERAS3, options).modelJSON, null, 2) + '\n');
    expect(await page.locator('#panel-model-json button', { hasText: 'Download' }).textContent()).toBe('Download model.json');
    await page.click('#tab-typescript');
    expect(await page.locator('#panel-typescript pre').textContent()).toContain('export function buildModel(): tf.LayersModel {');
  });

  it('opens a file dropped on the editor (a tfjs model.json) instead of pasting its text there', async () => {
    const p = await openPage();
    const modelJSON = JSON.stringify(compile(SEED, { fileName: 'seed.yaml' }).modelJSON);
    const drop = await p.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'model.json', { type: 'application/json' }));
      return dt;
    }, modelJSON);
    await p.dispatchEvent('.cm-content', 'dragover', { dataTransfer: drop });
    expect(await p.locator('#drop').isVisible()).toBe(true);
    await p.dispatchEvent('.cm-content', 'drop', { dataTransfer: drop });
    await p.waitForFunction(`document.getElementById('file-name').textContent === 'model.json'`);
    expect(urlState(p)).toEqual({ text: modelJSON, fileName: 'model.json' });
    expect(await p.locator('#drop').isVisible()).toBe(false);
    await p.click('#tab-summary');
    await p.locator('#panel-summary tr[data-layer="dense_leaky_re_lu"]').waitFor();
    await p.close();
  });

  it('opens a tall model\'s diagram at its top, legible, and Fit shows it whole', async () => {
    const p = await openPage(encodeState({ text: JSON.stringify(resnet50()), fileName: 'resnet50.json' }));
    await p.click('#tab-diagram');
    const first = p.locator('#panel-diagram svg g.node', { has: p.locator('title', { hasText: /^input_1$/ }) });
    await first.waitFor({ timeout: 20_000 });
    const frame = (await p.locator('#panel-diagram .diagram').boundingBox())!;
    const box = (await first.boundingBox())!;
    // 10 pt labels at 8 px or more: a box of four lines is over 40 px tall, and the first one is in view.
    expect(box.height).toBeGreaterThan(40);
    expect(box.y).toBeGreaterThanOrEqual(frame.y);
    expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height);
    await shot(p, 'resnet-diagram');
    await p.click('#panel-diagram button[title="Whole diagram"]');
    expect((await first.boundingBox())!.height).toBeLessThan(10);
    await p.close();
  });

  it('keeps the text in the URL: the link opens the same text and file name', async () => {
    await page.setInputFiles('#file-input', { name: 'typo.yaml', mimeType: 'text/yaml', buffer: Buffer.from(TYPO) });
    await page.waitForFunction(`document.getElementById('file-name').textContent === 'typo.yaml'`);
    const link = page.url();
    expect(link).toBe(`${base}${encodeState({ text: TYPO, fileName: 'typo.yaml' })}`);

    const shared = await openPage(link.slice(base.length));
    expect(await editorText(shared)).toBe(TYPO);
    expect(await shared.locator('#file-name').textContent()).toBe('typo.yaml');
    await shared.locator('#panel-diagnostics li[data-code="KS2002"]').waitFor();
    await shot(shared, 'shared-link');
    await shared.close();
  });

  it('completes layer classes and their arguments from the schema', async () => {
    await paste(page, 'name: m\ninput_shape: [4]\nlayers:\n  - ');
    await page.keyboard.type('Dens');
    // Clicked: CodeMirror ignores Enter for its first 75 ms (interactionDelay), which a test can hit.
    await page.locator('.cm-tooltip-autocomplete li', { hasText: /^Dense/ }).first().click();
    await page.keyboard.type('(4, use_');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'use_bias' });
    await option.waitFor();
    await shot(page, 'completion');
    await option.click();
    expect((await editorText(page)).split('\n')[3]).toBe('  - Dense(4, use_bias=)');
  });

  it('completes a JSON spec too: a class as a layer item\'s key, then its arguments', async () => {
    const p = await openPage(encodeState({ text: '{\n  "name": "m",\n  "input_shape": [4],\n  "layers": [\n    {}\n  ]\n}\n', fileName: 'spec.json' }));
    await p.locator('.cm-line').nth(4).click();
    await p.keyboard.press('End');
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.type('"Dens');
    // Clicked: CodeMirror ignores Enter for its first 75 ms (interactionDelay), which a test can hit.
    await p.locator('.cm-tooltip-autocomplete li', { hasText: /^Dense/ }).first().click();
    await p.keyboard.press('End');
    await p.keyboard.press('ArrowLeft');
    await p.keyboard.type(': {"use_');
    await p.locator('.cm-tooltip-autocomplete li', { hasText: 'use_bias' }).click();
    expect((await editorText(p)).split('\n')[4]).toBe('    {"Dense": {"use_bias"}}');
    await p.close();
  });

  it('raised no uncaught errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
