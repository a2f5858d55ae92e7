// The queue page the database builds as JSON, attacked from outside: every transport gets the answer execution
// gives (graphql-ws and SSE read the result's data, HTTP its text); another bureau's officer reaches none of the
// cases through it; malformed requests are refused with their codes and the server goes on; one officer flooding it
// is cut by the per-user rate limit while another officer goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, TIANHE } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';
import { askOver, type Transport } from './transports.ts';

const PAGE = `query Page($kind: ReviewKind!, $step: ReviewStep!, $first: Int, $after: String, $filter: QueueFilterInput) {
  reviewQueue(kind: $kind, step: $step, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { __typename id version status statusLabel stepEnteredAt submittedAt
      enterprise { id uscc name } } } } }`;
/** The same query, which the direct answer leaves to execution: the reference. */
const EXECUTED = PAGE.replace('filter: $filter)', 'filter: $filter) @include(if: true)');
const ACCEPTANCE = { kind: 'ACCESS_APPLICATION', step: 'ACCEPTANCE' };
const LIMIT = 12;

describe(`the JSON queue page from outside (${databaseKind()})`, () => {
  let server: TestServer;
  let answered: () => number;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    for (let index = 0; index < 3; index += 1) await caseIn(server, 'PENDING_ACCEPTANCE');
    const metrics = server.running.app.metrics as NonNullable<typeof server.running.app.metrics>;
    answered = () => metrics.directAnswers.total();
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers over every transport what execution answers', async () => {
    const transports: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];
    for (const transport of transports) {
      // each transport with a fresh officer session: the flood test below owns the rate limit
      const token = await server.signIn('th.officer2');
      const before = answered();
      const direct = await askOver(server, transport, token, PAGE, { ...ACCEPTANCE, first: 2 });
      expect(answered() - before, `${transport} is answered directly`).toBe(1);
      const reference = await askOver(server, 'http-post', token, EXECUTED, { ...ACCEPTANCE, first: 2 });
      expect(answered() - before, 'the reference is executed').toBe(1);
      expect(direct, transport).toEqual(reference);
      expect(direct.data?.reviewQueue.edges).toHaveLength(2);
    }
  });

  it("reaches no case of another bureau's jurisdiction", async () => {
    const tianhe = await server.signIn('th.officer1');
    const haizhu = await server.signIn('hzq.officer2');
    const ids = async (token: string, variables: object) => {
      const before = answered();
      const page = await server.gql(PAGE, { ...ACCEPTANCE, first: 100, ...variables }, token);
      expect(answered() - before).toBe(1);
      const edges: { node: { id: string } }[] = page.data?.reviewQueue.edges ?? [];
      return edges.map((edge) => edge.node.id);
    };
    const own = await ids(tianhe, {});
    expect(own.length).toBeGreaterThan(2);
    const foreign = await ids(haizhu, {});
    expect(foreign.filter((id) => own.includes(id))).toEqual([]);
    // naming 天河 in the filter narrows 海珠's own jurisdiction; it does not widen it
    expect(await ids(haizhu, { filter: { authorityCode: TIANHE } })).toEqual([]);
    // a cursor taken from 天河's queue walks 海珠's queue only
    const walked = await server.gql(PAGE, { ...ACCEPTANCE, first: 1 }, tianhe);
    const after = walked.data?.reviewQueue.pageInfo.endCursor as string;
    const next = await ids(haizhu, { after });
    expect(next.filter((id) => own.includes(id))).toEqual([]);
  });

  it('refuses malformed requests with their codes, and goes on answering', async () => {
    const token = await server.signIn('gd.confirmer');
    const port = Number(new URL(server.url).port);
    const before = answered();
    const codeOf = (text: string) => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).errors?.[0]?.extensions?.code;
    const post = (body: string) =>
      rawExchange(
        port,
        `POST /graphql HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\n` +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    // variables that are not an object, not JSON, or of the wrong types
    const notObject = await post(JSON.stringify({ query: PAGE, variables: '"kind"' }));
    expect(notObject.status).toBe(400);
    const truncated = await post(`{"query":${JSON.stringify(PAGE)},"variables":{"kind":`);
    expect(truncated.status).toBe(400);
    const wrongTypes = await post(JSON.stringify({ query: PAGE, variables: { ...ACCEPTANCE, first: 'twenty' } }));
    expect(wrongTypes.status).toBe(400);
    expect(codeOf(wrongTypes.utf8)).toBe('VALIDATION_FAILED');
    const injected = await post(JSON.stringify({ query: PAGE, variables: { ...ACCEPTANCE, kind: { $ne: null } } }));
    expect(codeOf(injected.utf8)).toBe('VALIDATION_FAILED');
    const badCursor = await post(JSON.stringify({ query: PAGE, variables: { ...ACCEPTANCE, after: '%%%\u0000' } }));
    expect(codeOf(badCursor.utf8)).toBe('VALIDATION_FAILED');
    // a GET whose variables are not JSON
    const get = await rawExchange(
      port,
      `GET /graphql?query=${encodeURIComponent(PAGE)}&variables=%7Bkind HTTP/1.1\r\nhost: x\r\n` +
        `authorization: Bearer ${token}\r\naccept: application/graphql-response+json\r\nconnection: close\r\n\r\n`,
    );
    expect(get.status).toBe(400);
    expect(answered() - before, 'none of them answered directly').toBe(0);
    const still = await server.gql(PAGE, ACCEPTANCE, token);
    expect(still.data?.reviewQueue.totalCount).toBeGreaterThan(2);
    expect(answered() - before).toBe(1);
  });

  it('cuts one officer flooding the page at the per-user limit; another officer goes on', async () => {
    const flooder = await server.signIn('hzq.officer1');
    const codes: string[] = [];
    for (let index = 0; index < LIMIT + 3; index += 1) {
      const page = await server.gql(PAGE, ACCEPTANCE, flooder);
      codes.push(String(page.errors?.[0]?.extensions?.code ?? (page.data?.reviewQueue ? 'PAGE' : 'NOTHING')));
    }
    expect(codes.slice(-3)).toEqual(['LIMIT_EXCEEDED', 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
    expect(codes.filter((code) => code === 'PAGE').length).toBeLessThanOrEqual(LIMIT);
    for (const transport of ['graphql-ws', 'sse'] as const) {
      const cut = await askOver(server, transport, flooder, PAGE, ACCEPTANCE);
      expect(cut.errors?.[0]?.extensions?.code, transport).toBe('LIMIT_EXCEEDED');
      expect(cut.data?.reviewQueue ?? null, transport).toBeNull();
    }
    const other = await server.signIn('hzq.officer2');
    const served = await server.gql(PAGE, ACCEPTANCE, other);
    expect(served.errors).toBeUndefined();
    expect(served.data?.reviewQueue.pageInfo.hasNextPage).toBe(false);
  });
});
