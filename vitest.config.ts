import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Node resolves `graphql` to its CommonJS build (graphql 16 has no exports
// map); Vite would pick the ESM build for our sources. Two copies of graphql
// in one process break its instanceof checks, so resolve it as Node does.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// `npm test`: unit tests (*.test.ts) and integration tests (*.int.test.ts)
// beside the code. Browser tests (*.e2e.test.ts) run with `npm run test:e2e`.
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    include: ['{apps,packages,scripts,bench}/**/*.test.ts'],
    // Browser tests run with `npm run test:e2e`; the hostile-load test runs on
    // its own afterwards (vitest.hostile.config.ts).
    exclude: [
      '**/node_modules/**',
      '**/.next/**',
      '**/*.e2e.test.ts',
      'apps/server/src/hostile-load.int.test.ts',
    ],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
