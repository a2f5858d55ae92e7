import type { Redis } from 'ioredis';
import type { Logger } from '../observability/log.ts';
import { redisPair } from '../redis-pair.ts';
import type { Revocation, RevocationTransport } from './signed-in-cache.ts';

function parseRevocation(message: string): Revocation | null {
  try {
    const value = JSON.parse(message) as Record<string, unknown>;
    if (typeof value.tokenHash === 'string') return { tokenHash: value.tokenHash };
    if (typeof value.userId === 'string') return { userId: value.userId };
    if (value.everyone === true) return { everyone: true };
  } catch {
    // not ours: treated as "drop everything" below
  }
  return null;
}

/**
 * Revocations between instances over Redis pub/sub, on connections of their own (a revocation must not queue
 * behind event notifications). A message that cannot be read drops every cached state, never none.
 */
export class RedisRevocations implements RevocationTransport {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(
    url: string,
    channelPrefix = 'leqi',
    private readonly log?: Logger,
  ) {
    this.channel = `${channelPrefix}:credential-revocations`;
    ({ publisher: this.publisher, subscriber: this.subscriber } = redisPair(
      url,
      { publisher: 'leqi-revocations-publish', subscriber: 'leqi-revocations-subscribe' },
      { publisher: 'redis (revocations)', subscriber: 'redis (revocations)' },
      log,
    ));
  }

  async start(handlers: Parameters<RevocationTransport['start']>[0]): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (_channel: string, message: string) =>
      handlers.revoked(parseRevocation(message) ?? { everyone: true }),
    );
    this.subscriber.on('close', () => handlers.lost());
    this.subscriber.on('ready', () => {
      // subscribed again before anything is cached again
      this.subscriber.subscribe(this.channel).then(
        () => handlers.restored(),
        () => handlers.lost(),
      );
    });
    await this.subscriber.subscribe(this.channel);
  }

  async publish(revocation: Revocation): Promise<void> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify(revocation));
    } catch (error) {
      // the other instances' subscribers are most likely cut off too, and then serve nothing from memory
      this.log?.error('redis: a credential revocation could not be announced', {
        error: (error as Error).message,
      });
    }
  }

  async close(): Promise<void> {
    this.subscriber.removeAllListeners('close');
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
