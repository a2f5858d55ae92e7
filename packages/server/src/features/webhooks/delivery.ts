// Webhook delivery (issue 21). Each enabled endpoint walks the event stream from its own cursor through the events its
// enterprise sees on `caseEvents` (visibleEvents: one visibility rule) and delivers them one at a time, in stream
// order: an event's delivery row is written, with the cursor moved past it, before the first attempt, so a crash
// loses nothing (the row is attempted again after restart, with the same webhook-id: at least once); the next event
// waits until the previous one is delivered or has finally failed. Instances share the work through a lease per
// endpoint (`FOR UPDATE SKIP LOCKED`): one instance delivers for an endpoint at a time, so none delivers an event twice
// while its lease holds.
//
// A pass serves every endpoint the instance holds with a fixed number of statements, however many endpoints and
// events there are: the lease (with the stream's horizon), the due deliveries, one read of new events for all
// endpoints, one statement writing their rows and cursors, and one write of every attempt's outcome.
import { randomBytes } from 'node:crypto';
import {
  afterFailedAttempt,
  eventTypeWanted,
  isDelivered,
  type WebhookTargetPolicy,
  webhookEventType,
} from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { AppServices } from '../../platform/context.ts';
import { afterCursor, eventCursor, STREAM_ORDER } from '../../platform/events/cursor.ts';
import { webhookHeaders } from '../../platform/webhooks/signature.ts';
import { caseKindOf } from '../cases/index.ts';
import { visibleEvents } from '../events/visibility.ts';
import { type AttemptOutcome, type Resolve, sendWebhook } from './send.ts';

/**
 * A pass records its attempts when it ends: after this long it starts no new attempt, so a crash sends again (with the
 * same webhook-ids) at most about this much of work; the next pass follows at once. The pass ends within the lease
 * (WEBHOOK_LEASE_MS, 30 s by default) even when its last attempt runs into the 10 s timeout.
 */
const PASS_SEND_MS = 250;
/** due deliveries read per endpoint and pass */
const DUE_PER_ENDPOINT = 50;
/** new events read per pass, for all endpoints together */
const EVENTS_PER_READ = 200;
const ENDPOINTS_PER_PASS = 100;
/** how long an enterprise's name and USCC are reused for bodies */
const ENTERPRISE_CACHE_MS = 60_000;

/** What a pass reads of an event: its body's fields and its audience (not its payload or hashes). */
const EVENT_FIELDS = {
  id: true,
  xid: true,
  caseKind: true,
  caseId: true,
  event: true,
  fromStatus: true,
  toStatus: true,
  createdAt: true,
  enterpriseId: true,
  otherEnterpriseId: true,
  authorityCode: true,
} as const;

type EventRow = {
  id: bigint;
  xid: bigint;
  caseKind: string;
  caseId: string;
  event: string;
  fromStatus: string | null;
  toStatus: string | null;
  createdAt: Date;
  enterpriseId: string | null;
  otherEnterpriseId: string | null;
  authorityCode: string | null;
};

interface LeasedEndpoint {
  id: string;
  enterpriseId: string;
  url: string;
  eventTypes: string[];
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  cursorXid: bigint;
  cursorId: bigint;
  horizon: string;
}

interface Due {
  id: string;
  endpointId: string;
  eventId: bigint;
  attempts: number;
  nextAttemptAt: Date | null;
}

interface Recorded {
  id: string;
  endpointId: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  outcome: AttemptOutcome;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

export interface WebhookDeliveryOptions {
  /** names this instance in leases */
  instanceId: string;
  /** new events read per pass for all endpoints (tests make it small) */
  eventsPerRead?: number;
  /** told after each pass what it did (benchmarks) */
  onPass?: (pass: { endpoints: number; eventsRead: number; attempts: number }) => void;
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
      // the case's global ID, as on caseEvents and for node(id)
      caseId: encodeGlobalID(caseKindOf(event.caseKind)?.typename ?? event.caseKind, event.caseId),
      event: event.event,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      occurredAt: event.createdAt.toISOString(),
      enterprise,
    },
  });
}

let sequence = 0;
/**
 * A delivery's id, which is its webhook-id: unique, readable as one in a receiver's logs, and increasing in the order
 * the rows are made (time, then a counter), so the delivery log of one pass lists them in stream order.
 */
function newDeliveryId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  const time = Date.now().toString(36).padStart(9, '0');
  return `msg_${time}${sequence.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}

/** The events an endpoint's enterprise sees, as its operators' API tokens do. */
const eventsOf = (enterpriseId: string) => visibleEvents({ role: 'API_CLIENT', tokenId: 'webhooks', enterpriseId });

const cursorOf = (endpoint: Pick<LeasedEndpoint, 'cursorXid' | 'cursorId'>) =>
  eventCursor({ xid: endpoint.cursorXid, id: endpoint.cursorId });

export class WebhookDeliverer {
  private readonly send: typeof sendWebhook;
  private readonly eventsPerRead: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private stopBus: (() => void) | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** how many endpoints the last pass held */
  private leased = 0;
  private readonly enterprises = new Map<string, { at: number; value: { uscc: string; name: string } | null }>();

  constructor(
    private readonly app: AppServices,
    private readonly options: WebhookDeliveryOptions,
  ) {
    this.send = options.send ?? sendWebhook;
    this.eventsPerRead = options.eventsPerRead ?? EVENTS_PER_READ;
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
      .then((more) => {
        if (more) this.again = true;
      })
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

  /**
   * One pass: take the lease of every enabled endpoint no other instance holds and deliver what is due, then what
   * is new. True when more may be waiting (a read came back full).
   */
  async pass(): Promise<boolean> {
    const started = this.now();
    const endpoints = await this.lease(started);
    this.leased = endpoints.length;
    if (endpoints.length === 0) return false;
    const horizon = BigInt((endpoints[0] as LeasedEndpoint).horizon);
    const due = await this.dueDeliveries(endpoints);
    const waiting = new Set(due.map((row) => row.endpointId));
    const fresh = await this.enqueue(
      endpoints.filter((endpoint) => !waiting.has(endpoint.id)),
      horizon,
      started,
    );
    const queues = new Map<string, Due[]>();
    for (const row of [...due, ...fresh.rows]) queues.set(row.endpointId, [...(queues.get(row.endpointId) ?? []), row]);
    const events = new Map(fresh.events.map((event) => [event.id, event]));
    const missing = due.filter((row) => !events.has(row.eventId)).map((row) => row.eventId);
    if (missing.length > 0)
      for (const event of await this.app.db.auditEvent.findMany({
        where: { id: { in: missing } },
        select: EVENT_FIELDS,
      }))
        events.set(event.id, event);

    const stopBy = started.getTime() + PASS_SEND_MS;
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    // an event's body is the same for every endpoint: made once per pass
    const bodies = new Map<bigint, Promise<string>>();
    // endpoints are served side by side: one waiting for its receiver does not hold up another
    const recorded = (
      await Promise.all(
        [...queues].map(([endpointId, rows]) =>
          this.serve(byId.get(endpointId) as LeasedEndpoint, rows, events, stopBy, bodies),
        ),
      )
    ).flat();
    await this.record(recorded);
    const cut = this.now().getTime() >= stopBy;
    this.options.onPass?.({ endpoints: endpoints.length, eventsRead: fresh.events.length, attempts: recorded.length });
    return fresh.full || cut || due.length >= DUE_PER_ENDPOINT;
  }

  /** The lease of every enabled endpoint free or already ours, with the stream's horizon read in the same statement. */
  private lease(now: Date): Promise<LeasedEndpoint[]> {
    const until = new Date(now.getTime() + this.app.config.webhooks.leaseMs);
    return this.app.db.$queryRaw<LeasedEndpoint[]>`
      UPDATE "WebhookEndpoint" SET "leaseOwner" = ${this.options.instanceId}, "leaseUntil" = ${until}
      WHERE "id" IN (
        SELECT "id" FROM "WebhookEndpoint"
        WHERE "status" = 'ENABLED'
          AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now} OR "leaseOwner" = ${this.options.instanceId})
        ORDER BY "id" LIMIT ${ENDPOINTS_PER_PASS}
        FOR UPDATE SKIP LOCKED)
      RETURNING "id", "enterpriseId", "url", "eventTypes", "secret", "previousSecret", "previousSecretUntil",
        "cursorXid", "cursorId", pg_snapshot_xmin(pg_current_snapshot())::text AS "horizon"`;
  }

  /**
   * Pending deliveries at or before each endpoint's cursor, in stream order (rows beyond the cursor wait for it: after
   * a replay moved it back they are sent again in their turn).
   */
  private dueDeliveries(endpoints: LeasedEndpoint[]): Promise<Due[]> {
    const ids = endpoints.map((endpoint) => endpoint.id);
    return this.app.db.$queryRaw<Due[]>`
      SELECT d."id", d."endpointId", d."eventId", d."attempts", d."nextAttemptAt"
      FROM "WebhookEndpoint" e CROSS JOIN LATERAL (
        SELECT * FROM "WebhookDelivery" w
        WHERE w."endpointId" = e."id" AND w."status" = 'PENDING'
          AND (w."eventXid", w."eventId") <= (e."cursorXid", e."cursorId")
        ORDER BY w."eventXid", w."eventId" LIMIT ${DUE_PER_ENDPOINT}) d
      WHERE e."id" = ANY(${ids}::text[])
      ORDER BY d."endpointId", d."eventXid", d."eventId"`;
  }

  /**
   * For endpoints with nothing due: reads the next events of all their enterprises at once, writes each endpoint's
   * delivery rows for the events it wants and moves its cursor past what it read (wanted or not), in one
   * statement. A row already there (a replay moved the cursor back over it) is made pending again, keeping its id.
   */
  private async enqueue(
    endpoints: LeasedEndpoint[],
    horizon: bigint,
    now: Date,
  ): Promise<{ rows: Due[]; events: EventRow[]; full: boolean }> {
    if (endpoints.length === 0) return { rows: [], events: [], full: false };
    const db = this.app.db;
    // bigints: Math.min does not take them
    const from = endpoints.map(cursorOf).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0] as bigint;
    const enterprises = [...new Set(endpoints.map((endpoint) => endpoint.enterpriseId))];
    const events = await db.auditEvent.findMany({
      where: {
        AND: [{ OR: enterprises.map((id) => eventsOf(id).where) }, afterCursor(from), { xid: { lt: horizon } }],
      },
      orderBy: [...STREAM_ORDER],
      take: this.eventsPerRead,
      select: EVENT_FIELDS,
    });
    if (events.length === 0) return { rows: [], events, full: false };
    const last = events.at(-1) as EventRow;
    const full = events.length === this.eventsPerRead;
    const matches = new Map(enterprises.map((id) => [id, eventsOf(id).matches]));
    // an endpoint already past the last event read (the read began at another's cursor) keeps its own
    const behind = endpoints.filter((endpoint) => cursorOf(endpoint) < eventCursor(last));
    const planned = behind.map((endpoint) => {
      const after = cursorOf(endpoint);
      const visible = matches.get(endpoint.enterpriseId) as (event: EventRow) => boolean;
      const wanted = events.filter(
        (event) =>
          eventCursor(event) > after &&
          visible(event) &&
          eventTypeWanted(endpoint.eventTypes, webhookEventType(event.caseKind, event.event)),
      );
      return { endpoint, wanted };
    });
    if (planned.length === 0) return { rows: [], events, full };
    const values = planned.flatMap(({ endpoint, wanted }) => wanted.map((event) => ({ endpoint, event })));
    // one statement, atomic by itself: the cursors of the endpoints still ours and not moved meanwhile (a replay) go
    // to the last event read, and only those endpoints' rows are written
    const rows = await db.$queryRaw<Due[]>`
      WITH moved AS (
        UPDATE "WebhookEndpoint" e SET "cursorXid" = ${last.xid}, "cursorId" = ${last.id}
        FROM unnest(${planned.map((p) => p.endpoint.id)}::text[], ${planned.map((p) => p.endpoint.cursorXid.toString())}::bigint[],
          ${planned.map((p) => p.endpoint.cursorId.toString())}::bigint[]) AS v("id", "xid", "eventId")
        WHERE e."id" = v."id" AND e."cursorXid" = v."xid" AND e."cursorId" = v."eventId"
          AND e."leaseOwner" = ${this.options.instanceId}
        RETURNING e."id")
      INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventXid", "eventType", "nextAttemptAt")
      SELECT r.* FROM unnest(${values.map(() => newDeliveryId())}::text[], ${values.map((v) => v.endpoint.id)}::text[],
        ${values.map((v) => v.event.id.toString())}::bigint[], ${values.map((v) => v.event.xid.toString())}::bigint[],
        ${values.map((v) => webhookEventType(v.event.caseKind, v.event.event))}::text[],
        ${values.map(() => now.toISOString())}::timestamp(3)[])
        AS r("id", "endpointId", "eventId", "eventXid", "eventType", "nextAttemptAt")
      WHERE r."endpointId" IN (SELECT "id" FROM moved)
      ON CONFLICT ("endpointId", "eventId") DO UPDATE SET "status" = 'PENDING', "attempts" = 0,
        "nextAttemptAt" = EXCLUDED."nextAttemptAt", "deliveredAt" = NULL
      RETURNING "id", "endpointId", "eventId", "attempts", "nextAttemptAt"`;
    // in stream order per endpoint, as the events were read
    const order = new Map(events.map((event, index) => [event.id, index]));
    rows.sort((a, b) => (order.get(a.eventId) ?? 0) - (order.get(b.eventId) ?? 0));
    return { rows, events, full };
  }

  private bodyOf(event: EventRow, bodies: Map<bigint, Promise<string>>): Promise<string> {
    let body = bodies.get(event.id);
    if (!body) {
      body = (event.enterpriseId ? this.enterpriseOf(event.enterpriseId) : Promise.resolve(null)).then((enterprise) =>
        webhookBody(event, enterprise),
      );
      bodies.set(event.id, body);
    }
    return body;
  }

  /** The enterprise a body names, reused for a minute. */
  private async enterpriseOf(id: string): Promise<{ uscc: string; name: string } | null> {
    const cached = this.enterprises.get(id);
    if (cached && Date.now() - cached.at < ENTERPRISE_CACHE_MS) return cached.value;
    const value = await this.app.db.enterprise.findUnique({ where: { id }, select: { uscc: true, name: true } });
    this.enterprises.set(id, { at: Date.now(), value });
    return value;
  }

  /**
   * Attempts an endpoint's due deliveries in order until one fails, one is not yet due, or the pass's time is up;
   * returns what to record of each attempt.
   */
  private async serve(
    endpoint: LeasedEndpoint,
    rows: Due[],
    events: Map<bigint, EventRow>,
    stopBy: number,
    bodies: Map<bigint, Promise<string>>,
  ): Promise<Recorded[]> {
    const recorded: Recorded[] = [];
    const policy: WebhookTargetPolicy = {
      allowed: this.app.config.webhooks.allowedHosts,
      allowLoopback: this.app.config.webhooks.allowLoopback,
    };
    for (const row of rows) {
      if (this.stopped || this.now().getTime() >= stopBy) break;
      // in order: the first one not yet due holds up the rest
      if (row.nextAttemptAt && row.nextAttemptAt > this.now()) break;
      const event = events.get(row.eventId);
      if (!event) break;
      const body = await this.bodyOf(event, bodies);
      const sentAt = this.now();
      const secrets = [
        endpoint.secret,
        ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > sentAt
          ? [endpoint.previousSecret]
          : []),
      ];
      const headers = webhookHeaders(secrets, row.id, Math.floor(sentAt.getTime() / 1000), body);
      const outcome = await this.send(endpoint.url, headers, body, policy, {
        ...(this.options.resolve ? { resolve: this.options.resolve } : {}),
      });
      const attempts = row.attempts + 1;
      const base = { id: row.id, endpointId: endpoint.id, attempts, outcome };
      if (isDelivered(outcome.status)) {
        recorded.push({ ...base, status: 'DELIVERED', nextAttemptAt: null, deliveredAt: this.now() });
        continue;
      }
      const next = afterFailedAttempt(this.app.config.webhooks.retryWaitsMs, attempts, this.now());
      recorded.push(
        next.retry
          ? { ...base, status: 'PENDING', nextAttemptAt: next.retryAt, deliveredAt: null }
          : { ...base, status: 'FAILED', nextAttemptAt: null, deliveredAt: null },
      );
      break;
    }
    return recorded;
  }

  /** Every attempt of the pass in one statement; endpoints whose delivery finally failed are disabled. */
  private async record(recorded: Recorded[]): Promise<void> {
    if (recorded.length === 0) return;
    const db = this.app.db;
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    await db.$executeRaw`
      UPDATE "WebhookDelivery" d SET "status" = v."status", "attempts" = v."attempts",
        "lastStatusCode" = v."code", "lastLatencyMs" = v."latency", "lastError" = v."error",
        "nextAttemptAt" = v."next", "deliveredAt" = v."delivered"
      FROM unnest(${recorded.map((r) => r.id)}::text[], ${recorded.map((r) => r.status)}::text[],
        ${recorded.map((r) => r.attempts)}::int[], ${recorded.map((r) => r.outcome.status)}::int[],
        ${recorded.map((r) => r.outcome.latencyMs)}::int[],
        ${recorded.map((r) => r.outcome.error ?? (isDelivered(r.outcome.status) ? null : `HTTP ${r.outcome.status}`))}::text[],
        ${recorded.map((r) => iso(r.nextAttemptAt))}::timestamp(3)[],
        ${recorded.map((r) => iso(r.deliveredAt))}::timestamp(3)[])
        AS v("id", "status", "attempts", "code", "latency", "error", "next", "delivered")
      WHERE d."id" = v."id"`;
    const failed = recorded.filter((r) => r.status === 'FAILED');
    if (failed.length === 0) return;
    await db.webhookEndpoint.updateMany({
      where: { id: { in: failed.map((r) => r.endpointId) }, status: 'ENABLED' },
      data: { status: 'DISABLED', disabledReason: 'RETRIES_EXHAUSTED', version: { increment: 1 } },
    });
    for (const r of failed)
      this.app.log?.warn('webhooks: an endpoint was disabled after its retry schedule ran out', {
        endpointId: r.endpointId,
        deliveryId: r.id,
      });
  }
}
