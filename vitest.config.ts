import { defineConfig } from 'vitest/config';

// Some tests build real tfjs models or run the TypeScript compiler: seconds each on a busy 2-core
// machine, so the per-test limit is generous (speed is measured in `npm run bench`, not here).
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
