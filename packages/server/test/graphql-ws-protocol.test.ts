// The graphql-ws (graphql-transport-ws) protocol as our /graphql speaks it, message by message over a raw socket:
// connection_init timeout, ping/pong, a client `complete`, subscribe before init, duplicate subscription ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseIn, transition } from './fixtures.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { RawSocket } from './raw-socket.ts';

const INIT_TIMEOUT_MS = 1000;
const QUEUE = 'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { caseId event toStatus } }';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`graphql-ws protocol (${databaseKind()})`, () => {
  let server: TestServer;
  const sockets: RawSocket[] = [];
  const open = (): RawSocket => {
    const socket = new RawSocket(server.url);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startTestServer({ GRAPHQL_WS_INIT_TIMEOUT_MS: String(INIT_TIMEOUT_MS) });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('closes a socket that sends no connection_init in time with 4408', async () => {
    const socket = open();
    await socket.opened;
    const started = Date.now();
    const { code } = await socket.closed;
    expect(code).toBe(4408);
    expect(Date.now() - started).toBeGreaterThanOrEqual(INIT_TIMEOUT_MS - 100);
  });

  it('keeps a socket that sent connection_init open past the timeout', async () => {
    const socket = open();
    await socket.init();
    await sleep(INIT_TIMEOUT_MS + 300);
    socket.send({ type: 'ping' });
    await socket.next('pong');
  });

  it('answers ping with pong, carrying the payload back', async () => {
    const socket = open();
    await socket.init();
    socket.send({ type: 'ping', payload: { at: 'check' } });
    const pong = await socket.next('pong');
    expect(pong.payload).toEqual({ at: 'check' });
  });

  it('closes a subscribe before connection_init with 4401', async () => {
    const socket = open();
    await socket.opened;
    socket.send({ type: 'subscribe', id: '1', payload: { query: QUEUE } });
    expect((await socket.closed).code).toBe(4401);
  });

  it('closes a second subscribe with an id already in use with 4409', async () => {
    const socket = open();
    await socket.init(await server.signIn('th.officer1'));
    socket.send({ type: 'subscribe', id: 'same', payload: { query: QUEUE } });
    await sleep(200);
    socket.send({ type: 'subscribe', id: 'same', payload: { query: QUEUE } });
    expect((await socket.closed).code).toBe(4409);
  });

  it('stops delivering a subscription once the client sends complete', async () => {
    const socket = open();
    await socket.init(await server.signIn('th.officer1'));
    socket.send({ type: 'subscribe', id: 'queue', payload: { query: QUEUE } });
    await sleep(400);

    const first = await caseIn(server, 'DRAFT');
    await transition(server, first.owner.token, 'submit', first.id, first.version);
    const delivered = await socket.next('next');
    expect(delivered).toMatchObject({ id: 'queue', payload: { data: { queueChanges: { event: 'submit' } } } });

    socket.send({ type: 'complete', id: 'queue' });
    await sleep(200);
    const second = await caseIn(server, 'DRAFT');
    await transition(server, second.owner.token, 'submit', second.id, second.version);
    await sleep(500);
    expect(socket.messages.filter((message) => message.type === 'next')).toEqual([]);
    // the connection itself stays usable
    socket.send({ type: 'ping' });
    await socket.next('pong');
  });
});
