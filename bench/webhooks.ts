// Webhooks (issue 21): events committed at a steady rate for a DCU with several endpoints on one local receiver;
// for every event and endpoint the time from the event's commit to its arrival at the receiver, and deliveries per
// second. Goal: every event delivered, p99 ≤ 200 ms at 100 events/s.
// The floor, in the same run: the same receiver answering bare POSTs of the same size sent one after another from
// this process (`floor_p99_ms`): no delivery can arrive faster than one request.
// Run: pnpm bench:webhooks [events=10000] [endpoints=10] [events per second=100]
//   (on PostgreSQL with TEST_DATABASE_URL=postgres://…). The last line printed is one JSON object with the figures.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookDeliverer } from '../packages/server/src/features/webhooks/delivery.ts';
import { appendCaseEvent } from '../packages/server/src/platform/events/audit.ts';
import { deliverableEnd, eventCursor, ID_RANGE } from '../packages/server/src/platform/events/cursor.ts';
import { newWebhookSecret } from '../packages/server/src/platform/webhooks/signature.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';
import { createDcu } from '../packages/server/test/invitation.fixtures.ts';

const [events = 10_000, endpoints = 10, rate = 100] = process.argv.slice(2).map(Number);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const committedAt = new Map<string, number>();
const latencies: number[] = [];
const seenIds = new Set<string>();
let duplicates = 0;
let lastArrival = 0;
const receiver = createServer((incoming, answer) => {
  let body = '';
  incoming.on('data', (chunk) => {
    body += chunk;
  });
  incoming.on('end', () => {
    answer.end();
    const id = incoming.headers['webhook-id'] as string | undefined;
    if (!id) return; // the floor's requests
    if (seenIds.has(id)) duplicates += 1;
    seenIds.add(id);
    const committed = committedAt.get(JSON.parse(body).data.cursor as string);
    const now = performance.now();
    lastArrival = now;
    if (committed !== undefined) latencies.push(now - committed);
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const port = (receiver.address() as AddressInfo).port;

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
const deliverer = new WebhookDeliverer(app, { instanceId: 'bench' }).start();

const started = performance.now();
const spacing = 1000 / rate;
for (let index = 0; index < events; index++) {
  const due = started + index * spacing;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const stored = await app.db.$transaction((tx) =>
    appendCaseEvent(tx, { caseKind: 'INVITATION', caseId: `bench-${index}`, event: 'invite', enterpriseId: dcu.id }),
  );
  committedAt.set(eventCursor(stored).toString(), performance.now());
  await app.bus.publish([stored]);
}
const expected = events * endpoints;
const deadline = performance.now() + 120_000;
while (seenIds.size < expected && performance.now() < deadline)
  await new Promise((resolve) => setTimeout(resolve, 100));
const seconds = (lastArrival - started) / 1000;
await deliverer.stop();
await server.close();
receiver.close();

latencies.sort((a, b) => a - b);
const figures = {
  database: databaseKind(),
  events,
  endpoints,
  rate_per_s: rate,
  delivered_ratio: Number((seenIds.size / expected).toFixed(4)),
  duplicates,
  p50_ms: Number(percentile(latencies, 50).toFixed(1)),
  p99_ms: Number(percentile(latencies, 99).toFixed(1)),
  per_s: Number((seenIds.size / seconds).toFixed(1)),
  floor_p99_ms: Number(percentile(floor, 99).toFixed(2)),
  p99_vs_floor: Number((percentile(latencies, 99) / percentile(floor, 99)).toFixed(1)),
};
console.log(
  `${figures.delivered_ratio * 100}% of ${expected} deliveries, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms ` +
    `(goal ≤ 200 at 100 events/s), ${figures.per_s}/s; one bare POST p99 ${figures.floor_p99_ms} ms`,
);
console.log(JSON.stringify(figures));
process.exit(0);
