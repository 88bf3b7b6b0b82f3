import { defineConfig } from 'vitest/config';

/**
 * Test projects. `unit` is `npm test`: it needs nothing but Node (SQLite, the in-process sync
 * driver, the sandbox on loopback). The others need a service and are run by `.ci/run`:
 * `postgres` (CCX_TEST_PG_URL), `redis` (CCX_TEST_REDIS_URL) and `e2e` (Chromium).
 * Suites shared across back ends live in `*.contract.ts` files and are called from each.
 */
const common = {
  exclude: ['**/node_modules/**', '**/dist/**'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...common,
          name: 'unit',
          include: ['packages/**/*.test.ts', 'apps/**/*.test.ts', 'apps/**/*.test.tsx'],
          exclude: [...common.exclude, '**/*.pg.test.ts', '**/*.redis.test.ts'],
        },
      },
      {
        test: { ...common, name: 'postgres', include: ['**/*.pg.test.ts'], fileParallelism: false },
      },
      {
        test: { ...common, name: 'redis', include: ['**/*.redis.test.ts'], fileParallelism: false },
      },
      {
        test: {
          ...common,
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
