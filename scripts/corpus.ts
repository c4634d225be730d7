/**
 * The corpus report: compiles every config in a folder and says, per file and in total, whether
 * kspec compiled it, whether the result loads in tfjs, and whether its parameter count equals what
 * tfjs computes from the original file on its own.
 *   npm run corpus -- <dir> [--json]
 * Initializers are replaced by Zeros before building: only structure and parameter counts matter
 * here, and tfjs's Orthogonal initializer alone can take minutes on large recurrent kernels.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { compile } from '../src/compile.js';
import { suggestionText } from '../src/diagnostics/format.js';
import { isObj } from '../src/ir/json.js';

type Tf = typeof import('@tensorflow/tfjs');

export interface CorpusRow {
  file: string;
  dialect: string;
  compiled: boolean;
  loads: boolean;
  params?: number;
  tfjsAlone?: number | string;
  sameParams?: boolean;
  /** The same layers (class and name) as tfjs alone, not counting layers kspec's rewrites added. */
  sameLayers?: boolean;
  diagnostic?: string;
}


/** Deep copy with every `*_initializer` set to Zeros. */
function zeroInit(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(zeroInit);
  if (!isObj(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = /_initializer$/.test(k) && x !== null ? { class_name: 'Zeros', config: {} } : zeroInit(x);
  return out;
}

function topology(value: unknown): unknown {
  if (!isObj(value)) return value;
  return isObj(value.modelTopology) ? value.modelTopology : value;
}

async function built(tf: Tf, topo: unknown): Promise<{ params: number; layers: string[] }> {
  const model = await tf.models.modelFromJSON({ modelTopology: zeroInit(topo) as never });
  const out = { params: model.countParams(), layers: model.layers.map((l) => `${l.getClassName()}:${l.name}`) };
  model.dispose();
  return out;
}

const errorLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 160);

export async function corpusReport(dir: string): Promise<CorpusRow[]> {
  const tf = await import('@tensorflow/tfjs');
  // Compiled models may name kspec's runtime classes; tfjs alone never needs them.
  await import('../src/runtime/index.js');
  const files = readdirSync(dir).filter((f) => /\.(json|ya?ml)$/i.test(f) && statSync(join(dir, f)).isFile()).sort();
  const rows: CorpusRow[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const result = compile(text, { fileName: file });
    const row: CorpusRow = { file, dialect: result.dialect ?? '-', compiled: result.ok, loads: false };
    const first = result.diagnostics.find((d) => d.severity === 'error');
    if (first) {
      const pos = result.source.position(first.span?.start ?? 0);
      row.diagnostic = `${first.code} ${pos.line}:${pos.column} ${first.message}${suggestionText(first)}`;
    }
    let ours: string[] = [];
    if (result.ok && result.modelJSON) {
      try {
        const b = await built(tf, result.modelJSON.modelTopology);
        row.params = b.params;
        const added = new Set(result.graph!.layers.filter((l) => l.origin.synthetic).map((l) => l.name));
        ours = b.layers.filter((l) => !added.has(l.slice(l.indexOf(':') + 1)));
        row.loads = true;
      } catch (e) {
        row.diagnostic = `tfjs: ${errorLine(e)}`;
      }
    }
    let theirs: string[] = [];
    try {
      const original = /\.ya?ml$/i.test(file) ? parseYaml(text, { uniqueKeys: false, logLevel: 'error' }) : JSON.parse(text);
      const b = await built(tf, topology(original));
      row.tfjsAlone = b.params;
      theirs = b.layers;
    } catch (e) {
      row.tfjsAlone = `FAIL ${errorLine(e)}`;
    }
    if (row.loads && typeof row.tfjsAlone === 'number') {
      row.sameParams = row.params === row.tfjsAlone;
      row.sameLayers = ours.join() === theirs.join();
    }
    rows.push(row);
  }
  return rows;
}

export function summarize(rows: readonly CorpusRow[]): string {
  const n = rows.length;
  const compiled = rows.filter((r) => r.compiled).length;
  const loads = rows.filter((r) => r.loads).length;
  const alone = rows.filter((r) => typeof r.tfjsAlone === 'number');
  const same = alone.filter((r) => r.sameParams).length;
  const sameLayers = alone.filter((r) => r.sameLayers).length;
  const regressions = alone.filter((r) => !r.loads).map((r) => r.file);
  return [
    `files: ${n}`,
    `compiled by kspec: ${compiled}/${n}`,
    `load in tfjs after kspec: ${loads}/${n}`,
    `load in tfjs alone: ${alone.length}/${n}`,
    `same params as tfjs alone: ${same}/${alone.length}`,
    `same layers as tfjs alone: ${sameLayers}/${alone.length}`,
    `loaded by tfjs alone but not after kspec: ${regressions.length ? regressions.join(', ') : 'none'}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: npm run corpus -- <dir> [--json]');
    process.exitCode = 2;
    return;
  }
  const rows = await corpusReport(dir);
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const r of rows) {
    const params = r.loads ? String(r.params) : '-';
    const alone = typeof r.tfjsAlone === 'number' ? String(r.tfjsAlone) : 'FAIL';
    const mark = r.sameParams === false ? ' (PARAMS DIFFER)' : r.sameLayers === false ? ' (LAYERS DIFFER)' : '';
    console.log(`${r.file.padEnd(42)} ${r.dialect.padEnd(6)} ${r.compiled ? 'compiled' : 'failed  '} ${r.loads ? 'loads' : '-    '} params ${params.padStart(10)} alone ${alone.padStart(10)}${mark}${r.diagnostic ? `  ${r.diagnostic}` : ''}`);
  }
  console.log('\n' + summarize(rows));
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!)) await main();
