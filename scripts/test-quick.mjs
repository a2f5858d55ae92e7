// `pnpm test:quick`: the developer's inner loop — domain, server on PGlite and web component tests, without the
// end-to-end suite and without the heavy tier (fuzzers, floods, races, kill -9 and shutdown rounds; the list is in
// vitest.config.ts). `pnpm test` (and CI) still runs every test. Extra arguments go to vitest, e.g.
// `pnpm test:quick --changed` (only tests touched by uncommitted changes) or `pnpm test:quick packages/server/test/admin.test.ts`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  `${root}node_modules/.bin/vitest`,
  ['run', '--project', 'domain', '--project', 'server', '--project', 'web', ...process.argv.slice(2)],
  { cwd: root, env: { ...process.env, LEQI_TEST_TIER: 'quick' }, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
