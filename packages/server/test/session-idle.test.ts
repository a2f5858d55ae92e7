// 会话空闲超时 (issue 22, 身份鉴别): a session nobody used for SESSION_IDLE_MINUTES ends, on the next request and
// for its open subscriptions; the user's requests keep it alive, the server's own re-checks of an open page do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerFromToken } from '../src/features/auth/service.ts';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { DEMO_PASSWORD, databaseKind, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { RawSocket } from './raw-socket.ts';

const VIEWER = '{ viewer { username } }';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe(`idle sessions end (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SESSION_IDLE_MINUTES: '30' });
  });
  afterAll(async () => server?.close());

  const lastSeen = (token: string, at?: Date) =>
    at
      ? server.running.app.db.session.update({ where: { tokenHash: hashToken(token) }, data: { lastSeenAt: at } })
      : server.running.app.db.session.findUnique({ where: { tokenHash: hashToken(token) } });

  it('a session unused for SESSION_IDLE_MINUTES ends for good; signing in again works', async () => {
    const token = await server.signIn('sl.clerk');
    await lastSeen(token, minutesAgo(31));
    expect((await server.gql(VIEWER, {}, token)).data?.viewer ?? null).toBeNull();
    expect(await lastSeen(token)).toBeNull();
    // a new session (the harness's signIn would hand back the ended one)
    const again = (await server.gql(SIGN_IN_DOCUMENT, { u: 'sl.clerk', p: DEMO_PASSWORD })).data?.signIn.token;
    expect((await server.gql(VIEWER, {}, again)).data?.viewer.username).toBe('sl.clerk');
  });

  it('the user’s requests keep it alive (written at most once a minute); the server’s re-checks do not', async () => {
    const token = await server.signIn('sl.legal');
    await lastSeen(token, minutesAgo(29));
    expect((await server.gql(VIEWER, {}, token)).data?.viewer.username).toBe('sl.legal');
    const touched = (await lastSeen(token))?.lastSeenAt.getTime() ?? 0;
    expect(Date.now() - touched).toBeLessThan(10_000);

    const checked = token;
    const before = minutesAgo(5);
    await lastSeen(checked, before);
    const { signedIn: _cache, ...uncached } = server.running.app;
    expect((await viewerFromToken(uncached, checked, { activity: false }))?.username).toBe('sl.legal');
    expect((await lastSeen(checked))?.lastSeenAt).toEqual(before);
    expect((await viewerFromToken(uncached, checked))?.username).toBe('sl.legal');
    expect((await lastSeen(checked))?.lastSeenAt.getTime()).toBeGreaterThan(before.getTime());
  });

  it('SESSION_IDLE_MINUTES=0 lets a session idle until its lifetime ends', async () => {
    const ageless = await startTestServer({ SESSION_IDLE_MINUTES: '0' });
    try {
      const token = await ageless.signIn('sl.clerk');
      await ageless.running.app.db.session.update({
        where: { tokenHash: hashToken(token) },
        data: { lastSeenAt: minutesAgo(600) },
      });
      expect((await ageless.gql(VIEWER, {}, token)).data?.viewer.username).toBe('sl.clerk');
    } finally {
      await ageless.close();
    }
  });
});

describe(`an open page does not keep an idle session alive (${databaseKind()})`, () => {
  let server: TestServer;
  const sockets: RawSocket[] = [];
  beforeAll(async () => {
    // re-checked every 200 ms and never remembered between requests, so the test need not wait for either
    server = await startTestServer({
      SESSION_IDLE_MINUTES: '2',
      GRAPHQL_WS_REVALIDATE_MS: '200',
      SIGNED_IN_CACHE_TTL_MS: '0',
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('its subscription ends with 4401 once the session idled out, though the socket was re-checked all along', async () => {
    const token = await server.signIn('th.officer1');
    const socket = new RawSocket(server.url);
    sockets.push(socket);
    await socket.init(token);
    socket.send({
      id: '1',
      type: 'subscribe',
      payload: { query: 'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { cursor } }' },
    });
    // live once nothing refused it (subscribing is the user's own use of the session)
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(socket.messages.filter((message) => message.type === 'error')).toEqual([]);
    // last used 90 s ago: re-checked a few times meanwhile, the socket stays open and the checks are not use
    const seenBefore = minutesAgo(1.5);
    await server.running.app.db.session.update({
      where: { tokenHash: hashToken(token) },
      data: { lastSeenAt: seenBefore },
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    const stillOpen = await Promise.race([
      socket.closed,
      new Promise((resolve) => setTimeout(() => resolve('open'), 50)),
    ]);
    expect(stillOpen).toBe('open');
    expect(
      (await server.running.app.db.session.findUnique({ where: { tokenHash: hashToken(token) } }))?.lastSeenAt,
    ).toEqual(seenBefore);
    await server.running.app.db.session.update({
      where: { tokenHash: hashToken(token) },
      data: { lastSeenAt: minutesAgo(3) },
    });
    const closed = await Promise.race([socket.closed, new Promise((resolve) => setTimeout(() => resolve(null), 5000))]);
    expect(closed).toEqual({ code: 4401, reason: 'Unauthorized' });
    expect(await server.running.app.db.session.findUnique({ where: { tokenHash: hashToken(token) } })).toBeNull();
  });
});
