import { defineConfig } from 'vitest/config';

// `npm test`: unit tests (*.test.ts) and integration tests (*.int.test.ts)
// beside the code. Browser tests (*.e2e.test.ts) run with `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['{apps,packages,scripts}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', '**/*.e2e.test.ts'],
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
