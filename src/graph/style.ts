/** How a diagram looks, by layer category and mark: one table both writers (DOT, Mermaid) read. */
import type { LayerCategory } from '../ir/catalogue/types.js';
import type { DiagramNode, Mark } from './diagram.js';

/** Graphviz sizes text by its metrics for this font; the SVG names fallbacks with the same or narrower widths. */
export const FONT = 'DejaVu Sans';
export const FONT_STACK = 'DejaVu Sans,Verdana,Arial,sans-serif';

export const FILL: Record<LayerCategory, string> = {
  input: '#c8e6c9',
  core: '#f5f5f5',
  convolution: '#e3f2fd',
  pooling: '#e0f2f1',
  recurrent: '#ede7f6',
  normalization: '#fff8e1',
  regularization: '#fafafa',
  activation: '#fce4ec',
  merge: '#f3e5f5',
  reshaping: '#eceff1',
  attention: '#e8eaf6',
  preprocessing: '#f1f8e9',
  wrapper: '#ede7f6',
  model: '#ffffff',
};

export const OUTPUT_FILL = '#dcedc8';
export const BORDER = '#546e7a';
export const EDGE = '#78909c';
export const SHAPE_TEXT = '#37474f';
/** Inserted layers: dashed (DOT's `dashed`, this pattern in Mermaid's CSS). */
export const INSERTED = { fill: '#fff3e0', border: '#e65100', text: 'inserted by kspec', dash: '4 3' } as const;
export const MARK: Record<Mark, { border: string; width: number }> = {
  error: { border: '#c62828', width: 2.5 },
  warning: { border: '#f9a825', width: 2 },
};

export function fillOf(n: DiagramNode): string {
  if (n.kind === 'output') return OUTPUT_FILL;
  if (n.inserted) return INSERTED.fill;
  return FILL[n.kind === 'input' ? 'input' : (n.category ?? 'core')];
}

export function borderOf(n: DiagramNode): { color: string; width: number } {
  if (n.mark) return { color: MARK[n.mark].border, width: MARK[n.mark].width };
  if (n.inserted) return { color: INSERTED.border, width: 1.5 };
  return { color: BORDER, width: 1 };
}

/** CSS classes on a node (the SVG's `class`, Mermaid's classDef): kind, inserted, mark. */
export function classesOf(n: DiagramNode): string[] {
  return [n.kind, ...(n.inserted ? ['inserted'] : []), ...(n.mark ? [n.mark] : [])];
}
