/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `kspec graph`'s SVG as a browser draws it: Graphviz sized each box with DejaVu Sans's metrics, and
 * the SVG's font list falls back to fonts no wider, so with the fonts this machine really has every
 * line of text stays inside its box.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residualMlp, resnet50 } from '../../bench/resnet.js';
import { graphSpec } from '../../src/graph/index.js';
import { ROOT } from '../helpers.js';
import { CHROMIUM, launchChromium, suiteTitle } from './chromium.js';

describe.skipIf(!CHROMIUM)(suiteTitle('kspec graph SVG'), () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const cases: [string, string, string][] = [
    ['ResNet-50', JSON.stringify(resnet50()), 'resnet50.json'],
    ['a 400-layer model', residualMlp(100), 'residual.json'],
    ['a Keras 3 config with inserted layers and a warning', readFileSync(join(ROOT, 'fixtures/valid/keras3-sequential/input.json'), 'utf8'), 'model.json'],
    ['a shared nested model', readFileSync(join(ROOT, 'fixtures/valid/functional-nested-shared/input.yaml'), 'utf8'), 'nested.yaml'],
  ];
  for (const [what, text, fileName] of cases) {
    it(`keeps every line of text inside its box: ${what}`, async () => {
      const svg = (await graphSpec(text, { fileName, format: 'svg' })).output!;
      const page = await browser.newPage();
      await page.setContent(`<!doctype html><body>${svg.slice(svg.indexOf('<svg'))}</body>`);
      const outside = await page.evaluate(() => {
        const bad: string[] = [];
        let texts = 0;
        for (const g of document.querySelectorAll('g.node')) {
          const box = (g.querySelector('path, polygon, ellipse') as SVGGraphicsElement).getBBox();
          for (const t of g.querySelectorAll('text')) {
            texts++;
            const b = t.getBBox();
            if (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5) bad.push(`${g.id}: "${t.textContent}" ${b.width.toFixed(1)} wide in ${box.width.toFixed(1)}`);
          }
        }
        return { bad, texts };
      });
      await page.close();
      expect(outside.texts).toBeGreaterThan(10);
      expect(outside.bad).toEqual([]);
    });
  }
});
