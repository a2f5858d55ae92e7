// One GraphQL operation, query or mutation, sent over a chosen transport and answered as its single result:
// HTTP POST, HTTP GET (queries only), graphql-ws (a one-result operation on its own connection), or SSE
// (yoga's distinct-connections mode, its first `next` event).
import { createClient } from 'graphql-ws';
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { GraphQLResponse, TestServer } from './harness.ts';
import { subscribeSse } from './sse-client.ts';

export type Transport = 'http-post' | 'http-get' | 'graphql-ws' | 'sse';

type Variables = Record<string, unknown>;

async function overWs(server: TestServer, token: string | null, query: string, variables: Variables) {
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  try {
    return await new Promise<GraphQLResponse>((resolve, reject) => {
      client.subscribe(
        { query, variables },
        {
          next: (value) => resolve(value as GraphQLResponse),
          error: (error) => (Array.isArray(error) ? resolve({ errors: error }) : reject(error)),
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

async function overSse(server: TestServer, token: string | null, query: string, variables: Variables) {
  const sse = subscribeSse(server.url, token, query, { variables });
  const arrived = await sse.waitFor((messages) => messages.some((message) => message.event === 'next'), 10_000);
  sse.close();
  expect(arrived, 'an SSE `next` event').toBe(true);
  return sse.messages.find((message) => message.event === 'next')?.data as GraphQLResponse;
}

export async function askOver(
  server: TestServer,
  transport: Transport,
  token: string | null,
  query: string,
  variables: Variables = {},
): Promise<GraphQLResponse> {
  switch (transport) {
    case 'http-post':
      return server.gql(query, variables, token ?? undefined);
    case 'http-get': {
      const url = new URL(`${server.url}/graphql`);
      url.searchParams.set('query', query);
      if (Object.keys(variables).length > 0) url.searchParams.set('variables', JSON.stringify(variables));
      const response = await fetch(url, {
        headers: {
          accept: 'application/graphql-response+json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      });
      return (await response.json()) as GraphQLResponse;
    }
    case 'graphql-ws':
      return overWs(server, token, query, variables);
    case 'sse':
      return overSse(server, token, query, variables);
  }
}
