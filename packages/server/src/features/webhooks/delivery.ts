// Webhook delivery (issue 21). Each enabled endpoint walks the event stream from its own cursor through the events its
// enterprise sees on `caseEvents` (visibleEvents: one visibility rule) and delivers them one at a time, in stream
// order. An event's first attempt is made before anything is written; its delivery row (with the outcome) and the
// cursor moved past it are written together when the pass ends, so a crash loses nothing: the event is read and sent
// again after restart with the same webhook-id (derived from the endpoint and the event: at least once). A failed
// attempt leaves a pending row at or before the cursor, and the endpoint's next event waits until that row is
// delivered or has finally failed. Instances share the work through a lease per endpoint (`FOR UPDATE SKIP LOCKED`):
// one instance delivers for an endpoint at a time, so none delivers an event twice while its lease holds.
//
// A pass serves every endpoint the instance holds with three statements, however many endpoints and events there
// are: the lease with the stream's horizon and the due deliveries, one read of new events for all endpoints, and one
// statement writing every attempt's outcome and every cursor move. The HTTP attempts run on a thread of their own
// (send-thread.ts); each endpoint's go on by themselves, so a slow receiver holds up only its own endpoint.
import { afterFailedAttempt, eventTypeWanted, isDelivered, webhookEventType } from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Prisma } from '../../generated/prisma/client.ts';
import type { AppServices } from '../../platform/context.ts';
import { afterCursor, eventCursor, STREAM_ORDER } from '../../platform/events/cursor.ts';
import { webhookHeaders } from '../../platform/webhooks/signature.ts';
import { caseKindOf } from '../cases/index.ts';
import { visibleEvents } from '../events/visibility.ts';
import type { AttemptOutcome, Resolve, sendWebhook } from './send.ts';
import { sendSequence } from './send-sequence.ts';
import { SendThread } from './send-thread.ts';

/**
 * A pass records its attempts when it ends: after this long sending it starts no new attempt, so a crash sends again (with the
 * same webhook-ids) at most about this much of work; the next pass follows at once. The pass ends within the lease
 * (WEBHOOK_LEASE_MS, 30 s by default) even when its last attempt runs into the 10 s timeout.
 */
const PASS_SEND_MS = 250;
/** how long after its time is up a pass still waits for answers before it records what it has */
const STRAGGLER_WAIT_MS = 250;
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
  signWithSm3: boolean;
  cursorXid: bigint;
  cursorId: bigint;
  horizon: string;
}

/** One endpoint's due delivery, beside the endpoint's columns (null when none is due). */
interface DueColumns {
  dueId: string | null;
  dueEventId: bigint | null;
  dueAttempts: number | null;
  dueNextAttemptAt: Date | null;
}

const ENDPOINT_COLUMNS = Prisma.raw(
  [
    'id',
    'enterpriseId',
    'url',
    'eventTypes',
    'secret',
    'previousSecret',
    'previousSecretUntil',
    'signWithSm3',
    'cursorXid',
    'cursorId',
  ]
    .map((column) => `"${column}"`)
    .join(', '),
);

interface Due {
  id: string;
  endpointId: string;
  eventId: bigint;
  attempts: number;
  nextAttemptAt: Date | null;
  /** a first delivery, which has no row yet: its event */
  event?: EventRow;
}

/** What an endpoint may deliver of the events read in a pass. */
interface Plan {
  endpoint: LeasedEndpoint;
  /** the events it wants, in stream order */
  wanted: EventRow[];
}

interface CursorMove {
  endpoint: LeasedEndpoint;
  to: EventRow;
}

interface Recorded {
  id: string;
  endpointId: string;
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  attempts: number;
  outcome: AttemptOutcome;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  /** a first delivery: its row is written with this outcome */
  event?: EventRow;
}

export interface WebhookDeliveryOptions {
  /** names this instance in leases */
  instanceId: string;
  /** new events read per pass for all endpoints (tests make it small) */
  eventsPerRead?: number;
  /** endpoints taken (and as many held) per pass (tests make it small) */
  endpointsPerPass?: number;
  /** told after each pass what it did (benchmarks) */
  onPass?: (pass: {
    endpoints: number;
    eventsRead: number;
    attempts: number;
    ms: number;
    /** how long the pass took to lease, to read, to send (waiting for the answers) and to record, ms */
    phases: { lease: number; read: number; send: number; record: number };
  }) => void;
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

/**
 * A delivery's id, which is its webhook-id: the same whenever the event is sent to the endpoint (a retry, a re-send
 * after a crash, a replay), so it is known before any row is written; unique per event and endpoint; sorting in
 * stream order (the event's cursor, fixed width), then by endpoint.
 */
export function webhookDeliveryId(endpointId: string, event: { xid: bigint; id: bigint }): string {
  return `msg_${eventCursor(event).toString(36).padStart(20, '0')}${endpointId}`;
}

const newDelivery = (endpointId: string, event: EventRow): Due => ({
  id: webhookDeliveryId(endpointId, event),
  endpointId,
  eventId: event.id,
  attempts: 0,
  nextAttemptAt: null,
  event,
});

/**
 * Where a planned endpoint's cursor goes: past the last event read when every event it wanted was attempted, else to
 * the last one attempted (the rest are read again next pass); nowhere when none was.
 */
function cursorMove(plan: Plan, recorded: Recorded[], last: EventRow | null): CursorMove | null {
  const attempted = recorded.filter((r) => r.event);
  const to = attempted.length === plan.wanted.length ? last : attempted.at(-1)?.event;
  return to ? { endpoint: plan.endpoint, to } : null;
}

const NOTHING_READ = { plans: [] as Plan[], events: [] as EventRow[], full: false, last: null };

/** The events an endpoint's enterprise sees, as its operators' API tokens do. */
const eventsOf = (enterpriseId: string) => visibleEvents({ role: 'API_CLIENT', tokenId: 'webhooks', enterpriseId });

const cursorOf = (endpoint: Pick<LeasedEndpoint, 'cursorXid' | 'cursorId'>) =>
  eventCursor({ xid: endpoint.cursorXid, id: endpoint.cursorId });

export class WebhookDeliverer {
  /** the thread making the HTTP attempts; none when a test gives its own `send` or `resolve` */
  private readonly thread: SendThread | null;
  private readonly eventsPerRead: number;
  private readonly endpointsPerPass: number;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | undefined;
  private stopBus: (() => void) | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  /** when the last pass began (epoch ms), and the timer holding the next one back */
  private lastStart = 0;
  private paced: NodeJS.Timeout | undefined;
  /** how many endpoints the last pass held */
  private leased = 0;
  /** where the next pass's take of endpoints begins: after this id ('' from the first) */
  private after = '';
  /** the endpoints whose attempts are under way, and what finished but is not yet recorded */
  private readonly sending = new Map<string, Promise<void>>();
  private finished: { endpointId: string; recorded: Recorded[]; move: CursorMove | null }[] = [];
  private readonly enterprises = new Map<string, { at: number; value: { uscc: string; name: string } | null }>();

  /** How many endpoints still wait for a receiver's answer, or have an answer a pass has not recorded yet. */
  get inFlight(): number {
    return this.sending.size;
  }

  constructor(
    private readonly app: AppServices,
    private readonly options: WebhookDeliveryOptions,
  ) {
    this.thread = options.send || options.resolve ? null : new SendThread();
    this.eventsPerRead = options.eventsPerRead ?? EVENTS_PER_READ;
    this.endpointsPerPass = options.endpointsPerPass ?? ENDPOINTS_PER_PASS;
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
    if (this.stopped || this.paced) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // passes begin at least WEBHOOK_PASS_SPACING_MS apart: each costs its statements whatever it carries, so under a
    // steady stream fewer, fuller passes leave the process (and the embedded database on its thread) more room
    const wait = this.lastStart + this.app.config.webhooks.passSpacingMs - Date.now();
    if (wait > 0) {
      this.paced = setTimeout(() => {
        this.paced = undefined;
        this.wake();
      }, wait);
      return;
    }
    this.lastStart = Date.now();
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
    clearTimeout(this.paced);
    this.stopBus?.();
    await this.idle();
    // attempts under way on the thread end with it (they are sent again, with their webhook-ids, by whoever
    // delivers next); those made in this process are waited for, and what finished is recorded
    await this.thread?.close();
    await Promise.allSettled([...this.sending.values()]);
    await this.recordFinished().catch((error: Error) =>
      this.app.log?.error('webhooks: recording on stop failed', { error: error.message }),
    );
    this.sending.clear();
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
    const { endpoints, due: allDue } = await this.leaseAndDue(started);
    this.leased = endpoints.length;
    const leasedAt = this.now();
    // an endpoint still waiting for its receiver since an earlier pass is left alone until that answer is recorded
    const free = endpoints.filter((endpoint) => !this.sending.has(endpoint.id));
    const due = allDue.filter((row) => !this.sending.has(row.endpointId));
    const waiting = new Set(due.map((row) => row.endpointId));
    const fresh =
      free.length > 0
        ? await this.readNew(
            free.filter((endpoint) => !waiting.has(endpoint.id)),
            BigInt((free[0] as LeasedEndpoint).horizon),
          )
        : NOTHING_READ;
    const queues = new Map<string, { rows: Due[]; plan: Plan | null }>();
    for (const row of due) {
      const queue = queues.get(row.endpointId) ?? { rows: [], plan: null };
      queue.rows.push(row);
      queues.set(row.endpointId, queue);
    }
    for (const plan of fresh.plans)
      queues.set(plan.endpoint.id, {
        rows: plan.wanted.map((event) => newDelivery(plan.endpoint.id, event)),
        plan,
      });
    const events = new Map(fresh.events.map((event) => [event.id, event]));
    const missing = due.filter((row) => !events.has(row.eventId)).map((row) => row.eventId);
    if (missing.length > 0)
      for (const event of await this.app.db.auditEvent.findMany({
        where: { id: { in: missing } },
        select: EVENT_FIELDS,
      }))
        events.set(event.id, event);
    const readAt = this.now();

    // the sender thread starts when there is first something to send (an idle server never starts it), and its start
    // is not counted against the pass's time
    if (queues.size > 0) await this.thread?.started();
    const stopBy = this.now().getTime() + PASS_SEND_MS;
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    // an event's body is the same for every endpoint: made once per pass
    const bodies = new Map<bigint, Promise<string>>();
    // endpoints are served side by side, each on its own: the pass waits for their answers until a little after its
    // time is up, and one still waiting (a slow receiver) is recorded by a later pass, holding up no other endpoint
    let passEnded = false;
    const runs = [...queues].map(([endpointId, { rows, plan }]) => {
      const run = this.serve(byId.get(endpointId) as LeasedEndpoint, rows, events, stopBy, bodies)
        .then(
          // the endpoint stays left alone until this is recorded: its cursor moves only then
          (recorded) => {
            this.finished.push({ endpointId, recorded, move: plan ? cursorMove(plan, recorded, fresh.last) : null });
          },
          (error: Error) => {
            this.sending.delete(endpointId);
            this.app.log?.error('webhooks: an endpoint’s attempts failed', { endpointId, error: error.message });
          },
        )
        .finally(() => {
          // its pass is over: record it now (a started deliverer; tests run passes themselves)
          if (passEnded && this.timer) this.wake();
        });
      this.sending.set(endpointId, run);
      return run;
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(runs),
      new Promise((resolve) => {
        timer = setTimeout(resolve, Math.max(0, stopBy + STRAGGLER_WAIT_MS - Date.now()));
      }),
    ]);
    clearTimeout(timer);
    passEnded = true;
    const sentAt = this.now();
    const recorded = await this.recordFinished();
    const cut = this.now().getTime() >= stopBy;
    const ms = (from: Date, to: Date) => to.getTime() - from.getTime();
    this.options.onPass?.({
      endpoints: endpoints.length,
      eventsRead: fresh.events.length,
      attempts: recorded.length,
      ms: ms(started, this.now()),
      phases: {
        lease: ms(started, leasedAt),
        read: ms(leasedAt, readAt),
        send: ms(readAt, sentAt),
        record: ms(sentAt, this.now()),
      },
    });
    // a retry that went through lets its endpoint go on to newer events at once
    const retried = recorded.some((r) => !r.event && r.status === 'DELIVERED');
    return fresh.full || cut || retried || due.length >= DUE_PER_ENDPOINT;
  }

  /**
   * Writes down the attempts that finished since the last time, with their endpoints' cursor moves, and lets those
   * endpoints be served again: recorded, or not at all (the attempts are then made again, with their webhook-ids).
   */
  private async recordFinished(): Promise<Recorded[]> {
    const done = this.finished.splice(0);
    const recorded = done.flatMap((result) => result.recorded);
    try {
      await this.record(
        recorded,
        done.flatMap((result) => (result.move ? [result.move] : [])),
      );
    } finally {
      for (const result of done) this.sending.delete(result.endpointId);
    }
    return recorded;
  }

  /**
   * In one statement: the lease of the enabled endpoints free or already ours (written only where it is free, or ours
   * and half run out: most passes write nothing), the stream's horizon, and each endpoint's due deliveries — pending
   * ones at or before its cursor, in stream order (rows beyond the cursor wait for it: after a replay moved it back
   * they are sent again in their turn). Up to `endpointsPerPass` endpoints are taken and up to as many held, from
   * where the last full pass stopped, so that every endpoint has its turn however many there are. Taking and holding
   * are two parts on purpose: one locking take of free and held endpoints alike would lock (so write) every held row
   * at every pass, where now a held row is only read.
   */
  private async leaseAndDue(now: Date): Promise<{ endpoints: LeasedEndpoint[]; due: Due[] }> {
    const leaseMs = this.app.config.webhooks.leaseMs;
    const until = new Date(now.getTime() + leaseMs);
    const renewBy = new Date(now.getTime() + leaseMs / 2);
    const me = this.options.instanceId;
    const rows = await this.app.db.$queryRaw<(LeasedEndpoint & DueColumns)[]>`
      WITH taken AS (
        UPDATE "WebhookEndpoint" SET "leaseOwner" = ${me}, "leaseUntil" = ${until}
        WHERE "id" IN (
          SELECT "id" FROM "WebhookEndpoint"
          WHERE "status" = 'ENABLED'
            AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now} OR ("leaseOwner" = ${me} AND "leaseUntil" < ${renewBy}))
          ORDER BY ("id" <= ${this.after}), "id" LIMIT ${this.endpointsPerPass}
          FOR UPDATE SKIP LOCKED)
        RETURNING ${ENDPOINT_COLUMNS}),
      held AS (
        SELECT ${ENDPOINT_COLUMNS} FROM "WebhookEndpoint"
        WHERE "status" = 'ENABLED' AND "leaseOwner" = ${me} AND "leaseUntil" >= ${renewBy}
        ORDER BY ("id" <= ${this.after}), "id" LIMIT ${this.endpointsPerPass}),
      ours AS (SELECT * FROM taken UNION ALL SELECT * FROM held)
      SELECT ours.*, pg_snapshot_xmin(pg_current_snapshot())::text AS "horizon",
        d."id" AS "dueId", d."eventId" AS "dueEventId", d."attempts" AS "dueAttempts",
        d."nextAttemptAt" AS "dueNextAttemptAt"
      FROM ours LEFT JOIN LATERAL (
        SELECT w."id", w."eventId", w."attempts", w."nextAttemptAt", w."eventXid" FROM "WebhookDelivery" w
        WHERE w."endpointId" = ours."id" AND w."status" = 'PENDING'
          AND (w."eventXid", w."eventId") <= (ours."cursorXid", ours."cursorId")
        ORDER BY w."eventXid", w."eventId" LIMIT ${DUE_PER_ENDPOINT}) d ON true
      ORDER BY ours."id", d."eventXid", d."eventId"`;
    const endpoints = new Map<string, LeasedEndpoint>();
    const due: Due[] = [];
    for (const { dueId, dueEventId, dueAttempts, dueNextAttemptAt, ...endpoint } of rows) {
      if (!endpoints.has(endpoint.id)) endpoints.set(endpoint.id, endpoint);
      if (dueId !== null)
        due.push({
          id: dueId,
          endpointId: endpoint.id,
          eventId: dueEventId as bigint,
          attempts: dueAttempts as number,
          nextAttemptAt: dueNextAttemptAt,
        });
    }
    const ids = [...endpoints.keys()];
    // a full take: the next pass goes on after the last one served (wrapping round to the first)
    const wrapped = ids.filter((id) => id <= this.after);
    this.after = ids.length >= this.endpointsPerPass ? ((wrapped.length > 0 ? wrapped : ids).at(-1) as string) : '';
    return { endpoints: [...endpoints.values()], due };
  }

  /**
   * For endpoints with nothing due: reads the next events of all their enterprises at once and plans, for each
   * endpoint behind the last event read, the events it wants in stream order. Nothing is written yet: a delivery's
   * row is written with its first attempt's outcome, and the cursor moved in the same statement (`record`).
   */
  private async readNew(
    endpoints: LeasedEndpoint[],
    horizon: bigint,
  ): Promise<{ plans: Plan[]; events: EventRow[]; full: boolean; last: EventRow | null }> {
    if (endpoints.length === 0) return { plans: [], events: [], full: false, last: null };
    // bigints: Math.min does not take them
    const from = endpoints.map(cursorOf).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0] as bigint;
    const enterprises = [...new Set(endpoints.map((endpoint) => endpoint.enterpriseId))];
    const events = await this.app.db.auditEvent.findMany({
      where: {
        AND: [{ OR: enterprises.map((id) => eventsOf(id).where) }, afterCursor(from), { xid: { lt: horizon } }],
      },
      orderBy: [...STREAM_ORDER],
      take: this.eventsPerRead,
      select: EVENT_FIELDS,
    });
    const last = events.at(-1) ?? null;
    const full = events.length === this.eventsPerRead;
    if (!last) return { plans: [], events, full, last };
    const matches = new Map(enterprises.map((id) => [id, eventsOf(id).matches]));
    // an endpoint already past the last event read (the read began at another's cursor) keeps its own
    const plans = endpoints
      .filter((endpoint) => cursorOf(endpoint) < eventCursor(last))
      .map((endpoint) => {
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
    return { plans, events, full, last };
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
    const now = this.now();
    // in order: the first one not yet due holds up the rest
    const firstWaiting = rows.findIndex(
      (row) => (row.nextAttemptAt && row.nextAttemptAt > now) || !events.has(row.eventId),
    );
    const sending = firstWaiting === -1 ? rows : rows.slice(0, firstWaiting);
    if (sending.length === 0 || this.stopped) return [];
    const secrets = [
      endpoint.secret,
      ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now
        ? [endpoint.previousSecret]
        : []),
    ];
    const seconds = Math.floor(now.getTime() / 1000);
    const deliveries = await Promise.all(
      sending.map(async (row) => {
        const body = await this.bodyOf(events.get(row.eventId) as EventRow, bodies);
        return { headers: webhookHeaders(secrets, row.id, seconds, body, { sm3: endpoint.signWithSm3 }), body };
      }),
    );
    const request = {
      url: endpoint.url,
      deliveries,
      policy: { allowed: this.app.config.webhooks.allowedHosts, allowLoopback: this.app.config.webhooks.allowLoopback },
      stopBy,
    };
    const outcomes = this.thread
      ? await this.thread.send(request)
      : await sendSequence(request, this.options.send, this.options.resolve);
    return outcomes.map((outcome, index) => {
      const row = sending[index] as Due;
      const attempts = row.attempts + 1;
      const base = {
        id: row.id,
        endpointId: endpoint.id,
        attempts,
        outcome,
        ...(row.event ? { event: row.event } : {}),
      };
      if (isDelivered(outcome.status))
        return { ...base, status: 'DELIVERED', nextAttemptAt: null, deliveredAt: this.now() } as const;
      const next = afterFailedAttempt(this.app.config.webhooks.retryWaitsMs, attempts, this.now());
      return next.retry
        ? ({ ...base, status: 'PENDING', nextAttemptAt: next.retryAt, deliveredAt: null } as const)
        : ({ ...base, status: 'FAILED', nextAttemptAt: null, deliveredAt: null } as const);
    });
  }

  /**
   * Every attempt of the pass and every cursor move in one statement, atomic by itself: a first delivery's row is
   * written only with its endpoint's cursor move, which holds only while the endpoint is still ours and its cursor was
   * not moved meanwhile (a replay); else the event is read and sent again, with the same webhook-id. A row already
   * there (a replay moved the cursor back over it) takes the new attempt's outcome. Endpoints whose delivery finally
   * failed are disabled.
   */
  private async record(recorded: Recorded[], moves: CursorMove[]): Promise<void> {
    if (recorded.length === 0 && moves.length === 0) return;
    const db = this.app.db;
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    const error = (r: Recorded) =>
      r.outcome.error ?? (isDelivered(r.outcome.status) ? null : `HTTP ${r.outcome.status}`);
    const first = recorded.filter((r) => r.event);
    const again = recorded.filter((r) => !r.event);
    const event = (r: Recorded) => r.event as EventRow;
    await db.$executeRaw`
      WITH moved AS (
        UPDATE "WebhookEndpoint" e SET "cursorXid" = v."toXid", "cursorId" = v."toId"
        FROM unnest(${moves.map((m) => m.endpoint.id)}::text[],
          ${moves.map((m) => m.endpoint.cursorXid.toString())}::bigint[],
          ${moves.map((m) => m.endpoint.cursorId.toString())}::bigint[],
          ${moves.map((m) => m.to.xid.toString())}::bigint[], ${moves.map((m) => m.to.id.toString())}::bigint[])
          AS v("id", "fromXid", "fromId", "toXid", "toId")
        WHERE e."id" = v."id" AND e."cursorXid" = v."fromXid" AND e."cursorId" = v."fromId"
          AND e."leaseOwner" = ${this.options.instanceId}
        RETURNING e."id"),
      written AS (
        INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventId", "eventXid", "eventType", "status", "attempts",
          "lastStatusCode", "lastLatencyMs", "lastError", "nextAttemptAt", "deliveredAt")
        SELECT r.* FROM unnest(${first.map((r) => r.id)}::text[], ${first.map((r) => r.endpointId)}::text[],
          ${first.map((r) => event(r).id.toString())}::bigint[], ${first.map((r) => event(r).xid.toString())}::bigint[],
          ${first.map((r) => webhookEventType(event(r).caseKind, event(r).event))}::text[],
          ${first.map((r) => r.status)}::text[], ${first.map((r) => r.attempts)}::int[],
          ${first.map((r) => r.outcome.status)}::int[], ${first.map((r) => r.outcome.latencyMs)}::int[],
          ${first.map(error)}::text[], ${first.map((r) => iso(r.nextAttemptAt))}::timestamp(3)[],
          ${first.map((r) => iso(r.deliveredAt))}::timestamp(3)[])
          AS r("id", "endpointId", "eventId", "eventXid", "eventType", "status", "attempts", "code", "latency",
            "error", "next", "delivered")
        WHERE r."endpointId" IN (SELECT "id" FROM moved)
        ON CONFLICT ("id") DO UPDATE SET "status" = EXCLUDED."status",
          "attempts" = EXCLUDED."attempts", "lastStatusCode" = EXCLUDED."lastStatusCode",
          "lastLatencyMs" = EXCLUDED."lastLatencyMs", "lastError" = EXCLUDED."lastError",
          "nextAttemptAt" = EXCLUDED."nextAttemptAt", "deliveredAt" = EXCLUDED."deliveredAt"
        RETURNING 1)
      UPDATE "WebhookDelivery" d SET "status" = v."status", "attempts" = v."attempts",
        "lastStatusCode" = v."code", "lastLatencyMs" = v."latency", "lastError" = v."error",
        "nextAttemptAt" = v."next", "deliveredAt" = v."delivered"
      FROM unnest(${again.map((r) => r.id)}::text[], ${again.map((r) => r.status)}::text[],
        ${again.map((r) => r.attempts)}::int[], ${again.map((r) => r.outcome.status)}::int[],
        ${again.map((r) => r.outcome.latencyMs)}::int[], ${again.map(error)}::text[],
        ${again.map((r) => iso(r.nextAttemptAt))}::timestamp(3)[],
        ${again.map((r) => iso(r.deliveredAt))}::timestamp(3)[])
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
