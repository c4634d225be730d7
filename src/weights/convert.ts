/**
 * `convertKerasModel`: a trained Keras model (a `.keras` archive, a Keras 2 / Keras 3 legacy HDF5
 * file, or any config kspec reads with a weights file beside it) → a tfjs `model.json` with its
 * `weightsManifest`, and the weight shards the tfjs converter would write. Bytes in, bytes out:
 * no file system, so it runs in the browser too. Never throws on bad input: every problem is a
 * diagnostic, and with errors there is no model (never one with some weights left random).
 */
import { compileFrontEnd } from '../compile.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { MESSAGES } from '../diagnostics/messages.js';
import type { ModelJSON } from '../emit/model-json.js';
import { frontEnd, resolvedDiagnostics, type FrontEnd } from '../front.js';
import { inferShapes } from '../infer/index.js';
import { isHdf5, isZip, readKerasArchiveWeights } from '../parse/archive.js';
import { MAX_INPUT_BYTES } from '../parse/limits.js';
import { loadSpec } from '../source/load.js';
import { SourceFile } from '../source/source-file.js';
import { catchHdf5, type Hdf5Group, openHdf5 } from './hdf5.js';
import { isKeras3Weights, readKeras3 } from './keras3.js';
import { legacyWeightsGroup, readLegacy } from './keras2.js';
import { matchWeights, targetsOf, type Problem } from './match.js';
import { shardWeights, type ManifestWeight, type Quantization, type WeightsGroup } from './shards.js';
import type { StoredFile } from './stored.js';

export interface ConvertInput {
  /** The model's config: any dialect kspec reads (text or its bytes), or a `.keras` archive's bytes. */
  readonly config: string | Uint8Array | ArrayBuffer;
  /** The weights: Keras 2 or Keras 3 HDF5 (`.h5`, `.weights.h5`). */
  readonly weights?: Uint8Array | ArrayBuffer;
  /** Shown in diagnostics (default `model.json`). */
  readonly configName?: string;
  readonly weightsName?: string;
}

export interface ConvertOptions {
  /** Shown in diagnostics when the input is one file (default `model.keras` / `model.h5`). */
  readonly fileName?: string;
  /** Bytes per shard (the tfjs converter's default, 4 MiB). */
  readonly shardSize?: number;
  readonly quantize?: Quantization;
}

export interface ConvertedModel {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** The config as read, which diagnostics point into. */
  readonly source: SourceFile;
  /** model.json: the compiled topology and its `weightsManifest` (present when ok). */
  readonly modelJSON?: ModelJSON & { readonly weightsManifest: WeightsGroup[] };
  /** The manifest's weights, as `tf.io.ModelArtifacts.weightSpecs`. */
  readonly weightSpecs?: readonly ManifestWeight[];
  /** Every shard's bytes, one after another (`tf.io.ModelArtifacts.weightData`); made when read. */
  readonly weightData?: ArrayBuffer;
  /**
   * The shards as the tfjs converter names them, made one at a time (for writing files) in one
   * reused buffer: a shard's bytes are valid until the next shard is asked for (copy to keep them).
   */
  shards?(): Generator<{ readonly path: string; readonly data: Uint8Array }>;
}

const bytesOf = (b: Uint8Array | ArrayBuffer): Uint8Array => (b instanceof Uint8Array ? b : new Uint8Array(b));

export function convertKerasModel(input: Uint8Array | ArrayBuffer | ConvertInput, options: ConvertOptions = {}): ConvertedModel {
  const read = readInputs(input, options);
  if ('failed' in read) return read.failed;
  const { fe, weights, weightsName } = read;
  const compiled = compileFrontEnd(fe);
  const fail = (): ConvertedModel => ({ ok: false, diagnostics: resolvedDiagnostics(fe), source: fe.source });
  if (!compiled || hasErrors(fe.reporter.diagnostics)) return fail();
  let entries: ReturnType<typeof matchWeights>['entries'] = [];
  if (weights) {
    const stored = catchHdf5(() => readWeights(weights, compiled.lowered));
    if ('error' in stored) {
      fe.reporter.report('KS7001', [], { file: weightsName, detail: stored.error.message });
      return fail();
    }
    const matched = matchWeights(targetsOf(compiled.graph, inferShapes(compiled.graph)), stored.value);
    report(fe, stored.value, matched.problems, weightsName);
    if (hasErrors(fe.reporter.diagnostics)) return fail();
    entries = matched.entries;
  }
  const sharded = shardWeights(entries, { ...(options.shardSize !== undefined && { shardSize: options.shardSize }), ...(options.quantize && { quantize: options.quantize }) });
  const modelJSON = { ...compiled.modelJSON, weightsManifest: sharded.weightsManifest };
  let data: ArrayBuffer | undefined;
  return {
    ok: true,
    diagnostics: resolvedDiagnostics(fe),
    source: fe.source,
    modelJSON,
    weightSpecs: sharded.weightsManifest[0].weights,
    get weightData() {
      if (!data) {
        const all = new Uint8Array(sharded.byteLength);
        let at = 0;
        for (const s of sharded.shards()) all.set(s.data, (at += s.data.length) - s.data.length);
        data = all.buffer;
      }
      return data;
    },
    shards: () => sharded.shards(),
  };
}

type Inputs = { fe: FrontEnd; weights?: Hdf5Group; weightsName: string } | { failed: ConvertedModel };

/** The config's front end and the weights file, from one model file or a config and weights. */
function readInputs(input: Uint8Array | ArrayBuffer | ConvertInput, options: ConvertOptions): Inputs {
  const single = input instanceof Uint8Array || input instanceof ArrayBuffer;
  const bytes = single ? bytesOf(input) : undefined;
  const fileName = options.fileName ?? (bytes && isZip(bytes) ? 'model.keras' : bytes && isHdf5(bytes) ? 'model.h5' : 'model.json');
  const fileError = (file: string, code: 'KS7001' | 'KS7002', detail = ''): { failed: ConvertedModel } => {
    const message = code === 'KS7001' ? MESSAGES.KS7001.text({ file, detail }) : MESSAGES.KS7002.text({ file });
    const source = new SourceFile(file, '');
    const suggestions = code === 'KS7002' ? [`convert the model's config with this file as its weights: kspec convert <config.json> --weights ${file} --to tfjs -o <folder>`] : undefined;
    return { failed: { ok: false, source, diagnostics: [{ code, severity: 'error', message, file, at: { path: [], inner: { start: 0, end: 0 } }, span: { start: 0, end: 0 }, ...(suggestions && { suggestions }) }] } };
  };
  const openWeights = (b: Uint8Array, name: string): Hdf5Group | { failed: ConvertedModel } => {
    if (!isHdf5(b)) return fileError(name, 'KS7001', 'it is not an HDF5 file');
    const r = catchHdf5(() => openHdf5(b));
    return 'error' in r ? fileError(name, 'KS7001', r.error.message) : r.value;
  };

  if (bytes && isHdf5(bytes)) {
    const root = openWeights(bytes, fileName);
    if ('failed' in root) return root;
    const config = root.attrs.get('model_config');
    if (typeof config !== 'string') return fileError(fileName, 'KS7002');
    const version = root.attrs.get('keras_version');
    return { fe: frontEnd(config, { fileName: `${fileName}/model_config`, ...(typeof version === 'string' && { kerasVersion: version }) }), weights: root, weightsName: fileName };
  }
  const configBytes = bytes ?? (typeof (input as ConvertInput).config === 'string' ? undefined : bytesOf((input as ConvertInput).config as Uint8Array));
  const configName = single ? fileName : ((input as ConvertInput).configName ?? (configBytes && isZip(configBytes) ? 'model.keras' : 'model.json'));
  let text: string;
  let specName = configName;
  let kerasVersion: string | undefined;
  let archived: Uint8Array | undefined;
  if (configBytes) {
    const spec = loadSpec(configBytes, configName);
    if ('error' in spec) return { failed: loadFailure(spec.error, configName) };
    ({ text, fileName: specName } = spec);
    kerasVersion = spec.kerasVersion;
    if (spec.fromArchive && configBytes.length <= MAX_ARCHIVE_BYTES) {
      const archive = readKerasArchiveWeights(configBytes);
      if ('error' in archive) return fileError(configName, 'KS7001', archive.error);
      archived = archive.weights;
    }
  } else text = (input as ConvertInput).config as string;
  const given = single ? undefined : (input as ConvertInput).weights;
  const weightsName = given ? ((input as ConvertInput).weightsName ?? 'model.weights.h5') : `${configName}/model.weights.h5`;
  const weightBytes = given ? bytesOf(given) : archived;
  const weights = weightBytes && openWeights(weightBytes, weightsName);
  if (weights && 'failed' in weights) return weights;
  // A Keras 2 weights file names the version that saved it: a config without one means that version.
  const saved = weights?.attrs.get('keras_version');
  const fe = frontEnd(text, { fileName: specName, ...(kerasVersion && { kerasVersion }), ...(typeof saved === 'string' && { companionVersion: saved }) });
  return weights ? { fe, weights, weightsName } : { fe, weightsName };
}

/** An archive's weights are read whole: up to what an ArrayBuffer holds everywhere. */
const MAX_ARCHIVE_BYTES = 2 ** 31 - 1;

function loadFailure(e: Extract<ReturnType<typeof loadSpec>, { error: unknown }>['error'], file: string): ConvertedModel {
  const message =
    e.code === 'KS1008' ? MESSAGES.KS1008.text({ dialect: e.dialect }) : e.code === 'KS1022' ? MESSAGES.KS1022.text({ what: e.what, limit: e.limit }) : MESSAGES[e.code].text({ detail: e.detail });
  const located = e.code === 'KS1001' || e.code === 'KS1002';
  const span = located ? e.span : { start: 0, end: 0 };
  const name = located ? e.fileName : file;
  return { ok: false, source: new SourceFile(name, located ? e.text : ''), diagnostics: [{ code: e.code, severity: 'error', message, file: name, at: { path: [], inner: span }, span }] };
}

/** A weights file read in whichever layout it has, against the config's layers. */
function readWeights(root: Hdf5Group, lowered: Parameters<typeof readKeras3>[1]): StoredFile {
  if (isKeras3Weights(root)) return readKeras3(root, lowered);
  if (legacyWeightsGroup(root)) return readLegacy(root, lowered);
  return readKeras3(root, lowered);
}

/** The matcher's problems and the readers' notes, as diagnostics at the layers they concern. */
function report(fe: FrontEnd, stored: StoredFile, problems: readonly Problem[], weightsName: string): void {
  const r = fe.reporter;
  for (const m of stored.misnamed) r.report('KS7008', m.layer.origin.at, { path: m.path, layer: m.layer.name, saved: m.saved });
  if (stored.ordered) r.report('KS7009', [], { count: `${stored.ordered.length} layer${stored.ordered.length === 1 ? '' : 's'} with weights` });
  for (const p of problems) {
    if (p.code === 'KS7001') r.report('KS7001', [], { file: weightsName, detail: p.detail });
    else if (p.code === 'KS7004') r.report('KS7004', [], { what: p.what });
    else if (p.code === 'KS7003') r.report('KS7003', p.layer.origin.at, { layer: p.layer.name, weights: p.weights });
    else if (p.code === 'KS7005') r.report('KS7005', p.layer.origin.at, { layer: p.layer.name, weight: p.weight, model: p.model, file: p.file, path: p.path });
    else r.report('KS7006', p.layer.origin.at, { layer: p.layer.name, model: p.model, file: p.file });
  }
  if (stored.optimizer > 0) r.report('KS7007', [], { what: `optimizer and metric state (${stored.optimizer} array${stored.optimizer === 1 ? '' : 's'})` });
}
