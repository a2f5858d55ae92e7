// Operations: JSON log lines with request ids (never a password or token), Prometheus metrics at /metrics.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/platform/http/persisted-operations.ts';
import { createLogger } from '../src/platform/observability/log.ts';
import { caseIn, transition } from './fixtures.ts';
import { DEMO_PASSWORD, databaseKind, startTestServer, type TestServer } from './harness.ts';

const METRICS_TOKEN = 'metrics-secret-for-tests';
/** the one operation of the web app's manifest in these tests: its name is a metrics label */
const WHO_AM_I = 'query WhoAmI { viewer { username } }';

/** `name{labels} value` lines of a Prometheus scrape, as [series, value]. */
function parsePrometheus(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = line.match(/^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (-?[\d.e+-]+|NaN|\+Inf)$/);
    if (!match?.[1] || !match[2]) throw new Error(`not a Prometheus sample line: ${line}`);
    series.set(match[1], Number(match[2]));
  }
  return series;
}

describe(`logs and metrics (${databaseKind()})`, () => {
  let server: TestServer;
  const lines: string[] = [];
  const manifestDir = mkdtempSync(join(tmpdir(), 'leqi-manifest-'));
  beforeAll(async () => {
    const manifest = join(manifestDir, 'persisted-operations.json');
    writeFileSync(manifest, JSON.stringify({ [sha256Hex(WHO_AM_I)]: WHO_AM_I }));
    server = await startTestServer(
      { METRICS_TOKEN, LOG_LEVEL: 'debug', PERSISTED_OPERATIONS: manifest },
      { log: createLogger('debug', (line) => lines.push(line)) },
    );
  });
  afterAll(async () => {
    await server?.close();
    rmSync(manifestDir, { recursive: true, force: true });
  });

  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  const records = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  it('logs each request as one JSON line with its request id, operation, status, duration and user', async () => {
    const token = await server.signIn('th.officer1');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'req-42.a' },
      body: JSON.stringify({ query: WHO_AM_I }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42.a');
    await response.json();
    const generated = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    await generated.text();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const line = records().find((record) => record.requestId === 'req-42.a');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      operation: 'WhoAmI',
      status: 200,
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(line?.userId).toEqual(expect.any(String));
    expect(records().find((record) => record.requestId === generated.headers.get('x-request-id'))).toMatchObject({
      operation: 'anonymous query',
    });
  });

  it('never writes a password or a session token (header, cookie) to the log', async () => {
    const signIn = await server.gql(
      'mutation SignIn($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) { ... on SignInSuccess { token } } }',
      { u: 'yf.clerk', p: DEMO_PASSWORD },
    );
    const token = signIn.data?.signIn?.token as string;
    expect(token).toMatch(/^lq_/);
    await server.gql('{ viewer { username } }', {}, token, { cookie: `session=${token}` });
    await server.gql('mutation { signIn(input: {username: "yf.clerk", password: "Wrong-Pa55word"}) { __typename } }');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const output = lines.join('');
    expect(output).toContain('SignIn');
    expect(output).not.toContain(DEMO_PASSWORD);
    expect(output).not.toContain('Wrong-Pa55word');
    expect(output).not.toContain(token);
    expect(output).not.toContain(token.slice(3));
  });

  it('redacts secret-looking fields given to the logger', () => {
    const captured: string[] = [];
    const log = createLogger('info', (line) => captured.push(line));
    log.info('x', { password: 'p1', nested: { authorization: 'Bearer abc', apiToken: 't' }, keep: 1 });
    log.debug('below the level');
    expect(captured).toHaveLength(1);
    expect(JSON.parse(captured[0] as string)).toMatchObject({
      password: '[redacted]',
      nested: { authorization: '[redacted]', apiToken: '[redacted]' },
      keep: 1,
    });
  });

  it('/metrics needs the METRICS_TOKEN', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('/metrics counts requests by operation and status, durations, transitions by outcome, subscriptions', async () => {
    const submitted = await caseIn(server, 'PENDING_ACCEPTANCE');
    const officer = await server.signIn('th.officer1');
    const stale = await transition(server, officer, 'accept', submitted.id, submitted.version - 1);
    expect(stale.__typename).toBe('StaleVersionError');
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const metrics = parsePrometheus(await response.text());
    expect(metrics.get('leqi_http_requests_total{operation="WhoAmI",status="200"}')).toBe(1);
    expect(metrics.get('leqi_http_request_duration_seconds_count{operation="WhoAmI"}')).toBe(1);
    expect(metrics.get('leqi_http_request_duration_seconds_bucket{le="+Inf",operation="WhoAmI"}')).toBe(1);
    expect(metrics.get('leqi_case_transitions_total{event="submit",kind="accessApplication",outcome="ok"}')).toBe(1);
    expect(
      metrics.get('leqi_case_transitions_total{event="accept",kind="accessApplication",outcome="STALE_VERSION"}'),
    ).toBe(1);
    expect(metrics.get('leqi_event_bus_published_events_total')).toBeGreaterThanOrEqual(1);
    expect(metrics.get('leqi_graphql_subscriptions_active')).toBe(0);
    expect(metrics.get('leqi_websocket_connections')).toBe(0);
    expect(metrics.get('leqi_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.get('leqi_process_heap_used_bytes')).toBeGreaterThan(0);
    if (databaseKind() === 'postgres')
      expect(metrics.get('leqi_db_pool_connections{state="total"}')).toBeGreaterThan(0);
  });

  it('labels operations from a bounded set: 3,000 client-chosen names keep /metrics small', async () => {
    const beforeText = await scrape();
    const before = parsePrometheus(beforeText);
    const count = (series: string, metrics: Map<string, number>) => metrics.get(series) ?? 0;
    const names = Array.from({ length: 3000 }, (_, index) => `Op${index}`);
    for (let start = 0; start < names.length; start += 20) {
      await Promise.all(
        names.slice(start, start + 20).map(async (name) => {
          const result = await server.gql(`query ${name} { __typename }`);
          expect(result.data).toEqual({ __typename: 'Query' });
        }),
      );
    }
    await server.gql('mutation TotallyMadeUp { signIn(input: {username: "nobody", password: "x"}) { __typename } }');
    await server.gql('query Several { __typename viewer { username } }');
    await server.gql('query WithFragment { ...Root } fragment Root on Query { __typename }');
    const text = await scrape();
    expect(text).not.toMatch(/operation="Op\d+"/);
    expect(text).not.toContain('TotallyMadeUp');
    // at most the few new series of Query.__typename, Mutation.signIn and other
    expect(text.length - beforeText.length).toBeLessThan(8192);
    const after = parsePrometheus(text);
    const added = (series: string) => count(series, after) - count(series, before);
    expect(added('leqi_http_requests_total{operation="Query.__typename",status="200"}')).toBe(3000);
    expect(added('leqi_http_requests_total{operation="Mutation.signIn",status="200"}')).toBe(1);
    expect(added('leqi_http_requests_total{operation="other",status="200"}')).toBe(2);
    // the log line keeps the name the client gave
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(records().some((record) => record.operation === 'Op2999')).toBe(true);
  });
});
