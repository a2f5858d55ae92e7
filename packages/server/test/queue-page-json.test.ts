// A review queue page built as JSON by the database answers byte for byte what GraphQL execution answers: every
// kind, step, order, viewer, locale, search and filter, page after page, with text that needs escaping, null dates
// and the selection's own order and aliases (fragments are left to execution). `@include(if: true)` on the root field makes the same query
// one the direct answer leaves to execution — the reference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const KINDS = ['ACCESS_APPLICATION', 'INVITATION', 'EXIT_APPLICATION', 'CAPABILITY_SUBSCRIPTION'] as const;
const STEPS = ['ACCEPTANCE', 'REVIEW', 'CONFIRMATION'] as const;
const ORDERS = ['OLDEST_IN_STEP', 'NEWEST_IN_STEP', 'SUBMITTED_OLDEST', 'SUBMITTED_NEWEST'] as const;

/** Every field a JSON page builds, some aliased, in an order of our own. */
const FULL = `__typename totalCountCapped count: totalCount
  pageInfo { endCursor hasPreviousPage __typename startCursor hasNextPage }
  edges { node { __typename status statusLabel id lastReason submittedAt
    company: enterprise { name __typename id uscc } stepEnteredAt version } at: cursor __typename }`;
const WITH_FRAGMENTS = `totalCount edges { cursor node { ...Row ... on ReviewCase { id } } }
  ... on ReviewCaseConnection { pageInfo { hasNextPage endCursor } }`;
const FRAGMENT = 'fragment Row on ReviewCase { version status enterprise { ... on Enterprise { uscc name } } }';

/** Names whose JSON needs escaping: quotes, backslashes, control characters, line separators, astral characters. */
const AWKWARD = ['引号"与\\反斜杠', '换行\n制表\t回车\r', '控制\u0001\u001f字符', '分隔\u2028\u2029符', '表情😀企业'];

function query(selection: string, reference: boolean, fragment = '') {
  const include = reference ? ' @include(if: true)' : '';
  return `query Page($kind: ReviewKind!, $step: ReviewStep!, $first: Int, $after: String, $search: String,
      $filter: QueueFilterInput, $orderBy: QueueOrder) {
    reviewQueue(kind: $kind, step: $step, first: $first, after: $after, search: $search, filter: $filter,
      orderBy: $orderBy)${include} { ${selection} } } ${fragment}`;
}

describe(`queue pages as JSON built by the database (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await caseIn(server, 'PENDING_REVIEW');
    await caseIn(server, 'PENDING_CONFIRMATION');
    // cases with awkward names and reasons, some never submitted, some sharing one instant (ordered by id)
    const db = server.running.app.db;
    const author = await db.user.findFirstOrThrow({ where: { role: 'ENTERPRISE' } });
    for (const [index, name] of AWKWARD.entries()) {
      await db.enterprise.create({
        data: {
          id: `json-e-${index}`,
          uscc: `J${String(index).padStart(17, '0')}`,
          name,
          competentAuthorityCode: TIANHE,
          creditRating: 'A',
        },
      });
      for (const copy of [0, 1]) {
        await db.accessApplication.create({
          data: {
            id: `json-a-${index}-${copy}`,
            enterpriseId: `json-e-${index}`,
            status: 'PENDING_ACCEPTANCE',
            competentAuthorityCode: TIANHE,
            provinceCode: '14400000000',
            stepEnteredAt: new Date(Date.UTC(2026, 10, 1 + index, 8, 0, 0, 123)),
            submittedAt: copy === 0 ? null : new Date(Date.UTC(2026, 9, 1, 8, 0, 0, 0)),
            lastReason: copy === 0 ? name : null,
            createdById: author.id,
          },
        });
      }
    }
  });
  afterAll(async () => server?.close());

  async function raw(document: string, variables: object, token: string, locale: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': locale },
      body: JSON.stringify({ query: document, variables }),
    });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  /** Both answers of every page of the queue, walked by endCursor; the number of pages walked. */
  async function walk(username: string, variables: Record<string, unknown>, selection = FULL, fragment = '') {
    const token = await server.signIn(username);
    const metrics = server.running.app.metrics as NonNullable<typeof server.running.app.metrics>;
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const asked = { first: 3, ...variables, ...(after ? { after } : {}) };
      const locale = pages % 2 === 0 ? 'zh-CN' : 'en';
      const before = metrics.directAnswers.total();
      const direct = await raw(query(selection, false, fragment), asked, token, locale);
      expect(metrics.directAnswers.total() - before, `${username} ${JSON.stringify(asked)} answered directly`).toBe(1);
      const reference = await raw(query(selection, true, fragment), asked, token, locale);
      expect(metrics.directAnswers.total() - before, 'the reference is executed').toBe(1);
      expect(direct).toEqual(reference);
      pages += 1;
      const page = JSON.parse(direct.text).data.reviewQueue;
      const info = page.pageInfo;
      if (!info?.hasNextPage || pages > 40) return pages;
      after = info.endCursor;
    }
  }

  it('answers every kind and step alike for a local officer, a provincial officer and the admin', async () => {
    let walked = 0;
    for (const username of ['th.officer1', 'gd.confirmer', 'platform.admin']) {
      for (const kind of KINDS) for (const step of STEPS) walked += await walk(username, { kind, step });
    }
    expect(walked).toBeGreaterThan(36);
  });

  it('answers every order alike, nulls last, page after page', async () => {
    for (const orderBy of ORDERS) {
      const pages = await walk('th.officer1', { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE', orderBy });
      expect(pages).toBeGreaterThan(3);
    }
  });

  it('answers searches and filters alike, with their capped counts', async () => {
    const base = { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
    await walk('th.officer1', { ...base, search: '企业' });
    await walk('th.officer1', { ...base, search: 'j0000' });
    await walk('th.officer1', { ...base, search: '"' });
    await walk('gd.confirmer', { ...base, filter: { authorityCode: TIANHE } });
    await walk('th.officer1', { ...base, filter: { submittedFrom: '2026-01-01T00:00:00Z' } });
    await walk('th.officer1', { ...base, filter: { statuses: ['PENDING_ACCEPTANCE', 'CONFIRMED'] } });
    await walk('th.officer1', { ...base, filter: { statuses: ['DRAFT'] } });
    await walk('th.officer1', { ...base, first: 100 });
  });

  it('answers partial selections and an empty queue alike', async () => {
    const base = { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
    await walk('th.officer1', base, 'totalCount pageInfo { hasNextPage endCursor }');
    await walk('th.officer1', base, 'edges { node { id } } pageInfo { hasNextPage endCursor }');
    await walk('hzq.officer1', { kind: 'EXIT_APPLICATION', step: 'CONFIRMATION' });
  });

  it('leaves to execution what it does not build, and every refusal', async () => {
    const officer = await server.signIn('th.officer1');
    const enterprise = await server.signIn((await caseIn(server, 'DRAFT')).owner.username);
    const metrics = server.running.app.metrics as NonNullable<typeof server.running.app.metrics>;
    const variables = { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
    const executed = async (selection: string, variablesOf: object, token: string | null, fragment = '') => {
      const before = metrics.directAnswers.total();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: query(selection, false, fragment), variables: variablesOf }),
      });
      expect(metrics.directAnswers.total() - before).toBe(0);
      return (await response.json()) as { data?: any; errors?: { extensions: { code: string } }[] };
    };
    // fields a JSON page does not build, a field selected twice, a directive inside, a fragment on a kind
    expect((await executed('edges { node { ageInWorkingDays } }', variables, officer)).data).toBeTruthy();
    expect((await executed('edges { node { enterprise { creditRating } } }', variables, officer)).data).toBeTruthy();
    expect((await executed('totalCount totalCount', variables, officer)).data.reviewQueue.totalCount).toBeGreaterThan(
      0,
    );
    expect((await executed('totalCount @skip(if: false)', variables, officer)).data).toBeTruthy();
    expect((await executed('edges { node { ... on Node { id } } }', variables, officer)).data).toBeTruthy();
    expect((await executed(WITH_FRAGMENTS, variables, officer, FRAGMENT)).data.reviewQueue.totalCount).toBeGreaterThan(
      0,
    );
    // refusals: anonymous, an enterprise, a page too large, a cursor of another order, a bad filter
    const code = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
    expect(code(await executed('totalCount', variables, null))).toBe('UNAUTHENTICATED');
    expect(code(await executed('totalCount', variables, enterprise))).toBe('FORBIDDEN');
    expect(code(await executed('totalCount', { ...variables, first: 101 }, officer))).toBe('VALIDATION_FAILED');
    expect(code(await executed('totalCount', { ...variables, after: 'bm90IGEgY3Vyc29y' }, officer))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await executed('totalCount', { ...variables, filter: { submittedFrom: 'yesterday' } }, officer))).toBe(
      'VALIDATION_FAILED',
    );
    expect(code(await executed('totalCount', { ...variables, kind: 'NO_SUCH_KIND' }, officer))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
