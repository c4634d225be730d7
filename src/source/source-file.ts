/** Source text with lazily computed line starts; positions are computed only when printing. */

/** Half-open range of UTF-16 offsets into the source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column (column counts UTF-16 code units, as editors and eslint do). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export class SourceFile {
  private starts: number[] | undefined;

  constructor(
    readonly name: string,
    readonly text: string,
  ) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    const t = this.text;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (t.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    return (this.starts = starts);
  }

  position(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo]! + 1 };
  }

  /** The text of 1-based line `line`, without its line break. */
  lineText(line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}

/**
 * Control characters (terminal escapes) and bidirectional overrides in a file are shown as U+FFFD,
 * one for one so the caret stays aligned: printing a frame never lets the file drive the terminal.
 */
const printable = (s: string) => s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');

/** A few lines around `span` with a caret underline, as compilers print them. */
export function codeFrame(file: SourceFile, span: Span, context = 1): string {
  const from = file.position(span.start);
  const to = file.position(Math.max(span.start, span.end));
  const first = Math.max(1, from.line - context);
  // The empty "line" after a final newline is not worth showing.
  const lines = file.text.endsWith('\n') || file.text.endsWith('\r') ? file.lineCount - 1 : file.lineCount;
  const last = Math.max(from.line, Math.min(lines, from.line + context));
  const width = String(last).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const raw = file.lineText(line);
    const text = printable(raw.length > 160 ? raw.slice(0, 160) + '…' : raw);
    const mark = line === from.line ? '>' : ' ';
    out.push(`${mark} ${String(line).padStart(width)} | ${text}`);
    if (line === from.line) {
      const endCol = to.line === from.line ? Math.max(to.column, from.column + 1) : raw.length + 1;
      const start = Math.min(from.column, 161);
      const len = Math.max(1, Math.min(endCol, 162) - start);
      const pad = text.slice(0, start - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}${'^'.repeat(len)}`);
    }
  }
  return out.join('\n');
}
