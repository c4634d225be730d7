#!/usr/bin/env node
// The kspec command. `npm ci` builds dist/ through `prepare`: dist/kspec.mjs is the bundled CLI
// (one file starts much faster than the module graph it is made from).
import module from 'node:module';

// Node 22+ keeps V8's compiled code between runs (a no-op on Node 20): most of a cold start is
// compiling the bundle.
module.enableCompileCache?.();
const { main } = await import('../dist/kspec.mjs');

let code;
try {
  code = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: Boolean(process.stderr.isTTY),
  });
} catch (e) {
  // Only a bug in kspec can get here: say so in one line, never a stack trace.
  process.stderr.write(`kspec: internal error: ${e && e.message ? e.message : String(e)} (please report this with the input file)\n`);
  code = 70;
}
process.exitCode = code;
