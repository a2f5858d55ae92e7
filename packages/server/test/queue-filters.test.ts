// Review queues: filters, orders (time in step, submission time), age in working days and due state.
import { compileCalendar, EMPTY_CALENDAR, workingDaysBetween } from '@leqi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, createEnterprise, rawId, type WalkedCase } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const DAY = 86_400_000;

/** An instant `age` working days before now (plain calendar), at the same time of day. */
function workingDaysAgo(age: number): Date {
  const calendar = compileCalendar(EMPTY_CALENDAR);
  const now = new Date();
  let at = new Date(now.getTime() - age * DAY);
  while (workingDaysBetween(at, now, calendar) < age) at = new Date(at.getTime() - DAY);
  return at;
}

describe(`review queue filters, order and due state (${databaseKind()})`, () => {
  let server: TestServer;
  let overdue: WalkedCase;
  let dueSoon: WalkedCase;
  let fresh: WalkedCase;
  let named: WalkedCase;
  let officer: string;

  beforeAll(async () => {
    server = await startTestServer({ QUEUE_DUE_DAYS: '5', QUEUE_DUE_SOON_DAYS: '1' });
    overdue = await caseIn(server, 'PENDING_ACCEPTANCE');
    dueSoon = await caseIn(server, 'PENDING_ACCEPTANCE');
    fresh = await caseIn(server, 'PENDING_ACCEPTANCE');
    named = await caseIn(
      server,
      'PENDING_ACCEPTANCE',
      await createEnterprise(server, { name: '广州筛选测试独特名称有限公司' }),
    );
    const db = server.running.app.db;
    // a fixed past far before every seeded case, so these lead the oldest-first queue
    await db.accessApplication.update({
      where: { id: rawId(overdue.id) },
      data: { stepEnteredAt: new Date('2020-03-02T02:00:00Z'), submittedAt: new Date('2020-03-02T02:00:00Z') },
    });
    await db.accessApplication.update({ where: { id: rawId(dueSoon.id) }, data: { stepEnteredAt: workingDaysAgo(4) } });
    officer = await server.signIn('th.officer1');
  });
  afterAll(async () => server?.close());

  async function queue(variables: Record<string, unknown>, token = officer) {
    return server.gql(
      `query($kind: ReviewKind!, $step: ReviewStep!, $first: Int, $after: String, $search: String, $filter: QueueFilterInput, $orderBy: QueueOrder) {
        reviewQueue(kind: $kind, step: $step, first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id status stepEnteredAt submittedAt ageInWorkingDays dueLimitDays dueAt dueState enterprise { name } } }
        }
      }`,
      { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', first: 100, ...variables },
      token,
    );
  }
  const ids = (result: any): string[] => result.data.reviewQueue.edges.map((edge: any) => edge.node.id);
  const nodeOf = (result: any, id: string) =>
    result.data.reviewQueue.edges.find((edge: any) => edge.node.id === id)?.node;
  /** Every row of a queue, `first` at a time, following endCursor: the nodes in the order walked. */
  async function walk(variables: Record<string, unknown>, first: number): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await queue({ ...variables, first, after });
      expect(page.errors).toBeUndefined();
      const connection = page.data?.reviewQueue;
      nodes.push(...connection.edges.map((edge: any) => edge.node));
      if (!connection.pageInfo.hasNextPage) return nodes;
      after = connection.pageInfo.endCursor;
    }
  }

  it('reports age in working days and ON_TIME / DUE_SOON / OVERDUE against the configured limit', async () => {
    const result = await queue({});
    expect(result.errors).toBeUndefined();
    expect(nodeOf(result, overdue.id)).toMatchObject({ dueState: 'OVERDUE', dueLimitDays: 5 });
    expect(nodeOf(result, overdue.id).ageInWorkingDays).toBeGreaterThan(1000);
    // 2 Mar 2020 was a Monday: five working days later ends at midnight of Monday 9 Mar (Beijing)
    expect(nodeOf(result, overdue.id).dueAt).toBe('2020-03-09T16:00:00.000Z');
    expect(nodeOf(result, dueSoon.id)).toMatchObject({ ageInWorkingDays: 4, dueState: 'DUE_SOON' });
    expect(nodeOf(result, fresh.id)).toMatchObject({ ageInWorkingDays: 0, dueState: 'ON_TIME' });
  });

  it('orders oldest first by default and newest first on request, each keyset-paged without gaps', async () => {
    const oldest = ids(await queue({}));
    expect(oldest[0]).toBe(overdue.id);
    const newest = ids(await queue({ orderBy: 'NEWEST_IN_STEP' }));
    expect(newest).toEqual([...oldest].reverse());
    const walked: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await queue({ orderBy: 'NEWEST_IN_STEP', first: 2, after });
      expect(page.errors).toBeUndefined();
      walked.push(...ids(page));
      if (!page.data?.reviewQueue.pageInfo.hasNextPage) break;
      after = page.data.reviewQueue.pageInfo.endCursor;
    }
    expect(walked).toEqual(newest);
  });

  it('orders by submission time, earliest or latest submitted first, keyset-paged across pages', async () => {
    const db = server.running.app.db;
    // submitted in May 2021 in an order unlike their time in the step; two at the same instant, then by id
    const cases = [];
    for (let index = 0; index < 4; index += 1) cases.push(await caseIn(server, 'PENDING_ACCEPTANCE'));
    const submitted = ['2021-05-03T02:00:00Z', '2021-05-01T02:00:00Z', '2021-05-02T02:00:00Z', '2021-05-02T02:00:00Z'];
    for (const [index, walked] of cases.entries()) {
      await db.accessApplication.update({
        where: { id: rawId(walked.id) },
        data: {
          submittedAt: new Date(submitted[index] as string),
          stepEnteredAt: new Date(Date.UTC(2022, 0, 1 + index)),
        },
      });
    }
    const [a, b, c, d] = cases.map((walked) => walked.id) as [string, string, string, string];
    const [tie1, tie2] = rawId(c) < rawId(d) ? [c, d] : [d, c];
    const may = { submittedFrom: '2021-05-01T00:00:00Z', submittedTo: '2021-05-31T23:59:59Z' };
    expect(ids(await queue({ filter: may }))).toEqual([a, b, c, d]);

    const earliest = await queue({ filter: may, orderBy: 'SUBMITTED_OLDEST', first: 2 });
    expect(ids(earliest)).toEqual([b, tie1]);
    expect(earliest.data?.reviewQueue).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const after = earliest.data?.reviewQueue.pageInfo.endCursor;
    const earliest2 = await queue({ filter: may, orderBy: 'SUBMITTED_OLDEST', first: 2, after });
    expect(ids(earliest2)).toEqual([tie2, a]);
    expect(earliest2.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);

    const latest = await queue({ filter: may, orderBy: 'SUBMITTED_NEWEST', first: 2 });
    expect(ids(latest)).toEqual([a, tie2]);
    const latest2 = await queue({
      filter: may,
      orderBy: 'SUBMITTED_NEWEST',
      first: 2,
      after: latest.data?.reviewQueue.pageInfo.endCursor,
    });
    expect(ids(latest2)).toEqual([tie1, b]);
    expect(latest2.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);
  });

  it('pages rows without a submission time after all others, in both submission orders', async () => {
    // the workflow always sets submittedAt before a case is queued; rows written outside it must not be lost
    const unsubmitted = [await caseIn(server, 'PENDING_ACCEPTANCE'), await caseIn(server, 'PENDING_ACCEPTANCE')];
    for (const walked of unsubmitted) {
      await server.running.app.db.accessApplication.update({
        where: { id: rawId(walked.id) },
        data: { submittedAt: null },
      });
    }
    const nulls = unsubmitted.map((walked) => walked.id).sort((x, y) => (rawId(x) < rawId(y) ? -1 : 1));
    const all = ids(await queue({}));
    for (const orderBy of ['SUBMITTED_OLDEST', 'SUBMITTED_NEWEST']) {
      const whole = await queue({ orderBy });
      expect(whole.errors).toBeUndefined();
      const nodes = await walk({ orderBy }, 1);
      expect(nodes.map((node) => node.id)).toEqual(ids(whole));
      expect(new Set(nodes.map((node) => node.id))).toEqual(new Set(all));
      const times = nodes.filter((node) => node.submittedAt).map((node) => Date.parse(node.submittedAt));
      const sorted = [...times].sort((x, y) => (orderBy === 'SUBMITTED_OLDEST' ? x - y : y - x));
      expect(times).toEqual(sorted);
      // never submitted: last, by id in the order's direction
      const tail = nodes.slice(-2).map((node) => node.id);
      expect(tail).toEqual(orderBy === 'SUBMITTED_OLDEST' ? nulls : [...nulls].reverse());
      expect(nodes.slice(-2).every((node) => node.submittedAt === null)).toBe(true);
    }
    // the date filter never matches a row without a submission time
    const since2000 = await queue({ orderBy: 'SUBMITTED_OLDEST', filter: { submittedFrom: '2000-01-01T00:00:00Z' } });
    expect(ids(since2000)).not.toContain(nulls[0]);
  });

  it('orders every kind by its own submission column', async () => {
    const queues = [
      { kind: 'EXIT_APPLICATION', step: 'ACCEPTANCE' },
      { kind: 'INVITATION', step: 'ACCEPTANCE' },
      { kind: 'CAPABILITY_SUBSCRIPTION', step: 'REVIEW' },
    ];
    for (const where of queues) {
      for (const orderBy of ['SUBMITTED_OLDEST', 'SUBMITTED_NEWEST']) {
        const whole = await queue({ ...where, orderBy });
        expect(whole.errors, `${where.kind} ${orderBy}`).toBeUndefined();
        expect(whole.data?.reviewQueue.totalCount, where.kind).toBeGreaterThan(0);
        const nodes = await walk({ ...where, orderBy }, 1);
        expect(nodes.map((node) => node.id)).toEqual(ids(whole));
        const times = nodes.map((node) => Date.parse(node.submittedAt));
        expect(times).toEqual([...times].sort((x, y) => (orderBy === 'SUBMITTED_OLDEST' ? x - y : y - x)));
      }
    }
  });

  it('refuses a cursor of another order and a reversed date range', async () => {
    const page = await queue({ first: 1 });
    const cursor = page.data?.reviewQueue.pageInfo.endCursor;
    const mixed = await queue({ first: 1, after: cursor, orderBy: 'NEWEST_IN_STEP' });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const cursorOf = async (orderBy: string) =>
      (await queue({ first: 1, orderBy })).data?.reviewQueue.pageInfo.endCursor as string;
    const orders = ['OLDEST_IN_STEP', 'NEWEST_IN_STEP', 'SUBMITTED_OLDEST', 'SUBMITTED_NEWEST'];
    for (const issued of orders) {
      const issuedCursor = await cursorOf(issued);
      for (const orderBy of orders) {
        const next = await queue({ first: 1, after: issuedCursor, orderBy });
        if (orderBy === issued) expect(next.errors, orderBy).toBeUndefined();
        else
          expect(next.errors?.[0]?.extensions, `${issued} → ${orderBy}`).toMatchObject({
            code: 'VALIDATION_FAILED',
            issues: [{ field: 'after', code: 'INVALID_FORMAT' }],
          });
      }
    }
    const reversed = await queue({
      filter: { submittedFrom: '2026-02-01T00:00:00Z', submittedTo: '2026-01-01T00:00:00Z' },
    });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const badAuthority = await queue({ filter: { authorityCode: '123' } });
    expect(badAuthority.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('filters by submission date range, status, authority and name', async () => {
    const early = await queue({
      filter: { submittedFrom: '2020-03-01T00:00:00Z', submittedTo: '2020-03-31T00:00:00Z' },
    });
    expect(ids(early)).toEqual([overdue.id]);
    expect(early.data?.reviewQueue.totalCount).toBe(1);
    const wrongStatus = await queue({ filter: { statuses: ['PENDING_REVIEW'] } });
    expect(wrongStatus.data?.reviewQueue).toMatchObject({ totalCount: 0, edges: [] });
    const rightStatus = await queue({ filter: { statuses: ['PENDING_ACCEPTANCE'] } });
    expect(ids(rightStatus)).toContain(fresh.id);
    // 天河's officer filtering on 海珠 sees nothing: a filter never widens the jurisdiction
    const haizhu = await queue({ filter: { authorityCode: '14401050000' } });
    expect(haizhu.data?.reviewQueue.totalCount).toBe(0);
    const tianhe = await queue({ filter: { authorityCode: '14401060000' } });
    expect(ids(tianhe)).toEqual(ids(await queue({})));
    const byName = await queue({ search: '筛选测试独特' });
    expect(ids(byName)).toEqual([named.id]);
  });

  it('saves and reads back a view ordered by submission time', async () => {
    const save = `mutation($input: SaveQueueViewInput!) { saveQueueView(input: $input) {
      __typename ... on QueueViewSuccess { queueView { name orderBy } } ... on Error { code } } }`;
    for (const orderBy of ['SUBMITTED_NEWEST', 'SUBMITTED_OLDEST']) {
      const input = { name: `按提交时间 ${orderBy}`, kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', orderBy };
      const saved = await server.gql(save, { input }, officer);
      expect(saved.data?.saveQueueView).toEqual({
        __typename: 'QueueViewSuccess',
        queueView: { name: input.name, orderBy },
      });
    }
    const views = await server.gql('{ viewer { queueViews { name orderBy } } }', {}, officer);
    expect(views.data?.viewer.queueViews).toEqual(
      expect.arrayContaining([
        { name: '按提交时间 SUBMITTED_NEWEST', orderBy: 'SUBMITTED_NEWEST' },
        { name: '按提交时间 SUBMITTED_OLDEST', orderBy: 'SUBMITTED_OLDEST' },
      ]),
    );
  });

  it('lets a provincial officer narrow the confirmation queue to one local authority', async () => {
    const confirmer = await server.signIn('gd.confirmer');
    const all = await queue({ step: 'CONFIRMATION' }, confirmer);
    const haizhu = await queue({ step: 'CONFIRMATION', filter: { authorityCode: '14401050000' } }, confirmer);
    expect(all.data?.reviewQueue.totalCount).toBeGreaterThan(haizhu.data?.reviewQueue.totalCount);
    for (const edge of haizhu.data?.reviewQueue.edges ?? []) expect(edge.node.status).toBe('PENDING_CONFIRMATION');
  });
});
