// What one signed-in request costs in SQL statements, pinned: a read added to the request path (a sign-in read
// that escaped the cache, a second read of a row the transaction already holds, a per-row relation read) turns
// this red. When a change lowers a count, lower the pin with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPLETE_DRAFT,
  caseIn,
  createEnterprise,
  saveDraft,
  THRESHOLDS_OF_ONE,
  transition,
  uploadRequired,
  type WalkedCase,
} from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, invitationIn, readInvitation } from './invitation.fixtures.ts';

const QUEUE = `query Queue { reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 20) { totalCount
  edges { cursor node { id version status enterprise { uscc name } } } } }`;
const ROWS = 20;

describe(`SQL statements of one signed-in request (${databaseKind()})`, () => {
  let server: TestServer;
  let officer: string;
  beforeAll(async () => {
    server = await startTestServer();
    officer = await server.signIn('th.officer1');
    const existing = (await server.gql(QUEUE, {}, officer)).data?.reviewQueue.totalCount as number;
    for (let index = existing; index < ROWS + 1; index += 1) await caseIn(server, 'PENDING_ACCEPTANCE');
  }, 300_000);
  afterAll(async () => server?.close());

  /**
   * Statements sent while `request` runs and the events it published are delivered (the bus's tail reads them
   * once); the fewest of three tries, so a background sweep cannot add one.
   */
  const statementsOf = async (request: () => Promise<void>) => {
    const { metrics, bus } = server.running.app;
    if (!metrics) throw new Error('the test server has no metrics');
    await request(); // the first call of a credential reads it; the pin is about a signed-in caller's requests
    const counts: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await bus.settled();
      // what settled() itself asks for (one read of the tail), measured with nothing to deliver
      const idle = metrics.dbQueries.total();
      await bus.settled();
      const settling = metrics.dbQueries.total() - idle;
      const before = metrics.dbQueries.total();
      await request();
      await bus.settled();
      counts.push(metrics.dbQueries.total() - before - settling);
    }
    return Math.min(...counts);
  };

  it('a queue page of 20 rows: one statement — the page joined to its enterprises, with the count read from the queue counters — no sign-in read', async () => {
    const statements = await statementsOf(async () => {
      const result = await server.gql(QUEUE, {}, officer);
      expect(result.errors).toBeUndefined();
      expect(result.data?.reviewQueue.edges).toHaveLength(ROWS);
    });
    expect(statements).toBe(PINNED_QUEUE_PAGE);
  });

  /** A saved draft of a fresh enterprise with its required materials: what the draft saves below start from. */
  const draftWithMaterials = async () => {
    const enterprise = await createEnterprise(server);
    const materialIds = await uploadRequired(server, enterprise.token);
    const draft = await saveDraft(server, enterprise.token, { ...COMPLETE_DRAFT, materialIds });
    return {
      token: enterprise.token,
      id: draft.accessApplication.id as string,
      version: draft.accessApplication.version as number,
      materialIds,
    };
  };

  it('a transition (saveAccessApplicationDraft with its materials): the versioned update and the materials — no sign-in read', async () => {
    const draft = await draftWithMaterials();
    const statements = await statementsOf(async () => {
      const saved = await saveDraft(server, draft.token, {
        ...COMPLETE_DRAFT,
        materialIds: draft.materialIds,
        id: draft.id,
        expectedVersion: draft.version,
      });
      expect(saved.__typename).toBe('AccessApplicationSuccess');
      draft.version = saved.accessApplication.version;
    });
    // the versioned UPDATE … RETURNING, the materials replaced in one statement, commit; then the payload's
    // auditTrail (a saved draft appends no event: the tail has nothing to read)
    expect(statements).toBe(PINNED_SAVE_DRAFT_WITH_MATERIALS);
  });

  it('a transition (saveAccessApplicationDraft without materials): one versioned UPDATE … RETURNING, no transaction', async () => {
    const draft = await draftWithMaterials();
    const statements = await statementsOf(async () => {
      const saved = await saveDraft(server, draft.token, {
        ...COMPLETE_DRAFT,
        id: draft.id,
        expectedVersion: draft.version,
      });
      expect(saved.__typename).toBe('AccessApplicationSuccess');
      draft.version = saved.accessApplication.version;
    });
    // the versioned UPDATE … RETURNING, then the payload's auditTrail
    expect(statements).toBe(PINNED_SAVE_DRAFT);
  });

  it('a bureau decision (acceptAccessApplication): its transaction and the tail’s read of its event', async () => {
    const cases: WalkedCase[] = [];
    for (let index = 0; index < 4; index += 1) cases.push(await caseIn(server, 'PENDING_ACCEPTANCE'));
    const statements = await statementsOf(async () => {
      const next = cases.pop();
      if (!next) throw new Error('no case left to accept');
      const accepted = await transition(server, officer, 'accept', next.id, next.version);
      expect(accepted.__typename, JSON.stringify(accepted)).toBe('AccessApplicationSuccess');
      expect(accepted.accessApplication.status).toBe('PENDING_REVIEW');
    });
    // the case read, the versioned UPDATE … RETURNING, its claim ended (DELETE … RETURNING), the audit append (the
    // chain's lock with its end, the checked insert), commit; then the payload's auditTrail and the tail's read of
    // the event (its page and horizon in one statement; two before)
    expect(statements).toBe(PINNED_ACCEPT);
  });

  it('a grant (authoriseCapabilities): the binding read once, as it is locked — no read before the transaction', async () => {
    const dcu = await createDcu(server);
    const bindingIds: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const walked = await invitationIn(server, 'CONFIRMED', { dcu });
      bindingIds.push((await readInvitation(server, dcu.token, walked.id)).binding.id as string);
    }
    const statements = await statementsOf(async () => {
      const bindingId = bindingIds.pop();
      if (!bindingId) throw new Error('no binding left to grant on');
      const answer = await server.gql(
        `mutation($input: AuthoriseCapabilitiesInput!) { authoriseCapabilities(input: $input) { __typename } }`,
        { input: { bindingId, capabilityCodes: ['203059'] } },
        dcu.token,
      );
      expect(answer.data?.authoriseCapabilities.__typename).toBe('AuthoriseCapabilitiesSuccess');
    });
    // the DCU and the binding locked, the binding read as locked, its active authorisations and the DCU's
    // subscriptions, the insert, the invitation and its authority, the audit append, commit, and the tail's read
    // of the event in one statement (14 while the binding was also read before the transaction, 13 while the tail
    // read the horizon apart)
    expect(statements).toBe(PINNED_AUTHORISE);
  }, 300_000);

  it('a page of province rules costs the same statements for 4 rows as for 40: names and authors are read per page', async () => {
    const db = server.running.app.db;
    const admin = await db.user.findUniqueOrThrow({ where: { username: 'platform.admin' } });
    const provinces = (await db.taxAuthority.findMany({ where: { level: 'PROVINCIAL' }, take: 4 })).map((p) => p.code);
    expect(provinces.length).toBeGreaterThan(1);
    await db.provinceRule.createMany({
      data: Array.from({ length: 40 }, (_, index) => ({
        provinceCode: provinces[index % provinces.length] as string,
        ...THRESHOLDS_OF_ONE,
        effectiveFrom: new Date(Date.UTC(2030, 0, 1 + index)),
        createdById: index % 2 === 0 ? admin.id : null,
      })),
    });
    const token = await server.signIn('platform.admin');
    const page = (first: number) => async () => {
      const result = await server.gql(
        `{ provinceRuleHistory { rules(first: ${first}) { edges { node { id provinceName createdBy } } } } }`,
        {},
        token,
      );
      expect(result.errors).toBeUndefined();
      const nodes = result.data?.provinceRuleHistory.rules.edges.map((edge: any) => edge.node);
      expect(nodes).toHaveLength(first);
      expect(nodes.some((node: any) => node.createdBy === admin.displayName)).toBe(true);
    };
    expect(await statementsOf(page(40))).toBe(await statementsOf(page(4)));
  }, 300_000);
});

// Regression pins (before issue 15's lean request path: 9, 6 and 12; the queue page 6, then 2): lower them when a
// change lowers a count, never raise them.
const PINNED_QUEUE_PAGE = 1;
const PINNED_SAVE_DRAFT_WITH_MATERIALS = 4;
const PINNED_SAVE_DRAFT = 2;
const PINNED_ACCEPT = 8;
const PINNED_AUTHORISE = 12;
