/** Writing values back into a user's file in the file's own style: Python literals, JSON, YAML. */
import type { LayerTemplate } from '../ir/activations.js';
import { isObj } from '../ir/json.js';

/** A Python literal (`0.2`, `'same'`, `True`, `None`, `(3, 3)`), quoted like the text around it. */
export function pyLiteral(v: unknown, quote: "'" | '"' = "'"): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return quote + v.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`) + quote;
  if (Array.isArray(v)) return `[${v.map((x) => pyLiteral(x, quote)).join(', ')}]`;
  if (isObj(v)) return `{${Object.entries(v).map(([k, x]) => `${pyLiteral(k, quote)}: ${pyLiteral(x, quote)}`).join(', ')}}`;
  return String(v);
}

/** `LeakyReLU(alpha=0.2)`: a layer as a Keras call string. */
export function callText(t: LayerTemplate, quote: "'" | '"' = "'"): string {
  return `${t.className}(${Object.entries(t.config).map(([k, v]) => `${k}=${pyLiteral(v, quote)}`).join(', ')})`;
}

/** JSON on one line, as Python's `json.dumps` writes it (`", "` and `": "`) or compact. */
export function jsonInline(v: unknown, spaced: boolean): string {
  const sep = spaced ? ', ' : ',';
  const colon = spaced ? ': ' : ':';
  const go = (x: unknown): string => (Array.isArray(x) ? `[${x.map(go).join(sep)}]` : isObj(x) ? `{${Object.entries(x).map(([k, y]) => JSON.stringify(k) + colon + go(y)).join(sep)}}` : JSON.stringify(x));
  return go(v);
}

/** Multi-line JSON indented by `unit`, every line after the first shifted by `base`. */
export function jsonBlock(v: unknown, unit: string, base: string): string {
  return JSON.stringify(v, null, unit).replace(/\n/g, `\n${base}`);
}

/** A YAML plain scalar when it is safe to write one, else a double-quoted one. */
export function yamlScalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return v === null ? 'null' : String(v);
  return /^[A-Za-z_][\w.()=, ']*$/.test(v) && !/^(true|false|null|yes|no|on|off|~)$/i.test(v) && !/: |#/.test(v) ? v : JSON.stringify(v);
}

/** A YAML flow mapping `{alpha: 0.2}` (keys and values plain where safe). */
export function yamlFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(yamlFlow).join(', ')}]`;
  if (isObj(v)) return `{${Object.entries(v).map(([k, x]) => `${yamlScalar(k)}: ${yamlFlow(x)}`).join(', ')}}`;
  return yamlScalar(v as string | number | boolean | null);
}
