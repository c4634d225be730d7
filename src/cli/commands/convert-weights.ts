/**
 * `kspec convert <model.keras | model.h5 | config> [--weights <weights.h5>] --to tfjs -o <folder>`:
 * a trained model to the tfjs converter's artifacts: the weight shards (`group1-shardNofM.bin`),
 * then model.json, each written atomically, shard by shard, and model.json last, so a folder never
 * holds a model.json whose shards are not all there. Loaded lazily by convert.ts: the HDF5 reader
 * is not part of any other command's start-up.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { formatDiagnostics } from '../../diagnostics/format.js';
import { convertKerasModel, type ConvertInput } from '../../weights/convert.js';
import type { Quantization } from '../../weights/shards.js';
import { UsageError, type ParsedArgs } from '../args.js';
import { IoError, readInput, writeAtomic } from '../io.js';
import type { Io } from '../main.js';

const QUANTIZE = ['float16', 'uint8', 'uint16'] as const;

/** `--shard-size`: bytes, or with a k/m suffix (KiB, MiB). */
function shardSize(v: string | true | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^(\d+)([km]?)b?$/i.exec(v) : null;
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1024 : m[2]?.toLowerCase() === 'm' ? 1024 * 1024 : 1) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError('--shard-size takes a positive number of bytes (4194304, 4096k or 4m)');
  return n;
}

export function convertWeightsCommand(file: string, bytes: Uint8Array, args: ParsedArgs, io: Io): number {
  const { flags } = args;
  const output = flags.get('output');
  if (typeof output !== 'string') throw new UsageError('converting a trained model writes a folder: give -o <folder> (or -o <folder>/model.json)');
  const quantize = flags.get('quantize');
  if (quantize !== undefined && !(QUANTIZE as readonly unknown[]).includes(quantize)) throw new UsageError(`--quantize takes ${QUANTIZE.join(', ')}`);
  const size = shardSize(flags.get('shard-size'));
  const weights = flags.get('weights');
  const name = file === '-' ? '<stdin>' : basename(file);
  const input: Uint8Array | ConvertInput =
    typeof weights === 'string' ? { config: bytes, configName: name, weights: readInput(weights), weightsName: basename(weights) } : bytes;
  const r = convertKerasModel(input, { fileName: name, ...(size !== undefined && { shardSize: size }), ...(quantize && { quantize: quantize as Quantization }) });
  const color = io.isTTY && !flags.has('no-color');
  const shown = r.diagnostics.filter((d) => d.severity !== 'info' || d.code.startsWith('KS7'));
  if (shown.length > 0) io.stderr(formatDiagnostics(shown, r.source, { color, frames: !r.ok }) + '\n');
  if (!r.ok || !r.modelJSON || !r.shards) return 1;
  const modelFile = output.endsWith('.json') ? output : join(output, 'model.json');
  const folder = dirname(modelFile);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    throw new IoError(`cannot create ${folder}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let bytesOut = 0;
  for (const shard of r.shards()) {
    writeAtomic(join(folder, shard.path), shard.data);
    bytesOut += shard.data.length;
  }
  writeAtomic(modelFile, JSON.stringify(r.modelJSON) + '\n');
  const n = r.weightSpecs?.length ?? 0;
  const shards = r.modelJSON.weightsManifest[0]?.paths.length ?? 0;
  io.stderr(`kspec: wrote ${modelFile} and ${shards} shard${shards === 1 ? '' : 's'} (${n} weight${n === 1 ? '' : 's'}, ${bytesOut} bytes)\n`);
  return 0;
}
