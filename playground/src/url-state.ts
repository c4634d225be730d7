/**
 * The editor state in the URL hash, so a spec can be shared as a link:
 * `#f=<file name>&k=<Keras version>&s=<text, deflated, base64url>`.
 */
import { deflateSync, inflateSync } from 'fflate';
import type { Input } from './analysis.js';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function encodeState(input: Input): string {
  const params = new URLSearchParams({ f: input.fileName });
  if (input.kerasVersion) params.set('k', input.kerasVersion);
  // base64url needs no escaping: appended as is, it keeps the link short.
  return `#${params.toString()}&s=${toBase64Url(deflateSync(new TextEncoder().encode(input.text), { level: 9 }))}`;
}

/** The state in `hash`, or undefined when there is none or it is damaged (a truncated link). */
export function decodeState(hash: string): Input | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const s = params.get('s');
  if (!s) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(inflateSync(fromBase64Url(s)));
    const k = params.get('k');
    return { text, fileName: params.get('f') || 'spec.yaml', ...(k && { kerasVersion: k }) };
  } catch {
    return undefined;
  }
}
