/**
 * `kspec graph`: a spec's model as a diagram. The compiled model is drawn when the spec compiles
 * (so inserted layers show); otherwise the model as read, with the layers that have errors marked.
 * Nothing here touches the file system or tfjs: the playground calls the same function.
 */
import { compileFrontEnd } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceFile, Span } from '../source/source-file.js';
import { frontEnd, resolvedDiagnostics, type FrontEndOptions } from '../front.js';
import { allNodes, buildDiagram } from './diagram.js';
import { dotIds, toDot } from './dot.js';
import { toMermaid } from './mermaid.js';
import { renderSvg } from './svg.js';

export const GRAPH_FORMATS = ['svg', 'dot', 'mermaid'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphOptions extends FrontEndOptions {
  readonly format?: GraphFormat;
}

export interface GraphResult {
  /** False when the spec has errors (the diagram is still drawn when the model could be read). */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly source: SourceFile;
  /** The diagram; absent when the spec could not be read as a model at all. */
  readonly output?: string;
  /** Where each layer is written in the text, by its box's id (`node:<id>` in the SVG, the node id in DOT). */
  readonly spans?: ReadonlyMap<string, Span>;
}

export async function graphSpec(text: string, options: GraphOptions = {}): Promise<GraphResult> {
  const fe = frontEnd(text, options);
  const compiled = compileFrontEnd(fe);
  const diagnostics = resolvedDiagnostics(fe);
  const graph = compiled?.graph ?? fe.graph;
  const ok = !hasErrors(diagnostics);
  if (!graph) return { ok, diagnostics, source: fe.source };
  const diagram = buildDiagram(graph, diagnostics);
  const format = options.format ?? 'svg';
  const output = format === 'mermaid' ? toMermaid(diagram) : format === 'dot' ? toDot(diagram) : await renderSvg(toDot(diagram));
  const doc = fe.doc;
  const ids = dotIds(diagram);
  const spans = new Map(doc ? allNodes(diagram.root).flatMap((n) => (n.at ? [[ids.get(n.id)!, doc.locate(n.at)] as const] : [])) : []);
  return { ok, diagnostics, source: fe.source, output, spans };
}
