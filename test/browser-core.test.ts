/**
 * The library core runs in a browser: bundled for the browser from its public entry, it reaches no
 * Node built-in except the two SARIF's artifact paths use (a CLI-side formatter the playground never
 * imports). A `node:` import added anywhere else in the core fails here.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from './helpers.js';

it('bundles for the browser reaching no Node built-in outside the SARIF formatter', async () => {
  const reached = new Map<string, Set<string>>();
  await build({
    entryPoints: [join(ROOT, 'src/index.ts'), join(ROOT, 'src/graph/index.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    outdir: 'out',
    splitting: true,
    logLevel: 'silent',
    external: ['@tensorflow/*'],
    plugins: [{
      name: 'node-builtins',
      setup(b) {
        b.onResolve({ filter: /^node:|^(fs|path|os|url|module|zlib|child_process|worker_threads|process)$/ }, (args) => {
          const from = args.importer.slice(ROOT.length);
          reached.set(args.path, (reached.get(args.path) ?? new Set()).add(from));
          return { path: args.path, external: true };
        });
      },
    }],
  });
  expect(Object.fromEntries([...reached].map(([k, v]) => [k, [...v].sort()]))).toEqual({
    'node:path': ['src/lint/format/sarif.ts'],
    'node:url': ['src/lint/format/sarif.ts'],
  });
});
