// The signed-in state is cached per instance (platform/auth/signed-in-cache.ts); these tests show no instance
// serves a credential from memory after it was revoked on another one: sign-out, a disabled account, a reset
// password and a revoked API token made through A are refused by B at once — the very next request, over raw
// HTTP and over a new WebSocket, with no wait. Two instances on one PostgreSQL database and one Redis.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, freshPostgresDatabase, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken } from './invitation.fixtures.ts';
import { rawExchange } from './raw-http.ts';
import { RawSocket } from './raw-socket.ts';
import { sleep } from './ws-client.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const VIEWER = '{"query":"{ viewer { username } }"}';

describe('a credential revoked on one instance is refused by the other at once (PostgreSQL + Redis)', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let a: TestServer;
  let b: TestServer;
  let admin: string;
  const sockets: RawSocket[] = [];
  const prefix = `leqi-test-${randomUUID()}`;

  beforeAll(async () => {
    database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL as string);
    // a revalidation round far longer than the test: only the revocation itself can end anything
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_CHANNEL_PREFIX: prefix,
      GRAPHQL_WS_REVALIDATE_MS: '3600000',
      // A waits for B's confirmation: on a loaded CI machine B once took longer than the default 2 s to confirm
      REVOCATION_ACK_TIMEOUT_MS: '30000',
    };
    a = await startTestServer(env);
    b = await startTestServer(env);
    admin = await a.signIn('platform.admin');
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  /** `{ viewer { username } }` over a raw HTTP/1.1 request: the username, or null when the token signs no one in */
  const viewerOver = async (server: TestServer, token: string) => {
    const answer = await rawExchange(
      Number(new URL(server.url).port),
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Length: ${VIEWER.length}\r\nConnection: close\r\n\r\n${VIEWER}`,
    );
    expect(answer.status).toBe(200);
    return JSON.parse(answer.utf8.slice(answer.utf8.indexOf('\r\n\r\n') + 4)).data.viewer?.username ?? null;
  };
  /** a new graphql-ws socket's verdict on the token: a subscription starts, or is refused */
  const subscribeOver = async (server: TestServer, token: string) => {
    const socket = new RawSocket(server.url);
    sockets.push(socket);
    await socket.init(token);
    socket.send({ id: '1', type: 'subscribe', payload: { query: 'subscription { caseEvents { cursor } }' } });
    // refused: an error message, a result carrying errors (a scope check) or a close; live: none within a second
    const refusal = () =>
      socket.messages.some(
        (message) => message.type === 'error' || (message.type === 'next' && message.payload?.errors),
      );
    let closed = false;
    void socket.closed.then(() => {
      closed = true;
    });
    for (let waited = 0; waited < 1000 && !refusal() && !closed; waited += 20) await sleep(20);
    const settled = refusal() || closed ? 'refused' : 'live';
    socket.close();
    return settled;
  };
  /** a second session of the user, so each test has its own token */
  const freshSession = async (username: string) =>
    (await a.gql(SIGN_IN_DOCUMENT, { u: username, p: DEMO_PASSWORD })).data?.signIn.token as string;
  const accountId = async (username: string) => {
    const result = await a.gql(
      'query($search: String) { userAccounts(search: $search, first: 5) { edges { node { id username version } } } }',
      { search: username },
      admin,
    );
    return result.data?.userAccounts.edges
      .map((edge: { node: { id: string; username: string; version: number } }) => edge.node)
      .find((node: { username: string }) => node.username === username);
  };
  const adminMutation = async (name: string, inputType: string, input: Record<string, unknown>) => {
    const result = await a.gql(
      `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ... on Error { code message } } }`,
      { input },
      admin,
    );
    expect(result.data?.[name].__typename, JSON.stringify(result)).toMatch(/Success$/);
  };
  /** B has the token in memory: a request on B sends no SQL statement for it */
  const cachedOnB = async (token: string, username: string) => {
    expect(await viewerOver(b, token)).toBe(username);
    const metrics = b.running.app.metrics;
    const before = metrics?.dbQueries.total();
    expect(await viewerOver(b, token)).toBe(username);
    expect(metrics?.dbQueries.total()).toBe(before);
    expect(await subscribeOver(b, token)).toBe('live');
  };

  it('sign-out on A', async () => {
    const token = await freshSession('th.officer1');
    await cachedOnB(token, 'th.officer1');
    expect((await a.gql('mutation { signOut }', {}, token)).data?.signOut).toBe(true);
    expect(await viewerOver(b, token)).toBeNull();
    expect(await subscribeOver(b, token)).toBe('refused');
  });

  it('an account disabled on A', async () => {
    const token = await freshSession('th.officer2');
    await cachedOnB(token, 'th.officer2');
    const { id, version } = await accountId('th.officer2');
    await adminMutation('setUserAccountDisabled', 'SetUserAccountDisabledInput', {
      id,
      disabled: true,
      expectedVersion: version,
    });
    expect(await viewerOver(b, token)).toBeNull();
    expect(await subscribeOver(b, token)).toBe('refused');
  });

  it('a password reset on A', async () => {
    const token = await freshSession('pd.officer1');
    await cachedOnB(token, 'pd.officer1');
    const { id } = await accountId('pd.officer1');
    await adminMutation('resetUserPassword', 'ResetUserPasswordInput', { id });
    expect(await viewerOver(b, token)).toBeNull();
  });

  it('an API token revoked on A', async () => {
    const dcu = await createDcu(a);
    const { token, apiToken } = await createToken(a, dcu.token, 'ERP');
    expect(await viewerOver(b, token)).not.toBeNull();
    const revoked = await a.gql(
      'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename } }',
      { input: { id: apiToken.id } },
      dcu.token,
    );
    expect(revoked.data?.revokeApiToken.__typename).toMatch(/Success$/);
    expect(await viewerOver(b, token)).toBeNull();
  });
});
