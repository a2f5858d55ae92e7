// PostgreSQL may end idle connections at any time (a restart, an administrator, a failover). The server must not
// die of it: pg reports such an error on the pool, and without a listener it becomes an uncaught exception.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { freshPostgresDatabase, startTestServer, type TestServer } from './harness.ts';

describe('idle PostgreSQL connections terminated under a running server (PostgreSQL)', () => {
  let server: TestServer;
  const uncaught: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);

  beforeAll(async () => {
    server = await startTestServer();
    process.on('uncaughtException', record);
  });
  afterAll(async () => {
    process.off('uncaughtException', record);
    await server?.close();
  });

  it('keeps serving: the pool drops the dead connections and opens new ones', async () => {
    const token = await server.signIn('th.officer1');
    const viewer = async () => (await server.gql('{ viewer { username } }', {}, token)).data?.viewer.username;
    // several connections in the pool, then idle
    await Promise.all(Array.from({ length: 6 }, viewer));
    const [current] = await server.running.app.db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
    const name = current?.name;

    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const terminated = await admin.query(
      'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    await admin.end();
    expect(terminated.rows[0].n).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(uncaught).toEqual([]);
    expect(await viewer()).toBe('th.officer1');
    expect(await Promise.all(Array.from({ length: 6 }, viewer))).toEqual(Array(6).fill('th.officer1'));
  });

  it('shutting down: connections killed after Prisma let go of the pool and before the pool ends crash nothing', async () => {
    const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    const opened = await openDatabase({ databaseUrl: database.url });
    await Promise.all(Array.from({ length: 4 }, () => opened.db.$queryRaw`SELECT pg_sleep(0.01)::text AS slept`));
    // the adapter removes its own listener from a pool it did not create when the client disconnects
    await opened.db.$disconnect();
    await database.drop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uncaught).toEqual([]);
    await opened.close();
  });
});
