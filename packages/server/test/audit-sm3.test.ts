// 国密 SM3 for the audit chain (issue 22, 数据完整性): every event appended is hashed with SM3 (`sm3:<hex>`), while
// chains written before the switch-over keep verifying with SHA-256 and continue in SM3; a SHA-256 event after a
// chain's switch-over (a downgrade) is named, as is an SM3 event whose content changed.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityEventInput } from '../src/features/security-log/record.ts';
import { inTransaction } from '../src/platform/db/transaction.ts';
import { appendCaseEvent, eventHash } from '../src/platform/events/audit.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 120_000);
afterAll(async () => server?.close());

const append = (username: string) =>
  inTransaction(server.running.app, async (tx, emit) => {
    emit(
      await appendCaseEvent(
        tx,
        securityEventInput({ event: 'signInFailed', username, outcome: 'FAILURE', address: null }),
      ),
    );
  });
const chain = (caseId: string) =>
  server.running.app.db.auditEvent.findMany({ where: { caseKind: 'SECURITY', caseId }, orderBy: { id: 'asc' } });

/** Rewrites a chain as the version before the switch-over stored it: every hash SHA-256, linked in order. */
async function asBeforeTheSwitchOver(caseId: string) {
  let prevHash: string | null = null;
  for (const event of await chain(caseId)) {
    const hash = eventHash(prevHash, event as never, event.createdAt, 'SHA256');
    await server.running.app.db.auditEvent.update({ where: { id: event.id }, data: { prevHash, hash } });
    prevHash = hash;
  }
}

describe(`SM3 audit chain (${databaseKind()})`, () => {
  it('hashes every new event with SM3, over the same canonical content', async () => {
    await append('sm3.new');
    const [event] = await chain('sm3.new');
    expect(event?.hash).toMatch(/^sm3:[0-9a-f]{64}$/);
    // GB/T 32905 test vector: SM3("abc")
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(await verifyAuditChains(server.running.app.db)).toMatchObject({ intact: true });
  });

  it('verifies a SHA-256 chain from before the switch-over, continued in SM3', async () => {
    await append('sm3.legacy');
    await append('sm3.legacy');
    await asBeforeTheSwitchOver('sm3.legacy');
    expect((await chain('sm3.legacy')).map((event) => event.hash.startsWith('sm3:'))).toEqual([false, false]);
    await append('sm3.legacy');
    const events = await chain('sm3.legacy');
    expect(events.map((event) => event.hash.startsWith('sm3:'))).toEqual([false, false, true]);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(await verifyAuditChains(server.running.app.db, { caseKind: 'SECURITY' })).toMatchObject({ intact: true });
  });

  it('names a SHA-256 event after the switch-over, and an SM3 event whose content changed', async () => {
    await append('sm3.downgrade');
    await append('sm3.downgrade');
    const [first, second] = await chain('sm3.downgrade');
    // a forger who knows the format writes a well-formed SHA-256 event where SM3 was
    const forged = eventHash(
      second?.prevHash ?? null,
      { ...second, reason: 'forged' } as never,
      second?.createdAt as Date,
      'SHA256',
    );
    await server.running.app.db.auditEvent.update({
      where: { id: second?.id as bigint },
      data: { reason: 'forged', hash: forged },
    });
    expect(
      await verifyAuditChains(server.running.app.db, { caseKind: 'SECURITY', caseId: 'sm3.downgrade' }),
    ).toMatchObject({
      intact: false,
      firstBreak: { eventId: second?.id.toString(), problem: 'ALGORITHM_DOWNGRADE' },
    });
    await server.running.app.db.auditEvent.update({ where: { id: first?.id as bigint }, data: { reason: 'changed' } });
    expect(
      await verifyAuditChains(server.running.app.db, { caseKind: 'SECURITY', caseId: 'sm3.downgrade' }),
    ).toMatchObject({
      intact: false,
      firstBreak: { eventId: first?.id.toString(), problem: 'HASH_MISMATCH' },
    });
  });
});
