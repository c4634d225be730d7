/**
 * Constants given in a config (Normalization's mean and variance): nested lists read as shape and
 * values, and NumPy broadcasting. No tfjs here: shape inference (src/infer) uses it too.
 */

/** A number or a rectangular nested list of numbers, as its shape and row-major values. */
export function nestedArray(cls: string, name: string, v: unknown): { shape: number[]; values: number[] } {
  if (typeof v === 'number') return { shape: [], values: [v] };
  if (!Array.isArray(v)) throw new Error(`${cls}: ${name} must be a number or a list of numbers, got ${JSON.stringify(v)}.`);
  const parts = v.map((e) => nestedArray(cls, name, e));
  const inner = parts[0]?.shape ?? [];
  if (parts.some((p) => p.shape.length !== inner.length || p.shape.some((d, i) => d !== inner[i]))) {
    throw new Error(`${cls}: ${name} is not a rectangular list: ${JSON.stringify(v)}.`);
  }
  return { shape: [v.length, ...inner], values: parts.flatMap((p) => p.values) };
}

/**
 * NumPy broadcasting of `values` (of `shape`) to `target`, dimensions aligned from the right; leading
 * dimensions of size 1 beyond the target's rank are dropped. Undefined when they do not broadcast.
 */
export function broadcastValues(values: readonly number[], shape: readonly number[], target: readonly number[]): number[] | undefined {
  const padded = broadcastShape(shape, target);
  if (!padded) return undefined;
  const strides = padded.map((_, i) => padded.slice(i + 1).reduce((a, b) => a * b, 1));
  const total = target.reduce((a, b) => a * b, 1);
  const out = new Array<number>(total);
  for (let flat = 0; flat < total; flat++) {
    let rest = flat;
    let from = 0;
    for (let i = target.length - 1; i >= 0; i--) {
      const t = target[i]!;
      const idx = rest % t;
      rest = Math.floor(rest / t);
      if (padded[i] !== 1) from += idx * strides[i]!;
    }
    out[flat] = values[from]!;
  }
  return out;
}

/** `shape` padded with leading 1s to the rank of `target` when it broadcasts to it; undefined otherwise. */
export function broadcastShape(shape: readonly number[], target: readonly number[]): number[] | undefined {
  const src = [...shape];
  while (src.length > target.length && src[0] === 1) src.shift();
  if (src.length > target.length) return undefined;
  const padded = [...Array<number>(target.length - src.length).fill(1), ...src];
  return padded.some((d, i) => d !== 1 && d !== target[i]) ? undefined : padded;
}
