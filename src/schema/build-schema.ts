/**
 * Generates the published JSON Schema (2020-12) for kspec specs from the layer catalogue, so the
 * schema editors use and the checks kspec runs come from one table. `npm run gen` writes it to
 * schemas/kspec.schema.json; a test keeps the committed file equal to this output.
 */
import { activationNames } from '../ir/activations.js';
import { BASE_ARGS, LAYER_SPECS, snakeToCamel, type ArgSpec, type ArgType, type LayerSpec } from '../ir/catalogue/index.js';
import { objectNames, type ObjectKind } from '../ir/objects.js';
import { VERSION } from '../version.js';

type Schema = Record<string, unknown>;

function typeSchema(t: ArgType): Schema {
  switch (t.t) {
    case 'int': return { type: 'integer', ...(t.min !== undefined && { minimum: t.min }), ...(t.max !== undefined && { maximum: t.max }) };
    case 'number': return { type: 'number', ...(t.min !== undefined && { minimum: t.min }), ...(t.max !== undefined && { maximum: t.max }), ...(t.exclusiveMin !== undefined && { exclusiveMinimum: t.exclusiveMin }), ...(t.exclusiveMax !== undefined && { exclusiveMaximum: t.exclusiveMax }) };
    case 'bool': return { type: 'boolean' };
    case 'string': return { type: 'string' };
    case 'null': return { type: 'null' };
    case 'enum': return { enum: [...t.values] };
    case 'list': return { type: 'array', items: typeSchema(t.of), ...(t.n !== undefined && { minItems: t.n, maxItems: t.n }), ...(t.minItems !== undefined && { minItems: t.minItems }) };
    case 'union': return { anyOf: t.of.map(typeSchema) };
    case 'activation': return { $ref: '#/$defs/activation' };
    case 'initializer': return { $ref: '#/$defs/initializer' };
    case 'regularizer': return { $ref: '#/$defs/regularizer' };
    case 'constraint': return { $ref: '#/$defs/constraint' };
    case 'dtype': return { $ref: '#/$defs/dtype' };
    case 'layer': return { $ref: '#/$defs/nestedLayer' };
    case 'any': return {};
  }
}

function argSchema(a: ArgSpec): Schema {
  const dflt = a.default !== undefined ? ` Default: ${JSON.stringify(a.default)}.` : a.required ? ' Required.' : '';
  return { description: a.doc + dflt, ...typeSchema(a.type), ...(a.default !== undefined && { default: a.default }) };
}

/** Arguments of one class as a mapping schema; tfjs camelCase spellings accepted but marked deprecated. */
function argsSchema(spec: LayerSpec): Schema {
  const properties: Schema = { name: { $ref: '#/$defs/baseArgs/name' } };
  const own = new Set(spec.args.map((a) => a.name));
  for (const a of spec.args) if (a.name !== 'name') properties[a.name] = argSchema(a);
  for (const b of BASE_ARGS) if (!own.has(b.name)) properties[b.name] = { $ref: `#/$defs/baseArgs/${b.name}` };
  for (const a of [...spec.args, ...BASE_ARGS.filter((b) => !own.has(b.name))]) {
    const camel = a.tfjs ?? snakeToCamel(a.name);
    if (camel !== a.name && !(camel in properties)) properties[camel] = { $ref: (properties[a.name] as Schema).$ref ?? `#/$defs/layers/${spec.name}/anyOf/2/properties/${a.name}`, deprecated: true, description: `tfjs spelling of "${a.name}".` };
  }
  const required = spec.args.filter((a) => a.required).map((a) => a.name);
  return { type: 'object', properties, additionalProperties: false, ...(required.length > 0 && { required }) };
}

function layerSchema(spec: LayerSpec): Schema {
  const support = 'className' in spec.tfjs ? '' : ` tfjs cannot build it: ${spec.tfjs.missing}`;
  const positional = spec.args.slice(0, spec.positional);
  return {
    description: spec.doc + support,
    anyOf: [
      { type: 'null', description: 'No arguments.' },
      { type: ['number', 'string', 'boolean'], description: `The first positional argument${positional[0] ? ` (${positional[0].name})` : ''}.` },
      argsSchema(spec),
      { type: 'array', description: `Positional arguments: ${positional.map((a) => a.name).join(', ') || 'none'}.`, maxItems: spec.positional },
    ],
  };
}

function objectSchema(kind: ObjectKind): Schema {
  return {
    description: `A Keras ${kind}: a name, or {class_name, config}.`,
    anyOf: [
      { type: 'null' },
      { type: 'string', examples: objectNames(kind) },
      { type: 'object', properties: { class_name: { type: 'string', examples: objectNames(kind) }, config: { type: 'object' } }, required: ['class_name'] },
    ],
  };
}

export function buildSchema(): Schema {
  const layers: Schema = {};
  const classProps: Schema = {};
  for (const spec of LAYER_SPECS) {
    if (spec.category === 'model') continue;
    layers[spec.name] = layerSchema(spec);
    classProps[spec.name] = { $ref: `#/$defs/layers/${spec.name}` };
    for (const alias of spec.aliases ?? []) classProps[alias] = { $ref: `#/$defs/layers/${spec.name}`, description: `Keras alias of ${spec.name}.` };
  }
  const tensorNames = { description: 'A tensor name (an input or an earlier layer; "name[1]" for its second output), or a list of them.', anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] };
  const shape = { type: 'array', items: { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'null' }] }, description: 'A shape without the batch dimension; null for a dimension of any size.' };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'kspec.schema.json',
    title: `kspec model spec (kspec ${VERSION})`,
    description: 'A Keras-style model, sequential (no "inputs") or functional (named "inputs"). Layers are Keras call strings such as "Dense(90, activation=\'relu\')" or mappings such as {Dense: {units: 90}}.',
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The schema this file follows, for editors.' },
      name: { type: 'string', description: 'The model name.' },
      keras: { enum: [2, 3], default: 2, description: 'Which Keras the activation names follow: 2 (default) or 3, where "hard_sigmoid" is clip(x/6 + 0.5, 0, 1) rather than clip(0.2x + 0.5, 0, 1).' },
      description: { type: 'string', description: 'Free text about the model.' },
      input_shape: { ...shape, description: 'Sequential models: the input shape without the batch dimension.' },
      batch_size: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }], description: 'Sequential models: a fixed batch size.' },
      input_dtype: { type: 'string', description: 'Sequential models: the input dtype (default float32).' },
      inputs: {
        type: 'object',
        description: 'Functional models: input names and their shapes.',
        minProperties: 1,
        additionalProperties: {
          anyOf: [shape, { type: 'object', properties: { shape, dtype: { type: 'string' }, batch_size: { anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] }, sparse: { type: 'boolean' } }, required: ['shape'], additionalProperties: false }],
        },
      },
      layers: { type: 'array', minItems: 1, items: { $ref: '#/$defs/layerItem' }, description: 'The layers in order.' },
      outputs: { ...tensorNames, description: 'Functional models: the output tensors (default: the last layer).' },
    },
    required: ['layers'],
    additionalProperties: false,
    $defs: {
      layerItem: {
        anyOf: [
          { type: 'string', description: "A Keras call as typed in Python: Dense(90, activation='relu'), or x = Dense(8)(inp) in functional models." },
          {
            type: 'object',
            description: 'One layer class with its arguments, plus optional "name" and "inputs"; or "layer" (a call string) or "call" (another call of an earlier layer, sharing its weights).',
            properties: {
              name: { type: 'string', description: 'The layer name (and the name of its output tensor).' },
              inputs: tensorNames,
              layer: { type: 'string', description: 'The layer as a Keras call string.' },
              call: { type: 'string', description: 'Call an earlier layer again (shared weights).' },
              Sequential: { $ref: '#', description: 'A nested sequential model.' },
              Functional: { $ref: '#', description: 'A nested functional model.' },
              Model: { $ref: '#', description: 'A nested functional model.' },
              ...classProps,
            },
            additionalProperties: false,
            minProperties: 1,
          },
        ],
      },
      nestedLayer: {
        description: 'A layer inside an argument: {Class: {args}} or Keras\'s {class_name, config}.',
        anyOf: [{ type: 'object', properties: { class_name: { type: 'string' }, config: { type: 'object' } }, required: ['class_name'] }, { type: 'object', minProperties: 1, maxProperties: 1 }],
      },
      activation: {
        description: 'An activation: a Keras function or layer-class name (matched ignoring case and separators), or an activation layer with arguments such as {LeakyReLU: {alpha: 0.1}}.',
        anyOf: [{ enum: activationNames() }, { type: 'string' }, { type: 'null' }, { $ref: '#/$defs/nestedLayer' }],
      },
      initializer: objectSchema('initializer'),
      regularizer: objectSchema('regularizer'),
      constraint: objectSchema('constraint'),
      dtype: { description: 'A dtype name such as float32, or a Keras dtype policy object.', anyOf: [{ type: 'string', examples: ['float32', 'int32', 'bool', 'float16', 'mixed_float16'] }, { type: 'null' }, { type: 'object' }] },
      baseArgs: Object.fromEntries([['name', { type: 'string', description: 'The layer name (unique in its model).' }], ...BASE_ARGS.filter((b) => b.name !== 'name').map((b) => [b.name, argSchema(b)])]),
      layers,
    },
  };
}
