// Lost races end in a typed conflict, never in a silent double transition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLETE_DRAFT, caseIn, createEnterprise, rawId, readApplication, saveDraft, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

/** Officers deciding the same case at the same moment (issue 7 asks for 50). */
const CONCURRENT_DECISIONS = 50;

describe(`access application races (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it(`${CONCURRENT_DECISIONS} concurrent accepts with the same expectedVersion by both 天河 officers: exactly one wins, one audit entry`, async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const tokens = [await server.signIn('th.officer1'), await server.signIn('th.officer2')];
    const caseEvents = () =>
      server.running.app.db.auditEvent.count({ where: { caseKind: 'ACCESS_APPLICATION', caseId: rawId(walked.id) } });
    const eventsBefore = await caseEvents();
    const results = await Promise.all(
      Array.from({ length: CONCURRENT_DECISIONS }, (_, index) =>
        transition(server, tokens[index % 2] as string, 'accept', walked.id, walked.version),
      ),
    );
    const winners = results.filter((result) => result.__typename === 'AccessApplicationSuccess');
    const losers = results.filter((result) => result.__typename !== 'AccessApplicationSuccess');
    expect(winners).toHaveLength(1);
    expect(winners[0].accessApplication).toMatchObject({ status: 'PENDING_REVIEW', version: walked.version + 1 });
    expect(losers).toHaveLength(CONCURRENT_DECISIONS - 1);
    for (const loser of losers) {
      expect(['STALE_VERSION', 'INVALID_TRANSITION'], JSON.stringify(loser)).toContain(loser.code);
      if (loser.code === 'STALE_VERSION') expect(loser.currentVersion).toBe(walked.version + 1);
    }
    const after = await readApplication(server, walked.owner.token, walked.id);
    expect(after).toMatchObject({ status: 'PENDING_REVIEW', version: walked.version + 1 });
    expect(after.auditTrail.filter((event: { event: string }) => event.event === 'accept')).toHaveLength(1);
    expect(
      await server.running.app.db.auditEvent.count({
        where: { caseKind: 'ACCESS_APPLICATION', caseId: rawId(walked.id), event: 'accept' },
      }),
    ).toBe(1);
    expect(await caseEvents()).toBe(eventsBefore + 1);
  });

  it('concurrent decisions of different kinds on one case: one wins, the case stays consistent', async () => {
    const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
    const [officer1, officer2] = [await server.signIn('th.officer1'), await server.signIn('th.officer2')];
    const results = await Promise.all([
      transition(server, officer1, 'accept', walked.id, walked.version),
      transition(server, officer2, 'refuse', walked.id, walked.version, '材料不全'),
      transition(server, officer2, 'accept', walked.id, walked.version),
      transition(server, officer1, 'refuse', walked.id, walked.version, '材料不全'),
    ]);
    const winners = results.filter((result) => result.__typename === 'AccessApplicationSuccess');
    expect(winners).toHaveLength(1);
    const after = await readApplication(server, walked.owner.token, walked.id);
    expect(after.status).toBe(winners[0].accessApplication.status);
    expect(after.version).toBe(walked.version + 1);
    expect(after.auditTrail.map((event: { event: string }) => event.event)).toEqual([
      'saveDraft',
      'submit',
      after.status === 'PENDING_REVIEW' ? 'accept' : 'refuse',
    ]);
  });

  it('two concurrent new drafts of one enterprise: one is created, the other is ALREADY_IN_FLIGHT', async () => {
    for (let round = 0; round < 3; round += 1) {
      const enterprise = await createEnterprise(server);
      const colleague = await server.running.app.db.user.create({
        data: {
          username: `${enterprise.username}.b`,
          passwordHash: (await server.running.app.db.user.findUniqueOrThrow({ where: { id: enterprise.userId } }))
            .passwordHash,
          displayName: `${enterprise.name} · 财务`,
          role: 'ENTERPRISE',
          identityType: 'FINANCE_MANAGER',
          enterpriseId: enterprise.id,
        },
      });
      const second = await server.signIn(colleague.username);
      const results = await Promise.all([
        saveDraft(server, enterprise.token, COMPLETE_DRAFT),
        saveDraft(server, second, COMPLETE_DRAFT),
      ]);
      const created = results.filter((result) => result.__typename === 'AccessApplicationSuccess');
      const refused = results.filter((result) => result.__typename !== 'AccessApplicationSuccess');
      expect(created, JSON.stringify(results)).toHaveLength(1);
      expect(refused[0]).toMatchObject({ code: 'ALREADY_IN_FLIGHT' });
      expect(await server.running.app.db.accessApplication.count({ where: { enterpriseId: enterprise.id } })).toBe(1);
    }
  });

  it('the same user saving a new draft twice at once: exactly one application', async () => {
    const clerk = await server.signIn('yf.clerk');
    const results = await Promise.all([
      saveDraft(server, clerk, COMPLETE_DRAFT),
      saveDraft(server, clerk, COMPLETE_DRAFT),
    ]);
    expect(results.map((result) => result.__typename ?? result.code).sort()).toEqual([
      'AccessApplicationSuccess',
      'BaseError',
    ]);
    expect(results.find((result) => result.__typename === 'BaseError')).toMatchObject({ code: 'ALREADY_IN_FLIGHT' });
    const list = await server.gql('{ viewer { accessApplications { id status } } }', {}, clerk);
    expect(list.data?.viewer.accessApplications).toHaveLength(1);
  });

  it('concurrent edits of one draft with the same expectedVersion: one wins, the other STALE_VERSION', async () => {
    const enterprise = await createEnterprise(server);
    const draft = (await saveDraft(server, enterprise.token, COMPLETE_DRAFT)).accessApplication;
    const edit = (name: string) =>
      saveDraft(server, enterprise.token, {
        ...COMPLETE_DRAFT,
        id: draft.id,
        expectedVersion: draft.version,
        basicInfo: { ...COMPLETE_DRAFT.basicInfo, contactName: name },
      });
    const results = await Promise.all([edit('甲'), edit('乙'), edit('丙')]);
    const winners = results.filter((result) => result.__typename === 'AccessApplicationSuccess');
    expect(winners).toHaveLength(1);
    for (const loser of results.filter((result) => result.__typename !== 'AccessApplicationSuccess')) {
      expect(loser).toMatchObject({ code: 'STALE_VERSION', currentVersion: draft.version + 1 });
    }
    const stored = await server.gql(
      'query($id: ID!) { accessApplication(id: $id) { version basicInfo { contactName } } }',
      { id: draft.id },
      enterprise.token,
    );
    expect(stored.data?.accessApplication.version).toBe(draft.version + 1);
    const winnerName = ['甲', '乙', '丙'][
      results.findIndex((result) => result.__typename === 'AccessApplicationSuccess')
    ];
    expect(stored.data?.accessApplication.basicInfo.contactName).toBe(winnerName);
  });
});
