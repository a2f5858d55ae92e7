import type { Locale } from '@leqi/domain';
import { GraphQLError } from 'graphql';

interface SubscriptionLimitConfig {
  /** live subscriptions of one graphql-ws socket */
  perConnection: number;
  /** live subscriptions of one user (all sessions) or API token, over every connection and transport */
  perUser: number;
}

type SubscriptionLimit = 'SUBSCRIPTIONS_PER_CONNECTION' | 'SUBSCRIPTIONS_PER_USER';

interface SubscriptionPlace {
  /** gives the place back; later calls do nothing */
  release(): void;
}

/**
 * Counts the live subscriptions of this process per connection and per user. Each subscription replays and
 * delivers on its own, so what one caller may hold open at once is bounded (finding 5 of issue 13: one socket
 * with 20 replays of 21k events each). Per process: with several instances each enforces its own share.
 */
export class SubscriptionLimits {
  private readonly byConnection = new Map<object, number>();
  private readonly byUser = new Map<string, number>();

  constructor(private readonly limits: SubscriptionLimitConfig) {}

  /** A place for one more subscription of `connection` and `user` (null: anonymous), or the limit it is over. */
  take(connection: object, user: string | null): SubscriptionPlace | { exceeded: SubscriptionLimit; max: number } {
    if ((this.byConnection.get(connection) ?? 0) >= this.limits.perConnection) {
      return { exceeded: 'SUBSCRIPTIONS_PER_CONNECTION', max: this.limits.perConnection };
    }
    if (user !== null && (this.byUser.get(user) ?? 0) >= this.limits.perUser) {
      return { exceeded: 'SUBSCRIPTIONS_PER_USER', max: this.limits.perUser };
    }
    add(this.byConnection, connection, 1);
    if (user !== null) add(this.byUser, user, 1);
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        add(this.byConnection, connection, -1);
        if (user !== null) add(this.byUser, user, -1);
      },
    };
  }

  /** live subscriptions counted for `user` (tests, metrics) */
  ofUser(user: string): number {
    return this.byUser.get(user) ?? 0;
  }
}

function add<K>(counts: Map<K, number>, key: K, delta: number) {
  const count = (counts.get(key) ?? 0) + delta;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
}

const MESSAGES: Record<SubscriptionLimit, Record<Locale, (max: number) => string>> = {
  SUBSCRIPTIONS_PER_CONNECTION: {
    'zh-CN': (max) => `同时进行的订阅过多：每个连接最多 ${max} 个，请先结束不再需要的订阅`,
    en: (max) => `Too many subscriptions: at most ${max} per connection; complete the ones you no longer need`,
  },
  SUBSCRIPTIONS_PER_USER: {
    'zh-CN': (max) => `同时进行的订阅过多：每个用户（或 API 令牌）最多 ${max} 个，请先结束不再需要的订阅`,
    en: (max) => `Too many subscriptions: at most ${max} per user (or API token); complete the ones you no longer need`,
  },
};

/** The refusal of one subscription over a limit (the connection and its other subscriptions carry on). */
export function subscriptionLimitError(limit: SubscriptionLimit, max: number, locale: Locale): GraphQLError {
  return new GraphQLError(MESSAGES[limit][locale](max), { extensions: { code: 'LIMIT_EXCEEDED', limit, max } });
}
