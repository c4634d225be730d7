/** "Did you mean …?" — the closest candidates by edit distance, case and separators ignored. */

/** Lower-case with `_`, `-`, spaces and dots removed: how names are compared loosely. */
export function looseKey(s: string): string {
  return s.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prev2 = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[cols - 1]!;
}

/**
 * Edit-distance cells one call may compute. Catalogues of names need a small fraction of it; a file
 * naming thousands of long, similar layers would otherwise make each suggestion take seconds.
 * Past it, only exact (loose) and prefix matches are suggested. Deterministic: the input decides.
 */
const MAX_CELLS = 250_000;

/** Up to `limit` candidates close to `input`, best first; exact loose matches come first. */
export function didYouMean(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const key = looseKey(input);
  const budget = Math.max(1, Math.floor(key.length / 3));
  const scored: { name: string; d: number }[] = [];
  let cells = 0;
  for (const name of candidates) {
    const k = looseKey(name);
    let d = k === key ? 0 : budget + 1;
    if (d > 0 && cells < MAX_CELLS && Math.abs(k.length - key.length) <= budget) {
      cells += key.length * k.length;
      d = editDistance(key, k, budget);
    }
    if (d > budget && key.length >= 4 && (k.startsWith(key) || key.startsWith(k))) d = budget;
    if (d <= budget) scored.push({ name, d });
  }
  scored.sort((x, y) => x.d - y.d || x.name.localeCompare(y.name));
  return [...new Set(scored.map((s) => s.name))].slice(0, limit);
}
