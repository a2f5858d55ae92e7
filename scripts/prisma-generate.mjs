// Runs `prisma generate` offline. Every prisma CLI call first tries to download the native
// schema engine; pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that, and
// `generate` never uses the engine. Migrations go through @prisma/schema-engine-wasm instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!existsSync(`${root}prisma/schema.prisma`)) process.exit(0);
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? `${root}package.json`,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const result = spawnSync(`${root}node_modules/.bin/prisma`, ['generate', '--schema', 'prisma/schema.prisma'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
