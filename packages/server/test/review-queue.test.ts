// Review queues: jurisdiction, keyset paging, search and argument limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, type WalkedCase } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const NODE = 'id version status enterprise { uscc name competentAuthority { code } }';

describe(`review queues (${databaseKind()})`, () => {
  let server: TestServer;
  let extra: WalkedCase[];
  beforeAll(async () => {
    server = await startTestServer();
    // a few more cases waiting for acceptance at 天河, so paging has something to walk
    extra = [];
    for (let index = 0; index < 4; index += 1) extra.push(await caseIn(server, 'PENDING_ACCEPTANCE'));
  });
  afterAll(async () => server?.close());

  async function queue(
    username: string | null,
    step: string,
    args: { first?: number; after?: string; search?: string } = {},
  ) {
    const result = await server.gql(
      `query($step: ReviewStep!, $first: Int, $after: String, $search: String) {
        reviewQueue(kind: ACCESS_APPLICATION, step: $step, first: $first, after: $after, search: $search) {
          totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } }
        }
      }`,
      { step, ...args },
      username ? await server.signIn(username) : undefined,
    );
    return result;
  }
  const names = (result: any): string[] => result.data.reviewQueue.edges.map((edge: any) => edge.node.enterprise.name);

  it("th.officer1 sees 天河's cases only, in the statuses of each step", async () => {
    const expected = {
      ACCEPTANCE: ['PENDING_ACCEPTANCE'],
      REVIEW: ['PENDING_REVIEW'],
      CONFIRMATION: ['PENDING_CONFIRMATION'],
    };
    for (const [step, statuses] of Object.entries(expected)) {
      const result = await queue('th.officer1', step, { first: 100 });
      expect(result.errors).toBeUndefined();
      const edges = result.data?.reviewQueue.edges;
      expect(edges.length).toBeGreaterThan(0);
      for (const edge of edges) {
        expect(edge.node.enterprise.competentAuthority.code).toBe('14401060000');
        expect(statuses).toContain(edge.node.status);
      }
      expect(names(result).some((name) => name.startsWith('上海'))).toBe(false);
    }
    const acceptance = await queue('th.officer1', 'ACCEPTANCE', { first: 100 });
    expect(names(acceptance)).toContain('广州示例二号科技有限公司');
    for (const walked of extra)
      expect(acceptance.data?.reviewQueue.edges.map((edge: any) => edge.node.id)).toContain(walked.id);
    // 海珠 has nothing of 天河's
    const haizhu = await queue('hzq.officer1', 'ACCEPTANCE', { first: 100 });
    expect(
      haizhu.data?.reviewQueue.edges.filter(
        (edge: any) => edge.node.enterprise.competentAuthority.code === '14401060000',
      ),
    ).toEqual([]);
    const pudong = await queue('pd.officer1', 'ACCEPTANCE', { first: 100 });
    expect(names(pudong)).toEqual(['上海示例甲信息有限公司']);
  });

  it("gd.confirmer's CONFIRMATION queue shows 广东 cases and not 上海 ones", async () => {
    const guangdong = await queue('gd.confirmer', 'CONFIRMATION', { first: 100 });
    expect(names(guangdong)).toContain('广州示例六号科技有限公司');
    expect(names(guangdong)).not.toContain('上海示例丙信息有限公司');
    for (const edge of guangdong.data?.reviewQueue.edges ?? []) {
      expect(edge.node.status).toBe('PENDING_CONFIRMATION');
      expect(edge.node.enterprise.competentAuthority.code.slice(0, 3)).toBe('144');
    }
    const shanghai = await queue('sh.confirmer', 'CONFIRMATION', { first: 100 });
    expect(names(shanghai)).toEqual(['上海示例丙信息有限公司']);
    const zhejiang = await queue('zj.confirmer', 'CONFIRMATION', { first: 100 });
    expect(zhejiang.data?.reviewQueue).toMatchObject({ totalCount: 0, edges: [] });
  });

  it('keyset paging with first: 1 walks the whole queue without duplicates or gaps; totalCount is right', async () => {
    const all = await queue('th.officer1', 'ACCEPTANCE', { first: 100 });
    const everything: string[] = all.data?.reviewQueue.edges.map((edge: any) => edge.node.id);
    expect(everything.length).toBeGreaterThanOrEqual(5);
    expect(all.data?.reviewQueue.totalCount).toBe(everything.length);
    expect(all.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);

    const walked: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < everything.length + 2; page += 1) {
      const result = await queue('th.officer1', 'ACCEPTANCE', { first: 1, ...(after ? { after } : {}) });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.reviewQueue;
      expect(connection.totalCount).toBe(everything.length);
      expect(connection.edges).toHaveLength(1);
      walked.push(connection.edges[0].node.id);
      expect(connection.pageInfo.endCursor).toBe(connection.edges[0].cursor);
      after = connection.pageInfo.endCursor;
      if (!connection.pageInfo.hasNextPage) break;
    }
    expect(new Set(walked).size).toBe(walked.length);
    expect(walked).toEqual(everything);
    const beyond = await queue('th.officer1', 'ACCEPTANCE', { first: 1, after });
    expect(beyond.data?.reviewQueue).toMatchObject({ edges: [], pageInfo: { hasNextPage: false } });

    // pages of 2 give the same order
    const pairs: string[] = [];
    after = undefined;
    for (;;) {
      const connection: any = (await queue('th.officer1', 'ACCEPTANCE', { first: 2, ...(after ? { after } : {}) })).data
        ?.reviewQueue;
      pairs.push(...connection.edges.map((edge: any) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pairs).toEqual(everything);
  });

  it('a cursor of the earlier release (an ISO time, not milliseconds) continues the page where it left off', async () => {
    const all = await queue('th.officer1', 'ACCEPTANCE', { first: 100 });
    const everything: string[] = all.data?.reviewQueue.edges.map((edge: any) => edge.node.id);
    const first = (await queue('th.officer1', 'ACCEPTANCE', { first: 2 })).data?.reviewQueue;
    const [at, id] = Buffer.from(first.pageInfo.endCursor, 'base64url').toString().split('|');
    expect(at).toMatch(/^\d+$/);
    const legacy = Buffer.from(`${new Date(Number(at)).toISOString()}|${id}`).toString('base64url');
    const rest = (await queue('th.officer1', 'ACCEPTANCE', { first: 100, after: legacy })).data?.reviewQueue;
    expect(rest.edges.map((edge: any) => edge.node.id)).toEqual(everything.slice(2));
  });

  it('a case leaving the queue while paging neither duplicates nor hides the others', async () => {
    const first = (await queue('th.officer1', 'ACCEPTANCE', { first: 2 })).data?.reviewQueue;
    const before = (await queue('th.officer1', 'ACCEPTANCE', { first: 100 })).data?.reviewQueue.edges.map(
      (edge: any) => edge.node.id,
    );
    // accept one of the cases still ahead of the cursor
    const target = extra.find((walked) => before.indexOf(walked.id) >= 2) as WalkedCase;
    const accepted = await server.gql(
      'mutation($input: CaseVersionInput!) { acceptAccessApplication(input: $input) { __typename } }',
      { input: { id: target.id, expectedVersion: target.version } },
      await server.signIn('th.officer2'),
    );
    expect(accepted.data?.acceptAccessApplication.__typename).toBe('AccessApplicationSuccess');
    const rest: string[] = [];
    let after = first.pageInfo.endCursor;
    for (;;) {
      const connection: any = (await queue('th.officer1', 'ACCEPTANCE', { first: 2, after })).data?.reviewQueue;
      rest.push(...connection.edges.map((edge: any) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect([...first.edges.map((edge: any) => edge.node.id), ...rest]).toEqual(
      before.filter((id: string) => id !== target.id),
    );
    // and it now waits for review
    const review = await queue('th.officer2', 'REVIEW', { first: 100 });
    expect(review.data?.reviewQueue.edges.map((edge: any) => edge.node.id)).toContain(target.id);
  });

  it('searches by USCC prefix (any case) and by part of the name', async () => {
    const target = extra[0] as WalkedCase;
    const byUscc = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: target.owner.uscc.toLowerCase() });
    expect(byUscc.data?.reviewQueue.edges.map((edge: any) => edge.node.id)).toEqual([target.id]);
    expect(byUscc.data?.reviewQueue.totalCount).toBe(1);
    // a prefix shared by the test enterprises only
    const prefix = target.owner.uscc.slice(0, 14);
    const byPrefix = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: ` ${prefix} ` });
    const prefixed = byPrefix.data?.reviewQueue.edges.map((edge: any) => edge.node.enterprise.uscc);
    expect(prefixed.length).toBeGreaterThanOrEqual(1);
    for (const uscc of prefixed) expect(uscc.startsWith(prefix)).toBe(true);
    expect(byPrefix.data?.reviewQueue.totalCount).toBe(prefixed.length);

    const byName = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: '示例二号' });
    expect(names(byName)).toEqual(['广州示例二号科技有限公司']);
    const byFullName = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: target.owner.name });
    expect(byFullName.data?.reviewQueue.edges.map((edge: any) => edge.node.id)).toEqual([target.id]);
    // search stays within the jurisdiction
    const foreign = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: '上海示例' });
    expect(foreign.data?.reviewQueue).toMatchObject({ totalCount: 0, edges: [] });
    const nothing = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: '不存在的企业名称' });
    expect(nothing.data?.reviewQueue.totalCount).toBe(0);
    // a USCC in the middle is not a prefix
    const middle = await queue('th.officer1', 'ACCEPTANCE', { first: 100, search: target.owner.uscc.slice(4) });
    expect(middle.data?.reviewQueue.totalCount).toBe(0);
  });

  it.each([0, -1, 101, 1000])('first: %i is out of 1..100 → error', async (first) => {
    const result = await queue('th.officer1', 'ACCEPTANCE', { first });
    expect(result.data?.reviewQueue ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('first: 100 and 1 are fine; a malformed cursor is an error', async () => {
    expect((await queue('th.officer1', 'ACCEPTANCE', { first: 100 })).errors).toBeUndefined();
    expect((await queue('th.officer1', 'ACCEPTANCE', { first: 1 })).errors).toBeUndefined();
    const bad = await queue('th.officer1', 'ACCEPTANCE', { first: 10, after: 'not-a-cursor' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });

  it('enterprise users get FORBIDDEN, anonymous callers UNAUTHENTICATED', async () => {
    for (const username of ['yf.clerk', 'sl.legal', 'by.finance']) {
      const result = await queue(username, 'ACCEPTANCE');
      expect(result.data?.reviewQueue ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions?.code, username).toBe('FORBIDDEN');
    }
    const anonymous = await queue(null, 'ACCEPTANCE');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
  it("a page asking for an application's own fields gets them; one asking ReviewCase fields only gets the same cases", async () => {
    const officer = await server.signIn('th.officer1');
    const own = `id ... on AccessApplication { useUnits { uscc name } basicInfo { contactName } accessType }`;
    const page = async (node: string) =>
      (
        await server.gql(
          `{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 5) { edges { node { ${node} } } } }`,
          {},
          officer,
        )
      ).data?.reviewQueue.edges.map((edge: any) => edge.node);
    const whole = await page(own);
    const lean = await page('id status enterprise { uscc }');
    expect(lean.map((node: any) => node.id)).toEqual(whole.map((node: any) => node.id));
    for (const node of whole) {
      const read = await server.gql(`query($id: ID!) { node(id: $id) { ${own} } }`, { id: node.id }, officer);
      expect(node).toEqual(read.data?.node);
      expect(node.basicInfo).not.toBeNull();
    }
  });

  it("a page asking only who each case's enterprise is names the same enterprises as one asking more of them", async () => {
    const officer = await server.signIn('th.officer1');
    const page = async (enterprise: string) =>
      (
        await server.gql(
          `{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 5) { totalCount edges { node { id enterprise { ${enterprise} } } } } }`,
          {},
          officer,
        )
      ).data?.reviewQueue;
    const identity = await page('id uscc name');
    const more = await page('id uscc name dcuStatus inPilot creditRating competentAuthority { code }');
    expect(identity.totalCount).toBe(more.totalCount);
    expect(identity.edges.length).toBeGreaterThan(0);
    for (const [index, edge] of more.edges.entries()) {
      expect(identity.edges[index].node.enterprise).toEqual({
        id: edge.node.enterprise.id,
        uscc: edge.node.enterprise.uscc,
        name: edge.node.enterprise.name,
      });
      // the fuller page reads the enterprise's other columns too: as the enterprise's own node answers them
      const read = await server.gql(
        'query($id: ID!) { node(id: $id) { ... on Enterprise { dcuStatus inPilot creditRating competentAuthority { code } } } }',
        { id: edge.node.enterprise.id },
        officer,
      );
      expect(edge.node.enterprise).toMatchObject(read.data?.node);
      expect(edge.node.enterprise.dcuStatus).toMatch(/^[A-Z_]+$/);
    }
  });

  it('a cursor past every range of the order gets an empty page and still the whole total', async () => {
    const officer = await server.signIn('th.officer1');
    const subscriptions = (after: string | null) =>
      server.gql(
        `query($after: String) { reviewQueue(kind: CAPABILITY_SUBSCRIPTION, step: REVIEW, orderBy: SUBMITTED_OLDEST, after: $after) {
          totalCount pageInfo { hasNextPage } edges { node { id } } } }`,
        { after },
        officer,
      );
    const whole = await subscriptions(null);
    expect(whole.errors).toBeUndefined();
    expect(whole.data?.reviewQueue.totalCount).toBeGreaterThan(0);
    // a subscription is submitted when created: "never submitted" (an empty time) is past all of its rows
    const pastAll = Buffer.from('|00000000-0000-0000-0000-000000000000|S').toString('base64url');
    const past = await subscriptions(pastAll);
    expect(past.errors).toBeUndefined();
    expect(past.data?.reviewQueue.edges).toEqual([]);
    expect(past.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);
    expect(past.data?.reviewQueue.totalCount).toBe(whole.data?.reviewQueue.totalCount);
  });
});
