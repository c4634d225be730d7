// Bundles the CLI into one file (dist/kspec.mjs): loading ~100 small modules costs more than the
// work of linting a small spec, so the bundle is what `kspec` runs. tfjs stays external (it is
// imported only by buildModel, which the CLI never calls). Graphviz (`kspec graph`) and the HDF5
// reader (trained models) are chunks imported on demand.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the old ones.
rmSync('dist/chunks', { recursive: true, force: true });

/**
 * fflate (the zip reader of src/parse/archive.ts) builds its Huffman tables when its module is
 * evaluated, about 3 ms, which every command would pay in a bundle although only `.keras` inputs
 * need it. So `import { … } from 'fflate'` is served by functions that evaluate the part of fflate
 * imported (tree-shaken, its browser build: no worker_threads) on their first call. The names are
 * read from tsc's output (value imports only; a name missing here fails the build).
 */
function lazyFflate() {
  const names = new Set();
  for (const file of readdirSync('dist/src', { recursive: true })) {
    if (!file.endsWith('.js')) continue;
    for (const [, list] of readFileSync(join('dist/src', file), 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]fflate['"]/g)) {
      for (const s of list.split(',')) if (s.trim()) names.add(s.trim().split(/\s+as\s+/)[0]);
    }
  }
  const wrappers = [...names].map((n) => `export function ${n}(...a) { const f = load().${n}; return new.target ? new f(...a) : f(...a); }`);
  return {
    name: 'lazy-fflate',
    setup(b) {
      b.onResolve({ filter: /^fflate$/, namespace: 'file' }, () => ({ path: 'wrappers', namespace: 'lazy-fflate' }));
      b.onResolve({ filter: /^kspec:fflate$/ }, () => ({ path: 'fflate', namespace: 'lazy-fflate' }));
      b.onLoad({ filter: /^wrappers$/, namespace: 'lazy-fflate' }, () => ({ contents: ["let m;\nconst load = () => (m ??= require('kspec:fflate'));", ...wrappers].join('\n'), loader: 'js' }));
      // A module reached by require() is evaluated when first required.
      b.onLoad({ filter: /^fflate$/, namespace: 'lazy-fflate' }, () => ({ contents: `export { ${[...names].join(', ')} } from 'fflate/browser';`, resolveDir: process.cwd(), loader: 'js' }));
    },
  };
}

await build({
  entryPoints: ['dist/src/cli/main.js'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  external: ['@tensorflow/*'],
  // Split: what only some commands need (the HDF5 reader for trained models) is a chunk of its own,
  // imported on demand, so it costs nothing to the others' start-up.
  splitting: true,
  outdir: 'dist',
  entryNames: 'kspec',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // yaml's CommonJS build requires Node built-ins; give the ES module a `require` for them.
  banner: { js: "import { createRequire as __kspecRequire } from 'node:module'; const require = __kspecRequire(import.meta.url);" },
  plugins: [lazyFflate()],
  logLevel: 'warning',
});
