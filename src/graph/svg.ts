/**
 * `kspec graph` (svg): DOT laid out and drawn by Graphviz's `dot`, compiled to WebAssembly
 * (@hpcc-js/wasm-graphviz, the module embeds its binary: no file to serve, no network). Graphviz
 * was measured against elkjs on ResNet-50 (177 layers; bench/graph.ts): about ten times faster to
 * lay out and half the code to load, and its SVG needs no hand-written drawing. Loaded on first
 * use only, so other commands never pay for it.
 */
import { FONT, FONT_STACK } from './style.js';

type Graphviz = { dot(source: string, format?: 'svg'): string; version(): string };
let graphviz: Promise<Graphviz> | undefined;

function load(): Promise<Graphviz> {
  return (graphviz ??= import('@hpcc-js/wasm-graphviz').then((m) => m.Graphviz.load()));
}

/** The Graphviz version that draws the SVG (its header comment names it too). */
export async function graphvizVersion(): Promise<string> {
  return (await load()).version();
}

/**
 * Lays out and draws DOT as a standalone SVG document. Graphviz sizes text with DejaVu Sans's
 * metrics; the SVG's font list falls back to fonts of the same width or narrower, so text never
 * overflows its box.
 */
export async function renderSvg(dot: string): Promise<string> {
  const svg = (await load()).dot(dot, 'svg');
  return svg.replaceAll(`font-family="${FONT}"`, `font-family="${FONT_STACK}"`);
}
