import {
  ACCESS_APPLICATION_STATUSES,
  CAPABILITY_SUBSCRIPTION_STATUSES,
  EXIT_APPLICATION_STATUSES,
  INVITATION_STATUSES,
} from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../src/platform/events/audit.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

describe(`demo seed (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('puts at least one case in every status of every workflow', async () => {
    const db = server.running.app.db;
    const count = async (
      model: 'accessApplication' | 'exitApplication' | 'invitation' | 'capabilitySubscription',
      statuses: readonly string[],
    ) => {
      const rows = await (db[model] as unknown as { groupBy: (args: object) => Promise<{ status: string }[]> }).groupBy(
        { by: ['status'] },
      );
      const present = new Set(rows.map((row) => row.status));
      return statuses.filter((status) => !present.has(status));
    };
    expect(await count('accessApplication', ACCESS_APPLICATION_STATUSES)).toEqual([]);
    expect(await count('exitApplication', EXIT_APPLICATION_STATUSES)).toEqual([]);
    expect(await count('invitation', INVITATION_STATUSES)).toEqual([]);
    expect(await count('capabilitySubscription', CAPABILITY_SUBSCRIPTION_STATUSES)).toEqual([]);
  });

  it('keeps the DCU statuses consistent with the seeded exits and every audit chain intact', async () => {
    const db = server.running.app.db;
    for (const exit of await db.exitApplication.findMany({ include: { enterprise: true } })) {
      const expected =
        exit.status === 'CONFIRMED'
          ? 'EXITED'
          : ['NOT_ACCEPTED', 'REVIEW_REJECTED', 'CONFIRMATION_REJECTED'].includes(exit.status)
            ? 'ACTIVE'
            : 'EXITING';
      expect(exit.enterprise.dcuStatus, exit.status).toBe(expected);
    }
    const events = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
    const lastHash = new Map<string, string>();
    for (const event of events) {
      const key = `${event.caseKind}:${event.caseId}`;
      expect(event.prevHash, key).toBe(lastHash.get(key) ?? null);
      expect(event.hash, key).toBe(eventHash(event.prevHash, event as never, event.createdAt));
      lastHash.set(key, event.hash);
    }
    expect(events.length).toBeGreaterThan(50);
  });

  it('tells a coherent story: every invitation joins a DCU to a company of its own group', async () => {
    const db = server.running.app.db;
    // 上海申联数据 → 上海申联软件开发: the group is the brand after the city (申联, 云帆)
    const group = (name: string) => name.slice(2, 4);
    const invitations = await db.invitation.findMany({ include: { dcu: true } });
    expect(invitations.length).toBeGreaterThan(0);
    for (const invitation of invitations) {
      expect(group(invitation.useUnitName), invitation.useUnitName).toBe(group(invitation.dcu.name));
    }
    // 广州云帆物流 (a subsidiary of 云帆科技, which applies in the demo) is held by no one
    const yunfanLogistics = await db.invitation.count({ where: { useUnitUscc: '91440100993518190W' } });
    expect(yunfanLogistics).toBe(0);
  });

  it('gives every invitation its relationship proof and the times of its steps, the bound ones included', async () => {
    const db = server.running.app.db;
    const invitations = await db.invitation.findMany({ include: { binding: true } });
    const proofs = await db.caseMaterial.findMany({ where: { caseKind: 'INVITATION', kind: 'RELATIONSHIP_PROOF' } });
    const proven = new Set(proofs.map((proof) => proof.caseId));
    const bound = invitations.filter((invitation) => invitation.binding?.status === 'ACTIVE');
    expect(bound.map((invitation) => invitation.status)).toEqual(['CONFIRMED', 'CONFIRMED']);
    for (const invitation of invitations) {
      expect(proven.has(invitation.id), invitation.useUnitName).toBe(true);
      // 响应时间 once answered, 办结时间 once finished (the bound ones were confirmed)
      const answered = !['PENDING_RESPONSE', 'CANCELLED'].includes(invitation.status);
      expect(invitation.respondedAt !== null, `${invitation.useUnitName} ${invitation.status}`).toBe(answered);
      const finished = !['PENDING_RESPONSE', 'PENDING_ACCEPTANCE', 'PENDING_CONFIRMATION'].includes(invitation.status);
      expect(invitation.decidedAt !== null, `${invitation.useUnitName} ${invitation.status}`).toBe(finished);
    }
  });

  it("names each enterprise user as a person, not by the company's name or the identity again", async () => {
    const users = await server.running.app.db.user.findMany({
      where: { role: 'ENTERPRISE' },
      include: { enterprise: true },
    });
    expect(users.length).toBeGreaterThan(10);
    for (const user of users) {
      expect(user.displayName, user.username).not.toContain(user.enterprise?.name ?? '-');
      expect(user.displayName, user.username).not.toMatch(/法定代表人|财务负责人|办税员|开票员/);
      expect(user.displayName, user.username).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
  });

  it('shows every bureau queue something to do on first start', async () => {
    const queues: [string, string, string][] = [
      ['th.officer1', 'ACCESS_APPLICATION', 'ACCEPTANCE'],
      ['gd.confirmer', 'ACCESS_APPLICATION', 'CONFIRMATION'],
      ['th.officer1', 'EXIT_APPLICATION', 'ACCEPTANCE'],
      ['th.officer1', 'EXIT_APPLICATION', 'REVIEW'],
      ['gd.confirmer', 'EXIT_APPLICATION', 'CONFIRMATION'],
      ['th.officer1', 'CAPABILITY_SUBSCRIPTION', 'REVIEW'],
      ['pd.officer1', 'INVITATION', 'ACCEPTANCE'],
      ['pd.officer1', 'INVITATION', 'CONFIRMATION'],
    ];
    for (const [user, kind, step] of queues) {
      const result = await server.gql(
        `{ reviewQueue(kind: ${kind}, step: ${step}, first: 5) { totalCount } }`,
        {},
        await server.signIn(user),
      );
      expect(result.data?.reviewQueue.totalCount, `${user} ${kind} ${step}`).toBeGreaterThan(0);
    }
  });
});
