/**
 * What a YAML spec expects at the cursor, read from the text alone (indentation and the current
 * line), so completion works while the spec is still half-written and does not parse. (JSON specs:
 * complete-json.ts, from the syntax tree; call strings are read here for both.)
 */

export type Want =
  | { readonly kind: 'top' }
  /** A layer item's first key: a class (call string or mapping) or `name`/`inputs`/`layer`/`call`. */
  | { readonly kind: 'item' }
  /** A class only: `- x = Den…` in a functional spec. */
  | { readonly kind: 'class' }
  | { readonly kind: 'args'; readonly className: string; readonly style: 'call' | 'mapping' }
  | { readonly kind: 'activation' };

type Frame = { readonly key: string } | { readonly item: true };

const isItem = (f: Frame | undefined): boolean => f !== undefined && 'item' in f;
const keyOf = (f: Frame | undefined): string | undefined => (f && 'key' in f ? f.key : undefined);

/**
 * The mappings and list items enclosing a line indented by `indent`, innermost first, from the
 * lines above it: `[{item}, {key: 'layers'}]` inside a layer item.
 */
function enclosing(lines: readonly string[], indent: number): Frame[] {
  const frames: Frame[] = [];
  let limit = indent;
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /^(\s*)(-\s+)?(.*)$/.exec(lines[i]!)!;
    const body = m[3]!;
    if (!m[2] && (body === '' || body.startsWith('#'))) continue;
    const dash = m[1]!.length;
    const content = dash + (m[2]?.length ?? 0);
    if (m[2] && content === limit) {
      // A key of the list item we are in (`- name: x` above `  Dense: …`).
      frames.push({ item: true });
      limit = dash;
      continue;
    }
    // `layers:` directly above a list written at its own indentation counts as the parent too.
    if (content < limit || (content === limit && !m[2] && isItem(frames[frames.length - 1]))) {
      const key = /^["']?([\w$]+)["']?\s*:/.exec(body)?.[1];
      if (!key) break;
      frames.push({ key });
      if (m[2]) frames.push({ item: true });
      limit = m[2] ? dash : content;
      if (limit === 0 && !m[2]) break;
    }
  }
  return frames;
}

/** The innermost call a call string is in (`Dense(90, ` → Dense), and whether a quote is open. */
function openCall(before: string): { className?: string; args: string; inString: boolean } | undefined {
  const opens: number[] = [];
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    // Quotes only count inside a call: outside, they are the YAML quoting of the whole string.
    if (quote) {
      if (c === quote) quote = '';
    } else if (opens.length > 0 && (c === '"' || c === "'")) quote = c;
    else if (c === '(') opens.push(i);
    else if (c === ')') opens.pop();
  }
  const at = opens[opens.length - 1];
  if (at === undefined) return undefined;
  const className = /([A-Za-z_]\w*)\s*$/.exec(before.slice(0, at))?.[1];
  return { ...(className && { className }), args: before.slice(at + 1), inString: quote !== '' };
}

/**
 * Inside a call string, or at an activation: `{want}` (undefined when nothing fits there, as in an
 * argument's value); undefined when `before` is not in a call at all.
 */
function inCall(before: string): { want?: Want } | undefined {
  // `activation='…'` in a call string (a string literal), `activation: …` in a mapping.
  if (/activation\s*(=\s*["']|:\s*["']?)$/.test(before)) return { want: { kind: 'activation' } };
  const call = openCall(before);
  if (!call) return undefined;
  const afterSeparator = /(^|,)\s*$/.test(call.args);
  return call.className && !call.inString && afterSeparator ? { want: { kind: 'args', className: call.className, style: 'call' } } : {};
}

/** A layer's call string written as a JSON string, `content` being its text before the word typed. */
export function whatToCompleteInCall(content: string): Want | undefined {
  const c = inCall(content);
  if (c) return c.want;
  return /^\s*(?:[A-Za-z_]\w*\s*=\s*)?$/.test(content) ? { kind: 'class' } : undefined;
}

/** `lines`: the lines above the cursor's line; `before`: its text before the word being typed. */
export function whatToComplete(lines: readonly string[], before: string): Want | undefined {
  if (/(^|\s)#/.test(before)) return undefined;
  const c = inCall(before);
  if (c) return c.want;
  const flow = /([A-Z]\w*)\s*:\s*\{([^{}]*)$/.exec(before);
  if (flow) return /(^|,)\s*$/.test(flow[2]!) ? { kind: 'args', className: flow[1]!, style: 'mapping' } : undefined;
  if (before === '') return { kind: 'top' };
  const dash = /^(\s*)-\s+(["']?)((?:[A-Za-z_]\w*\s*=\s*)?)$/.exec(before);
  if (dash) {
    const inLayers = keyOf(enclosing(lines, dash[1]!.length + 1)[0]) === 'layers';
    if (!inLayers) return undefined;
    return dash[2] || dash[3] ? { kind: 'class' } : { kind: 'item' };
  }
  const blank = /^(\s+)$/.exec(before);
  if (!blank) return undefined;
  const frames = enclosing(lines, blank[1]!.length);
  if (isItem(frames[0])) return keyOf(frames[1]) === 'layers' ? { kind: 'item' } : undefined;
  const key = keyOf(frames[0]);
  return key && /^[A-Z]/.test(key) ? { kind: 'args', className: key, style: 'mapping' } : undefined;
}
