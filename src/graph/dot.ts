/**
 * `kspec graph --format dot`: the diagram as Graphviz DOT, top to bottom, with HTML-like labels.
 * The SVG is this text laid out by Graphviz itself, so the two never disagree.
 */
import { allNodes, codesOf, printable, wrapCall, type Cluster, type Diagram, type DiagramNode } from './diagram.js';
import { borderOf, classesOf, EDGE, fillOf, FONT, INSERTED, MARK, SHAPE_TEXT } from './style.js';

/**
 * Graphviz rejects quoted strings over 16 KiB: long text is cut (a cut node id gets its node's
 * index, so it stays unique). `printable` has already made control characters visible.
 */
const MAX_TEXT = 4000;
const cut = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);
/** A DOT double-quoted string. */
const escaped = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const quoted = (s: string) => escaped(cut(printable(s)));
/**
 * Each node's id in DOT and the SVG (`node:<id>`), by diagram id: the diagram id made printable,
 * or when that is too long its start and the node's index.
 */
export function dotIds(d: Diagram): Map<string, string> {
  return new Map(
    allNodes(d.root).map((n, i) => {
      const p = printable(n.id);
      return [n.id, p.length > MAX_TEXT ? `${p.slice(0, MAX_TEXT)}…#${i}` : p];
    }),
  );
}
/** Text inside an HTML-like label; a name longer than a box should be is cut (the tooltip has it whole). */
const html = (s: string, max = MAX_TEXT) => {
  const v = printable(s);
  return (v.length > max ? `${v.slice(0, max)}…` : v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
};
const NAME_WIDTH = 60;

function label(n: DiagramNode): string {
  if (n.kind === 'output') return `<<b>${n.name}</b>>`;
  const lines = [`<b>${html(n.name, NAME_WIDTH)}</b>`];
  if (n.kind === 'input' && !n.call) lines.push('Input');
  else for (const line of wrapCall(n.call ?? n.className)) lines.push(html(line));
  if (n.shape) lines.push(`<font color="${SHAPE_TEXT}">${html(n.shape)}</font>`);
  if (n.inserted) lines.push(`<font color="${INSERTED.border}" point-size="9"><i>${INSERTED.text}</i></font>`);
  if (n.mark) {
    lines.push(`<font color="${MARK[n.mark].border}" point-size="9"><b>${html(codesOf(n).join(' '))}</b></font>`);
  }
  return `<${lines.join('<br/>')}>`;
}

function node(n: DiagramNode, id: string, indent: string): string {
  const border = borderOf(n);
  const attrs = [
    `id=${escaped(`node:${id}`)}`,
    `class=${quoted(classesOf(n).join(' '))}`,
    `label=${label(n)}`,
    `fillcolor=${quoted(fillOf(n))}`,
  ];
  if (n.kind === 'output') attrs.push('shape=ellipse', 'style=filled');
  if (n.inserted) attrs.push('style="rounded,filled,dashed"');
  if (border.width !== 1) attrs.push(`color=${quoted(border.color)}`, `penwidth=${border.width}`);
  else if (n.inserted) attrs.push(`color=${quoted(border.color)}`);
  // A tooltip names the layer and what is wrong with it (SVG viewers show it on hover).
  attrs.push(`tooltip=${quoted([`${n.name} (${n.className})`, ...n.notes].join('\n'))}`);
  return `${indent}${escaped(id)} [${attrs.join(' ')}];`;
}

function cluster(c: Cluster, ids: ReadonlyMap<string, string>, indent: string, out: string[]): void {
  for (const n of c.nodes) out.push(node(n, ids.get(n.id)!, indent));
  for (const inner of c.clusters) {
    out.push(`${indent}subgraph ${quoted(`cluster_${inner.id}`)} {`);
    const mark = inner.mark && MARK[inner.mark];
    const codes = mark ? `<br/><font color="${mark.border}" point-size="9"><b>${html(codesOf(inner).join(' '))}</b></font>` : '';
    out.push(`${indent}  label=<<b>${html(inner.name, NAME_WIDTH)}</b> (${inner.className})${codes}>; style="rounded,dashed"; color="${mark ? mark.border : EDGE}"; penwidth=${mark ? mark.width : 1}; fontname=${quoted(FONT)}; fontsize=10;`);
    if (mark) out.push(`${indent}  tooltip=${quoted([`${inner.name} (${inner.className})`, ...(inner.notes ?? [])].join('\n'))};`);
    cluster(inner, ids, indent + '  ', out);
    out.push(`${indent}}`);
  }
}

export function toDot(d: Diagram): string {
  const out = [
    `// kspec graph of ${d.name.replace(/\n/g, ' ')}`,
    `digraph ${quoted(d.name)} {`,
    `  graph [rankdir=TB nodesep=0.25 ranksep=0.35 fontname=${quoted(FONT)}];`,
    `  node [shape=box style="rounded,filled" fontname=${quoted(FONT)} fontsize=10 margin="0.14,0.06" color="#546e7a"];`,
    `  edge [color="${EDGE}" arrowsize=0.6];`,
  ];
  const ids = dotIds(d);
  cluster(d.root, ids, '  ', out);
  for (const [from, to] of d.edges) out.push(`  ${escaped(ids.get(from)!)} -> ${escaped(ids.get(to)!)};`);
  out.push('}');
  return out.join('\n') + '\n';
}
