/**
 * The layer catalogue: one row per Keras layer class. Every stage reads these rows — the schema
 * generator, argument checks, positional mapping of call strings, the model.json emitter and the
 * tfjs builder — so what is validated and what is built cannot drift apart.
 */

/** A small type language for layer arguments; it maps one-to-one onto JSON Schema. */
export type ArgType =
  | { t: 'int'; min?: number; max?: number }
  | { t: 'number'; min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }
  | { t: 'bool' }
  | { t: 'string' }
  | { t: 'null' }
  | { t: 'enum'; values: readonly string[] }
  /** A list of `of`; `n` fixes its length. Python tuples are lists here. */
  | { t: 'list'; of: ArgType; n?: number; minItems?: number }
  | { t: 'union'; of: readonly ArgType[] }
  /** An activation identifier (string) or a nested `{class_name, config}` activation layer. */
  | { t: 'activation' }
  /** `{class_name, config}` objects or their string shorthand (`"glorot_uniform"`). */
  | { t: 'initializer' }
  | { t: 'regularizer' }
  | { t: 'constraint' }
  /** A dtype string, or a Keras DTypePolicy / mixed-precision Policy object. */
  | { t: 'dtype' }
  /** A nested layer `{class_name, config}` (Bidirectional, TimeDistributed, RNN cells). */
  | { t: 'layer' }
  | { t: 'any' };

export interface ArgSpec {
  /** Keras keyword, snake_case, as written in configs. */
  readonly name: string;
  readonly type: ArgType;
  /** Keras's default as a JSON value; `undefined` when the argument is required. */
  readonly default?: unknown;
  /** Required by Keras (no default). */
  readonly required?: boolean;
  /** One sentence for the JSON Schema description and editor hovers. */
  readonly doc: string;
  /**
   * The tfjs (camelCase) argument name, or `null` when tfjs has no such argument and silently
   * ignores it. Omitted means the camelCase of `name`.
   */
  readonly tfjs?: string | null;
  /**
   * tfjs throws when this key is present although Keras never uses it (Keras 2 SeparableConv's
   * inherited `kernel_initializer`): the model.json emitter drops it.
   */
  readonly tfjsRejects?: boolean;
  /** tfjs's default when it differs from Keras's (so emitters write the Keras value explicitly). */
  readonly tfjsDefault?: unknown;
  /** Only in Keras 3 configs. */
  readonly keras3Only?: boolean;
  /** Only in Keras 2 (removed in Keras 3). */
  readonly keras2Only?: boolean;
}

export type LayerCategory =
  | 'input' | 'core' | 'convolution' | 'pooling' | 'recurrent' | 'normalization'
  | 'regularization' | 'activation' | 'merge' | 'reshaping' | 'attention' | 'preprocessing'
  | 'wrapper' | 'model';

export interface LayerSpec {
  /** Keras class name (canonical spelling, as Keras serializes it). */
  readonly name: string;
  readonly category: LayerCategory;
  /** One sentence for docs and hovers. */
  readonly doc: string;
  /** Layer-specific arguments in Keras signature order (the base Layer kwargs are added by `baseArgs`). */
  readonly args: readonly ArgSpec[];
  /** How many leading `args` Python lets you pass positionally (Keras 2 signature). */
  readonly positional: number;
  /**
   * How tfjs 4.22 handles the class: `{className}` when it deserializes it, or
   * `{missing}` with one sentence on what to do instead.
   */
  readonly tfjs:
    | {
        readonly className: string;
        /**
         * Set when kspec's runtime (`kspec/runtime`) implements this Keras class for tfjs, under
         * `className` (`Kspec…`, never a tfjs name): buildModel registers it, and a model.json
         * naming it loads in tfjs after `import 'kspec/runtime'`.
         */
        readonly runtime?: true;
      }
    | { readonly missing: string };
  /** Other class names Keras accepts for this layer (`Convolution2D`, `MaxPool2D`, …). */
  readonly aliases?: readonly string[];
  /** Arguments that make a tiny valid instance, for tests (`{units: 2}`); input rank in `exampleInput`. */
  readonly example?: Readonly<Record<string, unknown>>;
  /** Shape without batch of an input this layer accepts with `example`, for tests. */
  readonly exampleInput?: readonly (number | null)[];
  /**
   * A kspec runtime class (`kspec/runtime`), not a Keras or tfjs class: kspec emits it where tfjs has
   * no exact equivalent, and tfjs builds it only once `import 'kspec/runtime'` has registered it
   * (`buildModel` does that itself). `tfjs.className` is the name it registers under.
   */
  readonly runtime?: true;
  /** Keras version ranges where the class exists; omitted = Keras 2 and 3. */
  readonly keras2Only?: boolean;
  readonly keras3Only?: boolean;
}
