// The built web UI the end-to-end tests are served: built once per run (the e2e global setup), so every test
// sees the current source; a test file run on its own without the global setup builds it itself.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** set by the global setup once the build is done, inherited by the test workers */
const BUILT_ENV = 'LEQI_WEB_UI_BUILT';

export function buildWebUi(): void {
  if (process.env[BUILT_ENV] === '1') return;
  const result = spawnSync(`${ROOT}node_modules/.bin/vite`, ['build', '--logLevel', 'warn'], {
    cwd: `${ROOT}packages/web`,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would give the browser React's development build
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('vite build of packages/web failed');
  process.env[BUILT_ENV] = '1';
}
