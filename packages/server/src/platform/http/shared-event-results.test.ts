import {
  type ExecutionResult,
  GraphQLError,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { createYoga, Repeater } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { SHARED_EVENT_RESULTS, useSharedEventResults } from './shared-event-results.ts';

interface Tick {
  n: number;
}
interface TestContext {
  partition: string;
  /** the ticks this subscriber may see */
  sees(tick: Tick): boolean;
  allowed: boolean;
}

/** A bus handing the same tick object to every subscriber, as the tail bus does. */
function tickBus() {
  const listeners = new Set<(tick: Tick) => void>();
  return {
    listeners,
    publish: (tick: Tick) => {
      for (const listener of listeners) listener(tick);
    },
    stream: (context: TestContext) =>
      new Repeater<Tick>(async (push, stop) => {
        const listener = (tick: Tick) => {
          if (context.sees(tick)) void push(tick);
        };
        listeners.add(listener);
        await stop;
        listeners.delete(listener);
      }),
  };
}

function schemaWith(bus: ReturnType<typeof tickBus>, resolved: { count: number }) {
  const TickType = new GraphQLObjectType<Tick>({
    name: 'Tick',
    fields: {
      n: { type: new GraphQLNonNull(GraphQLInt), resolve: (tick) => tick.n },
      label: {
        type: new GraphQLNonNull(GraphQLString),
        args: { prefix: { type: GraphQLString } },
        resolve: (tick, args: { prefix?: string }) => {
          resolved.count += 1;
          return `${args.prefix ?? ''}${tick.n}`;
        },
      },
    },
  });
  const field = (shared: boolean) => ({
    type: new GraphQLNonNull(TickType),
    extensions: shared ? { [SHARED_EVENT_RESULTS]: true } : {},
    subscribe: (_root: unknown, _args: unknown, context: TestContext) => {
      if (!context.allowed) throw new GraphQLError('not allowed', { extensions: { code: 'FORBIDDEN' } });
      return bus.stream(context);
    },
    resolve: (tick: Tick) => tick,
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
    subscription: new GraphQLObjectType({ name: 'Subscription', fields: { shared: field(true), own: field(false) } }),
  });
}

function setUp() {
  const bus = tickBus();
  const resolved = { count: 0 };
  const schema = schemaWith(bus, resolved);
  const yoga = createYoga({
    schema,
    plugins: [useSharedEventResults((context) => (context as TestContext).partition)],
  });
  const subscribe = async (query: string, context: Partial<TestContext> = {}, variables = {}) => {
    const { subscribe: run } = yoga.getEnveloped({});
    const contextValue: TestContext = { partition: 'a', sees: () => true, allowed: true, ...context };
    const result = await run({ schema, document: parse(query), contextValue, variableValues: variables });
    if (!(Symbol.asyncIterator in result)) return { single: result as ExecutionResult };
    const iterator = (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
    const received: unknown[] = [];
    const pump = (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        received.push(next.value.data);
      }
    })();
    return { received, iterator, pump };
  };
  // lets the subscriptions reach the bus and the results travel through the iterators
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  return { bus, resolved, subscribe, settle };
}

describe('useSharedEventResults', () => {
  it('executes a marked subscription once per event for subscribers of the same selection, each in order', async () => {
    const { bus, resolved, subscribe, settle } = setUp();
    const subscribers = await Promise.all(
      Array.from({ length: 5 }, () => subscribe('subscription { shared { n label } }')),
    );
    await settle();
    for (const n of [1, 2, 3]) bus.publish({ n });
    await settle();
    expect(resolved.count).toBe(3);
    for (const subscriber of subscribers) {
      expect(subscriber.received).toEqual([1, 2, 3].map((n) => ({ shared: { n, label: String(n) } })));
    }
  });

  it('keeps each subscriber to the events its own stream lets through', async () => {
    const { bus, subscribe, settle } = setUp();
    const odd = await subscribe('subscription { shared { n } }', { sees: (tick) => tick.n % 2 === 1 });
    const all = await subscribe('subscription { shared { n } }');
    const none = await subscribe('subscription { shared { n } }', { sees: () => false });
    await settle();
    for (const n of [1, 2, 3, 4]) bus.publish({ n });
    await settle();
    expect(odd.received).toEqual([{ shared: { n: 1 } }, { shared: { n: 3 } }]);
    expect(all.received).toEqual([1, 2, 3, 4].map((n) => ({ shared: { n } })));
    expect(none.received).toEqual([]);
  });

  it('executes separately for other documents, variables or partitions', async () => {
    const { bus, resolved, subscribe, settle } = setUp();
    const query = 'subscription($p: String) { shared { label(prefix: $p) } }';
    const plain = await subscribe(query);
    const prefixed = await subscribe(query, {}, { p: 'x' });
    const otherPartition = await subscribe(query, { partition: 'b' });
    const otherDocument = await subscribe('subscription { shared { n label } }');
    await settle();
    bus.publish({ n: 7 });
    await settle();
    expect(resolved.count).toBe(4);
    expect(plain.received).toEqual([{ shared: { label: '7' } }]);
    expect(prefixed.received).toEqual([{ shared: { label: 'x7' } }]);
    expect(otherPartition.received).toEqual([{ shared: { label: '7' } }]);
    expect(otherDocument.received).toEqual([{ shared: { n: 7, label: '7' } }]);
  });

  it('leaves unmarked subscriptions executed per subscriber', async () => {
    const { bus, resolved, subscribe, settle } = setUp();
    await subscribe('subscription { own { label } }');
    await subscribe('subscription { own { label } }');
    await settle();
    bus.publish({ n: 1 });
    await settle();
    expect(resolved.count).toBe(2);
  });

  it('stops the source at once when the subscriber leaves while waiting for an event', async () => {
    const { bus, subscribe, settle } = setUp();
    const subscriber = await subscribe('subscription { shared { n } }');
    await settle();
    expect(bus.listeners.size).toBe(1);
    await subscriber.iterator?.return?.();
    await subscriber.pump;
    expect(bus.listeners.size).toBe(0);
  });

  it('reports a refusal of the subscribe resolver as before', async () => {
    const { subscribe } = setUp();
    const refused = await subscribe('subscription { shared { n } }', { allowed: false });
    expect(refused.single?.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['not allowed', 'FORBIDDEN'],
    ]);
  });
});
