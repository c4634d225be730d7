/**
 * The message catalogue: every diagnostic code, its severity, a stable rule name and its one
 * sentence. Codes never change meaning; new ones are added at the end of their block.
 *   KS1xxx  reading the text (syntax, YAML tags, call strings, dialect)
 *   KS2xxx  layers and arguments (classes, names, types, values)
 *   KS3xxx  activations
 *   KS4xxx  model wiring (names, references, inputs, outputs)
 *   KS5xxx  what tfjs can build, and where it silently differs from Keras
 *   KS6xxx  shapes known before building
 *   KS7xxx  trained weights (converting Keras weights files)
 */
import type { Severity } from './diagnostic.js';

type Msg<P> = { readonly severity: Severity; readonly rule: string; readonly text: (p: P) => string };
const m = <P = Record<string, never>>(severity: Severity, rule: string, text: (p: P) => string): Msg<P> => ({ severity, rule, text });
const q = (s: unknown): string => JSON.stringify(String(s));

export const MESSAGES = {
  KS1001: m<{ detail: string }>('error', 'json-syntax', (p) => `Invalid JSON: ${p.detail}.`),
  KS1002: m<{ detail: string }>('error', 'yaml-syntax', (p) => `Invalid YAML: ${p.detail}.`),
  KS1003: m<{ tag: string }>('error', 'yaml-tag', (p) => `The YAML tag ${q(p.tag)} is not allowed; kspec never constructs objects from tags.`),
  KS1004: m<{ limit: number }>('error', 'yaml-alias-limit', (p) => `YAML aliases expand to more than ${p.limit} nodes.`),
  KS1005: m<{ limit: number }>('error', 'nesting-depth', (p) => `The document nests deeper than ${p.limit} levels.`),
  KS1006: m('error', 'empty-document', () => `The document is empty.`),
  KS1007: m<{ found: string }>('error', 'unknown-dialect', (p) => `This is not a model spec kspec can read (found ${p.found}).`),
  KS1008: m<{ dialect: string }>('error', 'unsupported-dialect', (p) => `${p.dialect} configs are not supported yet.`),
  KS1009: m<{ detail: string }>('error', 'call-syntax', (p) => `Invalid layer call: ${p.detail}.`),
  KS1010: m<{ what: string }>('error', 'call-expression', (p) => `${p.what} cannot be used in a layer call; only literals are read, nothing is evaluated.`),
  KS1011: m<{ dialect: string }>('info', 'dialect', (p) => `Read as ${p.dialect}.`),
  KS1012: m<{ key: string }>('warning', 'duplicate-key', (p) => `The key ${q(p.key)} appears more than once in this mapping; the last one is used.`),
  KS1013: m<{ policy: string }>('warning', 'mixed-precision', (p) => `The dtype policy ${q(p.policy)} computes in lower precision in Keras; tfjs has no such policy, so this layer computes in float32.`),
  KS1014: m<{ which: string; order: string }>('info', 'structured-io', (p) => `The model's ${p.which} are a dict in Keras; tfjs takes a list, so they are ordered as ${p.order}.`),
  KS1015: m<{ layer: string }>('error', 'constant-call', (p) => `${q(p.layer)} is called on constants rather than tensors, which tfjs model configs cannot express.`),
  KS1016: m<{ version: string }>('info', 'keras-archive', (p) => `Read from a file saved by Keras ${p.version}.`),
  KS1017: m<{ detail: string }>('error', 'bad-archive', (p) => `This is not a readable .keras archive: ${p.detail}.`),
  KS1018: m<{ what: string; why: string }>('error', 'keras1-unsupported', (p) => `${p.what} cannot be converted from Keras 1: ${p.why}.`),
  KS1019: m<{ summary: string }>('info', 'keras1-converted', (p) => `Converted from Keras 1 to Keras 2: ${p.summary}.`),
  KS1020: m<{ layers: string; why: string; assumed: string }>('warning', 'dim-ordering-assumed', (p) => `${p.layers} ${p.why}; kspec assumes ${p.assumed}.`),
  KS1021: m<{ layer: string; why: string }>('error', 'channels-first', (p) => `tfjs cannot compute ${q(p.layer)} as Keras does: ${p.why}.`),
  KS1022: m<{ what: string; limit: string }>('error', 'document-size', (p) => `The document is too large to read: ${p.what} (the limit is ${p.limit}).`),

  KS2001: m<{ name: string; custom?: boolean }>('error', 'unknown-layer', (p) => `Unknown layer class ${q(p.name)}${p.custom ? '; if it is a custom layer, kspec never runs its Python code, and tfjs needs a layer class registered under this name' : ''}.`),
  KS2002: m<{ arg: string; layer: string }>('error', 'unknown-argument', (p) => `${q(p.layer)} has no argument ${q(p.arg)}.`),
  KS2003: m<{ arg: string; expected: string }>('error', 'argument-type', (p) => `${q(p.arg)} must be ${p.expected}.`),
  KS2004: m<{ arg: string; value: string; allowed: string }>('error', 'argument-value', (p) => `${q(p.value)} is not a valid value for ${q(p.arg)} (one of ${p.allowed}).`),
  KS2005: m<{ arg: string; bound: string }>('error', 'argument-range', (p) => `${q(p.arg)} must be ${p.bound}.`),
  KS2006: m<{ arg: string; layer: string }>('error', 'missing-argument', (p) => `${q(p.layer)} needs the argument ${q(p.arg)}.`),
  KS2007: m<{ layer: string; max: number; given: number }>('error', 'too-many-positional', (p) => `${q(p.layer)} takes at most ${p.max} positional arguments, ${p.given} given.`),
  KS2008: m<{ arg: string }>('error', 'duplicate-argument', (p) => `The argument ${q(p.arg)} is given more than once.`),
  KS2009: m<{ detail: string }>('error', 'spec-structure', (p) => `${p.detail}.`),
  KS2010: m<{ keys: string }>('error', 'layer-class-count', (p) => `A layer entry names exactly one layer class; found ${p.keys}.`),
  KS2011: m<{ alias: string; name: string }>('info', 'layer-alias', (p) => `${q(p.alias)} is the Keras alias of ${q(p.name)}.`),
  KS2012: m<{ key: string; where: string }>('error', 'unknown-key', (p) => `Unknown key ${q(p.key)} in ${p.where}.`),

  KS3001: m<{ name: string }>('error', 'unknown-activation', (p) => `Unknown activation ${q(p.name)}.`),
  KS3002: m<{ name: string; to: string }>('info', 'activation-not-in-tfjs', (p) => `tfjs cannot run the activation ${q(p.name)} as written; its exact form is ${p.to}.`),
  KS3003: m<{ name: string; why: string }>('error', 'activation-unsupported', (p) => `The activation ${q(p.name)} cannot be compiled to tfjs yet: ${p.why}.`),
  KS3004: m<{ name: string; arg: string }>('error', 'activation-in-cell', (p) => `The activation ${q(p.name)} is applied inside a recurrent cell (${q(p.arg)}), where no layer can be inserted.`),
  KS3005: m<{ name: string; layer: string }>('error', 'activation-layer-args', (p) => `${q(p.layer)} is not an activation layer, so it cannot be used as an activation.`),
  KS3006: m('warning', 'hard-sigmoid-keras3', () => `Keras 3's "hard_sigmoid" is clip(x/6 + 0.5, 0, 1) but tfjs's is clip(0.2·x + 0.5, 0, 1), so tfjs would give 0.700 instead of 0.667 at x = 1.`),

  KS4001: m<{ name: string }>('error', 'duplicate-name', (p) => `The name ${q(p.name)} is used by more than one layer.`),
  KS4002: m<{ name: string; scope: string }>('error', 'unknown-reference', (p) => `Nothing named ${q(p.name)} is defined ${p.scope}.`),
  KS4003: m<{ name: string }>('error', 'cycle', (p) => `The layer ${q(p.name)} depends on its own output.`),
  KS4004: m('error', 'no-input-shape', () => `The model has no input shape; tfjs cannot build it.`),
  KS4005: m<{ name: string; index: number; count: number }>('error', 'tensor-index', (p) => `${q(p.name)} has no node ${p.index} (its nodes are ${p.count === 1 ? '0' : `0 to ${p.count - 1}`}).`),
  KS4006: m('error', 'no-layers', () => `The model has no layers.`),
  KS4007: m<{ name: string }>('warning', 'unused-input', (p) => `The input ${q(p.name)} is not used by any layer.`),
  KS4008: m<{ name: string }>('error', 'output-without-input', (p) => `The output ${q(p.name)} does not depend on any input of the model.`),
  KS4009: m<{ name: string; index: number; count: number }>('error', 'output-index', (p) => `${q(p.name)} has no output ${p.index} (it has ${p.count === 1 ? 'one output, number 0' : `${p.count} outputs, 0 to ${p.count - 1}`}).`),
  KS4010: m<{ name: string }>('error', 'invalid-name', (p) => `tfjs cannot use ${q(p.name)} as a layer name: names start with a letter or digit and hold only letters, digits and . _ - /.`),

  KS5001: m<{ name: string; why: string }>('error', 'tfjs-missing-layer', (p) => `tfjs cannot build the layer class ${q(p.name)}: ${p.why}`),
  KS5002: m<{ arg: string; layer: string; value: string }>('warning', 'tfjs-ignores-argument', (p) => `tfjs ignores ${q(p.arg)} of ${q(p.layer)}, so ${p.value} has no effect there.`),
  KS5003: m<{ name: string }>('error', 'custom-code', (p) => `${q(p.name)} holds Python code, which kspec never runs and tfjs cannot build; supply a tfjs layer class registered under this name instead.`),
  KS5004: m<{ value: string }>('warning', 'leaky-relu-negative-slope', (p) => `tfjs reads LeakyReLU's slope only from "alpha" and ignores "negative_slope", which would leave the slope at 0.3 instead of ${p.value}.`),
  KS5005: m<{ arg: string; value: string; to?: string }>('error', 'relu-ignored-argument', (p) => `tfjs ignores ReLU's ${q(p.arg)}, so it would compute max(x, 0) where Keras uses ${q(p.arg)} = ${p.value}${p.to ? `; kspec compiles it exactly as ${p.to}` : ''}.`),
  KS5006: m('warning', 'softmax-default-axis', () => `tfjs's Softmax layer defaults to axis 1 where Keras uses the last axis, so on inputs of rank 3 or more tfjs fails or normalises the wrong axis.`),
  KS5007: m<{ alpha: string; to: string }>('error', 'elu-alpha', (p) => `tfjs builds ELU only with alpha 1 and throws NotImplementedError for alpha ${p.alpha}; kspec compiles it exactly as ${p.to}.`),
  KS5008: m<{ layer: string; implicit: boolean; to: string }>('info', 'gru-reset-after', (p) => `tfjs 4.22 cannot build ${q(p.layer)} with reset_after=true${p.implicit ? ' (the Keras default)' : ''}, the formula and bias shape Keras uses; kspec compiles it exactly as a ${p.to} layer (a kspec runtime class: tfjs loads it once "kspec/runtime" is imported).`),
  KS5009: m<{ name: string }>('info', 'inference-identity', (p) => `${q(p.name)} acts only in training and returns its input unchanged at inference, so kspec compiles it as a linear Activation (the identity).`),

  KS5010: m<{ name: string; op: string; to: string }>('info', 'tf-op-mapped', (p) => `${q(p.name)} runs the TensorFlow op ${q(p.op)}, which kspec compiles exactly as ${p.to}.`),
  KS5011: m('warning', 'activity-regularizer', () => `tfjs cannot build a layer with an activity regularizer, so kspec leaves it out; that changes the training loss, not the model's outputs.`),
  KS5012: m<{ units: number }>('info', 'cudnn-lstm-bias', (p) => `CuDNNLSTM keeps separate input and recurrent biases; kspec compiles it as an LSTM whose one bias is their sum, which computes the same outputs with ${4 * p.units} (4·units) fewer parameters than Keras counts.`),
  KS5013: m<{ arg: string }>('error', 'untruncated-normal', (p) => `tfjs cannot draw the "untruncated_normal" distribution of this VarianceScaling "${p.arg}" and refuses the model; "truncated_normal" or "uniform" give the same variance.`),

  KS6001: m<{ detail: string }>('error', 'layer-rank', (p) => p.detail),
  KS6002: m<{ detail: string }>('error', 'merge-shapes', (p) => p.detail),
  KS6003: m<{ detail: string; compiled?: boolean }>('error', 'flatten-flat', (p) => `${p.detail}${p.compiled ? ' kspec compiles it as a linear Activation (the identity).' : ''}`),
  KS6004: m<{ detail: string }>('error', 'invalid-shape', (p) => p.detail),
  KS7001: m<{ file: string; detail: string }>('error', 'weights-unreadable', (p) => `The weights in ${q(p.file)} cannot be read: ${p.detail}.`),
  KS7002: m<{ file: string }>('error', 'weights-without-config', (p) => `${q(p.file)} holds weights only, without the model's config.`),
  KS7003: m<{ layer: string; weights: string }>('error', 'weights-missing', (p) => `The weights file has no value for layer ${q(p.layer)}: it needs ${p.weights}.`),
  KS7004: m<{ what: string }>('error', 'weights-unmatched', (p) => `The weights file holds ${p.what}, which no layer of the model has.`),
  KS7005: m<{ layer: string; weight: string; model: string; file: string; path: string }>(
    'error',
    'weight-shape',
    (p) => `Layer ${q(p.layer)} weight ${q(p.weight)} has shape ${p.model} in the model, but the weights file stores ${p.file} at ${q(p.path)}.`,
  ),
  KS7006: m<{ layer: string; model: string; file: string }>('error', 'weight-count', (p) => `Layer ${q(p.layer)} has ${p.model} in the model, but the weights file stores ${p.file}.`),
  KS7007: m<{ what: string }>('info', 'training-state-skipped', (p) => `The weights file also holds ${p.what}, which is not converted: tfjs models load for inference.`),
  KS7008: m<{ path: string; layer: string; saved: string }>('error', 'weights-misnamed', (p) => `The weights at ${q(p.path)} were saved for a layer named ${q(p.saved)}, but the config has ${q(p.layer)} there.`),
  KS7009: m<{ count: string }>('warning', 'weights-by-position', (p) => `None of the weights file's layer names is in the config, so its ${p.count} are matched in order, as Keras's load_weights does.`),
} as const;

export type Code = keyof typeof MESSAGES;
export type Params<C extends Code> = Parameters<(typeof MESSAGES)[C]['text']>[0];
