// The real server as a child process (`node --import tsx src/main.ts`), for tests that kill it with SIGKILL.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The keep-alive of test servers, in process and as children: far above any pause of a test between two requests.
 * A test's client may sit on its loop for seconds (building a workbook) while the server's 5 s default runs out:
 * it then sends its next request on a socket being closed ("fetch failed").
 */
export const TEST_KEEP_ALIVE_MS = '60000';

const SERVER_DIR = join(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

export interface ChildServer {
  url: string;
  /** the last part of what it printed */
  output(): string;
  /** kill -9, resolved once the process is gone */
  kill(): Promise<void>;
}

/** Starts the server on `env` (DATA_DIR, DATABASE_URL …) and resolves once /readyz answers 200. */
export async function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: TEST_KEEP_ALIVE_MS,
      ...env,
      PORT: String(port),
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ChildServer = {
    url,
    output: () => output.slice(-2000),
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${server.output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await server.kill();
  throw new Error(`server did not become ready: ${server.output()}`);
}

/** Posts a GraphQL multipart upload of one file (variable `f`) and returns the JSON answer. */
export async function uploadFile(
  url: string,
  token: string,
  query: string,
  bytes: Uint8Array,
  fileName: string,
  variables: Record<string, unknown> = {},
): Promise<any> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query, variables: { ...variables, f: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.f'] }));
  form.append('0', new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'x-leqi-csrf': '1', authorization: `Bearer ${token}` },
    body: form,
  });
  return response.json();
}

/**
 * Posts a GraphQL request (the tests send only reads through it). A keep-alive socket the server closed just as the
 * request went out fails with "fetch failed" before anything was sent; like browsers, it is retried on a new
 * connection (the child's event loop can stall for seconds in a big embedded-database transaction on a loaded
 * machine, which is when the idle timeout and the next request meet). A server that is gone still fails.
 */
export async function graphql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data?: any; errors?: unknown[] };
    } catch (error) {
      if (attempt >= 3 || !(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
