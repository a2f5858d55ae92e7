// Replaying the audit trail rebuilds the current state: every seeded case of every workflow folds back to
// its stored status, and a status or an event changed directly in the database is named.
import { REVIEW_KIND_WORKFLOWS } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayAuditTrails } from '../src/features/audit/replay.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

describe(`audit replay (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());
  const db = () => server.running.app.db;

  it('every seeded case of every workflow, in every status, replays to its stored status', async () => {
    const report = await replayAuditTrails(db());
    expect(report.mismatches).toEqual([]);
    expect(report.consistent).toBe(true);
    for (const [kind, workflow] of Object.entries(REVIEW_KIND_WORKFLOWS)) {
      expect(report.statusesByKind[kind], kind).toEqual([...workflow.statuses].sort());
    }
    expect(report.checkedCases).toBe(Object.values(report.casesByKind).reduce((a, b) => a + b, 0));
    console.log(`audit replay of the seed: ${report.checkedCases} cases from ${report.checkedEvents} events`);
  });

  it('names a status changed without an event, a deleted event and events of a deleted case', async () => {
    const walked = await db().accessApplication.findFirstOrThrow({ where: { status: 'PENDING_REVIEW' } });
    await db().accessApplication.update({ where: { id: walked.id }, data: { status: 'CONFIRMED' } });
    const invitation = await db().invitation.findFirstOrThrow({ where: { status: 'PENDING_CONFIRMATION' } });
    const middle = await db().auditEvent.findFirstOrThrow({
      where: { caseKind: 'INVITATION', caseId: invitation.id, toStatus: 'PENDING_ACCEPTANCE' },
    });
    await db().$executeRawUnsafe('DELETE FROM "AuditEvent" WHERE id = $1', middle.id);
    const exit = await db().exitApplication.findFirstOrThrow({ where: { status: 'NOT_ACCEPTED' } });
    await db().$executeRawUnsafe('DELETE FROM "CaseMaterial" WHERE "caseId" = $1', exit.id);
    await db().$executeRawUnsafe('DELETE FROM "ExitApplication" WHERE id = $1', exit.id);

    const report = await replayAuditTrails(db());
    expect(report.consistent).toBe(false);
    const byCase = new Map(report.mismatches.map((m) => [m.caseId, m]));
    expect(byCase.get(walked.id)).toMatchObject({
      caseKind: 'ACCESS_APPLICATION',
      problem: 'STATUS_MISMATCH',
      stored: 'CONFIRMED',
      replayed: 'PENDING_REVIEW',
    });
    expect(byCase.get(invitation.id)).toMatchObject({
      caseKind: 'INVITATION',
      problem: 'BROKEN_LINK',
      replayed: 'PENDING_RESPONSE',
    });
    expect(byCase.get(exit.id)).toMatchObject({ caseKind: 'EXIT_APPLICATION', problem: 'NO_CASE_ROW' });
    expect(report.mismatches).toHaveLength(3);
  });
});
