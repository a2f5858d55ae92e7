// Fan-out: 1,000 graphql-ws subscribers of one review queue (queueChanges ACCESS_APPLICATION/ACCEPTANCE), then
// submissions one after another; for each event and subscriber the time from the event's append (inside the
// committing transaction) to its arrival at the subscriber. First one instance, then two instances on one
// PostgreSQL with Redis, the subscribers split between them and the submissions made through the first.
// Subscribers run in a child process, so the servers have this process to themselves.
// Baseline, in the same run: a bare graphql-ws server (graphql-ws + ws, the versions the server uses, no yoga, no
// database) broadcasting the same payload to the same number of subscribers through an in-memory pub/sub, the
// latency measured from the publish. Our p99 is reported against its p99 (`one_vs_baseline`, `two_vs_baseline`).
// The floor, in the same run: a ws server without GraphQL writing one pre-serialised message to every subscriber
// (`floor_p99_ms`): no server can deliver an event to every subscriber of this machine faster.
// Run: pnpm bench:fanout [subscribers=1000] [events=10] [spacing ms=1000]
//   two instances need TEST_DATABASE_URL=postgres://… (and Redis at REDIS_URL, default redis://127.0.0.1:6379)
// The last line printed is one JSON object with the figures.
// Each setup first delivers WARM_UP_EVENTS events that are not measured: a running server has delivered events
// before, and the first one of a process pays for compiling its code and preparing its statements on a connection
// (it was alone the slowest of the ten, by ~20 ms).
// FANOUT_CPU_PROFILE=<dir>: writes a CPU profile of this process (the servers) for each setup, from the first
// publish until every subscriber has its events (open in Chrome DevTools or speedscope).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { caseIn, transition } from '../packages/server/test/fixtures.ts';
import {
  databaseKind,
  freshPostgresDatabase,
  startTestServer,
  type TestServer,
} from '../packages/server/test/harness.ts';

// ws and graphql-ws are dependencies of the server package, not of the repository root where this file lives
const serverRequire = createRequire(new URL('../packages/server/package.json', import.meta.url));
const WebSocket = serverRequire('ws') as typeof import('../packages/server/node_modules/@types/ws');
const { useServer } = serverRequire(
  'graphql-ws/use/ws',
) as typeof import('../packages/server/node_modules/graphql-ws/dist/use/ws');
const graphql = serverRequire('graphql') as typeof import('../packages/server/node_modules/graphql');

/** events delivered to every subscriber before the measured ones, not measured */
const WARM_UP_EVENTS = 1;

/** subscribers connecting at once, each batch waiting for the previous one's handshakes */
const CONNECT_BATCH = 250;

const QUERY = 'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { cursor caseId createdAt } }';

interface SubscriberSpec {
  urls: string[];
  token: string;
  subscribers: number;
  events: number;
  /** events each subscriber receives first and does not measure */
  warmUp: number;
}

/** The child: opens the subscribers round-robin over the URLs, prints "ready", then the latencies as JSON. */
async function runSubscribers(spec: SubscriberSpec) {
  const latencies: number[] = [];
  let received = 0;
  let connected = 0;
  let failed = 0;
  // a lean graphql-transport-ws client per subscriber (the protocol's messages over raw ws): one process reads
  // every subscriber's messages, so it finds the event's time in the frame's bytes instead of parsing each payload
  // with a full client (which made this process, not the servers, the slowest part of the delivery)
  const CREATED_AT = '"createdAt":"';
  const open = (index: number) => {
    const url = `${(spec.urls[index % spec.urls.length] as string).replace(/^http/, 'ws')}/graphql`;
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let acknowledged = false;
    let warmingUp = spec.warmUp;
    socket.on('open', () =>
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${spec.token}` } })),
    );
    socket.on('message', (data: Buffer) => {
      const at = data.indexOf(CREATED_AT);
      if (at >= 0 && acknowledged) {
        const from = at + CREATED_AT.length;
        const latency = Date.now() - Date.parse(data.toString('latin1', from, data.indexOf('"', from)));
        // a warm-up event goes the same way, so this process's own code is as warm as the server's for the first
        if (warmingUp > 0) warmingUp -= 1;
        else {
          latencies.push(latency);
          received += 1;
        }
        return;
      }
      const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
      if (message.type === 'connection_ack') {
        acknowledged = true;
        connected += 1;
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
      } else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'error' || message.type === 'complete') {
        console.error('subscriber error', JSON.stringify(message));
      }
    });
    // a socket refused or closed before its acknowledgement counts as a failed connection, once
    let settled = false;
    const refused = () => {
      if (!settled && !acknowledged) failed += 1;
      settled = true;
    };
    socket.on('error', refused);
    socket.on('close', refused);
    return { dispose: () => socket.close() };
  };
  // connected in batches: 10,000 sockets opened at once overflow the servers' listen backlog (connection resets)
  const clients: ReturnType<typeof open>[] = [];
  while (clients.length < spec.subscribers) {
    const batch = Math.min(CONNECT_BATCH, spec.subscribers - clients.length);
    for (let index = 0; index < batch; index += 1) clients.push(open(clients.length));
    while (connected + failed < clients.length) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // subscriptions registered on the bus
  if (failed > 0) console.error(`${failed} of ${spec.subscribers} subscribers could not connect`);
  console.log('ready');
  const expected = spec.subscribers * spec.events;
  const deadline = Date.now() + 120_000;
  while (received < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // 10,000 subscribers' latencies are a long line: wait until the pipe has taken all of it before the process exits
  const report = `${JSON.stringify({ latencies, received, expected })}\n`;
  await new Promise<void>((resolve) => process.stdout.write(report, () => resolve()));
  await Promise.all(clients.map((client) => client.dispose()));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

interface Figures {
  received: number;
  expected: number;
  p50: number;
  p99: number;
  cpuMsPerEvent: number;
}

/** what to measure: where the subscribers connect, how they are ready, and how one event is published */
interface Target {
  urls: string[];
  token: string;
  /** resolves once every subscription is registered on the server side */
  registered(): Promise<void>;
  publish(index: number): Promise<void>;
}

async function measure(
  label: string,
  target: Target,
  subscribers: number,
  events: number,
  spacingMs: number,
): Promise<Figures> {
  const spec: SubscriberSpec = { urls: target.urls, token: target.token, subscribers, events, warmUp: WARM_UP_EVENTS };
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--subscribers', JSON.stringify(spec)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const iterator = lines[Symbol.asyncIterator]();
  const next = async () => ((await iterator.next()).value as string | undefined) ?? '';
  while ((await next()) !== 'ready') {
    /* subscribers connecting */
  }
  await target.registered();
  for (let index = 0; index < WARM_UP_EVENTS; index++) {
    await target.publish(index);
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  // CPU of this process (the servers, plus the submitting client's few requests) from the first submission until
  // every subscriber has its events: divided by the events, what one event costs the servers
  const profiling = process.env.FANOUT_CPU_PROFILE ? new Session() : null;
  if (profiling) {
    profiling.connect();
    await profiling.post('Profiler.enable');
    await profiling.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  for (let index = 0; index < events; index++) {
    await target.publish(WARM_UP_EVENTS + index);
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  let report = '';
  while (!report.startsWith('{')) report = await next();
  const cpu = process.cpuUsage(cpuBefore);
  if (profiling) {
    const { profile } = await profiling.post('Profiler.stop');
    const file = `${process.env.FANOUT_CPU_PROFILE}/fanout-${label.split(' ')[0]}-${Date.now()}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile: ${file}`);
    profiling.disconnect();
  }
  const cpuMsPerEvent = (cpu.user + cpu.system) / 1000 / events;
  const { latencies, received, expected } = JSON.parse(report) as {
    latencies: number[];
    received: number;
    expected: number;
  };
  const sorted = [...latencies].sort((a, b) => a - b);
  const figures = { received, expected, p50: percentile(sorted, 50), p99: percentile(sorted, 99), cpuMsPerEvent };
  // events are far enough apart that each one's deliveries arrive together: the slowest delivery of each, in order
  const perEvent = expected / events;
  const eventMax = Array.from({ length: events }, (_, index) =>
    Math.max(...latencies.slice(index * perEvent, (index + 1) * perEvent)),
  );
  console.log(
    `${label.padEnd(44)} ${String(received).padStart(6)}/${expected}  p50 ${figures.p50} ms  p99 ${figures.p99} ms  max ${sorted.at(-1)} ms  server CPU ${cpuMsPerEvent.toFixed(0)} ms/event`,
  );
  console.log(`${''.padEnd(44)} slowest delivery of each event: ${eventMax.join(' ')} ms`);
  return figures;
}

/** Subscribers of our server(s), events published by submitting cases through `publishVia`. */
async function ourServers(publishVia: TestServer, instances: TestServer[], subscribers: number, events: number) {
  const officer = await publishVia.signIn('th.officer1');
  const drafts: Awaited<ReturnType<typeof caseIn>>[] = [];
  for (let index = 0; index < events; index++) drafts.push(await caseIn(publishVia, 'DRAFT'));
  // every subscription registered on its instance's bus before the first commit
  const listening = () => instances.reduce((sum, instance) => sum + instance.running.app.bus.listenerCount, 0);
  return {
    urls: instances.map((instance) => instance.url),
    token: officer,
    registered: async () => {
      while (listening() < subscribers) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    publish: async (index: number) => {
      const draft = drafts[index] as Awaited<ReturnType<typeof caseIn>>;
      const result = await transition(publishVia, draft.owner.token, 'submit', draft.id, draft.version);
      if (result.__typename !== 'AccessApplicationSuccess') throw new Error(JSON.stringify(result));
    },
  } satisfies Target;
}

const BASELINE_SCHEMA = `
  enum ReviewKind { ACCESS_APPLICATION EXIT_APPLICATION INVITATION CAPABILITY_SUBSCRIPTION }
  enum ReviewStep { ACCEPTANCE REVIEW }
  type CaseEvent { cursor: String! caseKind: ReviewKind! caseId: ID! event: String! createdAt: String! }
  type Query { ok: Boolean }
  type Subscription { queueChanges(kind: ReviewKind!, step: ReviewStep!, after: String): CaseEvent! }
`;

/**
 * The baseline: graphql-ws over ws with a plain schema; each subscription is an async iterator fed by an in-memory
 * set of listeners, each event one object handed to all of them (graphql-ws executes the selection per subscriber).
 */
async function bareGraphqlWs(subscribers: number) {
  const schema = graphql.buildSchema(BASELINE_SCHEMA);
  const listeners = new Set<(event: unknown) => void>();
  const field = schema.getSubscriptionType()?.getFields().queueChanges as NonNullable<
    ReturnType<NonNullable<ReturnType<typeof schema.getSubscriptionType>>['getFields']>['queueChanges']
  >;
  field.subscribe = () => inMemorySubscription(listeners);
  field.resolve = (event) => event;
  const server: Server = createServer();
  const wsServer = new WebSocket.WebSocketServer({ server, path: '/graphql' });
  const cleanup = useServer({ schema }, wsServer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cursor = 0;
  const target: Target = {
    urls: [url],
    token: 'none',
    registered: async () => {
      while (listeners.size < subscribers) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    publish: async () => {
      cursor += 1;
      const event = {
        cursor: String(cursor),
        caseKind: 'ACCESS_APPLICATION',
        caseId: Buffer.from(`AccessApplication:${randomUUID()}`).toString('base64'),
        event: 'SUBMITTED',
        createdAt: new Date().toISOString(),
      };
      for (const listener of listeners) listener(event);
    },
  };
  const close = async () => {
    await cleanup.dispose();
    await new Promise((resolve) => server.close(resolve));
  };
  return { target, close };
}

/**
 * The floor: no GraphQL at all. A ws server speaking just enough graphql-transport-ws (acknowledge, note each
 * subscription's id) that writes one pre-serialised message to every subscriber per event — the least any server
 * can do to deliver one event to every socket; what is left is the sockets and the subscribers' process.
 */
async function rawWebSocketFloor(subscribers: number) {
  const server: Server = createServer();
  const wsServer = new WebSocket.WebSocketServer({ server, path: '/graphql' });
  const subscriptions = new Map<import('../packages/server/node_modules/@types/ws').WebSocket, string>();
  wsServer.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
      else if (message.type === 'subscribe' && message.id) subscriptions.set(socket, message.id);
    });
    socket.on('close', () => subscriptions.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let cursor = 0;
  const target: Target = {
    urls: [url],
    token: 'none',
    registered: async () => {
      while (subscriptions.size < subscribers) await new Promise((resolve) => setTimeout(resolve, 50));
    },
    publish: async () => {
      cursor += 1;
      const caseId = Buffer.from(`AccessApplication:${randomUUID()}`).toString('base64');
      const payload = JSON.stringify({
        data: { queueChanges: { cursor: String(cursor), caseId, createdAt: new Date().toISOString() } },
      });
      for (const [socket, id] of subscriptions)
        socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
    },
  };
  const close = async () => {
    for (const socket of wsServer.clients) socket.terminate();
    wsServer.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { target, close };
}

/** An async iterator of what the listeners are handed, from its subscription on. */
function inMemorySubscription(listeners: Set<(event: unknown) => void>): AsyncIterableIterator<unknown> {
  const queued: unknown[] = [];
  let waiting: ((result: IteratorResult<unknown>) => void) | null = null;
  const listener = (event: unknown) => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: event, done: false });
    } else queued.push(event);
  };
  listeners.add(listener);
  const iterator: AsyncIterableIterator<unknown> = {
    next: () =>
      queued.length > 0
        ? Promise.resolve({ value: queued.shift(), done: false })
        : new Promise((resolve) => {
            waiting = resolve;
          }),
    return: async () => {
      listeners.delete(listener);
      waiting?.({ value: undefined, done: true });
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

const round = (value: number) => Math.round(value * 100) / 100;

async function main() {
  const subscribers = Number(process.argv[2] ?? 1000);
  const events = Number(process.argv[3] ?? 10);
  const spacingMs = Number(process.argv[4] ?? 1000);
  console.log(
    `fan-out: ${subscribers} graphql-ws subscribers of queueChanges, ${events} submissions ${spacingMs} ms apart (${databaseKind()})`,
  );
  console.log('setup                                        delivered        commit → delivery');
  const bare = await bareGraphqlWs(subscribers);
  const baseline = await measure(
    'baseline: bare graphql-ws, in-memory pub/sub',
    bare.target,
    subscribers,
    events,
    spacingMs,
  );
  await bare.close();
  const raw = await rawWebSocketFloor(subscribers);
  const floor = await measure('floor: raw ws, one pre-serialised message', raw.target, subscribers, events, spacingMs);
  await raw.close();

  const single = await startTestServer({
    RATE_LIMIT_PER_MINUTE: '1000000',
    SUBSCRIPTIONS_PER_USER: '1000000',
    LOG_LEVEL: 'warn',
  });
  const one = await measure(
    'one instance',
    await ourServers(single, [single], subscribers, WARM_UP_EVENTS + events),
    subscribers,
    events,
    spacingMs,
  );
  await single.close();

  const summary = (two: Figures | null) => {
    const ours = two ? [one, two] : [one];
    const received = ours.reduce((sum, figures) => sum + figures.received, 0);
    const expected = ours.reduce((sum, figures) => sum + figures.expected, 0);
    console.log(
      `p99 against the baseline: one instance ${round(one.p99 / baseline.p99)}×${two ? `, two instances ${round(two.p99 / baseline.p99)}×` : ''}`,
    );
    console.log(
      JSON.stringify({
        subscribers,
        events,
        delivered_ratio: round(received / expected),
        one_p50_ms: one.p50,
        one_p99_ms: one.p99,
        two_p50_ms: two?.p50 ?? null,
        two_p99_ms: two?.p99 ?? null,
        baseline_p50_ms: baseline.p50,
        baseline_p99_ms: baseline.p99,
        baseline_delivered_ratio: round(baseline.received / baseline.expected),
        floor_p50_ms: floor.p50,
        floor_p99_ms: floor.p99,
        floor_cpu_ms_per_event: round(floor.cpuMsPerEvent),
        one_vs_baseline: round(one.p99 / baseline.p99),
        two_vs_baseline: two ? round(two.p99 / baseline.p99) : null,
        one_cpu_ms_per_event: round(one.cpuMsPerEvent),
        two_cpu_ms_per_event: two ? round(two.cpuMsPerEvent) : null,
        baseline_cpu_ms_per_event: round(baseline.cpuMsPerEvent),
      }),
    );
  };

  if (!process.env.TEST_DATABASE_URL) {
    console.log('two instances: set TEST_DATABASE_URL=postgres://… (PostgreSQL shared by both) to measure');
    summary(null);
    return;
  }
  const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_CHANNEL_PREFIX: `leqi-bench-${randomUUID()}`,
    RATE_LIMIT_PER_MINUTE: '1000000',
    // every subscriber is the same officer
    SUBSCRIPTIONS_PER_USER: '1000000',
    LOG_LEVEL: 'warn',
  };
  const a = await startTestServer(env);
  const b = await startTestServer(env);
  const two = await measure(
    'two instances via Redis (subscribers split)',
    await ourServers(a, [a, b], subscribers, WARM_UP_EVENTS + events),
    subscribers,
    events,
    spacingMs,
  );
  await a.close();
  await b.close();
  await database.drop();
  summary(two);
}

if (process.argv[2] === '--subscribers') {
  await runSubscribers(JSON.parse(process.argv[3] as string) as SubscriberSpec);
  process.exit(0);
} else {
  await main();
}
