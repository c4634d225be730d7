/** Small helpers for plain JSON data, shared by every stage. */

export type JsonObject = Record<string, unknown>;

/**
 * Sets an own data property, whatever the key: `o.__proto__ = v` would replace the prototype (and a
 * key from a user's file must stay a key, reported as unknown).
 */
export function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** An own property, never an inherited one (`o["constructor"]` is Object for any plain object). */
export const getOwn = <T>(o: Readonly<Record<string, T>> | undefined, key: string): T | undefined => (o !== undefined && Object.hasOwn(o, key) ? o[key] : undefined);

/** A mapping (not null, not a list). */
export const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Structural equality of JSON values (for comparing configs with defaults). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => jsonEqual((a as JsonObject)[k], (b as JsonObject)[k]));
}
