/** Every check, in the order they report. One rule per file in rules/, one code per rule. */
import type { ModelGraph } from '../ir/graph.js';
import type { Rule, RuleContext } from './rule.js';
import { activationInCell } from './rules/activation-in-cell.js';
import { activationLayerArgs } from './rules/activation-layer-args.js';
import { activationNotInTfjs } from './rules/activation-not-in-tfjs.js';
import { activationUnsupported } from './rules/activation-unsupported.js';
import { argumentRange } from './rules/argument-range.js';
import { argumentType } from './rules/argument-type.js';
import { argumentValue } from './rules/argument-value.js';
import { customCode } from './rules/custom-code.js';
import { cycle } from './rules/cycle.js';
import { duplicateName } from './rules/duplicate-name.js';
import { eluAlpha } from './rules/elu-alpha.js';
import { flattenFlat } from './rules/flatten-flat.js';
import { gruResetAfter } from './rules/gru-reset-after.js';
import { cudnnLstmBias } from './rules/cudnn-lstm-bias.js';
import { hardSigmoidKeras3 } from './rules/hard-sigmoid-keras3.js';
import { inferenceIdentity } from './rules/inference-identity.js';
import { invalidShape } from './rules/invalid-shape.js';
import { layerAlias } from './rules/layer-alias.js';
import { layerRank } from './rules/layer-rank.js';
import { leakyReluNegativeSlope } from './rules/leaky-relu-negative-slope.js';
import { mergeShapes } from './rules/merge-shapes.js';
import { missingArgument } from './rules/missing-argument.js';
import { noInputShape } from './rules/no-input-shape.js';
import { noLayers } from './rules/no-layers.js';
import { outputIndex } from './rules/output-index.js';
import { outputWithoutInput } from './rules/output-without-input.js';
import { reluIgnoredArgument } from './rules/relu-ignored-argument.js';
import { softmaxDefaultAxis } from './rules/softmax-default-axis.js';
import { tensorIndex } from './rules/tensor-index.js';
import { invalidName } from './rules/invalid-name.js';
import { activityRegularizer } from './rules/activity-regularizer.js';
import { untruncatedNormal } from './rules/untruncated-normal.js';
import { tfjsIgnoresArgument } from './rules/tfjs-ignores-argument.js';
import { tfjsMissingLayer } from './rules/tfjs-missing-layer.js';
import { unknownActivation } from './rules/unknown-activation.js';
import { unknownArgument } from './rules/unknown-argument.js';
import { unknownLayer } from './rules/unknown-layer.js';
import { unknownReference } from './rules/unknown-reference.js';
import { unusedInput } from './rules/unused-input.js';

/** Class and argument rules first: shape and wiring rules assume classes are known. */
export const CLASS_RULES: readonly Rule[] = [unknownLayer, layerAlias, customCode, tfjsMissingLayer, inferenceIdentity, unknownArgument, argumentType, argumentValue, argumentRange, missingArgument];
export const ACTIVATION_RULES: readonly Rule[] = [unknownActivation, activationUnsupported, activationInCell, activationLayerArgs, activationNotInTfjs, hardSigmoidKeras3];
export const WIRING_RULES: readonly Rule[] = [noLayers, noInputShape, duplicateName, invalidName, unknownReference, tensorIndex, cycle, unusedInput, outputWithoutInput];
export const DRIFT_RULES: readonly Rule[] = [activityRegularizer, leakyReluNegativeSlope, reluIgnoredArgument, softmaxDefaultAxis, eluAlpha, gruResetAfter, cudnnLstmBias, untruncatedNormal, tfjsIgnoresArgument];
export const SHAPE_RULES: readonly Rule[] = [layerRank, mergeShapes, flattenFlat, invalidShape, outputIndex];

export const RULES: readonly Rule[] = [...CLASS_RULES, ...ACTIVATION_RULES, ...WIRING_RULES, ...DRIFT_RULES, ...SHAPE_RULES];

/** Runs every rule. Shape rules run only on a well-wired graph, where their answers mean something. */
const BEFORE_SHAPES: readonly Rule[] = [...CLASS_RULES, ...ACTIVATION_RULES, ...WIRING_RULES, ...DRIFT_RULES];

export function runChecks(graph: ModelGraph, ctx: RuleContext): void {
  for (const rule of BEFORE_SHAPES) rule.check(graph, ctx);
  const wired = !ctx.reporter.diagnostics.some((d) => d.severity === 'error' && /^KS(2001|4\d{3}|5003)$/.test(d.code));
  if (wired) for (const rule of SHAPE_RULES) rule.check(graph, ctx);
}
