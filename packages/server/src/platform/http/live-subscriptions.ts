import type { ServerResponse } from 'node:http';
import type { Locale } from '@leqi/domain';
import { type ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin, Repeater } from 'graphql-yoga';
import type { Context } from '../context.ts';
import type { DeliveryTurns } from './delivery-turns.ts';
import { type EndReason, ResponseConnection, type SubscriberConnection } from './subscriber-connection.ts';
import type { SubscriptionGuard } from './subscription-guard.ts';
import { type SubscriptionLimits, subscriptionLimitError } from './subscription-limits.ts';

/** Context key of the graphql-ws connection an operation came on (server.ts); over HTTP each request is one. */
export const SUBSCRIBER_CONNECTION = Symbol('subscriberConnection');

/**
 * A subscription delivers at most this many results in one go; then it waits until its connection's send buffer
 * has drained (the client reads). A replay of 20,000 events goes out in pages of 100.
 */
const DELIVERIES_PER_PAGE = 100;

type LiveContext = Context & { [SUBSCRIBER_CONNECTION]?: SubscriberConnection; res?: ServerResponse };

const END_MESSAGES: Record<EndReason, { code: 'UNAUTHENTICATED' | 'FORBIDDEN' } & Record<Locale, string>> = {
  CREDENTIALS_REVOKED: {
    code: 'UNAUTHENTICATED',
    'zh-CN': '登录已失效或令牌已被吊销，订阅已结束；请重新登录或换用新令牌',
    en: 'The session ended or the token was revoked; the subscription has ended. Sign in again or use a new token',
  },
  RIGHTS_CHANGED: {
    code: 'FORBIDDEN',
    'zh-CN': '您的权限已变更，订阅已结束；请重新订阅',
    en: 'Your rights changed; the subscription has ended. Subscribe again',
  },
};

/** The last result of a subscription its connection was ended for (SSE shows it; a closed socket drops it). */
function endResult(reason: EndReason, locale: Locale): ExecutionResult {
  const { code, [locale]: message } = END_MESSAGES[reason];
  return { errors: [new GraphQLError(message, { extensions: { code } })] };
}

/**
 * What a subscription's results pass through on their way to the client: paced (a share of each event-loop turn;
 * after DELIVERIES_PER_PAGE the connection must drain), and cut off with `endResult` the moment its connection is
 * ended. `finished` runs once, however the subscription stops (completed, failed, or the client went away).
 */
function delivered(
  source: AsyncIterable<ExecutionResult>,
  connection: SubscriberConnection,
  turns: DeliveryTurns,
  locale: Locale,
  finished: () => void,
): Repeater<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    const over = Promise.race([stop.then(() => null), connection.ended, connection.closed.then(() => null)]);
    try {
      let sincePage = 0;
      for (;;) {
        // producing a result (reading the replay, executing the selection) is part of the delivery's share
        await turns.take();
        const pending = iterator.next();
        const next = await Promise.race([pending, over]);
        if (next === null || typeof next === 'string') {
          pending.catch(() => undefined);
          if (next !== null) await push(endResult(next, locale));
          break;
        }
        if (next.done) break;
        await push(next.value);
        sincePage += 1;
        if (sincePage >= DELIVERIES_PER_PAGE) {
          sincePage = 0;
          await connection.drained();
        }
      }
      stop();
    } catch (error) {
      stop(error);
    } finally {
      finished();
      await iterator.return?.();
    }
  });
}

/**
 * Every subscription, over graphql-ws or HTTP (Server-Sent Events, GET or POST), is held to the same rules:
 * the subscription limits of its connection and user, the re-checking of its credential while it is open
 * (subscription-guard.ts), and paced delivery.
 */
export function useLiveSubscriptions(
  guard: SubscriptionGuard,
  limits: SubscriptionLimits,
  tokenOf: (authorization: string | null) => string | null,
  turns: DeliveryTurns,
): Plugin {
  // the places still held per connection, given back when it goes (whatever did not finish on its own)
  const open = new WeakMap<SubscriberConnection, Set<() => void>>();
  const held = (connection: SubscriberConnection) => {
    let finishers = open.get(connection);
    if (!finishers) {
      const created = new Set<() => void>();
      finishers = created;
      open.set(connection, created);
      void connection.closed.then(() => {
        for (const finish of created) finish();
      });
    }
    return finishers;
  };
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as LiveContext;
      const ownResponse = context[SUBSCRIBER_CONNECTION]
        ? null
        : context.res
          ? new ResponseConnection(context.res)
          : null;
      const connection = context[SUBSCRIBER_CONNECTION] ?? ownResponse;
      // neither a socket nor an HTTP response (the schema run in-process): nothing to hold open
      if (!connection) return;
      const place = limits.take(connection, context.viewer?.userId ?? null);
      if ('exceeded' in place) {
        ownResponse?.close();
        setResultAndStopExecution({ errors: [subscriptionLimitError(place.exceeded, place.max, context.locale)] });
        return;
      }
      guard.track(connection, tokenOf(context.authorization), context.viewer);
      const finishers = held(connection);
      const finished = () => {
        finishers.delete(finished);
        place.release();
        ownResponse?.close();
      };
      finishers.add(finished);
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(delivered(result, connection, turns, context.locale, finished));
          else finished();
        },
        onSubscribeError: finished,
      };
    },
  };
}
