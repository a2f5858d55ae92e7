import { defineConfig } from 'vitest/config';

// One test command for the whole workspace: `pnpm test` runs unit, integration and web component suites.
// The end-to-end suite (real Chromium) runs with `pnpm test:e2e`; `.ci/run` runs both.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      './packages/web/vitest.config.ts',
    ],
  },
});
