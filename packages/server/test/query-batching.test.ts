// A queue page costs the same number of SQL statements for 2 rows as for 12: each row's enterprise, its
// competent authority and its claim are read with `findUnique`, which Prisma batches per tick into one query for
// the whole page. A resolver that reads per row in another way (findFirst, raw SQL) turns this red (N+1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const QUEUE = `query Queue($first: Int) {
  reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: $first) {
    totalCount
    edges { cursor node {
      id version status statusLabel stepEnteredAt submittedAt ageInWorkingDays dueAt dueState
      availableActions { event } blockedReason blockedReasonCode
      claim { holder { name } heldByViewer } claimOptions { canClaim canRelease canReassign }
      enterprise { id uscc name competentAuthority { code name } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe(`queue pages load their rows' relations in batches (${databaseKind()})`, () => {
  let server: TestServer;
  let officer: string;
  let holder: string;
  beforeAll(async () => {
    server = await startTestServer();
    officer = await server.signIn('th.officer1');
    holder = await server.signIn('th.officer2');
    for (let index = 0; index < 12; index += 1) {
      const walked = await caseIn(server, 'PENDING_ACCEPTANCE');
      // some rows are claimed by another officer, so the claims are really read
      if (index % 3 === 0) {
        const claimed = await server.gql(
          'mutation($input: ClaimCaseInput!) { claimCase(input: $input) { __typename } }',
          { input: { id: walked.id, expectedVersion: walked.version } },
          holder,
        );
        expect(claimed.data?.claimCase.__typename).toBe('CaseClaimSuccess');
      }
    }
  }, 120_000);
  afterAll(async () => server?.close());

  /** SQL statements one queue request costs; the fewest of three tries, so a background sweep cannot add one */
  const statementsFor = async (first: number) => {
    const metrics = server.running.app.metrics;
    if (!metrics) throw new Error('the test server has no metrics');
    const counts: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const before = metrics.dbQueries.total();
      const result = await server.gql(QUEUE, { first }, officer);
      expect(result.errors).toBeUndefined();
      expect(result.data?.reviewQueue.edges).toHaveLength(first);
      counts.push(metrics.dbQueries.total() - before);
    }
    return Math.min(...counts);
  };

  it('12 rows cost as many statements as 2', async () => {
    const page = await server.gql(QUEUE, { first: 12 }, officer);
    const rows = page.data?.reviewQueue.edges.map((edge: { node: any }) => edge.node) ?? [];
    expect(rows.filter((row: any) => row.claim !== null).length).toBeGreaterThanOrEqual(4);
    expect(rows.filter((row: any) => row.blockedReasonCode === 'CLAIMED_BY_OTHER').length).toBeGreaterThanOrEqual(4);
    expect(rows.every((row: any) => row.enterprise.competentAuthority.code.length === 11)).toBe(true);
    const two = await statementsFor(2);
    const twelve = await statementsFor(12);
    expect(two).toBeGreaterThan(0);
    expect(twelve).toBe(two);
  });
});
