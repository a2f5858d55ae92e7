import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import { caseIn, createEnterprise } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const LIST = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { cursor caseKind caseKindLabel event toStatus toStatusLabel message actorName read } }
  }
  unreadNotificationCount
}`;
const MARK = `mutation($upTo: String) { markNotificationsRead(input: {upTo: $upTo}) {
  __typename ... on MarkNotificationsReadSuccess { lastReadCursor unreadCount }
  ... on Error { code } ... on ValidationError { issues { field code } } } }`;

describe(`notification inbox 消息通知 (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  const list = async (token: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>) => {
    const result = await server.gql(LIST, variables, token, headers);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data as {
      notifications: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: any[] };
      unreadNotificationCount: number;
    };
  };

  it('lists the bureau’s decisions on the enterprise’s case, newest first, in the manual’s words, not its own acts', async () => {
    const walked = await caseIn(server, 'PENDING_CONFIRMATION');
    const { notifications, unreadNotificationCount } = await list(walked.owner.token);
    const events = notifications.edges.map((e) => e.node.event);
    expect(events).toEqual(['approveReview', 'accept']);
    expect(notifications.totalCount).toBe(2);
    expect(unreadNotificationCount).toBe(2);
    const [newest, older] = notifications.edges.map((e) => e.node);
    expect(BigInt(newest.cursor)).toBeGreaterThan(BigInt(older.cursor));
    expect(newest).toMatchObject({ caseKind: 'ACCESS_APPLICATION', toStatusLabel: '待确认', read: false });
    expect(newest.message).toBe('接入申请复核通过，当前状态：待确认。');
    expect(older.message).toBe('接入申请已受理，当前状态：待复核。');
    const en = await list(walked.owner.token, {}, { 'accept-language': 'en' });
    expect(en.notifications.edges[1].node.message).toBe('Access application accepted; status: Pending review.');
  });

  it('phrases a refusal with its reason', async () => {
    const walked = await caseIn(server, 'NOT_ACCEPTED');
    const { notifications } = await list(walked.owner.token);
    expect(notifications.edges[0].node.message).toMatch(/^接入申请不予受理，当前状态：不予受理，原因：.+。$/);
  });

  it('pages with cursors and marks read up to a cursor; the read cursor never moves back', async () => {
    const walked = await caseIn(server, 'CONFIRMED');
    const token = walked.owner.token;
    const first = await list(token, { first: 2 });
    expect(first.notifications.edges).toHaveLength(2);
    expect(first.notifications.pageInfo.hasNextPage).toBe(true);
    const rest = await list(token, { first: 2, after: first.notifications.pageInfo.endCursor });
    expect(rest.notifications.edges.map((e) => e.node.event)).toEqual(['accept']);
    expect(rest.notifications.pageInfo.hasNextPage).toBe(false);

    const oldest = rest.notifications.edges[0].cursor as string;
    const marked = (await server.gql(MARK, { upTo: oldest }, token)).data?.markNotificationsRead;
    expect(marked).toMatchObject({
      __typename: 'MarkNotificationsReadSuccess',
      lastReadCursor: oldest,
      unreadCount: 2,
    });
    const unread = await list(token, { unreadOnly: true });
    expect(unread.notifications.edges.map((e) => e.node.event)).toEqual(['confirm', 'approveReview']);
    expect((await list(token)).notifications.edges.map((e) => e.node.read)).toEqual([false, false, true]);

    const all = (await server.gql(MARK, {}, token)).data?.markNotificationsRead;
    expect(all.unreadCount).toBe(0);
    const back = (await server.gql(MARK, { upTo: oldest }, token)).data?.markNotificationsRead;
    expect(back.lastReadCursor).toBe(all.lastReadCursor);
    expect((await list(token)).unreadNotificationCount).toBe(0);
  });

  it('read state is per user: a colleague of the same enterprise still has it unread', async () => {
    const walked = await caseIn(server, 'PENDING_REVIEW');
    // an event is listed once every transaction begun before it has ended (cursor.ts): wait for the case's latest
    // (the acceptance), then mark everything read
    const deadline = Date.now() + 10_000;
    while (!(await list(walked.owner.token)).notifications.edges.some((e) => e.node.event === 'accept')) {
      if (Date.now() > deadline) throw new Error('the acceptance never reached the inbox');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await server.gql(MARK, {}, walked.owner.token);
    const db = server.running.app.db;
    const colleague = `${walked.owner.username}.b`;
    await db.user.create({
      data: {
        username: colleague,
        passwordHash: await demoPasswordHash(),
        displayName: colleague,
        role: 'ENTERPRISE',
        identityType: 'FINANCE_MANAGER',
        enterpriseId: walked.owner.id,
      },
    });
    const theirs = await list(await server.signIn(colleague));
    // the colleague did not submit: they are told of the submission too
    expect(theirs.unreadNotificationCount).toBe(theirs.notifications.totalCount);
    expect(theirs.notifications.edges.map((e) => e.node.event)).toContain('submit');
    expect((await list(walked.owner.token)).unreadNotificationCount).toBe(0);
  });

  it('another enterprise sees none of it', async () => {
    await caseIn(server, 'PENDING_REVIEW');
    const other = await createEnterprise(server);
    const { notifications, unreadNotificationCount } = await list(other.token);
    expect(notifications.totalCount).toBe(0);
    expect(unreadNotificationCount).toBe(0);
  });

  it('rejects a malformed cursor with a typed validation error', async () => {
    const other = await createEnterprise(server);
    const marked = (await server.gql(MARK, { upTo: 'abc' }, other.token)).data?.markNotificationsRead;
    expect(marked).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'upTo', code: 'INVALID_FORMAT' }],
    });
    const listed = await server.gql(LIST, { after: 'zzz' }, other.token);
    expect(listed.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    // digits only, but past what an event id or a transaction id can be: a typed refusal, not a database error
    for (const cursor of ['9'.repeat(19), '9'.repeat(39), `${2n ** 63n * 10n ** 19n}`]) {
      const page = await server.gql(LIST, { after: cursor }, other.token);
      expect(page.errors?.[0]?.extensions?.code, cursor).toBe('VALIDATION_FAILED');
      const mark = (await server.gql(MARK, { upTo: cursor }, other.token)).data?.markNotificationsRead;
      expect(mark, cursor).toMatchObject({ __typename: 'ValidationError' });
    }
  });

  it('officers have no inbox (FORBIDDEN)', async () => {
    const result = await server.gql(LIST, {}, await server.signIn('th.officer1'));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
