// A vitest setup file that writes a CPU profile of each test file's worker thread (`LEQI_TEST_PROFILE=<dir>`, see
// vitest.config.ts). Summed with `node scripts/cpu-profile-summary.mjs <dir>`. Work on other threads (scrypt, zlib
// and file I/O in libuv's pool) and in child processes shows as idle time here.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

const dir = process.env.LEQI_TEST_PROFILE as string;
const session = new Session();

beforeAll(async () => {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  await session.post('Profiler.start');
});

afterAll(async () => {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
});
