import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../observability/log.ts';
import { redisPair } from '../redis-pair.ts';
import type { CommitNotifier } from './tail-bus.ts';

/**
 * Cross-instance wake-ups over Redis pub/sub: one connection publishes, one subscribes. A message carries the
 * sender and the highest committed cursor; receivers read the events themselves from the shared database.
 */
export class RedisCommitNotifier implements CommitNotifier {
  private readonly instance = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly channel: string;

  constructor(
    url: string,
    channelPrefix = 'leqi',
    private readonly log?: Logger,
  ) {
    this.channel = `${channelPrefix}:case-events`;
    ({ publisher: this.publisher, subscriber: this.subscriber } = redisPair(
      url,
      { publisher: 'leqi-publish', subscriber: 'leqi-subscribe' },
      { publisher: 'redis (publish)', subscriber: 'redis (subscribe)' },
      log,
    ));
  }

  async start(wake: () => void): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', (_channel: string, message: string) => {
      if (!message.startsWith(`${this.instance} `)) wake();
    });
    // notifications sent while the connection was down are lost: catch up from the database after a reconnect
    this.subscriber.on('ready', wake);
    await this.subscriber.subscribe(this.channel);
  }

  notify(cursor: bigint): void {
    this.publisher.publish(this.channel, `${this.instance} ${cursor}`).catch((error: Error) => {
      this.log?.warn('redis publish failed (other instances catch up on their next notification)', {
        error: error.message,
      });
    });
  }

  async ready(): Promise<void> {
    if (this.subscriber.status !== 'ready') throw new Error(`redis subscriber ${this.subscriber.status}`);
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.subscriber.quit(), this.publisher.quit()]);
  }
}
