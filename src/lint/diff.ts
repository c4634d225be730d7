/** A unified diff of two texts (for `--fix-dry-run`), three lines of context, like `diff -u`. */

type Op = { kind: ' ' | '-' | '+'; line: string };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Above this many LCS cells (changed lines before × after), a linear resynchronising diff is used. */
const MAX_LCS_CELLS = 4_000_000;
/** How far ahead (lines, in both texts together) the linear diff looks to resynchronise. */
const RESYNC_WINDOW = 32;

/** Line operations: common prefix and suffix trimmed, the changed middle by LCS (fixes are local). */
function operations(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const mid = (x.length + 1) * (y.length + 1) > MAX_LCS_CELLS ? resync(x, y) : lcsOps(x, y);
  return [...a.slice(0, pre).map((line) => ({ kind: ' ' as const, line })), ...mid, ...a.slice(a.length - suf).map((line) => ({ kind: ' ' as const, line }))];
}

function lcsOps(x: string[], y: string[]): Op[] {
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const mid: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      mid.push({ kind: ' ', line: x[i++]! });
      j++;
    } else if (i < x.length && (j >= y.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) mid.push({ kind: '-', line: x[i++]! });
    else mid.push({ kind: '+', line: y[j++]! });
  }
  return mid;
}

/** Big changes (many fixes in a big file): not minimal, but linear in time and memory, and exact. */
function resync(x: string[], y: string[]): Op[] {
  const mid: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      mid.push({ kind: ' ', line: x[i++]! });
      j++;
      continue;
    }
    // The nearest (k, l) with x[i + k] === y[j + l]: drop k lines, add l lines, then go on.
    let skip: [number, number] | undefined;
    for (let d = 1; d <= RESYNC_WINDOW && !skip; d++) {
      for (let k = 0; k <= d; k++) {
        const l = d - k;
        if (i + k < x.length && j + l < y.length && x[i + k] === y[j + l]) {
          skip = [k, l];
          break;
        }
      }
    }
    const [k, l] = skip ?? [Math.min(1, x.length - i), Math.min(1, y.length - j)];
    for (let n = 0; n < k; n++) mid.push({ kind: '-', line: x[i++]! });
    for (let n = 0; n < l; n++) mid.push({ kind: '+', line: y[j++]! });
  }
  return mid;
}

export function unifiedDiff(file: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const ops = operations(splitLines(before), splitLines(after));
  const out = [`--- ${file}`, `+++ ${file}`];
  let k = 0;
  let counted = 0;
  let aBefore = 0;
  let bBefore = 0;
  while (k < ops.length) {
    while (k < ops.length && ops[k]!.kind === ' ') k++;
    if (k >= ops.length) break;
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are closer than 2·context lines apart.
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== ' ') end++;
      let next = end;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next < ops.length && next - end <= 2 * context) end = next;
      else {
        end = Math.min(ops.length, end + context);
        break;
      }
    }
    // Line numbers are counted up to the hunk as it goes (not from the top for every hunk).
    for (; counted < start; counted++) {
      if (ops[counted]!.kind !== '+') aBefore++;
      if (ops[counted]!.kind !== '-') bBefore++;
    }
    let aLine = 1 + aBefore;
    let bLine = 1 + bBefore;
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    if (aCount === 0) aLine--;
    if (bCount === 0) bLine--;
    out.push(`@@ -${aLine},${aCount} +${bLine},${bCount} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    k = end;
  }
  return out.join('\n') + '\n';
}
