// Webhook delivery (issue 21). Each enabled endpoint walks the event stream from its own cursor through the events its
// enterprise sees on `caseEvents` (partyEventsWhere: one visibility rule) and delivers them one at a time, in stream
// order: an event's delivery row is written, with the cursor moved past it, before the first attempt, so a crash
// loses nothing (the row is attempted again after restart, with the same webhook-id: at least once); the next event
// waits until the previous one is delivered or has finally failed. Instances share the work through a lease per
// endpoint (`FOR UPDATE SKIP LOCKED`): one instance delivers for an endpoint at a time, so none delivers an event twice
// while its lease holds.
import {
  afterFailedAttempt,
  eventTypeWanted,
  isDelivered,
  type WebhookTargetPolicy,
  webhookEventType,
} from '@leqi/domain';
import type { AppServices } from '../../platform/context.ts';
import { afterCursor, eventCursor, STREAM_ORDER, streamHorizon } from '../../platform/events/cursor.ts';
import { webhookHeaders } from '../../platform/webhooks/signature.ts';
import { partyEventsWhere } from '../events/visibility.ts';
import { type AttemptOutcome, type Resolve, sendWebhook } from './send.ts';

/** An endpoint's lease: renewed on every pass; a pass stops early enough to record its attempt within it. */
const LEASE_MS = 30_000;
const EVENTS_PER_READ = 50;
const ENDPOINTS_PER_PASS = 50;

type EventRow = Awaited<ReturnType<AppServices['db']['auditEvent']['findFirstOrThrow']>>;
type EndpointRow = Awaited<ReturnType<AppServices['db']['webhookEndpoint']['findFirstOrThrow']>>;
type EnterpriseCache = Map<string, Promise<{ uscc: string; name: string } | null>>;
type DeliveryRow = Awaited<ReturnType<AppServices['db']['webhookDelivery']['findFirstOrThrow']>>;

export interface WebhookDeliveryOptions {
  /** names this instance in leases */
  instanceId: string;
  /** the attempt itself (tests may count or delay); real HTTP by default */
  send?: typeof sendWebhook;
  resolve?: Resolve;
  now?: () => Date;
}

/** The body of one event's delivery, per Standard Webhooks: `type`, `timestamp`, `data`. */
export function webhookBody(event: EventRow, enterprise: { uscc: string; name: string } | null): string {
  return JSON.stringify({
    type: webhookEventType(event.caseKind, event.event),
    timestamp: event.createdAt.toISOString(),
    data: {
      cursor: eventCursor(event).toString(),
      caseKind: event.caseKind,
      caseId: event.caseId,
      event: event.event,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      occurredAt: event.createdAt.toISOString(),
      enterprise,
    },
  });
}

/** Deliveries of events at or before the endpoint's cursor. */
function atOrBefore(endpoint: EndpointRow) {
  return {
    eventXid: { lte: endpoint.cursorXid },
    OR: [{ eventXid: { lt: endpoint.cursorXid } }, { eventId: { lte: endpoint.cursorId } }],
  };
}

export class WebhookDeliverer {
  private readonly send: typeof sendWebhook;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private stopBus: (() => void) | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** how many endpoints the last pass held */
  private leased = 0;

  constructor(
    private readonly app: AppServices,
    private readonly options: WebhookDeliveryOptions,
  ) {
    this.send = options.send ?? sendWebhook;
    this.now = options.now ?? (() => new Date());
  }

  /** Delivers from now on: at every committed case event, and every WEBHOOK_POLL_MS for retries and leases. */
  start(): this {
    // a committed event matters only while this instance holds endpoints; the poll finds new ones
    this.stopBus = this.app.bus.subscribe(() => this.leased > 0 && this.wake(), { internal: true });
    this.timer = setInterval(() => this.wake(), this.app.config.webhooks.pollMs);
    this.timer.unref();
    this.wake();
    return this;
  }

  /** Runs a pass now, or one more after the running one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error: Error) => this.app.log?.error('webhooks: a delivery pass failed', { error: error.message }))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Resolves once no pass is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stopBus?.();
    await this.idle();
    // the next instance need not wait for the lease to run out
    await this.app.db.webhookEndpoint.updateMany({
      where: { leaseOwner: this.options.instanceId },
      data: { leaseOwner: null, leaseUntil: null },
    });
  }

  /** One pass: take the lease of every enabled endpoint no other instance holds, and deliver what is due. */
  async pass(): Promise<void> {
    const until = new Date(this.now().getTime() + LEASE_MS);
    const leased = await this.app.db.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookEndpoint" SET "leaseOwner" = ${this.options.instanceId}, "leaseUntil" = ${until}
      WHERE "id" IN (
        SELECT "id" FROM "WebhookEndpoint"
        WHERE "status" = 'ENABLED'
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${this.now()} OR "leaseOwner" = ${this.options.instanceId})
        ORDER BY "id" LIMIT ${ENDPOINTS_PER_PASS}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    this.leased = leased.length;
    // endpoints are served side by side: one waiting for its receiver does not hold up another
    const enterprises: EnterpriseCache = new Map();
    await Promise.all(leased.map(({ id }) => this.serve(id, until.getTime() - 2 * 10_000, enterprises)));
  }

  /** Delivers the endpoint's due events in order until one waits for a retry, none is left, or `stopBy` passes. */
  private async serve(endpointId: string, stopBy: number, enterprises: EnterpriseCache): Promise<void> {
    const db = this.app.db;
    while (!this.stopped && this.now().getTime() < stopBy) {
      const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId } });
      if (endpoint?.status !== 'ENABLED' || endpoint.leaseOwner !== this.options.instanceId) return;
      // rows beyond the cursor wait for it: after a replay moved it back, they are re-sent in their turn
      const pending = await db.webhookDelivery.findMany({
        where: { endpointId, status: 'PENDING', ...atOrBefore(endpoint) },
        orderBy: [{ eventXid: 'asc' }, { eventId: 'asc' }],
        take: EVENTS_PER_READ,
      });
      if (pending.length > 0) {
        const events = new Map(
          (await db.auditEvent.findMany({ where: { id: { in: pending.map((row) => row.eventId) } } })).map((event) => [
            event.id,
            event,
          ]),
        );
        for (const delivery of pending) {
          if (this.stopped || this.now().getTime() >= stopBy) return;
          // in order: the first one not yet due holds up the rest
          if (delivery.nextAttemptAt && delivery.nextAttemptAt > this.now()) return;
          const event = events.get(delivery.eventId) as EventRow;
          if (!(await this.attempt(endpoint, delivery, event, enterprises))) return;
        }
        continue;
      }
      if (!(await this.enqueue(endpoint))) return;
    }
  }

  /**
   * Writes the delivery rows of the endpoint's next wanted events and moves its cursor past the events read (wanted
   * or not), in one transaction; false when no event is there yet.
   */
  private async enqueue(endpoint: EndpointRow): Promise<boolean> {
    const db = this.app.db;
    const horizon = await streamHorizon(db);
    const events = await db.auditEvent.findMany({
      where: {
        AND: [
          partyEventsWhere(endpoint.enterpriseId),
          afterCursor(eventCursor({ xid: endpoint.cursorXid, id: endpoint.cursorId })),
          { xid: { lt: horizon } },
        ],
      },
      orderBy: [...STREAM_ORDER],
      take: EVENTS_PER_READ,
    });
    if (events.length === 0) return false;
    const wanted = events.filter((event) =>
      eventTypeWanted(endpoint.eventTypes, webhookEventType(event.caseKind, event.event)),
    );
    const last = events.at(-1) as EventRow;
    await db.$transaction(async (tx) => {
      const moved = await tx.webhookEndpoint.updateMany({
        where: {
          id: endpoint.id,
          leaseOwner: this.options.instanceId,
          cursorXid: endpoint.cursorXid,
          cursorId: endpoint.cursorId,
        },
        data: { cursorXid: last.xid, cursorId: last.id },
      });
      if (moved.count === 0 || wanted.length === 0) return;
      const now = this.now();
      // events delivered before a replay moved the cursor back: sent again, with their webhook-id
      await tx.webhookDelivery.updateMany({
        where: {
          endpointId: endpoint.id,
          eventId: { in: wanted.map((event) => event.id) },
          status: { not: 'PENDING' },
        },
        data: { status: 'PENDING', attempts: 0, nextAttemptAt: now, deliveredAt: null },
      });
      await tx.webhookDelivery.createMany({
        data: wanted.map((event) => ({
          endpointId: endpoint.id,
          eventId: event.id,
          eventXid: event.xid,
          eventType: webhookEventType(event.caseKind, event.event),
          nextAttemptAt: now,
        })),
        skipDuplicates: true,
      });
    });
    return true;
  }

  /** The enterprise a body names, read once per pass. */
  private enterpriseOf(id: string, enterprises: EnterpriseCache) {
    let found = enterprises.get(id);
    if (!found) {
      found = this.app.db.enterprise.findUnique({ where: { id }, select: { uscc: true, name: true } });
      enterprises.set(id, found);
    }
    return found;
  }

  /** One attempt of a delivery; true when the next one may follow (this one delivered). */
  private async attempt(
    endpoint: EndpointRow,
    delivery: DeliveryRow,
    event: EventRow,
    enterprises: EnterpriseCache,
  ): Promise<boolean> {
    const db = this.app.db;
    const enterprise = event.enterpriseId ? await this.enterpriseOf(event.enterpriseId, enterprises) : null;
    const body = webhookBody(event, enterprise);
    const sentAt = this.now();
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > sentAt
        ? [endpoint.previousSecret]
        : []),
    ];
    const headers = webhookHeaders(secrets, delivery.id, Math.floor(sentAt.getTime() / 1000), body);
    const policy: WebhookTargetPolicy = {
      allowed: this.app.config.webhooks.allowedHosts,
      allowLoopback: this.app.config.webhooks.allowLoopback,
    };
    const outcome: AttemptOutcome = await this.send(endpoint.url, headers, body, policy, {
      ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
    });
    const attempts = delivery.attempts + 1;
    const recorded = {
      attempts,
      lastStatusCode: outcome.status,
      lastLatencyMs: outcome.latencyMs,
      lastError: outcome.error ?? (isDelivered(outcome.status) ? null : `HTTP ${outcome.status}`),
    };
    if (isDelivered(outcome.status)) {
      await db.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...recorded, status: 'DELIVERED', deliveredAt: this.now(), nextAttemptAt: null },
      });
      return true;
    }
    const next = afterFailedAttempt(this.app.config.webhooks.retryWaitsMs, attempts, this.now());
    if (next.retry) {
      await db.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...recorded, nextAttemptAt: next.retryAt },
      });
      return false;
    }
    await db.$transaction([
      db.webhookDelivery.update({
        where: { id: delivery.id },
        data: { ...recorded, status: 'FAILED', nextAttemptAt: null },
      }),
      db.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { status: 'DISABLED', disabledReason: 'RETRIES_EXHAUSTED', version: { increment: 1 } },
      }),
    ]);
    this.app.log?.warn('webhooks: an endpoint was disabled after its retry schedule ran out', {
      endpointId: endpoint.id,
      deliveryId: delivery.id,
    });
    // the endpoint is disabled: nothing more is sent to it
    return false;
  }
}
