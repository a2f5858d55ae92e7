// Graceful shutdown of the real process: on SIGTERM a request in flight still completes with 200, WebSocket
// subscribers are told 1001 (going away), and the process exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseKind, freshPostgresDatabase } from './harness.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

describe(`graceful shutdown (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-shutdown-'));
  let child: ChildProcess | null = null;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | null = null;
  afterAll(async () => {
    child?.kill('SIGKILL');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the request in flight, closes sockets with 1001 and exits 0 on SIGTERM', async () => {
    if (process.env.TEST_DATABASE_URL) database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
    const output: string[] = [];
    const process_ = spawn(TSX, ['src/main.ts'], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        PGLITE_DIR: 'memory://',
        PORT: '0',
        HOST: '127.0.0.1',
        TEST_HOOKS: 'true',
        SHUTDOWN_TIMEOUT_MS: '10000',
        LOG_LEVEL: 'info',
        ...(database ? { DATABASE_URL: database.url } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = process_;
    const exited = new Promise<number | null>((resolve) => process_.once('exit', (code) => resolve(code)));
    const port = await new Promise<number>((resolve, reject) => {
      // waits for the start line itself (bounded by the test's timeout), not for a guessed start-up time
      process_.once('exit', (code) => reject(new Error(`exited ${code} before its start line: ${output.join('')}`)));
      process_.stdout?.on('data', (chunk: Buffer) => {
        output.push(chunk.toString());
        const match = output.join('').match(/"port":(\d+)/);
        if (match?.[1]) resolve(Number(match[1]));
      });
      process_.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    });
    const base = `http://127.0.0.1:${port}`;

    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => socket.once('message', resolve));
    const socketClosed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));

    // its headers arrive at once: the request is in flight on the server when SIGTERM is sent (not a 300 ms guess)
    const response = await fetch(`${base}/__test/slow?ms=1500`);
    process_.kill('SIGTERM');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sleptMs: 1500 });
    expect(await socketClosed).toBe(1001);
    expect(await exited).toBe(0);
    child = null;
    const log = output.join('');
    expect(log).toContain('SIGTERM: finishing in-flight requests');
    expect(log).toContain('"inFlight":1');
    expect(log).toContain('"msg":"stopped"');
  }, 300_000); // a cold `tsx src/main.ts` (initdb, migrations, seed) took over 90 s on a loaded 2-core machine
});
