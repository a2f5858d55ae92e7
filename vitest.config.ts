import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './scripts/longest-first.ts';

// Node loads `graphql` (no exports map) as CommonJS for graphql-yoga; vite would hand the server code its ESM
// build instead, and two copies make yoga mask every GraphQLError (`instanceof` fails) as "Unexpected error.".
const serverGraphql = createRequire(new URL('./packages/server/package.json', import.meta.url)).resolve('graphql');

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

// The heavy tier: fuzzers, floods, races, kill -9 and shutdown rounds, with their fixed seeds and counts. `pnpm test`,
// `pnpm test:pg` and CI run them; `pnpm test:quick` (LEQI_TEST_TIER=quick) leaves them out of the inner loop.
export const HEAVY = [
  'test/http-fuzz.test.ts',
  'test/fuzz-graphql.test.ts',
  'test/fuzz-files.test.ts',
  'test/subscription-flood.test.ts',
  'test/crash-safety.test.ts',
  'test/webhook-crash.test.ts',
  'test/import-crash-recovery.test.ts',
  'test/shutdown.test.ts',
  'test/*.races.test.ts',
];
const quick = process.env.LEQI_TEST_TIER === 'quick';

// One test command for the whole workspace: `pnpm test` runs the domain, server (PGlite), web component
// and end-to-end (real Chromium) suites; `pnpm test:pg` runs the server suite on PostgreSQL.
// Workers and isolation (issue 20, docs/test-speed.md): the suites are CPU-bound on two cores, and most of a file's
// CPU went to loading the server or the web app again in a fresh module graph. The server and web projects reuse one
// module graph per worker (`isolate: false`: every test server is its own app instance on its own database, every
// web test renders its own app, so no state crosses files), and three workers overlap one file's waits with
// another's work. On PostgreSQL one worker: the event stream's horizon is the cluster's oldest open transaction
// (events/cursor.ts), so files running side by side on one cluster would delay each other's events.
const workers = Number(process.env.LEQI_TEST_WORKERS ?? (onPostgres ? 1 : 3));

export default defineConfig({
  test: {
    maxWorkers: workers,
    // longest files first (scripts/test-durations.json): a fresh clone has no results cache to order by
    sequence: { sequencer: LongestFirst },
    projects: [
      { test: { name: 'domain', root: 'packages/domain', include: ['src/**/*.test.ts'] } },
      {
        resolve: { alias: [{ find: /^graphql$/, replacement: serverGraphql }] },
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // `*.pg-only` files need PostgreSQL (several instances on one database): they run in `pnpm test:pg`;
          // `*.pglite-only` files need the embedded data directory: they run in `pnpm test`. Neither is skipped.
          exclude: [
            '**/node_modules/**',
            onPostgres ? 'test/**/*.pglite-only.test.ts' : 'test/**/*.pg-only.test.ts',
            ...(quick ? HEAVY : []),
          ],
          // the run's migrated and seeded databases, made once and copied for every test server
          globalSetup: ['test/global-setup.ts'],
          // `LEQI_TEST_PROFILE=<dir>`: a CPU profile per test file (scripts/cpu-profile-summary.mjs sums them)
          setupFiles: process.env.LEQI_TEST_PROFILE ? ['../../scripts/cpu-profile.ts'] : [],
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      './packages/web/vitest.config.ts',
      {
        // the server runs inside the e2e tests too (production-mode plugins check `instanceof` strictly)
        resolve: { alias: [{ find: /^graphql$/, replacement: serverGraphql }] },
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['**/*.e2e.ts'],
          // the web UI built and the databases made once per run
          globalSetup: ['global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // one file at a time: beside the other suites' files (tried, docs/test-speed.md) the load average reached
          // 11 on two cores, a page sweep timed out and a 100,001-row upload was cut off
          fileParallelism: false,
        },
      },
    ],
  },
});
