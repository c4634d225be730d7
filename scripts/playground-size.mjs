// The playground's bundle size report (npm run build:playground): every file vite wrote, raw and
// gzipped, and what opening the page loads (index.html and the files it links) against what loads
// on demand (tfjs on Run, Graphviz with the Diagram tab, the schema for completion).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path/posix';
import { gzipSync } from 'node:zlib';

const root = process.argv[2] ?? 'dist/playground';
const files = readdirSync(root, { recursive: true })
  .map((f) => join(root, String(f)))
  .filter((f) => statSync(f).isFile())
  .map((f) => {
    const bytes = readFileSync(f);
    return { name: relative(root, f).split('\\').join('/'), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  })
  .sort((a, b) => b.raw - a.raw);

// What the page loads when opened: index.html, what it links, and their static imports (not import()).
const linked = new Set(['index.html']);
const queue = [...readFileSync(join(root, 'index.html'), 'utf8').matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
while (queue.length > 0) {
  const name = queue.pop();
  if (linked.has(name)) continue;
  linked.add(name);
  if (!name.endsWith('.js')) continue;
  for (const m of readFileSync(join(root, name), 'utf8').matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+)["']/g)) queue.push(join(dirname(name), m[1]));
}
const initial = files.filter((f) => linked.has(f.name));

const kb = (n) => `${(n / 1024).toFixed(1)} kB`.padStart(10);
const sum = (fs, k) => fs.reduce((s, f) => s + f[k], 0);
const width = Math.max(...files.map((f) => f.name.length), 20);
const line = (name, raw, gzip, note = '') => `${name.padEnd(width)} ${kb(raw)} ${kb(gzip)}${note}`;

console.log(`\nplayground bundle (${root})`);
console.log(`${'file'.padEnd(width)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}`);
for (const f of files) console.log(line(f.name, f.raw, f.gzip, linked.has(f.name) ? '  (page open)' : ''));
console.log(line('total', sum(files, 'raw'), sum(files, 'gzip')));
console.log(line('loaded to open the page', sum(initial, 'raw'), sum(initial, 'gzip')));
