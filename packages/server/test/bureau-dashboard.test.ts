// Saved queue views, the bureau dashboard and earlier applications of the same enterprise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, createEnterprise, rawId, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const SAVE = `mutation($input: SaveQueueViewInput!) { saveQueueView(input: $input) {
  __typename ... on QueueViewSuccess { queueView { id name kind step orderBy filter { statuses authorityCode submittedFrom search } } }
  ... on ValidationError { code issues { field code } } ... on Error { code } } }`;
const DELETE = `mutation($id: ID!) { deleteQueueView(input: { id: $id }) { __typename ... on Error { code } } }`;
const VIEWS = '{ viewer { queueViews { id name filter { search } } } }';
const DASHBOARD = `{ bureauDashboard { generatedAt overdueCount dueSoonCount
  queues { kind step count dueSoonCount overdueCount } decisionsPerDay { date count } ageBuckets { label count } } }`;

describe(`saved views, bureau dashboard, earlier applications (${databaseKind()})`, () => {
  let server: TestServer;
  let officer1: string;
  let officer2: string;
  beforeAll(async () => {
    server = await startTestServer();
    officer1 = await server.signIn('th.officer1');
    officer2 = await server.signIn('th.officer2');
  });
  afterAll(async () => server?.close());

  it('saves, lists, replaces by name and deletes an officer’s own views only', async () => {
    const input = {
      name: '超期的天河受理',
      kind: 'ACCESS_APPLICATION',
      step: 'ACCEPTANCE',
      orderBy: 'NEWEST_IN_STEP',
      search: '云帆',
      filter: { statuses: ['PENDING_ACCEPTANCE'], authorityCode: '14401060000', submittedFrom: '2026-01-01T00:00:00Z' },
    };
    const saved = await server.gql(SAVE, { input }, officer1);
    expect(saved.data?.saveQueueView).toMatchObject({
      __typename: 'QueueViewSuccess',
      queueView: {
        name: '超期的天河受理',
        orderBy: 'NEWEST_IN_STEP',
        filter: { statuses: ['PENDING_ACCEPTANCE'], authorityCode: '14401060000', search: '云帆' },
      },
    });
    const id = saved.data?.saveQueueView.queueView.id;
    const replaced = await server.gql(SAVE, { input: { ...input, search: '申联' } }, officer1);
    expect(replaced.data?.saveQueueView.queueView.id).toBe(id);
    const mine = await server.gql(VIEWS, {}, officer1);
    expect(mine.data?.viewer.queueViews).toEqual([{ id, name: '超期的天河受理', filter: { search: '申联' } }]);
    // another officer neither sees nor deletes it
    expect((await server.gql(VIEWS, {}, officer2)).data?.viewer.queueViews).toEqual([]);
    expect((await server.gql(DELETE, { id }, officer2)).data?.deleteQueueView).toMatchObject({ code: 'NOT_FOUND' });
    expect((await server.gql(DELETE, { id }, officer1)).data?.deleteQueueView.__typename).toBe('QueueViewSuccess');
    expect((await server.gql(VIEWS, {}, officer1)).data?.viewer.queueViews).toEqual([]);
  });

  it('refuses an empty or long name, a bad filter, and enterprise users', async () => {
    const base = { kind: 'INVITATION', step: 'ACCEPTANCE' };
    const blank = await server.gql(SAVE, { input: { ...base, name: '  ' } }, officer1);
    expect(blank.data?.saveQueueView).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'name', code: 'REQUIRED' }],
    });
    const long = await server.gql(SAVE, { input: { ...base, name: '名'.repeat(41) } }, officer1);
    expect(long.data?.saveQueueView.issues).toEqual([{ field: 'name', code: 'TOO_LONG' }]);
    const badFilter = await server.gql(
      SAVE,
      { input: { ...base, name: 'x', filter: { authorityCode: 'abc' } } },
      officer1,
    );
    expect(badFilter.data?.saveQueueView.issues).toEqual([
      { field: 'filter.authorityCode', code: 'INVALID_AUTHORITY_CODE' },
    ]);
    const enterprise = await server.gql(SAVE, { input: { ...base, name: 'x' } }, await server.signIn('yf.clerk'));
    expect(enterprise.data?.saveQueueView).toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    ['a right-to-left override (U+202E)', '天河\u202E理受期超'],
    ['a zero-width space', '天河\u200B超期'],
    ['a line break', '天河\n超期'],
  ])(
    'refuses a name with %s (VALIDATION_FAILED, INVALID_CHARACTERS), leaving the visible-name view alone',
    async (_label, name) => {
      const base = { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
      const visible = name.replace(/[\p{Cc}\p{Cf}]/gu, '');
      const kept = await server.gql(SAVE, { input: { ...base, name: visible, search: '云帆' } }, officer2);
      expect(kept.data?.saveQueueView.__typename).toBe('QueueViewSuccess');
      const refused = await server.gql(SAVE, { input: { ...base, name, search: '申联' } }, officer2, {
        'accept-language': 'en',
      });
      expect(refused.data?.saveQueueView).toEqual({
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'name', code: 'INVALID_CHARACTERS' }],
      });
      const views = (await server.gql(VIEWS, {}, officer2)).data?.viewer.queueViews;
      expect(views).toEqual([expect.objectContaining({ name: visible, filter: { search: '云帆' } })]);
      await server.gql(DELETE, { id: views[0].id }, officer2);
    },
  );

  it('sizes the queues of the jurisdiction with due and overdue counts, ages and decisions per day', async () => {
    const before = await server.gql(DASHBOARD, {}, officer1);
    expect(before.errors).toBeUndefined();
    const board = before.data?.bureauDashboard;
    const acceptance = board.queues.find((q: any) => q.kind === 'ACCESS_APPLICATION' && q.step === 'ACCEPTANCE');
    const queue = await server.gql(
      '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 1) { totalCount } }',
      {},
      officer1,
    );
    expect(acceptance.count).toBe(queue.data?.reviewQueue.totalCount);
    expect(board.decisionsPerDay).toHaveLength(30);
    const total = board.queues.reduce((sum: number, q: any) => sum + q.count, 0);
    expect(board.ageBuckets.reduce((sum: number, b: any) => sum + b.count, 0)).toBe(total);
    expect(board.ageBuckets.map((b: any) => b.label)).toEqual(['0-1', '2-3', '4-5', '6-10', '>10']);

    // a new case waiting 60 days is overdue; accepting another counts as today's decision
    const old = await caseIn(server, 'PENDING_ACCEPTANCE');
    await server.running.app.db.accessApplication.update({
      where: { id: rawId(old.id) },
      data: { stepEnteredAt: new Date(Date.now() - 60 * 86_400_000) },
    });
    const accepted = await caseIn(server, 'PENDING_ACCEPTANCE');
    await transition(server, officer1, 'accept', accepted.id, accepted.version);
    const after = (await server.gql(DASHBOARD, {}, officer1)).data?.bureauDashboard;
    const acceptanceAfter = after.queues.find((q: any) => q.kind === 'ACCESS_APPLICATION' && q.step === 'ACCEPTANCE');
    expect(acceptanceAfter.count).toBe(acceptance.count + 1);
    expect(acceptanceAfter.overdueCount).toBe(acceptance.overdueCount + 1);
    expect(after.overdueCount).toBe(board.overdueCount + 1);
    expect(after.ageBuckets.at(-1).count).toBe(board.ageBuckets.at(-1).count + 1);
    expect(after.decisionsPerDay.at(-1).count).toBeGreaterThan(board.decisionsPerDay.at(-1).count);
  });

  it("keeps to the jurisdiction: 浦东's officer counts none of 天河's, enterprises are refused", async () => {
    const pudong = (await server.gql(DASHBOARD, {}, await server.signIn('pd.officer1'))).data?.bureauDashboard;
    const queue = await server.gql(
      '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 1) { totalCount } }',
      {},
      await server.signIn('pd.officer1'),
    );
    const acceptance = pudong.queues.find((q: any) => q.kind === 'ACCESS_APPLICATION' && q.step === 'ACCEPTANCE');
    expect(acceptance.count).toBe(queue.data?.reviewQueue.totalCount);
    const refused = await server.gql(DASHBOARD, {}, await server.signIn('yf.clerk'));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each(['th.officer1', 'gd.confirmer', 'platform.admin'])(
    'counts every kind and step as its queue does, for %s (one jurisdiction rule per kind)',
    async (username) => {
      const token = await server.signIn(username);
      const board = (await server.gql(DASHBOARD, {}, token)).data?.bureauDashboard;
      expect(board.queues.map((q: any) => q.kind)).toEqual(
        expect.arrayContaining(['ACCESS_APPLICATION', 'INVITATION', 'EXIT_APPLICATION', 'CAPABILITY_SUBSCRIPTION']),
      );
      for (const { kind, step, count } of board.queues) {
        const queue = await server.gql(
          `{ reviewQueue(kind: ${kind}, step: ${step}, first: 1) { totalCount } }`,
          {},
          token,
        );
        expect({ kind, step, count }).toEqual({ kind, step, count: queue.data?.reviewQueue.totalCount });
      }
      expect(board.queues.some((q: any) => q.count > 0)).toBe(true);
    },
  );

  it('lists the earlier applications of the same enterprise on a case', async () => {
    const owner = await createEnterprise(server);
    const first = await caseIn(server, 'NOT_ACCEPTED', owner);
    const second = await caseIn(server, 'PENDING_ACCEPTANCE', owner);
    const result = await server.gql(
      `query($id: ID!) { node(id: $id) { ... on AccessApplication { earlierApplications { id status submittedAt } } } }`,
      { id: second.id },
      officer1,
    );
    expect(result.data?.node.earlierApplications).toEqual([
      { id: first.id, status: 'NOT_ACCEPTED', submittedAt: expect.any(String) },
    ]);
  });
});
