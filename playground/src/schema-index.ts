/**
 * The completion tables, read from schemas/kspec.schema.json (the schema editors use, generated from
 * kspec's layer catalogue): a spec's top-level keys, the keys of a layer item, every layer class
 * (aliases included) and each class's arguments, all with the schema's descriptions.
 */

export interface Entry {
  readonly label: string;
  readonly info?: string;
}

export interface SchemaIndex {
  readonly topLevel: readonly Entry[];
  /** `name`, `inputs`, `layer`, `call`: the keys a layer item has besides its class. */
  readonly itemKeys: readonly Entry[];
  readonly classes: readonly Entry[];
  /** Arguments by class name (aliases included); nested models (`Sequential: {...}`) take a spec's keys. */
  readonly args: ReadonlyMap<string, readonly Entry[]>;
  readonly activations: readonly string[];
}

type Node = { readonly [key: string]: unknown };

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

export function indexSchema(schema: Node): SchemaIndex {
  /** `#/$defs/a/b` → that node of the schema. */
  const resolve = (ref: string): Node | undefined => {
    let at: unknown = schema;
    for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) at = isNode(at) ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : Array.isArray(at) ? at[Number(part)] : undefined;
    return isNode(at) ? at : undefined;
  };
  /** A node's description, following `$ref`s (a property's own description wins). */
  const describe = (n: Node | undefined, depth = 0): string | undefined => {
    if (!n || depth > 8) return undefined;
    if (typeof n.description === 'string') return n.description;
    return typeof n.$ref === 'string' ? describe(resolve(n.$ref), depth + 1) : undefined;
  };
  const entries = (props: unknown): Entry[] =>
    isNode(props)
      ? Object.entries(props)
          .filter(([, v]) => isNode(v) && v.deprecated !== true)
          .map(([label, v]) => ({ label, ...withInfo(describe(v as Node)) }))
      : [];

  const topLevel = entries(schema.properties);
  const itemNode = (resolve('#/$defs/layerItem')?.anyOf as unknown[] | undefined)?.find((o) => isNode(o) && isNode(o.properties)) as Node | undefined;
  const itemProps = isNode(itemNode?.properties) ? itemNode.properties : {};
  const ITEM_KEYS = new Set(['name', 'inputs', 'layer', 'call']);
  const itemKeys: Entry[] = [];
  const classes: Entry[] = [];
  const args = new Map<string, readonly Entry[]>();
  for (const [label, v] of Object.entries(itemProps)) {
    if (!isNode(v)) continue;
    if (ITEM_KEYS.has(label)) {
      itemKeys.push({ label, ...withInfo(describe(v)) });
      continue;
    }
    classes.push({ label, ...withInfo(describe(v)) });
    const ref = typeof v.$ref === 'string' ? v.$ref : '';
    if (ref === '#') args.set(label, topLevel);
    else {
      const mapping = (resolve(ref)?.anyOf as unknown[] | undefined)?.find((o) => isNode(o) && isNode(o.properties)) as Node | undefined;
      args.set(label, entries(mapping?.properties));
    }
  }
  const names = (resolve('#/$defs/activation')?.anyOf as unknown[] | undefined)?.find((o) => isNode(o) && Array.isArray(o.enum)) as Node | undefined;
  const activations = ((names?.enum as unknown[] | undefined) ?? []).filter((x): x is string => typeof x === 'string');
  return { topLevel, itemKeys, classes, args, activations };
}

const withInfo = (info: string | undefined) => (info ? { info } : {});
