import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Browser tests against the real stack (API server + built workbench), run by
// `npm run test:e2e` from the repository root. One file at a time: each starts
// its own servers and a browser.
export default defineConfig({
  root: fileURLToPath(new URL('../../../', import.meta.url)),
  test: {
    include: ['apps/web/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    // beforeAll may have to build the workbench first.
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
