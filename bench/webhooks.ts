// Webhooks (issue 21): events committed at a steady rate for a DCU with several endpoints on one local receiver (in
// its own process, bench/webhook-receiver.mjs, as a receiver is);
// for every event and endpoint the time from the event's commit to its arrival at the receiver, and deliveries per
// second. Goal: every event delivered, p99 ≤ 200 ms at 100 events/s.
// The floor, in the same run: the same receiver answering bare POSTs of the same size sent one after another from
// this process (`floor_p99_ms`): no delivery can arrive faster than one request.
// Run: pnpm bench:webhooks [events=10000] [endpoints=10] [events per second=100] [warm-up events=500]
//   (the warm-up's events are delivered first and left out of the figures)
//   (on PostgreSQL with TEST_DATABASE_URL=postgres://…). The last line printed is one JSON object with the figures;
//   BENCH_DUMP=<file> also writes every delivery's [commit, arrival] epoch ms, to see when latency rose.
import { fork } from 'node:child_process';
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { WebhookDeliverer } from '../packages/server/src/features/webhooks/delivery.ts';
import { appendCaseEvent } from '../packages/server/src/platform/events/audit.ts';
import { deliverableEnd, eventCursor, ID_RANGE } from '../packages/server/src/platform/events/cursor.ts';
import { newWebhookSecret } from '../packages/server/src/platform/webhooks/signature.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';
import { createDcu } from '../packages/server/test/invitation.fixtures.ts';

const [events = 10_000, endpoints = 10, rate = 100, warmup = 500] = process.argv.slice(2).map(Number);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const epochMs = () => performance.timeOrigin + performance.now();
/** when each event (by cursor) was committed, epoch ms */
const committedAt = new Map<string, number>();

// the receiver, in its own process
const receiver = fork(new URL('./webhook-receiver.mjs', import.meta.url), { stdio: 'inherit' });
const nextMessage = <T>(): Promise<T> =>
  new Promise((resolve) => receiver.once('message', (answer) => resolve(answer as T)));
const ask = <T>(question: 'count' | 'report'): Promise<T> => {
  const answer = nextMessage<T>();
  receiver.send(question);
  return answer;
};
const port = (await nextMessage<{ port: number }>()).port;
const countArrivals = async () => (await ask<{ count: number }>('count')).count;

// the floor: bare POSTs of a delivery's size, one after another
const floorBody = JSON.stringify({
  type: 'INVITATION.invite',
  timestamp: new Date().toISOString(),
  data: { x: 'y'.repeat(300) },
});
const floor: number[] = [];
for (let index = 0; index < 1000; index++) {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/floor',
        agent: false,
        headers: { 'content-type': 'application/json' },
      },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve());
      },
    );
    outgoing.on('error', reject);
    outgoing.end(floorBody);
  });
  floor.push(performance.now() - started);
}
floor.sort((a, b) => a - b);

const server = await startTestServer({ WEBHOOK_POLL_MS: '200' });
const app = server.running.app;
const dcu = await createDcu(server);
const end = await deliverableEnd(app.db);
for (let index = 0; index < endpoints; index++) {
  await app.db.webhookEndpoint.create({
    data: {
      enterpriseId: dcu.id,
      url: `http://127.0.0.1:${port}/hooks/${index}`,
      eventTypes: [],
      secret: newWebhookSecret(),
      cursorXid: end / ID_RANGE,
      cursorId: end % ID_RANGE,
    },
  });
}
const passes = { count: 0, attempts: 0, eventsRead: 0 };
/** how long each measured pass took, ms, and each of its phases */
const passMs: number[] = [];
const phaseMs = { lease: [] as number[], read: [] as number[], send: [] as number[], record: [] as number[] };
let measuring = false;
const deliverer = new WebhookDeliverer(app, {
  instanceId: 'bench',
  onPass: (pass) => {
    passes.count += 1;
    passes.attempts += pass.attempts;
    passes.eventsRead += pass.eventsRead;
    if (!measuring) return;
    passMs.push(pass.ms);
    for (const [phase, ms] of Object.entries(pass.phases)) phaseMs[phase as keyof typeof phaseMs].push(ms);
  },
}).start();

/** Commits `count` events at the rate; `measured`: their commit times are noted (the warm-up's are not). */
async function commitEvents(count: number, prefix: string, measured: boolean): Promise<number> {
  const began = performance.now();
  const spacing = 1000 / rate;
  for (let index = 0; index < count; index++) {
    const due = began + index * spacing;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const stored = await app.db.$transaction((tx) =>
      appendCaseEvent(tx, {
        caseKind: 'INVITATION',
        caseId: `${prefix}-${index}`,
        event: 'invite',
        enterpriseId: dcu.id,
      }),
    );
    if (measured) committedAt.set(eventCursor(stored).toString(), epochMs());
    await app.bus.publish([stored]);
  }
  return began;
}
async function arrivedAll(count: number): Promise<void> {
  const deadline = performance.now() + 120_000;
  while ((await countArrivals()) < count && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
}

// the warm-up (compiled code paths, connections, caches): delivered, then left out of every figure
await commitEvents(warmup, 'warmup', false);
await arrivedAll(warmup * endpoints);
const passesBefore = { ...passes };
const loopBefore = performance.eventLoopUtilization();
measuring = true;
const started = await commitEvents(events, 'bench', true);
const expected = events * endpoints;
await arrivedAll((warmup + events) * endpoints);
const loop = performance.eventLoopUtilization(loopBefore);
measuring = false;
// dead row versions left in the delivery tables (the embedded database runs no autovacuum)
const tables = await app.db.$queryRaw<{ relname: string; live: bigint; dead: bigint; hot: bigint; updates: bigint }[]>`
  SELECT relname, n_live_tup AS live, n_dead_tup AS dead, n_tup_hot_upd AS hot, n_tup_upd AS updates
  FROM pg_stat_user_tables WHERE relname IN ('WebhookEndpoint', 'WebhookDelivery', 'AuditEvent')`;
console.log(
  tables.map((t) => `${t.relname}: ${t.live} live, ${t.dead} dead, ${t.hot}/${t.updates} updates HOT`).join('; '),
);
passes.count -= passesBefore.count;
passes.attempts -= passesBefore.attempts;
await deliverer.stop();
await server.close();
const { arrivals } = await ask<{ arrivals: [string, string, number][] }>('report');
receiver.send('exit');

const seenIds = new Set<string>();
let duplicates = 0;
let lastArrival = 0;
const latencies: number[] = [];
for (const [id, cursor, arrivedAt] of arrivals) {
  if (!committedAt.has(cursor)) continue; // the warm-up's
  if (seenIds.has(id)) duplicates += 1;
  seenIds.add(id);
  lastArrival = Math.max(lastArrival, arrivedAt);
  const committed = committedAt.get(cursor);
  if (committed !== undefined) latencies.push(arrivedAt - committed);
}
if (process.env.BENCH_DUMP) {
  const rows = arrivals.map(([, cursor, arrivedAt]) => [committedAt.get(cursor) ?? 0, arrivedAt]);
  (await import('node:fs')).writeFileSync(process.env.BENCH_DUMP, JSON.stringify(rows));
}
const seconds = (lastArrival - (performance.timeOrigin + started)) / 1000;
latencies.sort((a, b) => a - b);
passMs.sort((a, b) => a - b);
for (const list of Object.values(phaseMs)) list.sort((a, b) => a - b);
const figures = {
  database: databaseKind(),
  events,
  endpoints,
  rate_per_s: rate,
  warmup_events: warmup,
  delivered_ratio: Number((seenIds.size / expected).toFixed(4)),
  duplicates,
  p50_ms: Number(percentile(latencies, 50).toFixed(1)),
  p99_ms: Number(percentile(latencies, 99).toFixed(1)),
  per_s: Number((seenIds.size / seconds).toFixed(1)),
  passes: passes.count,
  attempts_per_pass: Number((passes.attempts / Math.max(1, passes.count)).toFixed(1)),
  pass_p50_ms: percentile(passMs, 50),
  pass_p99_ms: percentile(passMs, 99),
  pass_max_ms: passMs.at(-1) ?? 0,
  // where a slow pass spent its time
  phase_p99_ms: Object.fromEntries(Object.entries(phaseMs).map(([phase, list]) => [phase, percentile(list, 99)])),
  // how busy this process's one thread was (the embedded database runs on it too)
  event_loop_utilization: Number(loop.utilization.toFixed(3)),
  floor_p99_ms: Number(percentile(floor, 99).toFixed(2)),
  p99_vs_floor: Number((percentile(latencies, 99) / percentile(floor, 99)).toFixed(1)),
};
console.log(
  `${figures.delivered_ratio * 100}% of ${expected} deliveries, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms ` +
    `(goal ≤ 200 at 100 events/s), ${figures.per_s}/s in ${figures.passes} passes; one bare POST p99 ${figures.floor_p99_ms} ms`,
);
console.log(JSON.stringify(figures));
process.exit(0);
