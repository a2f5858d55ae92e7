// Issue 13, finding 5: how many subscriptions one caller may hold open at once. Per graphql-ws socket
// (SUBSCRIPTIONS_PER_CONNECTION) and per user or API token over all its sockets and SSE streams
// (SUBSCRIPTIONS_PER_USER); one over the limit is refused with LIMIT_EXCEEDED, the others carry on, and a place
// comes back when a subscription completes or its connection goes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { RawSocket } from './raw-socket.ts';
import { type SseSubscription, subscribeSse } from './sse-client.ts';

const EVENTS = 'subscription { caseEvents { cursor } }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`subscription limits (${databaseKind()})`, () => {
  let server: TestServer;
  const sockets: RawSocket[] = [];
  const streams: SseSubscription[] = [];

  beforeAll(async () => {
    server = await startTestServer({ SUBSCRIPTIONS_PER_CONNECTION: '2', SUBSCRIPTIONS_PER_USER: '3' });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const stream of streams) stream.close();
    await server?.close();
  });

  const socketOf = async (token: string, locale?: string) => {
    const socket = new RawSocket(server.url);
    sockets.push(socket);
    await socket.opened;
    socket.send({
      type: 'connection_init',
      payload: { authorization: `Bearer ${token}`, ...(locale ? { locale } : {}) },
    });
    await socket.next('connection_ack');
    return socket;
  };
  /** the refusal of subscription `id`, or null when it is live (nothing refused it within 300 ms) */
  const refusalOf = async (socket: RawSocket, id: string) => {
    socket.send({ id, type: 'subscribe', payload: { query: EVENTS } });
    await sleep(300);
    const message = socket.messages.find((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
    if (!message) return null;
    const errors = message.type === 'error' ? message.payload : message.payload.errors;
    return errors?.[0] ?? null;
  };

  it('refuses the subscription over the per-socket and per-user limits, with a typed error', async () => {
    const token = await server.signIn('yf.legal');
    const first = await socketOf(token);
    expect(await refusalOf(first, '1')).toBeNull();
    expect(await refusalOf(first, '2')).toBeNull();
    const perSocket = await refusalOf(first, '3');
    expect(perSocket).toMatchObject({
      extensions: { code: 'LIMIT_EXCEEDED', limit: 'SUBSCRIPTIONS_PER_CONNECTION', max: 2 },
    });
    expect(perSocket.message).toBe('同时进行的订阅过多：每个连接最多 2 个，请先结束不再需要的订阅');

    // a second socket of the same user: one more place for the user, then none
    const second = await socketOf(token, 'en');
    expect(await refusalOf(second, '1')).toBeNull();
    const perUser = await refusalOf(second, '2');
    expect(perUser).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'SUBSCRIPTIONS_PER_USER', max: 3 } });
    expect(perUser.message).toMatch(/^Too many subscriptions: at most 3 per user/);

    // SSE counts for the same user
    const sse = subscribeSse(server.url, token, EVENTS);
    streams.push(sse);
    expect(await sse.waitFor(() => sse.errors().length > 0)).toBe(true);
    expect(sse.errors()[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'SUBSCRIPTIONS_PER_USER' } });

    // the refused ones do not take the others down
    expect(first.messages.filter((m) => m.type === 'error')).toEqual([]);
    // another user is not affected
    const someoneElse = await socketOf(await server.signIn('th.officer1'));
    expect(await refusalOf(someoneElse, '1')).toBeNull();
  });

  it('gives a place back when a subscription completes and when its socket or stream goes', async () => {
    const token = await server.signIn('yfwl.clerk');
    const first = await socketOf(token);
    expect(await refusalOf(first, '1')).toBeNull();
    expect(await refusalOf(first, '2')).toBeNull();
    first.send({ id: '1', type: 'complete' });
    expect(await refusalOf(first, '3')).toBeNull();

    const second = await socketOf(token);
    expect(await refusalOf(second, '1')).toBeNull();
    expect((await refusalOf(second, '2'))?.extensions?.limit).toBe('SUBSCRIPTIONS_PER_USER');
    first.close();
    await first.closed;
    await sleep(100);
    expect(await refusalOf(second, '3')).toBeNull();

    // an SSE stream holds a place while it is open
    const sse = subscribeSse(server.url, token, EVENTS);
    streams.push(sse);
    expect(await sse.status).toBe(200);
    await sleep(300);
    expect(sse.errors()).toEqual([]);
    const third = await socketOf(token);
    expect((await refusalOf(third, '1'))?.extensions?.limit).toBe('SUBSCRIPTIONS_PER_USER');
    sse.close();
    await sleep(300);
    expect(await refusalOf(third, '2')).toBeNull();
  });
});
