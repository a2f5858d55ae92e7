// The fan-out of live events to graphql-ws sockets, over real sockets: what each client receives (the exact bytes
// graphql-ws would send, errors masked as yoga masks them), in order, with one execution per event and selection.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { StoredCaseEvent } from '../events/audit.ts';
import type { Logger } from '../observability/log.ts';
import { DeliveryTurns } from './delivery-turns.ts';
import { LiveFanout } from './live-fanout.ts';
import { sendText, writesFramesDirectly } from './websocket-frames.ts';

const event = (id: number) => ({ id: BigInt(id) }) as unknown as StoredCaseEvent;

interface Pair {
  server: WebSocket;
  received: string[];
  client: WebSocket;
}

const opened: { http: Server; wss: WebSocketServer; clients: WebSocket[] }[] = [];

/** `count` connected socket pairs: the server's end of each, and what its client receives. */
async function socketPairs(count: number, options: { perMessageDeflate?: boolean } = {}): Promise<Pair[]> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: options.perMessageDeflate ?? false });
  const accepted: WebSocket[] = [];
  wss.on('connection', (socket) => accepted.push(socket));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients: WebSocket[] = [];
  const received: string[][] = [];
  for (let index = 0; index < count; index += 1) {
    const client = new WebSocket(url, { perMessageDeflate: options.perMessageDeflate ?? false });
    const messages: string[] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => messages.push(isBinary ? 'BINARY' : data.toString()));
    await new Promise((resolve) => client.once('open', resolve));
    clients.push(client);
    received.push(messages);
  }
  while (accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
  opened.push({ http, wss, clients });
  return clients.map((client, index) => ({
    client,
    received: received[index] as string[],
    server: accepted[index] as WebSocket,
  }));
}

async function until(condition: () => boolean) {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

afterEach(async () => {
  for (const { http, wss, clients } of opened.splice(0)) {
    for (const client of clients) client.terminate();
    for (const socket of wss.clients) socket.terminate();
    wss.close();
    await new Promise((resolve) => http.close(resolve));
  }
});

describe('sendText', () => {
  it('writes messages of every frame length a client reads back intact, in order with ws’s own sends', async () => {
    const [pair] = await socketPairs(1);
    const { server, received } = pair as Pair;
    expect(writesFramesDirectly(server)).toBe(true);
    const sizes = [0, 125, 126, 65_535, 65_536, 200_000];
    const texts = sizes.map((size, index) => `${index}:${'汉'.repeat(Math.ceil(size / 3))}`);
    for (const text of texts) {
      const bytes = Buffer.from(text);
      sendText(server, [bytes.subarray(0, 3), bytes.subarray(3)], true);
      server.send('between');
    }
    await until(() => received.length === texts.length * 2);
    expect(received).toEqual(texts.flatMap((text) => [text, 'between']));
  });

  it('leaves the framing to ws when an extension (compression) transforms the frames', async () => {
    const [pair] = await socketPairs(1, { perMessageDeflate: true });
    const { server, received } = pair as Pair;
    expect(writesFramesDirectly(server)).toBe(false);
    sendText(server, [Buffer.from('{"a":'), Buffer.from('1}')], writesFramesDirectly(server));
    await until(() => received.length === 1);
    expect(received).toEqual(['{"a":1}']);
  });
});

describe('LiveFanout', () => {
  function fanoutWith(executions: string[], logged: unknown[] = []) {
    const log = { error: (_message: string, fields?: { error?: unknown }) => logged.push(fields?.error) };
    const fanout = new LiveFanout(new DeliveryTurns(8), log as unknown as Logger);
    const executor =
      (key: string, result: (n: number) => ExecutionResult = (n) => ({ data: { n, key } })) =>
      (stored: StoredCaseEvent) => {
        executions.push(`${key}:${stored.id}`);
        return result(Number(stored.id));
      };
    return { fanout, executor };
  }

  it('executes each event once per selection and writes graphql-ws’s exact `next` message to every subscriber', async () => {
    const pairs = await socketPairs(6);
    const executions: string[] = [];
    const { fanout, executor } = fanoutWith(executions);
    const writers = pairs.map((pair, index) =>
      fanout.writerFor(
        { socket: pair.server, id: `op-${index}`, active: () => true },
        index < 4 ? 'A' : 'B',
        executor(index < 4 ? 'A' : 'B'),
      ),
    );
    for (const id of [1, 2, 3]) {
      const stored = event(id);
      for (const writer of writers) writer.write(stored);
    }
    await until(() => pairs.every((pair) => pair.received.length === 3));
    expect(executions.sort()).toEqual(['A:1', 'A:2', 'A:3', 'B:1', 'B:2', 'B:3']);
    pairs.forEach((pair, index) => {
      const key = index < 4 ? 'A' : 'B';
      expect(pair.received).toEqual(
        [1, 2, 3].map((n) => JSON.stringify({ id: `op-${index}`, type: 'next', payload: { data: { n, key } } })),
      );
    });
  });

  it('masks unexpected errors as yoga’s plugin does on graphql-ws (and logs them), keeps the GraphQL errors the resolvers raised', async () => {
    const [pair] = await socketPairs(1);
    const executions: string[] = [];
    const logged: unknown[] = [];
    const { fanout, executor } = fanoutWith(executions, logged);
    const refused = new GraphQLError('不可查看', { extensions: { code: 'FORBIDDEN' } });
    const crashed = new GraphQLError('secret: connection string', { originalError: new Error('pg down') });
    const writer = fanout.writerFor(
      { socket: (pair as Pair).server, id: 's', active: () => true },
      'K',
      executor('K', () => ({ data: null, errors: [refused, crashed] })),
    );
    writer.write(event(1));
    await until(() => (pair as Pair).received.length === 1);
    const message = JSON.parse((pair as Pair).received[0] as string);
    expect(message.payload.errors).toEqual([
      { message: '不可查看', extensions: { code: 'FORBIDDEN' } },
      { message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true } },
    ]);
    expect(logged).toEqual([crashed]);
    expect(JSON.stringify(message)).not.toContain('pg down');
    expect(JSON.stringify(message)).not.toContain('connection string');
  });

  it('ends the streams of a selection whose execution throws; the other selections are still written', async () => {
    const pairs = await socketPairs(2);
    const executions: string[] = [];
    const { fanout, executor } = fanoutWith(executions);
    const failures: unknown[] = [];
    const broken = fanout.writerFor({ socket: (pairs[0] as Pair).server, id: 'x', active: () => true }, 'X', () => {
      throw new Error('boom');
    });
    broken.onFailure((error) => failures.push(error));
    const fine = fanout.writerFor(
      { socket: (pairs[1] as Pair).server, id: 'y', active: () => true },
      'Y',
      executor('Y'),
    );
    const stored = event(7);
    broken.write(stored);
    fine.write(stored);
    await until(() => (pairs[1] as Pair).received.length === 1);
    expect(failures).toEqual([new Error('boom')]);
    expect((pairs[0] as Pair).received).toEqual([]);
  });

  it('writes nothing for a closed writer or a subscription graphql-ws let go, and their drained() resolves', async () => {
    const pairs = await socketPairs(3);
    const executions: string[] = [];
    const { fanout, executor } = fanoutWith(executions);
    const closed = fanout.writerFor(
      { socket: (pairs[0] as Pair).server, id: 'c', active: () => true },
      'K',
      executor('K'),
    );
    const completed = fanout.writerFor(
      { socket: (pairs[1] as Pair).server, id: 'd', active: () => false },
      'K',
      executor('K'),
    );
    const open = fanout.writerFor(
      { socket: (pairs[2] as Pair).server, id: 'o', active: () => true },
      'K',
      executor('K'),
    );
    const stored = event(1);
    for (const writer of [closed, completed, open]) writer.write(stored);
    closed.close();
    await Promise.all([closed.drained(), completed.drained(), open.drained()]);
    await until(() => (pairs[2] as Pair).received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((pairs[0] as Pair).received).toEqual([]);
    expect((pairs[1] as Pair).received).toEqual([]);
  });

  it('is behind while 100 events wait for the writer, and not once they are written', async () => {
    const [pair] = await socketPairs(1);
    const executions: string[] = [];
    const { fanout, executor } = fanoutWith(executions);
    const writer = fanout.writerFor({ socket: (pair as Pair).server, id: 'b', active: () => true }, 'K', executor('K'));
    for (let id = 1; id < 100; id += 1) writer.write(event(id));
    expect(writer.behind).toBe(false);
    writer.write(event(100));
    expect(writer.behind).toBe(true);
    await writer.drained();
    expect(writer.behind).toBe(false);
    await until(() => (pair as Pair).received.length === 100);
    expect((pair as Pair).received.map((text) => JSON.parse(text).payload.data.n)).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 1),
    );
  });
});
