/**
 * The Keras 3 activation functions kspec's runtime layer computes, with their parameters and
 * Keras's defaults. No tfjs here: the compiler (catalogue, activation table, shape inference) reads
 * this table without loading tfjs; runtime/ops.ts holds the tf code, one entry per name.
 *
 * Defaults are from keras-team/keras `keras/src/ops/nn.py` and the keras.io API page (v3.13.2):
 * relu(negative_slope=0, max_value=None, threshold=0), elu(alpha=1), soft_shrink/hard_shrink(threshold=0.5),
 * squareplus(b=4), glu(axis=-1), sparsemax(axis=-1).
 */

/** The tfjs class name of the runtime layer, as written in model.json. */
export const RUNTIME_ACTIVATION = 'KspecActivation';

/** A parameter's Keras default; `null` only for relu's `max_value` (no cap). */
export type ParamDefault = number | null;

export const RUNTIME_FUNCTIONS = {
  relu: { negative_slope: 0, max_value: null, threshold: 0 },
  elu: { alpha: 1 },
  exponential: {},
  hard_silu: {},
  tanh_shrink: {},
  soft_shrink: { threshold: 0.5 },
  hard_shrink: { threshold: 0.5 },
  sparse_plus: {},
  squareplus: { b: 4 },
  glu: { axis: -1 },
  sparsemax: { axis: -1 },
} as const satisfies Readonly<Record<string, Readonly<Record<string, ParamDefault>>>>;

export type RuntimeFunction = keyof typeof RUNTIME_FUNCTIONS;

export const RUNTIME_FUNCTION_NAMES = Object.keys(RUNTIME_FUNCTIONS) as RuntimeFunction[];

/** Every parameter some function takes (the layer's config keys besides `function`). */
export const RUNTIME_PARAMS: readonly string[] = [...new Set(RUNTIME_FUNCTION_NAMES.flatMap((f) => Object.keys(RUNTIME_FUNCTIONS[f])))];

/** Keras's alias (`hard_swish`) and tfjs's camelCase (`softShrink`, which `modelFromJSON` writes). */
const key = (s: string): string => s.replace(/_/g, '').toLowerCase();
const BY_KEY = new Map<string, RuntimeFunction>([...RUNTIME_FUNCTION_NAMES.map((f) => [key(f), f] as const), ['hardswish', 'hard_silu']]);

/** The function a config names, in any of its spellings; undefined when it names none. */
export function runtimeFunction(name: unknown): RuntimeFunction | undefined {
  return typeof name === 'string' ? BY_KEY.get(key(name)) : undefined;
}

/** The value of `param` in a config written in Keras (snake_case) or tfjs (camelCase) spelling; null → default. */
export function paramValue(config: Readonly<Record<string, unknown>>, fn: RuntimeFunction, param: string): unknown {
  const camel = param.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const v = config[param] ?? config[camel];
  return v ?? (RUNTIME_FUNCTIONS[fn] as Readonly<Record<string, ParamDefault>>)[param];
}

/** GLU splits its axis in two halves and returns one: the only function that changes the shape. */
export const HALVES_AXIS: ReadonlySet<RuntimeFunction> = new Set(['glu']);
