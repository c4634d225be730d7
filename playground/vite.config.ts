// The playground is a static site: `npm run playground` serves it, `npm run build:playground` writes it
// to dist/playground (relative asset paths, so it works from any folder or host).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The library core, the schema and the examples live outside the playground folder.
  server: { host: '127.0.0.1', fs: { allow: [repo] } },
  preview: { host: '127.0.0.1' },
  build: {
    outDir: '../dist/playground',
    emptyOutDir: true,
    target: 'es2022',
    // scripts/playground-size.mjs reports every asset; tfjs and Graphviz are large by nature and load on demand.
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        // Named chunks for what loads on demand, so the size report reads at a glance.
        manualChunks: (id) => (id.includes('/node_modules/@tensorflow/') ? 'tfjs' : id.includes('/node_modules/@hpcc-js/') ? 'graphviz' : undefined),
      },
    },
  },
});
