/** Which files a lint run reads: files as given, folders walked, globs (`*`, `**`, `?`) expanded. */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { IoError } from './io.js';

const SPEC = /\.(json|ya?ml|keras)$/i;
const SKIP = new Set(['node_modules', '.git']);

function walk(dir: string, out: string[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith('.') || SKIP.has(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && SPEC.test(e.name)) out.push(p);
  }
}

/** `**` any folders, `*` any name part, `?` one character. */
function globRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function expandInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (input === '-') {
      out.push('-');
      continue;
    }
    if (/[*?]/.test(input)) {
      const parts = input.split('/');
      const baseParts: string[] = [];
      for (const p of parts) {
        if (/[*?]/.test(p)) break;
        baseParts.push(p);
      }
      const base = baseParts.join('/') || '.';
      const re = globRegExp(input.replace(/^\.\//, ''));
      const found: string[] = [];
      try {
        walk(base, found);
      } catch {
        // A pattern whose folder does not exist matches nothing.
      }
      const matches = found.filter((f) => re.test(relative('.', f).split(sep).join('/')) || re.test(f.split(sep).join('/')));
      if (matches.length === 0) throw new IoError(`no files match ${input}`);
      out.push(...matches);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(input).isDirectory();
    } catch (e) {
      throw new IoError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (isDir) walk(input, out);
    else out.push(input);
  }
  return [...new Set(out)];
}
