// materialTemplates and invitationTemplateUrl over every transport (HTTP POST, HTTP GET, graphql-ws, SSE):
// signed in, each answers; without a session, materialTemplates is refused with UNAUTHENTICATED on each one and
// invitationTemplateUrl (public by contract: anyone may fetch the generic template) answers the unsigned link,
// never one signed for somebody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { askOver as ask, type Transport } from './transports.ts';

const TRANSPORTS: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];

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
