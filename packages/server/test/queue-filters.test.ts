// Review queues: filters, newest-first order, age in working days and due state.
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
      `query($step: ReviewStep!, $first: Int, $after: String, $search: String, $filter: QueueFilterInput, $orderBy: QueueOrder) {
        reviewQueue(kind: ACCESS_APPLICATION, step: $step, first: $first, after: $after, search: $search, filter: $filter, orderBy: $orderBy) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id status stepEnteredAt ageInWorkingDays dueLimitDays dueAt dueState enterprise { name } } }
        }
      }`,
      { step: 'ACCEPTANCE', first: 100, ...variables },
      token,
    );
  }
  const ids = (result: any): string[] => result.data.reviewQueue.edges.map((edge: any) => edge.node.id);
  const nodeOf = (result: any, id: string) =>
    result.data.reviewQueue.edges.find((edge: any) => edge.node.id === id)?.node;

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

  it('refuses a cursor of the other order and a reversed date range', async () => {
    const page = await queue({ first: 1 });
    const cursor = page.data?.reviewQueue.pageInfo.endCursor;
    const mixed = await queue({ first: 1, after: cursor, orderBy: 'NEWEST_IN_STEP' });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
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

  it('lets a provincial officer narrow the confirmation queue to one local authority', async () => {
    const confirmer = await server.signIn('gd.confirmer');
    const all = await queue({ step: 'CONFIRMATION' }, confirmer);
    const haizhu = await queue({ step: 'CONFIRMATION', filter: { authorityCode: '14401050000' } }, confirmer);
    expect(all.data?.reviewQueue.totalCount).toBeGreaterThan(haizhu.data?.reviewQueue.totalCount);
    for (const edge of haizhu.data?.reviewQueue.edges ?? []) expect(edge.node.status).toBe('PENDING_CONFIRMATION');
  });
});
