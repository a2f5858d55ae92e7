// Fan-out: 1,000 graphql-ws subscribers of one review queue (queueChanges ACCESS_APPLICATION/ACCEPTANCE), then
// submissions one after another; for each event and subscriber the time from the event's append (inside the
// committing transaction) to its arrival at the subscriber. First one instance, then two instances on one
// PostgreSQL with Redis, the subscribers split between them and the submissions made through the first.
// Subscribers run in a child process, so the servers have this process to themselves.
// Run: pnpm bench:fanout [subscribers=1000] [events=10] [spacing ms=1000]
//   two instances need TEST_DATABASE_URL=postgres://… (and Redis at REDIS_URL, default redis://127.0.0.1:6379)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { caseIn, transition } from '../packages/server/test/fixtures.ts';
import {
  databaseKind,
  freshPostgresDatabase,
  startTestServer,
  type TestServer,
} from '../packages/server/test/harness.ts';

// graphql-ws and ws are dependencies of the server package, not of the repository root where this file lives
const serverRequire = createRequire(new URL('../packages/server/package.json', import.meta.url));
const { createClient } = serverRequire('graphql-ws') as typeof import('../packages/server/node_modules/graphql-ws');
const WebSocket = serverRequire('ws') as typeof import('../packages/server/node_modules/@types/ws');

const QUERY = 'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { cursor caseId createdAt } }';

interface SubscriberSpec {
  urls: string[];
  token: string;
  subscribers: number;
  events: number;
}

/** The child: opens the subscribers round-robin over the URLs, prints "ready", then the latencies as JSON. */
async function runSubscribers(spec: SubscriberSpec) {
  const latencies: number[] = [];
  let received = 0;
  let connected = 0;
  const clients = Array.from({ length: spec.subscribers }, (_, index) => {
    const client = createClient({
      url: `${(spec.urls[index % spec.urls.length] as string).replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${spec.token}` },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => void connected++ },
    });
    client.subscribe(
      { query: QUERY },
      {
        next: (value) => {
          const event = (value.data as { queueChanges?: { createdAt: string } } | undefined)?.queueChanges;
          if (!event) return;
          latencies.push(Date.now() - Date.parse(event.createdAt));
          received += 1;
        },
        error: (error) => console.error('subscriber error', error),
        complete: () => undefined,
      },
    );
    return client;
  });
  while (connected < spec.subscribers) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 1000)); // subscriptions registered on the bus
  console.log('ready');
  const expected = spec.subscribers * spec.events;
  const deadline = Date.now() + 120_000;
  while (received < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  console.log(JSON.stringify({ latencies, received, expected }));
  await Promise.all(clients.map((client) => client.dispose()));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function measure(
  label: string,
  publishVia: TestServer,
  instances: TestServer[],
  subscribers: number,
  events: number,
  spacingMs: number,
) {
  const urls = instances.map((instance) => instance.url);
  const officer = await publishVia.signIn('th.officer1');
  const drafts = [];
  for (let index = 0; index < events; index++) drafts.push(await caseIn(publishVia, 'DRAFT'));
  const spec: SubscriberSpec = { urls, token: officer, subscribers, events };
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
  // every subscription registered on its instance's bus before the first commit
  const registered = () => instances.reduce((sum, instance) => sum + instance.running.app.bus.listenerCount, 0);
  while (registered() < subscribers) await new Promise((resolve) => setTimeout(resolve, 50));
  // CPU of this process (the servers, plus the submitting client's few requests) from the first submission until
  // every subscriber has its events: divided by the events, what one event costs the servers
  const cpuBefore = process.cpuUsage();
  for (const draft of drafts) {
    const result = await transition(publishVia, draft.owner.token, 'submit', draft.id, draft.version);
    if (result.__typename !== 'AccessApplicationSuccess') throw new Error(JSON.stringify(result));
    await new Promise((resolve) => setTimeout(resolve, spacingMs));
  }
  let report = '';
  while (!report.startsWith('{')) report = await next();
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerEvent = (cpu.user + cpu.system) / 1000 / events;
  const { latencies, received, expected } = JSON.parse(report) as {
    latencies: number[];
    received: number;
    expected: number;
  };
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(44)} ${String(received).padStart(6)}/${expected}  p50 ${percentile(sorted, 50)} ms  p99 ${percentile(sorted, 99)} ms  max ${sorted.at(-1)} ms  server CPU ${cpuMsPerEvent.toFixed(0)} ms/event`,
  );
}

async function main() {
  const subscribers = Number(process.argv[2] ?? 1000);
  const events = Number(process.argv[3] ?? 10);
  const spacingMs = Number(process.argv[4] ?? 1000);
  console.log(
    `fan-out: ${subscribers} graphql-ws subscribers of queueChanges, ${events} submissions ${spacingMs} ms apart (${databaseKind()})`,
  );
  console.log('setup                                        delivered        commit → delivery');
  const single = await startTestServer({
    RATE_LIMIT_PER_MINUTE: '1000000',
    SUBSCRIPTIONS_PER_USER: '1000000',
    LOG_LEVEL: 'warn',
  });
  await measure('one instance', single, [single], subscribers, events, spacingMs);
  await single.close();

  if (!process.env.TEST_DATABASE_URL) {
    console.log('two instances: set TEST_DATABASE_URL=postgres://… (PostgreSQL shared by both) to measure');
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
  await measure('two instances via Redis (subscribers split)', a, [a, b], subscribers, events, spacingMs);
  await a.close();
  await b.close();
  await database.drop();
}

if (process.argv[2] === '--subscribers') {
  await runSubscribers(JSON.parse(process.argv[3] as string) as SubscriberSpec);
  process.exit(0);
} else {
  await main();
}
