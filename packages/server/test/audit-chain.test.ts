import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/db/database.ts';
import { applyMigrations } from '../src/platform/db/migrate.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

describe(`tamper-evident audit trail (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const integrity = async (user: string, args = '') =>
    server.gql(
      `{ auditIntegrity${args} { intact checkedEvents checkedCases firstBreak { eventId caseKind caseId problem } } }`,
      {},
      await server.signIn(user),
    );

  it('reports the seeded chains intact and points at the first event altered directly in the database', async () => {
    const before = (await integrity('platform.admin')).data?.auditIntegrity;
    expect(before.intact).toBe(true);
    expect(before.checkedEvents).toBeGreaterThan(50);

    const db = server.running.app.db;
    const target = await db.auditEvent.findFirstOrThrow({ where: { caseKind: 'ACCESS_APPLICATION', event: 'refuse' } });
    await db.$executeRawUnsafe(
      'UPDATE "AuditEvent" SET "reason" = $1 WHERE "id" = $2',
      '材料齐全，予以受理',
      target.id,
    );
    const after = (await integrity('platform.admin')).data?.auditIntegrity;
    expect(after.intact).toBe(false);
    expect(after.firstBreak).toEqual({
      eventId: target.id.toString(),
      caseKind: 'ACCESS_APPLICATION',
      caseId: target.caseId,
      problem: 'HASH_MISMATCH',
    });

    // a deleted event breaks the link of its successor
    await db.$executeRawUnsafe('UPDATE "AuditEvent" SET "reason" = $1 WHERE "id" = $2', target.reason, target.id);
    expect((await integrity('platform.admin')).data?.auditIntegrity.intact).toBe(true);
    const chain = await db.auditEvent.findMany({ where: { caseKind: 'EXIT_APPLICATION' }, orderBy: { id: 'asc' } });
    const middle = chain.find(
      (event, index) =>
        index > 0 &&
        chain.slice(index + 1).some((later) => later.caseId === event.caseId && later.prevHash === event.hash),
    );
    if (!middle) throw new Error('seed has no exit chain of three events');
    await db.$executeRawUnsafe('DELETE FROM "AuditEvent" WHERE "id" = $1', middle.id);
    const broken = (await integrity('platform.admin', `(caseKind: EXIT_APPLICATION, caseId: "${middle.caseId}")`)).data
      ?.auditIntegrity;
    expect(broken.firstBreak.problem).toBe('BROKEN_LINK');
    expect(broken.firstBreak.caseId).toBe(middle.caseId);
  });

  it('is only for the platform admin', async () => {
    expect((await integrity('th.officer1')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the audit:verify command exits 1 and names the altered event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leqi-audit-'));
    try {
      const database = await openDatabase({ dataDir: join(dir, 'pglite') });
      await applyMigrations(database.adapterFactory);
      const ids: bigint[] = [];
      for (const event of ['submit', 'accept']) {
        const stored = await database.db.$transaction((tx) =>
          appendCaseEvent(tx, { caseKind: 'EXIT_APPLICATION', caseId: 'case-1', event, enterpriseId: 'e-1' }),
        );
        ids.push(stored.id);
      }
      await database.close();
      const run = () =>
        spawnSync(join(__dirname, '../../../node_modules/.bin/tsx'), ['src/platform/events/verify-cli.ts'], {
          cwd: join(__dirname, '..'),
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', INIT_CWD: dir },
          encoding: 'utf8',
        });
      const intact = run();
      expect(intact.status, intact.stderr).toBe(0);
      expect(intact.stdout).toContain('2 events');
      const again = await openDatabase({ dataDir: join(dir, 'pglite') });
      await again.db.$executeRawUnsafe('UPDATE "AuditEvent" SET "event" = $1 WHERE "id" = $2', 'refuse', ids[1]);
      await again.close();
      const altered = run();
      expect(altered.status).toBe(1);
      expect(altered.stderr).toContain(`event ${ids[1]}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
