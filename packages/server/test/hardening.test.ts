// Hardening of the internet-facing API: query limits (GraphQL Armor) with typed errors, introspection and field
// suggestions off in production, secure headers, per-user and per-token rate limits, CSRF header for uploads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import type { Viewer } from '../src/platform/context.ts';
import { callerLimits, RateLimiter, rateLimitError } from '../src/platform/http/rate-limit.ts';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';

const QUEUE_DEPTH_4 =
  '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { edges { node { enterprise { name } } } } }';
const QUEUE_COSTLY =
  '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { totalCount pageInfo { hasNextPage endCursor hasPreviousPage startCursor } edges { cursor } } }';

async function post(server: TestServer, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { response, body: (await response.json()) as GraphQLResponse };
}

function firstError(result: GraphQLResponse) {
  return result.errors?.[0];
}

describe(`hardening in production mode (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      NODE_ENV: 'production',
      // production seeds no demo accounts unless told to; these tests sign in as demo users
      SEED_DEMO_DATA: 'true',
      // these tests send their own documents from a session; trusted documents have their own test
      TRUSTED_DOCUMENTS: 'false',
      BEHIND_HTTPS: 'true',
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '2',
      GRAPHQL_MAX_TOKENS: '120',
      GRAPHQL_MAX_COST: '18',
      RATE_LIMIT_PER_MINUTE: '5',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps an idle connection open for HTTP_KEEP_ALIVE_TIMEOUT_MS and says so to the client', async () => {
    const answer = await rawExchange(
      Number(new URL(server.url).port),
      'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n',
    );
    expect(answer.status).toBe(200);
    expect(answer.headers['keep-alive']).toBe('timeout=65');
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH with LIMIT_EXCEEDED (DEPTH)', async () => {
    const error = firstError(await server.gql(QUEUE_DEPTH_4));
    expect(error?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'DEPTH', max: 3 });
    expect(error?.message).toMatch(/^查询嵌套深度超过上限 3/);
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES with LIMIT_EXCEEDED (ALIASES)', async () => {
    const error = firstError(
      await server.gql('{ a: viewer { accountId } b: viewer { accountId } c: viewer { accountId } }'),
    );
    expect(error?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'ALIASES', max: 2 });
  });

  it('refuses a document of more than GRAPHQL_MAX_TOKENS tokens with LIMIT_EXCEEDED (TOKENS)', async () => {
    const { response, body } = await post(server, JSON.stringify({ query: `{ ${'__typename '.repeat(150)}}` }));
    expect(response.status).toBeLessThan(500);
    expect(body.data).toBeUndefined();
    expect(firstError(body)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'TOKENS', max: 120 });
  });

  it('refuses a query costlier than GRAPHQL_MAX_COST with LIMIT_EXCEEDED (COST)', async () => {
    const error = firstError(await server.gql(QUEUE_COSTLY));
    expect(error?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'COST', max: 18 });
  });

  it('turns introspection off and gives no field suggestions', async () => {
    const introspection = firstError(await server.gql('{ __schema { queryType { name } } }'));
    expect(introspection?.message).toMatch(/introspection/i);
    const typo = firstError(await server.gql('{ viewe { id } }'));
    expect(typo?.message).toMatch(/Cannot query field "viewe"/);
    expect(typo?.message).not.toMatch(/Did you mean/);
    expect((await server.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('sends secure headers with Strict-Transport-Security behind HTTPS, and serves no GraphiQL', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    const graphiql = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    expect(graphiql.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers a user over RATE_LIMIT_PER_MINUTE with HTTP 429, LIMIT_EXCEEDED and a Chinese message', async () => {
    const token = await server.signIn('th.officer1');
    const statuses: number[] = [];
    let last: GraphQLResponse = {};
    for (let index = 0; index < 6; index += 1) {
      const { response, body } = await post(server, JSON.stringify({ query: '{ viewer { accountId } }' }), {
        authorization: `Bearer ${token}`,
      });
      statuses.push(response.status);
      last = body;
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(firstError(last)?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'USER_RATE' });
    expect(firstError(last)?.message).toMatch(/^请求过于频繁/);
    // another user has a bucket of their own
    expect(
      (await server.gql('{ viewer { accountId } }', {}, await server.signIn('th.officer2'))).errors,
    ).toBeUndefined();
  });
});

describe(`hardening in development mode (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps introspection and suggestions outside production', async () => {
    expect((await server.gql('{ __schema { queryType { name } } }')).data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    expect(firstError(await server.gql('{ viewe { id } }'))?.message).toMatch(/Did you mean "viewer"/);
  });

  it('sends X-Content-Type-Options, X-Frame-Options, Referrer-Policy and a CSP on every response, no HSTS', async () => {
    for (const path of ['/healthz', '/', '/some/spa/route']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
    const { response } = await post(server, JSON.stringify({ query: '{ __typename }' }));
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses a multipart request a cross-site form could send (403), takes it with a preflight header or a credential', async () => {
    const form = () => {
      const data = new FormData();
      data.append('operations', JSON.stringify({ query: '{ __typename }' }));
      data.append('map', '{}');
      return data;
    };
    const refused = await fetch(`${server.url}/graphql`, { method: 'POST', body: form() });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as GraphQLResponse;
    expect(firstError(body)?.extensions).toMatchObject({ code: 'CSRF_HEADER_MISSING' });
    // ours, or the preflight headers of common clients (graphql-yoga, Apollo), or a credential: no form sets these
    for (const headers of <Record<string, string>[]>[
      { 'x-leqi-csrf': '1' },
      { 'x-graphql-yoga-csrf': '1' },
      { 'apollo-require-preflight': 'true' },
      { 'x-apollo-operation-name': 'Upload' },
      { authorization: 'Bearer anything' },
    ]) {
      const accepted = await fetch(`${server.url}/graphql`, { method: 'POST', body: form(), headers });
      expect(accepted.status, JSON.stringify(headers)).not.toBe(403);
      expect(((await accepted.json()) as GraphQLResponse).data, JSON.stringify(headers)).toEqual({
        __typename: 'Query',
      });
    }
    // a urlencoded or text/plain POST (the other bodies a form can send) needs the same, and is then told in JSON
    // that GraphQL is not sent that way
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain']) {
      const post = (headers: Record<string, string>) =>
        fetch(`${server.url}/graphql`, {
          method: 'POST',
          body: JSON.stringify({ query: '{ __typename }' }),
          headers: { 'content-type': contentType, ...headers },
        });
      const anonymous = await post({});
      expect(anonymous.status).toBe(403);
      expect(firstError((await anonymous.json()) as GraphQLResponse)?.extensions?.code).toBe('CSRF_HEADER_MISSING');
      for (const headers of <Record<string, string>[]>[
        { authorization: 'Bearer anything' },
        { 'x-graphql-yoga-csrf': '1' },
      ]) {
        const unsupported = await post(headers);
        expect(unsupported.status).toBe(415);
        expect(firstError((await unsupported.json()) as GraphQLResponse)?.extensions?.code).toBe(
          'UNSUPPORTED_MEDIA_TYPE',
        );
      }
    }
    // GET queries need no header (GraphQL over HTTP); they never run mutations
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(200);
  });
});

describe('hardening configuration and rate limiter', () => {
  it('introspection follows NODE_ENV unless GRAPHQL_INTROSPECTION says otherwise', () => {
    const base = { DATA_DIR: '/tmp/leqi-config-test', FILE_URL_SECRET: 'x', METRICS_TOKEN: 'sixteen-chars-ok' };
    expect(loadConfig(base).graphql.introspection).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).graphql.introspection).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true' }).graphql.introspection).toBe(
      true,
    );
    expect(loadConfig({ ...base, GRAPHQL_INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
    expect(() => loadConfig({ ...base, GRAPHQL_INTROSPECTION: 'yes' })).toThrow(/GRAPHQL_INTROSPECTION/);
    expect(loadConfig(base).rateLimit).toEqual({ userPerMinute: 600, apiTokenPerMinute: 600, addressPerMinute: 120 });
  });

  it('a token bucket allows a minute of burst, then refills at the steady rate', () => {
    let now = 0;
    const limiter = new RateLimiter(60, () => now);
    for (let index = 0; index < 60; index += 1) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('limits an API token by its own bucket with limit API_TOKEN_RATE; anonymous calls are not limited here', () => {
    const limits = callerLimits({ userPerMinute: 100, apiTokenPerMinute: 1, addressPerMinute: 1 });
    const token: Viewer = {
      userId: 'token:t1',
      username: 'lq_abc',
      displayName: 'ERP',
      actor: { role: 'API_CLIENT', tokenId: 't1', enterpriseId: 'e1' } as Viewer['actor'],
    };
    expect(rateLimitError(limits, token)).toBeNull();
    expect(rateLimitError(limits, token)?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'API_TOKEN_RATE',
      http: { status: 429 },
    });
    expect(rateLimitError(limits, { ...token, userId: 'token:t2' })).toBeNull();
    expect(rateLimitError(limits, null)).toBeNull();
  });
});
