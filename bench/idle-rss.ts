// The server's memory at rest: the real entry point (`pnpm start` runs src/main.ts) started as a child process on
// embedded PGlite and on PostgreSQL — once on an empty database (it migrates and seeds), then again on the same
// data as a production restart does — its resident set read from /proc after it listens and after a first sign-in
// and queue page, and its JS heap from /metrics. The restart is the idle figure; the first start is shown beside it.
// Run: pnpm bench:idle   (the PostgreSQL part is skipped when 127.0.0.1:5432 is unreachable)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const SERVER_DIR = new URL('../packages/server/', import.meta.url).pathname;
const METRICS_TOKEN = 'bench-idle-rss-metrics-token-0123456789';
const MB = 1024 * 1024;

/** VmRSS of a process, in MB. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(status.match(/^VmRSS:\s+(\d+) kB/m)?.[1] ?? 0);
  return Math.round((kb * 1024 * 10) / MB) / 10;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function gql(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** A metric's value from the Prometheus text, in MB. */
async function metricMb(url: string, name: string): Promise<number | null> {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  const value = text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm'))?.[1];
  return value === undefined ? null : Math.round((Number(value) * 10) / MB) / 10;
}

async function measure(label: string, env: Record<string, string>, dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'true',
      METRICS_TOKEN,
      LOG_LEVEL: 'info',
      // the bench's own queries are not the web app's persisted operations
      TRUSTED_DOCUMENTS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const started = Date.now();
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = output.match(/listening on http:\/\/localhost:(\d+)/)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${label}: the server exited (${code}):\n${output}`)));
  });
  const startSeconds = (Date.now() - started) / 1000;
  try {
    await sleep(3000);
    const afterStart = rssOf(child.pid as number);
    const heapAfterStart = await metricMb(url, 'leqi_process_heap_used_bytes');
    const signIn = await gql(
      url,
      'mutation($u: String!, $p: String!) { signIn(input: { username: $u, password: $p }) { ... on SignInSuccess { token } } }',
      { u: 'th.officer1', p: 'Leqi@2026' },
    );
    const token = signIn.data?.signIn?.token as string | undefined;
    if (!token) throw new Error(`${label}: sign-in failed: ${JSON.stringify(signIn)}`);
    const page = await gql(
      url,
      'query { reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) { totalCount edges { node { id status enterprise { name } ... on AccessApplication { ageInWorkingDays dueState } } } } }',
      {},
      token,
    );
    if (page.errors) throw new Error(`${label}: queue page failed: ${JSON.stringify(page.errors)}`);
    await sleep(1000);
    const afterRequests = rssOf(child.pid as number);
    const heapAfterRequests = await metricMb(url, 'leqi_process_heap_used_bytes');
    console.log(
      `${label.padEnd(24)} started in ${startSeconds.toFixed(1)} s; RSS after start ${afterStart} MB (JS heap ${heapAfterStart} MB), after a sign-in and a queue page ${afterRequests} MB (JS heap ${heapAfterRequests} MB)`,
    );
    return { afterStart, afterRequests, heapAfterStart, startSeconds };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** A first start on empty data, then the measured restart on the same data. */
async function firstStartAndRestart(label: string, env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-idle-'));
  try {
    const first = await measure(`${label}, first start`, env, dataDir);
    const restart = await measure(`${label}, restart`, env, dataDir);
    return { first, restart };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `leqi_idle_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const pglite = await firstStartAndRestart('PGlite', {});
const database = await freshPostgres();
let postgres: Awaited<ReturnType<typeof firstStartAndRestart>> | null = null;
if (database) {
  try {
    postgres = await firstStartAndRestart('PostgreSQL', { DATABASE_URL: database.url });
  } finally {
    await database.drop();
  }
} else {
  console.log('PostgreSQL   skipped: 127.0.0.1:5432 unreachable');
}
console.log(
  JSON.stringify({
    pglite_idle_rss_mb: pglite.restart.afterStart,
    pglite_rss_after_requests_mb: pglite.restart.afterRequests,
    pglite_heap_mb: pglite.restart.heapAfterStart,
    pglite_first_start_rss_mb: pglite.first.afterStart,
    postgres_idle_rss_mb: postgres?.restart.afterStart ?? null,
    postgres_rss_after_requests_mb: postgres?.restart.afterRequests ?? null,
    postgres_heap_mb: postgres?.restart.heapAfterStart ?? null,
    postgres_first_start_rss_mb: postgres?.first.afterStart ?? null,
  }),
);
