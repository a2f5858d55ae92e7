// Bulk writes on the database's own driver (sqlTransaction): rows sent a column at a time (repeated values once),
// all or nothing per transaction, and audit chains opened for cases created in the same transaction.

import { makeUscc } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factsOf } from '../src/features/admin/registry.ts';
import { updateEntries } from '../src/features/admin/registry-import.ts';
import { Prisma } from '../src/generated/prisma/client.ts';
import { insertMany, insertManyReturning, newId } from '../src/platform/db/bulk.ts';
import { sqlTransaction } from '../src/platform/db/driver.ts';
import { appendCaseEvent, appendNewCaseEvents, eventHash } from '../src/platform/events/audit.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
const db = () => server.running.app.db;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const PROBE_COLUMNS = {
  id: 'text',
  tags: 'text[]',
  doc: 'jsonb',
  at: 'timestamp(3)',
  n: 'int',
  flag: 'boolean',
  same: 'text',
} as const;

interface Probe {
  id: string;
  tags: string[] | null;
  doc: unknown;
  at: string;
  n: number | null;
  flag: boolean | null;
  same: string;
}

/** Inserts the rows into a temporary table in a driver transaction and reads them back in insertion order. */
async function roundTrip(rows: object[]): Promise<Probe[]> {
  return sqlTransaction(db(), async (sql) => {
    await sql.execute(Prisma.sql`
      CREATE TEMP TABLE bulk_probe (seq serial, id text, tags text[], doc jsonb, at timestamp(3), n int, flag boolean,
        same text) ON COMMIT DROP`);
    await insertMany(sql, 'bulk_probe', PROBE_COLUMNS, rows);
    return sql.query<Probe>(Prisma.sql`
      SELECT id, tags, doc, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS at, n, flag, same
      FROM bulk_probe ORDER BY seq`);
  });
}

describe('bulk writes', () => {
  it('sends rows a column at a time and reads back every value as given, in order', async () => {
    const at = new Date('2026-12-03T08:09:10.123Z');
    const awkward = ['a"b', 'c\\d', 'e,f', '{g}', 'NULL', '', '空 格'];
    const rows = [
      { id: 'r1', tags: awkward, doc: { k: 'v', nested: [1, 'x'] }, at, n: 1, flag: true, same: '同' },
      { id: 'r2', tags: [], doc: 'just a string', at, n: null, flag: false, same: '同' },
      { id: 'r3', tags: null, doc: null, at: new Date('2026-01-01T00:00:00.000Z'), n: -7, flag: null, same: '同' },
    ];
    const back = await roundTrip(rows);
    expect(back.map((row) => row.id)).toEqual(['r1', 'r2', 'r3']);
    expect(back[0]?.tags).toEqual(awkward);
    expect(back[1]?.tags).toEqual([]);
    expect(back[2]?.tags).toBeNull();
    expect(back[0]?.doc).toEqual({ k: 'v', nested: [1, 'x'] });
    expect(back[1]?.doc).toBe('just a string');
    expect(back[2]?.doc).toBeNull();
    // timestamps are stored as UTC wall time, as Prisma stores them
    expect(back.map((row) => row.at)).toEqual([
      '2026-12-03T08:09:10.123',
      '2026-12-03T08:09:10.123',
      '2026-01-01T00:00:00.000',
    ]);
    expect(back.map((row) => row.n)).toEqual([1, null, -7]);
    expect(back.map((row) => row.flag)).toEqual([true, false, null]);
    expect(back.map((row) => row.same)).toEqual(['同', '同', '同']);
  });

  it('writes a single row (every column the same in all rows) and returns the inserted columns', async () => {
    const back = await roundTrip([{ id: 'only', tags: ['x'], doc: {}, at: new Date(0), n: 3, flag: true, same: 's' }]);
    expect(back).toEqual([
      { id: 'only', tags: ['x'], doc: {}, at: '1970-01-01T00:00:00.000', n: 3, flag: true, same: 's' },
    ]);
    const kind = `PROBE-${newId()}`;
    const returned = await sqlTransaction(db(), async (sql) => {
      const inserted = await insertManyReturning<{ status: string }>(
        sql,
        'QueueCount',
        { kind: 'text', status: 'text', cases: 'int' },
        [
          { kind, status: 'B', cases: 1 },
          { kind, status: 'A', cases: 2 },
        ],
        ['status'],
      );
      await sql.execute(Prisma.sql`DELETE FROM "QueueCount" WHERE "kind" = ${kind}`);
      return inserted;
    });
    expect(returned.map((row) => row.status)).toEqual(['B', 'A']);
  });

  it('commits a driver transaction whose work resolves and rolls back one whose work throws', async () => {
    const kept = `PROBE-${newId()}`;
    const dropped = `PROBE-${newId()}`;
    const insert = (kind: string) =>
      Prisma.sql`INSERT INTO "QueueCount" ("kind", "status", "cases") VALUES (${kind}, 'X', 1)`;
    await sqlTransaction(db(), (sql) => sql.execute(insert(kept)));
    await expect(
      sqlTransaction(db(), async (sql) => {
        await sql.execute(insert(dropped));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    // a statement that fails rolls back the statements before it too
    await expect(
      sqlTransaction(db(), async (sql) => {
        await sql.execute(insert(`${dropped}-2`));
        await sql.execute(insert(kept));
      }),
    ).rejects.toThrow();
    const kinds = await db().queueCount.findMany({
      where: { kind: { in: [kept, dropped, `${dropped}-2`] } },
      select: { kind: true },
    });
    expect(kinds.map((row) => row.kind)).toEqual([kept]);
    // the connection went back to the pool in a usable state
    expect(await sqlTransaction(db(), (sql) => sql.query<{ one: number }>(Prisma.sql`SELECT 1 AS one`))).toEqual([
      { one: 1 },
    ]);
    await db().queueCount.deleteMany({ where: { kind: kept } });
  });

  it('opens the chain of each case created in the transaction, and refuses a case with events or given twice', async () => {
    const [first, second] = [newId(), newId()];
    const input = (caseId: string, event = 'invite') => ({
      caseKind: 'BULK_PROBE',
      caseId,
      event,
      actorName: '经办人',
      payload: { z: 1, a: [2, { y: 'x', b: null }] },
      authorityCode: '14401060000',
    });
    const events = await sqlTransaction(db(), (sql) => appendNewCaseEvents(sql, [input(first), input(second)]));
    expect(events.map((event) => event.caseId)).toEqual([first, second]);
    expect((events[0] as { id: bigint }).id < (events[1] as { id: bigint }).id).toBe(true);
    for (const event of events) {
      expect(event.prevHash).toBeNull();
      expect(event.hash).toBe(eventHash(null, event as never, event.createdAt));
    }
    const stored = await db().auditEvent.findMany({ where: { caseKind: 'BULK_PROBE' }, orderBy: { id: 'asc' } });
    expect(stored.map((event) => [event.id, event.hash, event.xid])).toEqual(
      events.map((event) => [event.id, event.hash, event.xid]),
    );
    // later events chain on as on any other case
    await db().$transaction((tx) => appendCaseEvent(tx, input(first, 'respond')));
    expect((await verifyAuditChains(db(), { caseKind: 'BULK_PROBE' })).intact).toBe(true);

    const third = newId();
    await expect(
      sqlTransaction(db(), (sql) => appendNewCaseEvents(sql, [input(third), input(second, 'again')])),
    ).rejects.toThrow(/has events already/);
    await expect(sqlTransaction(db(), (sql) => appendNewCaseEvents(sql, [input(third), input(third)]))).rejects.toThrow(
      /appears twice/,
    );
    expect(await db().auditEvent.count({ where: { caseKind: 'BULK_PROBE' } })).toBe(3);
  });

  it('updates registry entries in one statement, each only while it is still the version read', async () => {
    const base = {
      competentAuthorityCode: '14401060000',
      creditRating: 'A',
      inPilot: true,
      majorViolation: false,
      livelihoodIndustry: false,
      priorYearRevenue: 1_000_000.5,
      invoiceCount12m: 10,
      invoiceAmount12m: 20.25,
    };
    const serial = String(Date.now()).slice(-10);
    const [fresh, stale] = await Promise.all(
      ['1', '2'].map((n) =>
        db().enterprise.create({
          data: { ...base, uscc: makeUscc(`91440U${serial}${n}`), name: `批量更新${serial}-${n}有限公司` },
        }),
      ),
    );
    if (!fresh || !stale) throw new Error('not created');
    // someone edits `stale` after the import read it
    await db().enterprise.update({ where: { id: stale.id }, data: { version: { increment: 1 } } });
    const change = { creditRating: 'B', inPilot: false, priorYearRevenue: 2.5e9, invoiceCount12m: 11 };
    const updated = await sqlTransaction(db(), (sql) =>
      updateEntries(sql, [
        { ...factsOf(fresh), ...change, id: fresh.id, version: fresh.version },
        { ...factsOf(stale), ...change, id: stale.id, version: stale.version },
      ]),
    );
    expect([...updated]).toEqual([fresh.id]);
    const after = await db().enterprise.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(after).toMatchObject({ ...base, ...change, version: fresh.version + 1, name: fresh.name });
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(fresh.updatedAt.getTime());
    expect(await db().enterprise.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      ...base,
      version: stale.version + 1,
    });
  });
});
