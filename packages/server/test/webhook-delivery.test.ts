// Webhook delivery (issue 21) against a real local receiver: signed per Standard Webhooks (verified with the
// standardwebhooks library), the enterprise's own events only and in stream order, retried with the same webhook-id,
// an endpoint disabled when its schedule runs out, targets outside the policy never contacted, and two instances
// delivering each event once.
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDeliverer, type WebhookDeliveryOptions } from '../src/features/webhooks/delivery.ts';
import { appendCaseEvent } from '../src/platform/events/audit.ts';
import { deliverableEnd, eventCursor, ID_RANGE } from '../src/platform/events/cursor.ts';
import { hasValidSignature, newWebhookSecret } from '../src/platform/webhooks/signature.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, type Party } from './invitation.fixtures.ts';
import { receiver } from './webhook-receiver.ts';

describe(`webhook delivery (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let other: Party;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await startTestServer({ WEBHOOK_RETRY_SCHEDULE: '20ms,20ms' });
    [dcu, other] = [await createDcu(server), await createDcu(server)];
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await server.running.app.db.webhookEndpoint.deleteMany({});
  });
  afterAll(async () => {
    await server?.close();
  });

  const db = () => server.running.app.db;

  /** An endpoint of `party` from the stream's present end on (as creating one will set it). */
  async function endpoint(party: Party, url: string, eventTypes: string[] = [], signWithSm3 = false) {
    const end = await deliverableEnd(db());
    const secret = newWebhookSecret();
    const row = await db().webhookEndpoint.create({
      data: {
        enterpriseId: party.id,
        url,
        eventTypes,
        signWithSm3,
        secret,
        cursorXid: end / ID_RANGE,
        cursorId: end % ID_RANGE,
      },
    });
    return { id: row.id, secret };
  }

  /** the cursor of the last event the test wrote */
  let lastWritten = 0n;

  /** Case events, each in its own transaction, as transitions write them. */
  async function events(party: Party, ...names: [kind: string, event: string][]) {
    const caseId = `case-${Math.random().toString(36).slice(2)}`;
    for (const [caseKind, event] of names) {
      const stored = await db().$transaction((tx) =>
        appendCaseEvent(tx, { caseKind, caseId, event, enterpriseId: party.id }),
      );
      lastWritten = eventCursor(stored);
    }
    return caseId;
  }

  /**
   * Delivery passes until nothing is due or left to read (retries included, their waits are 20 ms here) — once every
   * event the test wrote may be read: on a busy PostgreSQL cluster another database's open transaction holds the
   * stream's horizon back for a while (cursor.ts).
   */
  async function deliverAll(deliverer: WebhookDeliverer, rounds = 200) {
    for (let round = 0; round < rounds; round++) {
      // read before the pass: the pass then could read them all
      const readable = (await deliverableEnd(db())) >= lastWritten;
      const more = await deliverer.pass();
      const due = await db().webhookDelivery.count({ where: { status: 'PENDING' } });
      // an attempt a pass left waiting on a slow machine is not a delivery row yet: wait for its answer too
      if (!more && due === 0 && deliverer.inFlight === 0 && round > 0 && readable) return;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }

  /** A deliverer stopped after the test (its sender thread ended). */
  function deliverer(instanceId = 'instance-a', options: Partial<WebhookDeliveryOptions> = {}) {
    const made = new WebhookDeliverer(server.running.app, { instanceId, ...options });
    closers.push(() => made.stop());
    return made;
  }

  it('delivers the enterprise’s own events in order, signed: the standardwebhooks library verifies each', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { secret } = await endpoint(dcu, hook.url);
    const caseId = await events(
      dcu,
      ['ACCESS_APPLICATION', 'submit'],
      ['ACCESS_APPLICATION', 'claim'],
      ['ACCESS_APPLICATION', 'accept'],
    );
    await events(other, ['ACCESS_APPLICATION', 'submit']);
    await deliverAll(deliverer());

    expect(hook.received.map((request) => JSON.parse(request.body).type)).toEqual([
      'ACCESS_APPLICATION.submit',
      'ACCESS_APPLICATION.accept',
    ]);
    const verifier = new Webhook(secret);
    const ids = new Set<string>();
    for (const request of hook.received) {
      const payload = verifier.verify(request.body, request.headers as Record<string, string>) as {
        data: Record<string, unknown>;
      };
      expect(payload.data).toMatchObject({
        caseKind: 'ACCESS_APPLICATION',
        caseId: Buffer.from(`AccessApplication:${caseId}`).toString('base64'),
        enterprise: { uscc: dcu.uscc },
      });
      ids.add(request.headers['webhook-id'] as string);
    }
    expect(ids.size).toBe(2);
    const cursors = hook.received.map((request) => BigInt(JSON.parse(request.body).data.cursor));
    expect(cursors[0]).toBeLessThan(cursors[1] as bigint);
  });

  it('signs with HMAC-SM3 as well where the endpoint asks (国密), each delivery verifiable either way', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    const { secret } = await endpoint(dcu, hook.url, [], true);
    await events(dcu, ['ACCESS_APPLICATION', 'submit']);
    await deliverAll(deliverer());
    const [request] = hook.received;
    const headers = request?.headers as Record<string, string>;
    const signatures = headers['webhook-signature'] as string;
    expect(signatures.split(' ').map((entry) => entry.split(',')[0])).toEqual(['v1', 'sm3']);
    const [id, timestamp] = [headers['webhook-id'] as string, Number(headers['webhook-timestamp'])];
    expect(hasValidSignature(secret, id, timestamp, request?.body as string, signatures, 'sm3')).toBe(true);
    expect(new Webhook(secret).verify(request?.body as string, headers)).toBeTruthy();
  });

  it('retries a failed attempt with the same webhook-id, and holds the next event until the first is delivered', async () => {
    const hook = await receiver([500, 503]);
    closers.push(hook.close);
    await endpoint(dcu, hook.url);
    await events(dcu, ['INVITATION', 'invite'], ['INVITATION', 'accept']);
    const delivering = deliverer();
    // the second pass comes before the first retry is due: the next event must still wait
    await delivering.pass();
    await delivering.pass();
    await deliverAll(delivering);

    const seen = hook.received.map((request) => ({
      type: JSON.parse(request.body).type,
      id: request.headers['webhook-id'],
    }));
    expect(seen.map((request) => request.type)).toEqual([
      'INVITATION.invite',
      'INVITATION.invite',
      'INVITATION.invite',
      'INVITATION.accept',
    ]);
    expect(new Set(seen.slice(0, 3).map((request) => request.id)).size).toBe(1);
    const first = await db().webhookDelivery.findUniqueOrThrow({ where: { id: seen[0]?.id as string } });
    expect(first).toMatchObject({ status: 'DELIVERED', attempts: 3, lastStatusCode: 200, lastError: null });
  });

  it('gives up after the schedule (two waits: three attempts), disables the endpoint and sends nothing more', async () => {
    const hook = await receiver([500, 500, 500]);
    closers.push(hook.close);
    const { id } = await endpoint(dcu, hook.url);
    await events(dcu, ['EXIT_APPLICATION', 'submit'], ['EXIT_APPLICATION', 'accept']);
    await deliverAll(deliverer());

    expect(hook.received).toHaveLength(3);
    expect(await db().webhookEndpoint.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'DISABLED',
      disabledReason: 'RETRIES_EXHAUSTED',
    });
    const [failed, ...more] = await db().webhookDelivery.findMany({
      where: { endpointId: id },
      orderBy: { eventId: 'asc' },
    });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: 500, lastError: 'HTTP 500' });
    // the next event was never attempted: the cursor stays at the failed one
    expect(more).toEqual([]);
    const stopped = await db().webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(eventCursor({ xid: stopped.cursorXid, id: stopped.cursorId })).toBe(
      eventCursor({ xid: failed?.eventXid as bigint, id: failed?.eventId as bigint }),
    );
    // enabled again, the endpoint goes on from there
    await db().webhookEndpoint.update({ where: { id }, data: { status: 'ENABLED', disabledReason: null } });
    await deliverAll(deliverer());
    expect(hook.received.map((request) => JSON.parse(request.body).type)).toEqual([
      ...Array(3).fill('EXIT_APPLICATION.submit'),
      'EXIT_APPLICATION.accept',
    ]);
  });

  it('sends only the types an endpoint subscribed to', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    await endpoint(dcu, hook.url, ['INVITATION.*', 'ACCESS_APPLICATION.accept']);
    await events(dcu, ['ACCESS_APPLICATION', 'submit'], ['ACCESS_APPLICATION', 'accept'], ['INVITATION', 'invite']);
    await deliverAll(deliverer());
    expect(hook.received.map((request) => JSON.parse(request.body).type)).toEqual([
      'ACCESS_APPLICATION.accept',
      'INVITATION.invite',
    ]);
  });

  it('never contacts a target outside the policy: a private address is recorded as TARGET_NOT_ALLOWED', async () => {
    const { id } = await endpoint(dcu, 'http://10.255.255.1:9/hooks');
    await events(dcu, ['ACCESS_APPLICATION', 'submit']);
    await deliverer().pass();
    const [delivery] = await db().webhookDelivery.findMany({ where: { endpointId: id } });
    expect(delivery).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'TARGET_NOT_ALLOWED',
    });
  });

  it('endpoints at different cursors share one read of the stream; none goes back over what it handled', async () => {
    const [early, late] = [await receiver(), await receiver()];
    closers.push(early.close, late.close);
    await endpoint(dcu, early.url);
    await events(dcu, ['INVITATION', 'invite'], ['INVITATION', 'respond'], ['INVITATION', 'accept']);
    await endpoint(dcu, late.url);
    await events(dcu, ['INVITATION', 'confirm'], ['INVITATION', 'replaceProof']);
    // two events per read: the first reads begin at the early endpoint's cursor, behind the late one's
    await deliverAll(deliverer('instance-a', { eventsPerRead: 2 }));
    const types = (hook: typeof early) => hook.received.map((request) => JSON.parse(request.body).type);
    expect(types(early)).toEqual([
      'INVITATION.invite',
      'INVITATION.respond',
      'INVITATION.accept',
      'INVITATION.confirm',
      'INVITATION.replaceProof',
    ]);
    expect(types(late)).toEqual(['INVITATION.confirm', 'INVITATION.replaceProof']);
  });

  it('an endpoint waiting for a slow receiver holds up no other: the others are delivered and recorded meanwhile', async () => {
    const [slow, quick] = [await receiver([], 1500), await receiver()];
    closers.push(slow.close, quick.close);
    const { id: slowId } = await endpoint(dcu, slow.url);
    const { id: quickId } = await endpoint(dcu, quick.url);
    await events(dcu, ['INVITATION', 'invite'], ['INVITATION', 'accept']);
    const delivering = deliverer();
    const rows = (endpointId: string) =>
      db().webhookDelivery.findMany({ where: { endpointId }, orderBy: { eventId: 'asc' } });
    await delivering.pass();
    await delivering.pass();
    expect(quick.received.map((request) => JSON.parse(request.body).type)).toEqual([
      'INVITATION.invite',
      'INVITATION.accept',
    ]);
    expect((await rows(quickId)).map((row) => row.status)).toEqual(['DELIVERED', 'DELIVERED']);
    // the slow receiver has not answered yet: nothing of it is recorded, and no pass sent it anything more
    expect(slow.received).toHaveLength(0);
    expect(await rows(slowId)).toEqual([]);

    for (
      let round = 0;
      round < 100 && (await rows(slowId)).filter((row) => row.status === 'DELIVERED').length < 2;
      round++
    ) {
      await delivering.pass();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(slow.received.map((request) => JSON.parse(request.body).type)).toEqual([
      'INVITATION.invite',
      'INVITATION.accept',
    ]);
    expect((await rows(slowId)).map((row) => row.status)).toEqual(['DELIVERED', 'DELIVERED']);
  }, 30_000);

  it('serves every endpoint in turn when it holds more than a pass takes', async () => {
    const hooks = await Promise.all([1, 2, 3, 4, 5].map(() => receiver()));
    for (const hook of hooks) {
      closers.push(hook.close);
      await endpoint(dcu, hook.url);
    }
    await events(dcu, ['INVITATION', 'invite']);
    const delivering = deliverer('instance-a', { endpointsPerPass: 2 });
    for (let round = 0; round < 20 && hooks.some((hook) => hook.received.length === 0); round++)
      await delivering.pass();
    expect(hooks.map((hook) => hook.received.map((request) => JSON.parse(request.body).type))).toEqual(
      hooks.map(() => ['INVITATION.invite']),
    );
  });

  it('two instances on one database deliver each event once', async () => {
    const hook = await receiver();
    closers.push(hook.close);
    for (let index = 0; index < 4; index++) await endpoint(dcu, hook.url);
    await events(dcu, ...Array.from({ length: 10 }, (): [string, string] => ['INVITATION', 'invite']));
    const [a, b] = [deliverer('instance-a'), deliverer('instance-b')];
    await Promise.all([deliverAll(a), deliverAll(b)]);
    await Promise.all([deliverAll(a), deliverAll(b)]);
    const ids = hook.received.map((request) => request.headers['webhook-id']);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });
});
