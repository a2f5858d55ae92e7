import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import type { Viewer } from '../context.ts';

/**
 * In-memory token buckets, one per caller: a bucket holds up to `perMinute` requests and refills continuously
 * at `perMinute` a minute, so a caller may burst a minute's worth and then keeps the steady rate.
 * Per process: with several instances each enforces its own share.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one request from the key's bucket; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 100_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute / 1000);
  }

  /** Buckets that have refilled completely carry no information; dropping them bounds the memory. */
  private forgetFull(now: number) {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000 >= this.perMinute) this.buckets.delete(key);
    }
  }
}

interface CallerLimits {
  users: RateLimiter;
  apiTokens: RateLimiter;
  /** anonymous downloads, by client address */
  addresses: RateLimiter;
}

export function callerLimits(limits: {
  userPerMinute: number;
  apiTokenPerMinute: number;
  addressPerMinute: number;
}): CallerLimits {
  return {
    users: new RateLimiter(limits.userPerMinute),
    apiTokens: new RateLimiter(limits.apiTokenPerMinute),
    addresses: new RateLimiter(limits.addressPerMinute),
  };
}

const message = (retryAfter: number) =>
  `请求过于频繁，请 ${retryAfter} 秒后重试 (rate limit exceeded, retry in ${retryAfter} s)`;

/**
 * A download (template, report) taken from its caller's bucket: the user a signed link is for shares the bucket of
 * their GraphQL requests; without one, the client's address. Returns 0 when allowed, else seconds to wait.
 */
export function downloadLimit(limits: CallerLimits, userId: string | null, address: string | null): number {
  if (userId) return (userId.startsWith('token:') ? limits.apiTokens : limits.users).take(userId);
  return limits.addresses.take(`address:${address ?? 'unknown'}`);
}

/** HTTP 429 with Retry-After and a message in Chinese and English. */
export function refuseOverLimit(response: ServerResponse, retryAfter: number): void {
  response.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(retryAfter) });
  response.end(message(retryAfter));
}

/**
 * The refusal of a caller over its rate: HTTP 429 with Retry-After, code LIMIT_EXCEEDED.
 * Anonymous calls (sign-in, public queries) are not limited here.
 */
export function rateLimitError(limits: CallerLimits, viewer: Viewer | null): GraphQLError | null {
  if (!viewer) return null;
  const isToken = viewer.actor.role === 'API_CLIENT';
  const retryAfter = (isToken ? limits.apiTokens : limits.users).take(viewer.userId);
  if (retryAfter === 0) return null;
  return createGraphQLError(message(retryAfter), {
    extensions: {
      code: 'LIMIT_EXCEEDED',
      limit: isToken ? 'API_TOKEN_RATE' : 'USER_RATE',
      retryAfterSeconds: retryAfter,
      http: { status: 429, headers: { 'retry-after': String(retryAfter) } },
    },
  });
}
