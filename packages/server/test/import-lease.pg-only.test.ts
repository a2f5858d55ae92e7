// Two instances on one PostgreSQL: an import runs on instance A (a child process), instance B runs beside it.
// While A lives, its lease keeps B's sweep off the import; once A is killed with SIGKILL, B — not restarted —
// marks the import FAILED within about a lease period, counting exactly the invitations A committed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeUscc } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { type ChildServer, graphql, startChildServer, uploadFile } from './child-server.ts';
import { freshPostgresDatabase, serverAround, type TestServer } from './harness.ts';
import { createDcu, GUANGDONG, type Party, uploadProof } from './invitation.fixtures.ts';
import { HEADERS, workbookFile } from './invitation-import.workbooks.ts';

// short enough to see several lease periods in a test, long enough that a loaded 2-core machine renews in time.
// A chunk's transaction holds the record's row, so a renewal waits for the chunk: with 2 s and then 4 s, runs on a
// loaded machine saw the lease expire while the chunk held up by the test's hold finished (swept as interrupted)
const LEASE_SECONDS = 8;
const TIANHE = '14401060000';
const RUN = String(process.pid % 10_000).padStart(4, '0');
const IMPORT =
  'mutation($f: Upload!, $p: [ID!]) { importUseUnitInvitations(input: {file: $f, proofMaterialIds: $p}) { __typename ... on ImportUseUnitInvitationsSuccess { importRecord { id } } ... on Error { code message } } }';
const RECORD =
  'query($id: ID!) { node(id: $id) { ... on ImportRecord { status total succeeded failed failureReason } } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rawId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString();
  return decoded.slice(decoded.indexOf(':') + 1);
}

describe('import leases across instances (postgres)', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'leqi-lease-a-')), mkdtempSync(join(tmpdir(), 'leqi-lease-b-'))];
  let database: { url: string; drop(): Promise<void> };
  let shared: Record<string, string>;
  let b: TestServer;
  let a: ChildServer | null = null;
  let dcu: Party;
  let proof: string;
  let serial = 0;

  /** A workbook of `count` eligible use units that exist in the registry. */
  async function workbook(count: number) {
    const units = Array.from({ length: count }, () => {
      serial += 1;
      return { uscc: makeUscc(`9144010L${RUN}${String(serial).padStart(5, '0')}`), name: `租约测试${RUN}-${serial}` };
    });
    await b.running.app.db.enterprise.createMany({
      data: units.map((unit) => ({ ...unit, competentAuthorityCode: TIANHE, creditRating: 'A', inPilot: true })),
    });
    return (await workbookFile([HEADERS, ...units.map((unit) => [unit.uscc, unit.name, GUANGDONG, '02', ''])])).bytes;
  }

  async function startImportOnA(bytes: Uint8Array): Promise<string> {
    const answer = await uploadFile((a as ChildServer).url, dcu.token, IMPORT, bytes, 'lease.xlsx', { p: [proof] });
    const id = answer.data?.importUseUnitInvitations?.importRecord?.id;
    expect(id, JSON.stringify(answer)).toBeTruthy();
    return id;
  }

  const readOnB = async (id: string) => (await b.gql(RECORD, { id }, dcu.token)).data?.node;

  beforeAll(async () => {
    database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    shared = {
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FILE_URL_SECRET: 'lease-test',
      IMPORT_LEASE_SECONDS: String(LEASE_SECONDS),
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_TOKEN_PER_MINUTE: '1000000',
    };
    const running = await startApp(loadConfig({ ...shared, DATA_DIR: dirs[1] as string, PORT: '0' }));
    b = serverAround(running, () => running.close());
    dcu = await createDcu(b);
    proof = await uploadProof(b, dcu.token);
    // B's migrations left no advisory lock behind (a held one times out the next instance's start)
    const locks = await b.running.app.db.$queryRaw<{ pid: number }[]>`
      SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    expect(locks).toEqual([]);
    // each instance has its own data directory, hence its own instance id
    a = await startChildServer({ ...shared, DATA_DIR: dirs[0] as string });
  }, 300_000);

  afterAll(async () => {
    await a?.kill();
    await b?.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('an import running on another instance is left alone for as long as it runs, however long that is', async () => {
    const db = b.running.app.db;
    const id = await startImportOnA(await workbook(3000));
    while ((await readOnB(id))?.succeeded < 500) await sleep(40);
    // hold A's import up for several lease periods (its chunks wait for the DCU row), while B sweeps
    const leases = new Set<number>();
    await db.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT "id" FROM "Enterprise" WHERE "id" = ${dcu.id} FOR UPDATE`;
        const until = Date.now() + 4 * LEASE_SECONDS * 1000;
        while (Date.now() < until) {
          const held = await db.importRecord.findUniqueOrThrow({ where: { id: rawId(id) } });
          expect(held.status).toBe('PROCESSING');
          if (held.leaseExpiresAt) leases.add(held.leaseExpiresAt.getTime());
          await sleep(200);
        }
      },
      { maxWait: 10_000, timeout: 60_000 },
    );
    // the lease was renewed all along, independently of the rows' progress
    expect(leases.size).toBeGreaterThan(3);
    let record: any;
    for (;;) {
      record = await readOnB(id);
      if (record?.status !== 'PROCESSING') break;
      await sleep(200);
    }
    expect(record, JSON.stringify(record)).toMatchObject({
      status: 'DONE',
      total: 3000,
      succeeded: 3000,
      failed: 0,
      failureReason: null,
    });
  }, 240_000);

  it('once its instance is killed, another instance marks it FAILED within about a lease, counting what was committed', async () => {
    const id = await startImportOnA(await workbook(4000));
    for (;;) {
      const record = await readOnB(id);
      expect(record?.status).toBe('PROCESSING');
      if (record.succeeded >= 500) break;
      await sleep(40);
    }
    await (a as ChildServer).kill();
    a = null;
    const killed = Date.now();
    let record: any;
    for (;;) {
      record = await readOnB(id);
      if (record?.status !== 'PROCESSING') break;
      expect(Date.now() - killed, 'still PROCESSING').toBeLessThan(4 * LEASE_SECONDS * 1000 + 2000);
      await sleep(100);
    }
    const committed = await b.running.app.db.invitation.count({ where: { batchId: rawId(id) } });
    expect(committed).toBeGreaterThanOrEqual(500);
    expect(record).toMatchObject({ status: 'FAILED', total: 4000, succeeded: committed, failed: 0 });
    expect(record.failureReason).toContain(`已处理 ${committed.toLocaleString('en')} 行`);
    // the graphql of B answers for A's record as for its own
    expect((await graphql(b.url, dcu.token, RECORD, { id })).data?.node.status).toBe('FAILED');
  }, 240_000);
});
