import { defineConfig } from 'vitest/config';
import base from './vitest.config';

// The hostile-load test alone, after the rest of `npm test`: it judges how the
// server answers under attack on this machine's two cores, so no other test
// file may run beside it. (mergeConfig would concatenate include/exclude.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['apps/server/src/hostile-load.int.test.ts'],
    exclude: ['**/node_modules/**'],
    maxWorkers: 1,
    fileParallelism: false,
  },
});
