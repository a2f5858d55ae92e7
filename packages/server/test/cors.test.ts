// CORS on /graphql: pages of the origins in CORS_ORIGINS may call the API from a browser; any other origin gets
// no CORS header at all (so the browser keeps the answer from that page), and credentials are never allowed.
// The default (no CORS_ORIGINS) is same-origin only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startHttpServer } from '../src/platform/http/server.ts';
import { schema } from '../src/schema.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';

const ALLOWED = 'https://erp.example.com';
const FOREIGN = 'https://evil.example';

function preflight(url: string, origin: string) {
  return fetch(`${url}/graphql`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

function post(url: string, origin: string) {
  return fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
}

const corsHeaders = (response: Response) =>
  [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe(`CORS (${databaseKind()})`, () => {
  let server: TestServer;
  let sameOriginOnly: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGINS: `${ALLOWED}, http://localhost:5173` });
    const app = server.running.app;
    // the same app with the default configuration: no CORS_ORIGINS
    sameOriginOnly = await startHttpServer(
      { ...app, config: { ...app.config, corsOrigins: [] } },
      schema,
      { viewerFromToken: async () => null, download: async () => null },
      { port: 0, host: '127.0.0.1' },
    );
  });
  afterAll(async () => {
    await sameOriginOnly?.close();
    await server?.close();
  });

  it('a preflight from a CORS_ORIGINS origin is allowed for that origin, without credentials', async () => {
    const response = await preflight(server.url, ALLOWED);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('a request from a CORS_ORIGINS origin gets its origin back and its answer', async () => {
    const response = await post(server.url, ALLOWED);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('access-control-expose-headers')).toBe('x-request-id');
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it.each([
    ['a foreign origin', FOREIGN],
    ['an allowed origin with another port', 'https://erp.example.com:8443'],
    ['an allowed host over http', 'http://erp.example.com'],
    ['the literal null origin', 'null'],
  ])('%s gets no CORS header on the preflight nor on the request', async (_label, origin) => {
    const checked = await preflight(server.url, origin);
    expect(corsHeaders(checked)).toEqual([]);
    const response = await post(server.url, origin);
    expect(corsHeaders(response)).toEqual([]);
    await response.text();
  });

  it('without CORS_ORIGINS no origin is reflected (same-origin only), credentials never allowed', async () => {
    for (const origin of [FOREIGN, ALLOWED]) {
      const checked = await preflight(sameOriginOnly.url, origin);
      expect(corsHeaders(checked)).toEqual([]);
      const response = await post(sameOriginOnly.url, origin);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      expect(response.headers.get('vary')).toContain('Origin');
      await response.text();
    }
  });
});
