import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useCompiledQueries } from './compiled-queries.ts';

const schema = createSchema({
  typeDefs: `
    input Range { from: Int! }
    type Row { n: Int! twice: Int! }
    type Query { rows(count: Int!, range: Range): [Row!]! }
    type Mutation { touch: Int! }`,
  resolvers: {
    Query: {
      rows: (_root: unknown, args: { count: number; range?: { from: number } }) =>
        Array.from({ length: args.count }, (_, index) => ({ n: index + (args.range?.from ?? 0) })),
    },
    Row: { twice: (row: { n: number }) => row.n * 2 },
    Mutation: { touch: () => 1 },
  },
});

/** Which executor answered: graphql-jit marks its results with their own stringify. */
function server() {
  const compiled: boolean[] = [];
  const observe: Plugin = {
    onExecute: () => ({
      onExecuteDone: ({ result }) =>
        void compiled.push(typeof (result as { stringify?: unknown }).stringify === 'function'),
    }),
  };
  const yoga = createYoga({ schema, plugins: [useCompiledQueries(), observe], logging: false });
  const ask = async (query: string, variables?: Record<string, unknown>) =>
    (
      await yoga.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      })
    ).json() as Promise<{ data?: any; errors?: { message: string }[] }>;
  return { ask, compiled };
}

describe('compiled queries', () => {
  it('answers a query compiled, with the same data as the schema gives', async () => {
    const { ask, compiled } = server();
    const answer = await ask('query($count: Int!) { rows(count: $count, range: { from: 3 }) { n twice } }', {
      count: 2,
    });
    expect(answer).toEqual({
      data: {
        rows: [
          { n: 3, twice: 6 },
          { n: 4, twice: 8 },
        ],
      },
    });
    expect(compiled).toEqual([true]);
  });

  it('leaves mutations to graphql-js', async () => {
    const { ask, compiled } = server();
    expect(await ask('mutation { touch }')).toEqual({ data: { touch: 1 } });
    expect(compiled).toEqual([false]);
  });

  it("leaves a query with refused variables to graphql-js, whose errors name the input's field", async () => {
    const { ask, compiled } = server();
    const answer = await ask('query($range: Range) { rows(count: 1, range: $range) { n } }', { range: { from: 'x' } });
    expect(answer.errors?.[0]?.message).toContain('at "range.from"');
    expect(compiled).toEqual([false]);
  });
});
