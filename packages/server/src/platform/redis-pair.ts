import { Redis } from 'ioredis';
import type { Logger } from './observability/log.ts';

/**
 * A publishing and a subscribing Redis connection for one pub/sub channel (a subscribed connection can do nothing
 * else), connected by the caller's `start`; errors are logged under `labels`, never thrown.
 */
export function redisPair(
  url: string,
  names: { publisher: string; subscriber: string },
  labels: { publisher: string; subscriber: string },
  log?: Logger,
): { publisher: Redis; subscriber: Redis } {
  const options = { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true };
  const publisher = new Redis(url, { ...options, connectionName: names.publisher });
  const subscriber = new Redis(url, { ...options, connectionName: names.subscriber });
  publisher.on('error', (error: Error) => log?.warn(labels.publisher, { error: error.message }));
  subscriber.on('error', (error: Error) => log?.warn(labels.subscriber, { error: error.message }));
  return { publisher, subscriber };
}
