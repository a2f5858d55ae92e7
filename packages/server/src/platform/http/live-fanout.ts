// Live events written straight to graphql-ws sockets. graphql-ws hands every result of every subscription through
// the subscription's async iteration and serialises it on its own; with a thousand officers on one queue, an event
// cost the server ~200 µs per subscriber, four times the bare socket write. Here the subscriptions of shared event
// results (shared-event-results.ts) give their events to one writer per process: per event it executes and
// serialises once per selection, then writes one pre-framed graphql-transport-ws `next` message per subscriber.
import { type ExecutionResult, GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import type { WebSocket } from 'ws';
import type { StoredCaseEvent } from '../events/audit.ts';
import type { EventWriter } from '../events/stream.ts';
import type { Logger } from '../observability/log.ts';
import type { DeliveryTurns } from './delivery-turns.ts';
import { DRAINED_BELOW_BYTES, socketConnection } from './subscriber-connection.ts';
import { sendText, writesFramesDirectly } from './websocket-frames.ts';

/** Context key of a graphql-ws subscription whose results may be written to its socket directly (server.ts). */
export const SOCKET_SUBSCRIPTION = Symbol('socketSubscription');

export interface SocketSubscription {
  socket: WebSocket;
  /** the graphql-ws operation id */
  id: string;
  /** false once graphql-ws has let the subscription go (the client completed it) */
  active(): boolean;
}

type MaybePromise<T> = T | Promise<T>;

/** events queued for one writer and not yet written; beyond this its stream reads on from the database */
const QUEUED_PER_WRITER = 100;

/** writes between two looks at the turn's share of the event loop (a look costs a promise) */
const WRITES_PER_LOOK = 32;

const CLOSING_BRACE = Buffer.from('}');

/** yoga's message for an error it masks (maskedErrors: true) */
const MASKED_MESSAGE = 'Unexpected error.';

class SocketEventWriter implements EventWriter {
  /** events queued and not yet written */
  queued = 0;
  closed = false;
  private readonly prefix: Buffer;
  private readonly direct: boolean;
  private flushed: (() => void)[] = [];
  private fail: (error: unknown) => void = () => undefined;

  constructor(
    private readonly fanout: LiveFanout,
    private readonly target: SocketSubscription,
    /** subscribers with the same key get the same result for an event */
    readonly key: string,
    readonly execute: (event: StoredCaseEvent) => MaybePromise<ExecutionResult>,
  ) {
    // exactly what graphql-ws writes for a result: {"id":…,"type":"next","payload":…}
    this.prefix = Buffer.from(`{"id":${JSON.stringify(target.id)},"type":"next","payload":`);
    this.direct = writesFramesDirectly(target.socket);
  }

  write(event: StoredCaseEvent): void {
    this.queued += 1;
    this.fanout.enqueue(event, this);
  }

  get behind(): boolean {
    return this.queued >= QUEUED_PER_WRITER || this.target.socket.bufferedAmount >= DRAINED_BELOW_BYTES;
  }

  async drained(): Promise<void> {
    if (this.queued > 0 && !this.closed) await new Promise<void>((resolve) => this.flushed.push(resolve));
    await socketConnection(this.target.socket).drained();
  }

  onFailure(stop: (error: unknown) => void): void {
    this.fail = stop;
  }

  close(): void {
    this.closed = true;
    this.release();
  }

  /** the fan-out: one queued event, written (`payload`, UTF-8 JSON) or dropped (`null`, the subscription is gone) */
  done(payload: Buffer | null): void {
    const { socket } = this.target;
    if (payload !== null && !this.closed && this.target.active() && socket.readyState === socket.OPEN) {
      sendText(socket, [this.prefix, payload, CLOSING_BRACE], this.direct);
    }
    this.queued -= 1;
    if (this.queued === 0) this.release();
  }

  /** the fan-out: the event could not be executed; the stream ends with the error, as graphql-ws would end it */
  failed(error: unknown): void {
    this.queued -= 1;
    this.fail(error);
  }

  private release(): void {
    const flushed = this.flushed;
    this.flushed = [];
    for (const resolve of flushed) resolve();
  }
}

interface Job {
  event: StoredCaseEvent;
  writers: SocketEventWriter[];
}

/**
 * The process's writer of live events to sockets. Jobs run one after another in the order they were queued, so each
 * subscriber receives its events in its stream's order; an event handed to many subscribers in one go (the bus
 * calls every listener of an event synchronously) is one job. Writing takes its share of each event-loop turn
 * (`turns`), like every other delivery.
 */
export class LiveFanout {
  private readonly jobs: Job[] = [];
  private running = false;
  private readonly serialised = new WeakMap<ExecutionResult, Buffer>();

  constructor(
    private readonly turns: DeliveryTurns,
    /** told of each error masked in a result, as yoga logs those it masks */
    private readonly log?: Logger,
  ) {}

  /** A writer of one subscription's events to its socket; `execute` gives the result of an event for `key`. */
  writerFor(
    target: SocketSubscription,
    key: string,
    execute: (event: StoredCaseEvent) => MaybePromise<ExecutionResult>,
  ): EventWriter {
    return new SocketEventWriter(this, target, key, execute);
  }

  enqueue(event: StoredCaseEvent, writer: SocketEventWriter): void {
    const last = this.jobs.at(-1);
    if (last?.event === event) last.writers.push(writer);
    else this.jobs.push({ event, writers: [writer] });
    if (!this.running) {
      this.running = true;
      queueMicrotask(() => void this.run());
    }
  }

  private async run(): Promise<void> {
    let writes = 0;
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        const bySelection = new Map<string, SocketEventWriter[]>();
        for (const writer of job.writers) {
          if (writer.closed) {
            writer.done(null);
            continue;
          }
          const same = bySelection.get(writer.key);
          if (same) same.push(writer);
          else bySelection.set(writer.key, [writer]);
        }
        for (const writers of bySelection.values()) {
          let payload: Buffer;
          try {
            payload = this.serialise(await (writers[0] as SocketEventWriter).execute(job.event));
          } catch (error) {
            for (const writer of writers) writer.failed(error);
            continue;
          }
          for (const writer of writers) {
            writer.done(payload);
            writes += 1;
            if (writes % WRITES_PER_LOOK === 0) await this.turns.take();
          }
        }
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * An error of a result as graphql-ws receives it on the ordinary path, where yoga's masking plugin maps each
   * result: masked unless raised as a GraphQLError on purpose, and the masked one logged.
   */
  private masked(error: GraphQLError) {
    const masked = maskError(error, MASKED_MESSAGE, false);
    if (masked !== error) this.log?.error('live event: unexpected error in a result (masked)', { error });
    return masked instanceof GraphQLError ? masked.toJSON() : { message: MASKED_MESSAGE };
  }

  /** The payload graphql-ws would write for `result`, once per result however many subscribers share it. */
  private serialise(result: ExecutionResult): Buffer {
    let payload = this.serialised.get(result);
    if (payload === undefined) {
      const { errors, ...rest } = result;
      payload = Buffer.from(JSON.stringify(errors ? { ...rest, errors: errors.map((e) => this.masked(e)) } : rest));
      this.serialised.set(result, payload);
    }
    return payload;
  }
}
