// materialTemplates and invitationTemplateUrl over every transport (HTTP POST, HTTP GET, graphql-ws, SSE):
// signed in, each answers; without a session, materialTemplates is refused with UNAUTHENTICATED on each one and
// invitationTemplateUrl (public by contract: anyone may fetch the generic template) answers the unsigned link,
// never one signed for somebody.
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import { subscribeSse } from './sse-client.ts';

type Transport = 'http-post' | 'http-get' | 'graphql-ws' | 'sse';
const TRANSPORTS: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];

async function overWs(server: TestServer, token: string | null, query: string): Promise<GraphQLResponse> {
  const client = createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  try {
    return await new Promise<GraphQLResponse>((resolve, reject) => {
      client.subscribe(
        { query },
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

async function overSse(server: TestServer, token: string | null, query: string): Promise<GraphQLResponse> {
  const sse = subscribeSse(server.url, token, query);
  const arrived = await sse.waitFor((messages) => messages.some((message) => message.event === 'next'), 10_000);
  sse.close();
  expect(arrived, 'an SSE `next` event').toBe(true);
  return sse.messages.find((message) => message.event === 'next')?.data as GraphQLResponse;
}

async function ask(server: TestServer, transport: Transport, token: string | null, query: string) {
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  switch (transport) {
    case 'http-post':
      return server.gql(query, {}, token ?? undefined);
    case 'http-get': {
      const url = `${server.url}/graphql?query=${encodeURIComponent(query)}`;
      const response = await fetch(url, { headers: { accept: 'application/graphql-response+json', ...authorization } });
      return (await response.json()) as GraphQLResponse;
    }
    case 'graphql-ws':
      return overWs(server, token, query);
    case 'sse':
      return overSse(server, token, query);
  }
}

describe(`template queries over every transport (${databaseKind()})`, () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await server.signIn('sl.clerk');
  }, 120_000);
  afterAll(async () => server?.close());

  for (const transport of TRANSPORTS) {
    it(`${transport}: materialTemplates signed in lists the forms; anonymous is UNAUTHENTICATED`, async () => {
      const query = '{ materialTemplates { kind url } }';
      const signedIn = await ask(server, transport, token, query);
      expect(signedIn.errors).toBeUndefined();
      const templates = signedIn.data?.materialTemplates as { kind: string; url: string }[];
      expect(templates.map((template) => template.kind)).toContain('PROJECT_REPORT');
      expect(templates.every((template) => template.url.startsWith('/templates/materials/'))).toBe(true);
      const anonymous = await ask(server, transport, null, query);
      expect(anonymous.data?.materialTemplates ?? null).toBeNull();
      expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it(`${transport}: invitationTemplateUrl is signed for a signed-in user; anonymous gets the generic link`, async () => {
      const query = '{ invitationTemplateUrl }';
      const signedIn = await ask(server, transport, token, query);
      expect(signedIn.errors).toBeUndefined();
      expect(signedIn.data?.invitationTemplateUrl).toMatch(/^\/templates\/invitations\.xlsx\?u=[^&]+&e=\d+&s=/);
      const anonymous = await ask(server, transport, null, query);
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data?.invitationTemplateUrl).toBe('/templates/invitations.xlsx');
    });
  }
});
