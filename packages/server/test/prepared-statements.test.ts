// The prepared statements sent to the driver directly (platform/db/driver.ts) read rows as the Prisma client does,
// and the saved draft written through one stores exactly what the Prisma write stored: fields left out keep their
// value, timestamps are UTC whatever the process's time zone.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.ts';
import { sqlTransaction } from '../src/platform/db/driver.ts';
import { COMPLETE_DRAFT, createEnterprise, rawId, saveDraft } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

describe(`prepared statements (${databaseKind()})`, () => {
  let server: TestServer;
  const zone = process.env.TZ;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('read a timestamp without time zone as UTC, as the Prisma client does, in a process east of UTC', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const statement = { name: 'test-timestamp', text: `SELECT '2026-01-02 03:04:05.678'::timestamp(3) AS "at"` };
    const [row] = await server.running.app.prepared<{ at: Date }>(statement, []);
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.at.toISOString()).toBe('2026-01-02T03:04:05.678Z');
  });

  it('send a Date parameter as the UTC instant a timestamp column holds (a queue cursor, a date filter)', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const at = new Date('2026-03-04T05:06:07.089Z');
    const statement = {
      name: 'test-timestamp-parameter',
      text: `SELECT $1::timestamp(3) AS "at", to_char($1::timestamp(3), 'YYYY-MM-DD HH24:MI:SS.MS') AS "text"`,
    };
    const [row] = await server.running.app.prepared<{ at: Date; text: string }>(statement, [at]);
    expect(row?.text).toBe('2026-03-04 05:06:07.089');
    expect(row?.at.toISOString()).toBe(at.toISOString());
  });

  it('a transaction on the driver (imports) follows the same rules: Dates sent and timestamps read as UTC', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const at = new Date('2026-03-04T05:06:07.089Z');
    const [row] = await sqlTransaction(server.running.app.db, (sql) =>
      sql.query<{ at: Date; text: string }>(
        Prisma.sql`SELECT ${at}::timestamp(3) AS "at", to_char(${at}::timestamp(3), 'YYYY-MM-DD HH24:MI:SS.MS') AS "text"`,
      ),
    );
    expect(row?.text).toBe('2026-03-04 05:06:07.089');
    expect(row?.at).toBeInstanceOf(Date);
    expect(row?.at.toISOString()).toBe(at.toISOString());
  });

  it('a saved draft keeps the fields it leaves out, stores the ones it names and stamps updatedAt in UTC', async () => {
    process.env.TZ = 'Asia/Shanghai';
    const enterprise = await createEnterprise(server);
    const first = await saveDraft(server, enterprise.token, {
      ...COMPLETE_DRAFT,
      builtByThirdParty: true,
      useUnits: [{ uscc: '91440100993518190w', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
    });
    expect(first.__typename).toBe('AccessApplicationSuccess');
    const id = rawId(first.accessApplication.id);
    const before = Date.now();
    const second = await saveDraft(server, enterprise.token, {
      claimsLivelihood: true,
      unitInfoConfirmed: false,
      basicInfo: { contactName: '李经办', contactPhone: '020-12345678', contactEmail: 'li@example.com' },
      id: first.accessApplication.id,
      expectedVersion: first.accessApplication.version,
    });
    expect(second.__typename, JSON.stringify(second)).toBe('AccessApplicationSuccess');
    expect(second.accessApplication.version).toBe(first.accessApplication.version + 1);
    const stored = await server.running.app.db.accessApplication.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      claimsLivelihood: true,
      unitInfoConfirmed: false,
      builtByThirdParty: true,
      basicInfo: { contactName: '李经办', contactPhone: '020-12345678', contactEmail: 'li@example.com' },
      systemInfo: COMPLETE_DRAFT.systemInfo,
      useUnits: [{ uscc: '91440100993518190W', name: '广州云帆物流有限公司', relationship: 'PARENT_SUBSIDIARY' }],
      status: 'DRAFT',
    });
    expect(Math.abs(stored.updatedAt.getTime() - before)).toBeLessThan(60_000);
  });

  it('a stale or foreign draft save writes nothing and says why', async () => {
    const enterprise = await createEnterprise(server);
    const other = await createEnterprise(server);
    const draft = await saveDraft(server, enterprise.token, COMPLETE_DRAFT);
    const { id, version } = draft.accessApplication;
    const stale = await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, id, expectedVersion: version + 5 });
    expect(stale).toMatchObject({ code: 'STALE_VERSION' });
    const foreign = await saveDraft(server, other.token, { ...COMPLETE_DRAFT, id, expectedVersion: version });
    expect(foreign).toMatchObject({ code: 'NOT_FOUND' });
    const stored = await server.running.app.db.accessApplication.findUniqueOrThrow({ where: { id: rawId(id) } });
    expect(stored.version).toBe(version);
  });
});
