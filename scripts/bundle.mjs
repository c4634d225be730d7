// Bundles the CLI into one file (dist/kspec.mjs): loading ~100 small modules costs more than the
// work of linting a small spec, so the bundle is what `kspec` runs. tfjs stays external (it is
// imported only by buildModel, which the CLI never calls), and so does ts-morph (required lazily by
// the TypeScript emitter, `compile --emit ts|js`, only).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a content hash: clear the old ones.
rmSync('dist/chunks', { recursive: true, force: true });

await build({
  entryPoints: ['dist/src/cli/main.js'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  external: ['@tensorflow/*', 'ts-morph'],
  // Split: what only some commands need (the HDF5 reader for trained models) is a chunk of its own,
  // imported on demand, so it costs nothing to the others' start-up.
  splitting: true,
  outdir: 'dist',
  entryNames: 'kspec',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  // yaml's CommonJS build requires Node built-ins; give the ES module a `require` for them.
  banner: { js: "import { createRequire as __kspecRequire } from 'node:module'; const require = __kspecRequire(import.meta.url);" },
  logLevel: 'warning',
});
