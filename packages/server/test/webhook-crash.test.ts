// Webhooks survive kill -9 (issue 21): the real server, as a child process, delivers a backlog of events to a slow
// receiver and is killed with SIGKILL in the middle; the app started again on the same data delivers the rest.
// Nothing is lost: every event arrives, first arrivals in stream order, and an event sent again after the crash (its
// attempt was made but not yet recorded) carries the same webhook-id, so a receiver's de-duplication drops it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { deliverableEnd, eventCursor, ID_RANGE } from '../src/platform/events/cursor.ts';
import { newWebhookSecret } from '../src/platform/webhooks/signature.ts';
import { startChildServer, TEST_KEEP_ALIVE_MS } from './child-server.ts';
import { databaseKind, freshPostgresDatabase, serverAround, type TestServer } from './harness.ts';
import { createDcu, type Party } from './invitation.fixtures.ts';
import { type Receiver, receiver } from './webhook-receiver.ts';

const EVENTS = 40;
/** the receiver answers each request this late, so that the kill finds deliveries in flight */
const ANSWER_MS = 15;

async function startInProcess(env: Record<string, string>): Promise<TestServer> {
  const running = await startApp(loadConfig({ ...env, PORT: '0' }));
  return serverAround(running, () => running.close());
}

describe(`webhooks: kill -9 during delivery (${databaseKind()})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leqi-webhook-crash-'));
  let env: Record<string, string>;
  let dropDatabase: (() => Promise<void>) | null = null;
  let hook: Receiver;
  let dcu: Party;
  const cursors: string[] = [];

  beforeAll(async () => {
    hook = await receiver([], ANSWER_MS);
    env = {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: TEST_KEEP_ALIVE_MS,
      WEBHOOK_DELIVERY: 'true',
      WEBHOOK_POLL_MS: '50',
      // the killed instance's lease runs out this soon
      WEBHOOK_LEASE_MS: '3000',
    };
    if (process.env.TEST_DATABASE_URL) {
      const database = await freshPostgresDatabase(process.env.TEST_DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    // the endpoint and its backlog are written with delivery off: the child server finds them waiting
    const prep = await startInProcess({ ...env, WEBHOOK_DELIVERY: 'false' });
    const db = prep.running.app.db;
    dcu = await createDcu(prep);
    const end = await deliverableEnd(db);
    await db.webhookEndpoint.create({
      data: {
        enterpriseId: dcu.id,
        url: hook.url,
        eventTypes: [],
        secret: newWebhookSecret(),
        cursorXid: end / ID_RANGE,
        cursorId: end % ID_RANGE,
      },
    });
    for (let index = 0; index < EVENTS; index++) {
      const stored = await db.$transaction((tx) =>
        appendCaseEvent(tx, {
          caseKind: 'INVITATION',
          caseId: `crash-${index}`,
          event: 'invite',
          enterpriseId: dcu.id,
        }),
      );
      cursors.push(eventCursor(stored).toString());
    }
    await prep.close();
  }, 300_000);

  afterAll(async () => {
    await hook?.close();
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers every event after a SIGKILL mid-delivery, in order, a re-sent one with its webhook-id', async () => {
    const child = await startChildServer(env);
    await hook.until(EVENTS / 4, 60_000);
    await child.kill();
    const beforeRestart = hook.received.length;
    expect(beforeRestart).toBeLessThan(EVENTS);

    const restarted = await startInProcess(env);
    try {
      // every event at least once: wait for the last one's first arrival
      const deadline = Date.now() + 60_000;
      const arrived = () => new Set(hook.received.map((request) => JSON.parse(request.body).data.cursor as string));
      while (arrived().size < EVENTS && Date.now() < deadline) await hook.until(hook.received.length + 1, 60_000);
      expect([...arrived()].sort()).toEqual([...cursors].sort());

      const firstArrivals: string[] = [];
      const idOf = new Map<string, string>();
      for (const request of hook.received) {
        const cursor = JSON.parse(request.body).data.cursor as string;
        const id = request.headers['webhook-id'] as string;
        if (!idOf.has(cursor)) firstArrivals.push(cursor);
        // sent again after the crash: the same webhook-id
        expect(idOf.get(cursor) ?? id, cursor).toBe(id);
        idOf.set(cursor, id);
      }
      expect(firstArrivals).toEqual(cursors);
      // and every attempt recorded (a pass records its attempts when it ends)
      const db = restarted.running.app.db;
      const delivered = () => db.webhookDelivery.count({ where: { status: 'DELIVERED' } });
      while ((await delivered()) < EVENTS && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await delivered()).toBe(EVENTS);
      expect(await db.webhookDelivery.count({ where: { status: { not: 'DELIVERED' } } })).toBe(0);
      console.info(
        `webhook crash: killed after ${beforeRestart} of ${EVENTS} arrivals; ${hook.received.length - EVENTS} sent again after the restart`,
      );
    } finally {
      await restarted.close();
    }
  }, 300_000);
});
