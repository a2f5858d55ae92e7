// 审计记录归档 (issue 22, 安全审计): security events older than the retention move to a JSON-lines file and out of
// the database; each chain keeps its newest event and an anchor, so every chain still verifies, new events chain on,
// a deletion among what remains is still caught, and the archive file is checked against its recorded SHA-256.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityEventInput } from '../src/features/security-log/record.ts';
import { inTransaction } from '../src/platform/db/transaction.ts';
import { archiveAuditEvents, verifyArchive } from '../src/platform/events/archive.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { startTestServer, type TestServer } from './harness.ts';

const DAY = 86_400_000;
let server: TestServer;
const dir = mkdtempSync(join(tmpdir(), 'leqi-archive-'));

/** A failed sign-in of `username`, `daysAgo` days ago, appended as the application would have then. */
async function failedSignIn(username: string, daysAgo: number) {
  const written = await inTransaction(server.running.app, async (tx, emit) => {
    const input = securityEventInput({ event: 'signInFailed', username, outcome: 'FAILURE', address: '10.0.0.8' });
    emit(
      await appendCaseEvent(tx, {
        ...input,
        reason: 'WRONG_PASSWORD',
        occurredAt: new Date(Date.now() - daysAgo * DAY),
      }),
    );
  });
  expect(written.ok).toBe(true);
}
const securityEvents = (caseId: string) =>
  server.running.app.db.auditEvent.findMany({ where: { caseKind: 'SECURITY', caseId }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  server = await startTestServer();
  for (const daysAgo of [400, 300, 200, 10]) await failedSignIn('old.and.new', daysAgo);
  for (const daysAgo of [250, 190]) await failedSignIn('only.old', daysAgo);
  await failedSignIn('only.new', 1);
}, 120_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('archiving the security log', () => {
  let file: string;

  it('moves what is older than the retention out, keeps each chain’s newest event, and every chain verifies', async () => {
    const db = server.running.app.db;
    const before = new Date(Date.now() - 180 * DAY);
    const report = await archiveAuditEvents(db, { before, dir });
    // old.and.new: 400, 300, 200 days; only.old: 250 (its newest, 190 days, stays as the chain's end)
    expect(report).toMatchObject({ archived: 4, chains: 2 });
    file = report.file as string;
    expect((await securityEvents('old.and.new')).map((event) => event.createdAt < before)).toEqual([false]);
    expect(await securityEvents('only.old')).toHaveLength(1);
    expect(await securityEvents('only.new')).toHaveLength(1);
    const anchors = await db.auditChainAnchor.findMany({ orderBy: { caseId: 'asc' } });
    expect(anchors.map(({ caseId, archivedEvents }) => ({ caseId, archivedEvents }))).toEqual([
      { caseId: 'old.and.new', archivedEvents: 3 },
      { caseId: 'only.old', archivedEvents: 1 },
    ]);
    expect(await verifyAuditChains(db)).toMatchObject({ intact: true });
    expect(verifyArchive(file, anchors[0]?.fileSha256 as string)).toEqual({ intact: true, events: 4 });
    // nothing more is old enough: a second run archives nothing
    expect(await archiveAuditEvents(db, { before, dir })).toEqual({ archived: 0, chains: 0, file: null });
  });

  it('new events chain on; a deletion among what remains is still caught; a changed archive is told apart', async () => {
    const db = server.running.app.db;
    await failedSignIn('old.and.new', 0);
    await failedSignIn('only.old', 0);
    expect(await verifyAuditChains(db)).toMatchObject({ intact: true });

    const anchor = await db.auditChainAnchor.findFirstOrThrow({ where: { caseId: 'old.and.new' } });
    const altered = readFileSync(file, 'utf8').replace('10.0.0.8', '10.0.0.9');
    const copy = join(dir, 'altered.jsonl');
    writeFileSync(copy, altered);
    expect(verifyArchive(copy, anchor.fileSha256).intact).toBe(false);

    const [first] = await securityEvents('only.old');
    await db.auditEvent.delete({ where: { id: first?.id as bigint } });
    const report = await verifyAuditChains(db);
    expect(report).toMatchObject({ intact: false, firstBreak: { caseKind: 'SECURITY', caseId: 'only.old' } });
  });
});
