import {
  ACCESS_APPLICATION_STATUSES,
  CAPABILITY_SUBSCRIPTION_STATUSES,
  chinaDayOf,
  EXIT_APPLICATION_STATUSES,
  INVITATION_STATUSES,
  isFinishedCase,
  type ReviewKind,
} from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../src/platform/events/audit.ts';
import { verifyAuditChains } from '../src/platform/events/verify.ts';
import { queueCounted, queueKept, waitingCounted, waitingKept } from './aggregates.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const DASHBOARD = '{ bureauDashboard { dueSoonCount overdueCount queues { kind step count } } }';
const QUEUE = `query($kind: ReviewKind!, $step: ReviewStep!) { reviewQueue(kind: $kind, step: $step, first: 100) {
  totalCount edges { node { id status dueState ageInWorkingDays stepEnteredAt submittedAt } } } }`;

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
    // and as `pnpm audit:verify` checks it
    expect(await verifyAuditChains(db)).toMatchObject({ intact: true, checkedEvents: events.length, firstBreak: null });
  });

  it('keeps the queue counters and the dashboard’s waiting days equal to a recount of the seeded cases', async () => {
    const db = server.running.app.db;
    expect(await queueKept(db)).toEqual(await queueCounted(db));
    expect(await waitingKept(db)).toEqual(await waitingCounted(db));
    // spread over several days, not all of them today
    const days = new Set(Object.keys(await waitingKept(db)).map((key) => key.split('|').at(-1)));
    expect(days.size).toBeGreaterThanOrEqual(4);
  });

  it.each(['th.officer1', 'pd.officer1', 'gd.confirmer', 'sh.confirmer'])(
    'shows %s fresh, 即将到期 and 已超期 cases, in the queues as on the dashboard',
    async (username) => {
      const token = await server.signIn(username);
      const board = (await server.gql(DASHBOARD, {}, token)).data?.bureauDashboard;
      const nodes: { dueState: string; ageInWorkingDays: number; stepEnteredAt: string }[] = [];
      for (const { kind, step, count } of board.queues) {
        if (count === 0) continue;
        const queue = await server.gql(QUEUE, { kind, step }, token);
        expect(queue.errors).toBeUndefined();
        expect(queue.data?.reviewQueue.totalCount).toBe(count);
        nodes.push(...(queue.data?.reviewQueue.edges ?? []).map((edge: { node: (typeof nodes)[number] }) => edge.node));
      }
      const inState = (state: string) => nodes.filter((node) => node.dueState === state).length;
      expect(inState('DUE_SOON'), username).toBeGreaterThanOrEqual(1);
      expect(inState('OVERDUE'), username).toBeGreaterThanOrEqual(1);
      expect(inState('ON_TIME'), username).toBeGreaterThanOrEqual(1);
      // the dashboard, read from the kept aggregate, counts what the queues show case by case
      expect([board.dueSoonCount, board.overdueCount]).toEqual([inState('DUE_SOON'), inState('OVERDUE')]);
      expect(new Set(nodes.map((node) => node.ageInWorkingDays)).size).toBeGreaterThanOrEqual(3);
      for (const node of nodes) expect(Date.parse(node.stepEnteredAt)).toBeLessThan(Date.now());
    },
  );

  it("tells every case's story in the past and in order: its row's times are the times of its events", async () => {
    const db = server.running.app.db;
    const now = Date.now();
    const events = await db.auditEvent.findMany({ orderBy: { id: 'asc' } });
    // one story: ids and times rise together, across cases too, and none is in the future
    for (const [index, event] of events.entries()) {
      expect(event.createdAt.getTime()).toBeLessThan(now);
      if (index > 0) expect(event.createdAt >= (events[index - 1] as typeof event).createdAt).toBe(true);
    }
    expect(new Set(events.map((event) => chinaDayOf(event.createdAt))).size).toBeGreaterThanOrEqual(20);
    const trail = new Map<string, { event: string; at: number }[]>();
    for (const event of events) {
      const key = `${event.caseKind}:${event.caseId}`;
      trail.set(key, [...(trail.get(key) ?? []), { event: event.event, at: event.createdAt.getTime() }]);
    }
    const rows: [ReviewKind, Record<string, any>[]][] = [
      ['ACCESS_APPLICATION', await db.accessApplication.findMany()],
      ['EXIT_APPLICATION', await db.exitApplication.findMany()],
      ['INVITATION', await db.invitation.findMany()],
      ['CAPABILITY_SUBSCRIPTION', await db.capabilitySubscription.findMany()],
    ];
    const timeOf = (steps: { event: string; at: number }[], ...names: string[]) =>
      steps.find((step) => names.includes(step.event))?.at ?? null;
    for (const [kind, cases] of rows) {
      for (const row of cases) {
        const steps = trail.get(`${kind}:${row.id}`) ?? [];
        const label = `${kind} ${row.status}`;
        expect(steps.length, label).toBeGreaterThan(0);
        const [first, last] = [steps[0]?.at, steps.at(-1)?.at];
        expect([row.createdAt.getTime(), row.stepEnteredAt.getTime(), row.updatedAt.getTime()], label).toEqual([
          first,
          last,
          last,
        ]);
        expect(row.decidedAt?.getTime() ?? null, label).toBe(isFinishedCase(kind, row.status) ? last : null);
        if (kind === 'ACCESS_APPLICATION' || kind === 'EXIT_APPLICATION') {
          expect(row.submittedAt?.getTime() ?? null, label).toBe(timeOf(steps, 'submit'));
        }
        if (kind === 'INVITATION')
          expect(row.respondedAt?.getTime() ?? null, label).toBe(timeOf(steps, 'respond', 'decline'));
      }
    }
  });

  it('dates what follows from the cases accordingly: the DCU, its subscription, bindings and authorisations', async () => {
    const db = server.running.app.db;
    const eventAt = async (caseKind: string, caseId: string, event: string) =>
      (await db.auditEvent.findFirstOrThrow({ where: { caseKind, caseId, event } })).createdAt;
    // 上海申联数据 became a DCU before it subscribed, uploaded its proof and invited anyone
    const shenlian = await db.enterprise.findUniqueOrThrow({ where: { uscc: '913100005432319483' } });
    const application = await db.accessApplication.findFirstOrThrow({ where: { enterpriseId: shenlian.id } });
    expect(shenlian.dcuConfirmedAt).toEqual(await eventAt('ACCESS_APPLICATION', application.id, 'confirm'));
    const confirmedAt = shenlian.dcuConfirmedAt as Date;
    const later = [
      ...(await db.capabilitySubscription.findMany({ where: { dcuEnterpriseId: shenlian.id } })),
      ...(await db.invitation.findMany({ where: { dcuEnterpriseId: shenlian.id } })),
      ...(await db.material.findMany({ where: { enterpriseId: shenlian.id } })),
    ];
    for (const row of later) expect(row.createdAt > confirmedAt).toBe(true);
    // bound when the invitation was confirmed, unbound when it was unbound; authorised from the binding on
    for (const binding of await db.binding.findMany({ include: { invitation: true } })) {
      expect(binding.boundAt).toEqual(await eventAt('INVITATION', binding.invitationId, 'confirm'));
      if (binding.unboundAt) {
        expect(binding.unboundAt).toEqual(binding.invitation.decidedAt);
        expect(binding.unboundAt > (binding.boundAt as Date), 'unbound after it was bound').toBe(true);
      }
      for (const authorisation of await db.capabilityAuthorisation.findMany({ where: { bindingId: binding.id } })) {
        expect([authorisation.validFrom, authorisation.createdAt]).toEqual([binding.boundAt, binding.boundAt]);
        expect(authorisation.revokedAt).toEqual(binding.unboundAt);
      }
    }
    // a DCU's subscription was cancelled when it submitted its exit, revoked when its exit was confirmed
    for (const [status, exitStatus, exitEvent] of [
      ['CANCELLED', 'PENDING_ACCEPTANCE', 'submit'],
      ['REVOKED', 'CONFIRMED', 'confirm'],
    ] as const) {
      const subscription = await db.capabilitySubscription.findFirstOrThrow({ where: { status } });
      const exit = await db.exitApplication.findFirstOrThrow({
        where: { enterpriseId: subscription.dcuEnterpriseId, status: exitStatus },
      });
      expect(subscription.decidedAt, status).toEqual(await eventAt('EXIT_APPLICATION', exit.id, exitEvent));
      expect(subscription.createdAt < (exit.submittedAt as Date), status).toBe(true);
    }
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
