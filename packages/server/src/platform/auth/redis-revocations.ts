import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/log.ts';
import { redisPair } from '../redis-pair.ts';
import type { Revocation, RevocationTransport } from './signed-in-cache.ts';

/** A revocation message: what it revokes (null when unreadable), and its id and sender when it asks to be confirmed. */
function parseMessage(message: string): { revocation: Revocation | null; id?: string; from?: string } {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(message) as Record<string, unknown>;
  } catch {
    // not ours: treated as "drop everything"
    return { revocation: null };
  }
  const id = typeof value.id === 'string' ? value.id : undefined;
  const from = typeof value.from === 'string' ? value.from : undefined;
  if (typeof value.tokenHash === 'string') return { revocation: { tokenHash: value.tokenHash }, id, from };
  if (typeof value.userId === 'string') return { revocation: { userId: value.userId }, id, from };
  if (value.everyone === true) return { revocation: { everyone: true }, id, from };
  return { revocation: null, id, from };
}

/**
 * Revocations between instances over Redis pub/sub, on connections of their own (a revocation must not queue
 * behind event notifications). A message that cannot be read drops every cached state, never none.
 * Redis hands a published message to the subscribers' connections, but an instance may still answer a request
 * from memory before it has read its connection; so every instance confirms each revocation once it has dropped
 * what it concerns, and the revoking instance answers only when all the others have (or `ackTimeoutMs` passed: a
 * wedged instance does not hold it up; REVOCATION_ACK_TIMEOUT_MS).
 */
export class RedisRevocations implements RevocationTransport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;
  private readonly ackChannel: string;
  /** names this instance's messages, so it neither confirms its own revocations nor counts their confirmations */
  private readonly self = randomUUID();
  /** revocations of this instance awaiting confirmations: how many came, how many are due (once known), the waiter */
  private readonly awaiting = new Map<string, { confirmed: number; due: number | null; done: () => void }>();

  constructor(
    url: string,
    channelPrefix = 'leqi',
    private readonly log?: Logger,
    private readonly ackTimeoutMs = 2000,
  ) {
    this.channel = `${channelPrefix}:credential-revocations`;
    this.ackChannel = `${channelPrefix}:credential-revocation-acks`;
    ({ publisher: this.publisher, subscriber: this.subscriber } = redisPair(
      url,
      { publisher: 'leqi-revocations-publish', subscriber: 'leqi-revocations-subscribe' },
      { publisher: 'redis (revocations)', subscriber: 'redis (revocations)' },
      log,
    ));
  }

  async start(handlers: Parameters<RevocationTransport['start']>[0]): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.ackChannel) return this.confirmed(message);
      const { revocation, id, from } = parseMessage(message);
      handlers.revoked(revocation ?? { everyone: true });
      // another instance's revocation, dropped here: tell it so
      if (id && from !== this.self) this.publisher.publish(this.ackChannel, id).catch(() => undefined);
    });
    this.subscriber.on('close', () => handlers.lost());
    this.subscriber.on('ready', () => {
      // subscribed again before anything is cached again
      this.subscriber.subscribe(this.channel, this.ackChannel).then(
        () => handlers.restored(),
        () => handlers.lost(),
      );
    });
    await this.subscriber.subscribe(this.channel, this.ackChannel);
  }

  /** A confirmation of one of this instance's revocations. */
  private confirmed(id: string): void {
    const waiting = this.awaiting.get(id);
    if (!waiting) return;
    waiting.confirmed += 1;
    if (waiting.due !== null && waiting.confirmed >= waiting.due) waiting.done();
  }

  async publish(revocation: Revocation): Promise<void> {
    const id = randomUUID();
    let timer: NodeJS.Timeout | undefined;
    try {
      const confirmations = new Promise<void>((resolve) => {
        this.awaiting.set(id, { confirmed: 0, due: null, done: resolve });
        timer = setTimeout(() => {
          this.log?.warn('redis: an instance did not confirm a credential revocation in time', { id });
          resolve();
        }, this.ackTimeoutMs);
      });
      // every subscribed connection got it, this instance's own included, which does not confirm
      const receivers = await this.publisher.publish(
        this.channel,
        JSON.stringify({ ...revocation, id, from: this.self }),
      );
      const waiting = this.awaiting.get(id);
      if (waiting) {
        // confirmations may come before the count does
        waiting.due = receivers - 1;
        if (waiting.confirmed >= waiting.due) waiting.done();
      }
      await confirmations;
    } catch (error) {
      // the other instances' subscribers are most likely cut off too, and then serve nothing from memory
      this.log?.error('redis: a credential revocation could not be announced', {
        error: (error as Error).message,
      });
    } finally {
      clearTimeout(timer);
      this.awaiting.delete(id);
    }
  }

  async close(): Promise<void> {
    this.subscriber.removeAllListeners('close');
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
