/**
 * `kspec graph --format mermaid`: the diagram as a Mermaid flowchart, for Markdown that GitHub and
 * GitLab render. Node ids are `n0, n1, …` in diagram order (layer names may hold any character);
 * the same classes as the SVG's, with the same colours.
 */
import { allNodes, codesOf, printable, wrapCall, type Cluster, type Diagram, type DiagramNode } from './diagram.js';
import { borderOf, classesOf, fillOf, INSERTED, MARK } from './style.js';

/** Text inside a Mermaid `"…"` label: quotes and markup characters as entity codes. */
const text = (s: string) => printable(s).replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

function label(n: DiagramNode): string {
  if (n.kind === 'output') return n.name;
  const lines = [`<b>${text(n.name)}</b>`];
  if (n.kind === 'input' && !n.call) lines.push('Input');
  else lines.push(...wrapCall(n.call ?? n.className).map(text));
  if (n.shape) lines.push(text(n.shape));
  if (n.inserted) lines.push(`<i>${INSERTED.text}</i>`);
  if (n.mark) lines.push(`<b>${codesOf(n).join(' ')}</b>`);
  return lines.join('<br/>');
}

/** Input nodes are parallelograms, outputs stadiums, layers rounded boxes. */
function shape(n: DiagramNode, body: string): string {
  if (n.kind === 'input') return `[/"${body}"/]`;
  if (n.kind === 'output') return `(["${body}"])`;
  return `("${body}")`;
}

/** The classes name what a node is (for CSS and tests); their styles repeat what each node's own line says. */
const CLASS_STYLE = {
  inserted: `stroke:${INSERTED.border},stroke-dasharray:${INSERTED.dash}`,
  error: `stroke:${MARK.error.border}`,
  warning: `stroke:${MARK.warning.border}`,
};

export function toMermaid(d: Diagram): string {
  const ids = new Map(allNodes(d.root).map((n, i) => [n.id, `n${i}`]));
  const out = ['flowchart TB'];
  let clusters = 0;
  const styles: string[] = [];
  const walk = (c: Cluster, indent: string) => {
    for (const n of c.nodes) out.push(`${indent}${ids.get(n.id)}${shape(n, label(n))}`);
    for (const inner of c.clusters) {
      const id = `c${clusters++}`;
      const codes = inner.mark ? `<br/><b>${codesOf(inner).join(' ')}</b>` : '';
      out.push(`${indent}subgraph ${id}["<b>${text(inner.name)}</b> (${inner.className})${codes}"]`);
      if (inner.mark) styles.push(`  style ${id} stroke:${MARK[inner.mark].border},stroke-width:${MARK[inner.mark].width}px`);
      walk(inner, indent + '  ');
      out.push(`${indent}end`);
    }
  };
  walk(d.root, '  ');
  for (const [from, to] of d.edges) out.push(`  ${ids.get(from)} --> ${ids.get(to)}`);
  // One style line per node keeps every node's colours exact without a classDef per combination.
  for (const n of allNodes(d.root)) {
    const border = borderOf(n);
    const dash = n.inserted ? `,stroke-dasharray:${INSERTED.dash}` : '';
    out.push(`  style ${ids.get(n.id)} fill:${fillOf(n)},stroke:${border.color},stroke-width:${border.width}px${dash}`);
  }
  out.push(...styles);
  const marked = allNodes(d.root).filter((n) => n.inserted || n.mark);
  for (const cls of ['inserted', 'error', 'warning'] as const) {
    const members = marked.filter((n) => classesOf(n).includes(cls)).map((n) => ids.get(n.id));
    if (members.length) out.push(`  classDef ${cls} ${CLASS_STYLE[cls]}`, `  class ${members.join(',')} ${cls}`);
  }
  return out.join('\n') + '\n';
}
