// Trusted documents in production: browser sessions run only the web app's persisted operations (by hash or as
// their exact text); enterprises' API tokens may send any document.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecretToken } from '../src/platform/auth/tokens.ts';
import { sha256Hex } from '../src/platform/http/persisted-operations.ts';
import { databaseKind, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { RawSocket } from './raw-socket.ts';
import { subscribeTo } from './ws-client.ts';

const VIEWER = 'query Viewer { viewer { username } }';
const QUEUE_CHANGES =
  'subscription QueueChanges { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { cursor } }';

describe(`trusted documents in production (${databaseKind()})`, () => {
  let server: TestServer;
  let session: string;
  let apiToken: string;
  const dir = mkdtempSync(join(tmpdir(), 'leqi-manifest-'));
  beforeAll(async () => {
    const manifest = Object.fromEntries([SIGN_IN_DOCUMENT, VIEWER, QUEUE_CHANGES].map((doc) => [sha256Hex(doc), doc]));
    // an entry whose hash does not match its document is ignored
    manifest[sha256Hex('{ __typename }')] = '{ viewer { username } }';
    writeFileSync(join(dir, 'persisted-operations.json'), JSON.stringify(manifest));
    server = await startTestServer({
      NODE_ENV: 'production',
      // two factors have their own tests (two-factor.test.ts): here the demo officers' sessions must reach the API
      TWO_FACTOR_ROLES: 'none',
      // production seeds no demo accounts unless told to; these tests sign in as demo users
      SEED_DEMO_DATA: 'true',
      PERSISTED_OPERATIONS: join(dir, 'persisted-operations.json'),
    });
    session = await server.signIn('th.officer1');
    const db = server.running.app.db;
    const enterprise = await db.enterprise.findFirstOrThrow();
    const user = await db.user.findFirstOrThrow();
    const secret = newSecretToken('lqk');
    await db.apiToken.create({
      data: {
        enterpriseId: enterprise.id,
        name: 'ERP',
        prefix: secret.token.slice(0, 12),
        tokenHash: secret.hash,
        createdById: user.id,
      },
    });
    apiToken = secret.token;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = async (body: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };

  it('a browser session sending an unknown document gets PERSISTED_QUERY_ONLY with a clear message', async () => {
    const result = await post({ query: '{ viewer { username displayName } }' }, session);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    expect(result.errors?.[0]?.message).toContain('已登记操作');
    const anonymous = await post({ query: '{ __typename }' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('a known hash runs its document; an unknown hash is PERSISTED_QUERY_NOT_FOUND', async () => {
    const known = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(VIEWER) } } },
      session,
    );
    expect(known).toEqual({ data: { viewer: { username: 'th.officer1' } } });
    const unknown = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ x }') } } },
      session,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const mismatched = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ __typename }') } },
    });
    expect(mismatched.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('a persisted document sent in full is accepted', async () => {
    expect(await post({ query: VIEWER }, session)).toEqual({ data: { viewer: { username: 'th.officer1' } } });
  });

  it('a query that is not a string is a typed refusal, not a server error', async () => {
    const send = (query: unknown, token: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
    for (const query of [[VIEWER], 42, { text: VIEWER }]) {
      // an API token may send documents, so graphql-yoga judges the request itself
      const byToken = await send(query, apiToken);
      expect(byToken.status).toBe(400);
      expect(((await byToken.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/query/i);
      const bySession = await send(query, session);
      expect(bySession.status).toBeLessThan(500);
      const body = (await bySession.json()) as { errors: { extensions?: { code?: string } }[] };
      expect(body.errors[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
    }
  });

  it('an API token may send an arbitrary document', async () => {
    const result = await post({ query: '{ viewer { role } }' }, apiToken);
    expect(result.errors).toBeUndefined();
    expect(result.data?.viewer?.role).toBe('API_CLIENT');
    // a made-up token of the same shape is not an API client
    const forged = await post({ query: '{ viewer { role } }' }, `lqk_${'x'.repeat(43)}`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('graphql-ws: a session subscribes only to persisted documents', async () => {
    const rejected = subscribeTo(
      server.url,
      session,
      'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { caseId } }',
    );
    await rejected.waitFor(1, 3000);
    await rejected.close();
    expect(JSON.stringify(rejected.errors)).toContain('PERSISTED_QUERY_ONLY');
    const accepted = subscribeTo(server.url, session, QUEUE_CHANGES);
    await accepted.connected;
    await new Promise((resolve) => setTimeout(resolve, 500));
    await accepted.close();
    expect(accepted.errors).toEqual([]);
  });

  // issue 13, finding 17: `{"authorization": ["Bearer lqk_…"]}` (an array) made the trusted-documents check see an
  // API client (String(array)) while the viewer came out anonymous (a typeof check): an anonymous context that
  // could run any document
  it('graphql-ws: malformed connection params close the socket with 4400; one reading decides everything', async () => {
    const initWith = async (payload: unknown) => {
      const socket = new RawSocket(server.url);
      await socket.opened;
      socket.send({ type: 'connection_init', payload });
      const closed = await Promise.race([socket.closed, socket.next('connection_ack').then(() => null)]);
      return { socket, closed };
    };
    const ARBITRARY = 'subscription { caseEvents { cursor event } }';
    for (const payload of [
      { authorization: [`Bearer ${apiToken}`] },
      { authorization: 42 },
      { authorization: { bearer: apiToken } },
      { authorization: `Bearer ${apiToken}`, locale: ['en'] },
    ]) {
      const { socket, closed } = await initWith(payload);
      if (!closed) {
        socket.send({ id: '1', type: 'subscribe', payload: { query: ARBITRARY } });
        await new Promise((resolve) => setTimeout(resolve, 300));
        socket.close();
      }
      expect(closed, `${JSON.stringify(payload)} → ${JSON.stringify(socket.messages)}`).toMatchObject({ code: 4400 });
      expect(closed?.reason).toMatch(/^连接参数无效 \(.+ must be (a string|an object)\)$/);
    }

    // the token as a string is an API client, which may send any document
    const api = await initWith({ authorization: `Bearer ${apiToken}`, locale: 'en' });
    expect(api.closed).toBeNull();
    api.socket.send({ id: '1', type: 'subscribe', payload: { query: ARBITRARY } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(api.socket.messages.filter((m) => m.id === '1')).toEqual([]);
    api.socket.close();

    // no credential (`null` as well as absent) is anonymous: persisted documents only
    const anonymous = await initWith({ authorization: null });
    expect(anonymous.closed).toBeNull();
    anonymous.socket.send({ id: '1', type: 'subscribe', payload: { query: ARBITRARY } });
    const refused = await anonymous.socket.next('error');
    expect(JSON.stringify(refused.payload)).toContain('PERSISTED_QUERY_ONLY');
    anonymous.socket.close();
  });
});
