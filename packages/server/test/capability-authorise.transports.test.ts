// authoriseCapabilities over every transport a mutation may take (HTTP POST, graphql-ws, SSE): the same answer on
// each — the binding's DCU is granted, another company's DCU gets NOT_FOUND; and a flood of grants by one DCU user is
// cut by the per-user rate limit (LIMIT_EXCEEDED, USER_RATE) on every transport, while another user goes on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPasswordHash } from './demo-password.ts';
import { databaseKind, startTestServer, type TestServer } from './harness.ts';
import { createDcu, invitationIn, type Party, readInvitation } from './invitation.fixtures.ts';
import { askOver, type Transport } from './transports.ts';

const TRANSPORTS: Transport[] = ['http-post', 'graphql-ws', 'sse'];

const AUTHORISE = `mutation($input: AuthoriseCapabilitiesInput!) { authoriseCapabilities(input: $input) { __typename
  ... on AuthoriseCapabilitiesSuccess { authorisations { capabilityCode status } }
  ... on Error { code } } }`;

/** A binding of a fresh use unit to `dcu`, confirmed: its global ID. */
async function boundTo(server: TestServer, dcu: Party): Promise<string> {
  const walked = await invitationIn(server, 'CONFIRMED', { dcu });
  return (await readInvitation(server, dcu.token, walked.id)).binding.id as string;
}

const grantOver = (server: TestServer, transport: Transport, token: string, bindingId: string) =>
  askOver(server, transport, token, AUTHORISE, { input: { bindingId, capabilityCodes: ['203059'] } });

describe(`authoriseCapabilities over every transport (${databaseKind()})`, () => {
  let server: TestServer;
  let dcu: Party;
  let stranger: Party;
  beforeAll(async () => {
    server = await startTestServer();
    dcu = await createDcu(server);
    stranger = await createDcu(server);
  }, 120_000);
  afterAll(async () => server?.close());

  for (const transport of TRANSPORTS) {
    it(`${transport}: the binding's DCU is granted; another company's DCU gets NOT_FOUND`, async () => {
      const bindingId = await boundTo(server, dcu);
      const refused = await grantOver(server, transport, stranger.token, bindingId);
      expect(refused.errors).toBeUndefined();
      expect(refused.data?.authoriseCapabilities).toEqual({ __typename: 'BaseError', code: 'NOT_FOUND' });
      const granted = await grantOver(server, transport, dcu.token, bindingId);
      expect(granted.errors).toBeUndefined();
      expect(granted.data?.authoriseCapabilities).toEqual({
        __typename: 'AuthoriseCapabilitiesSuccess',
        authorisations: [{ capabilityCode: '203059', status: 'ACTIVE' }],
      });
      // written once: the binding now holds it, whichever transport asked
      const twice = await grantOver(server, 'http-post', dcu.token, bindingId);
      expect(twice.data?.authoriseCapabilities.code).toBe('DUPLICATE');
    });
  }
});

describe(`authoriseCapabilities under a flood (${databaseKind()})`, () => {
  const LIMIT = 8;
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_PER_MINUTE: String(LIMIT) });
  }, 120_000);
  afterAll(async () => server?.close());

  it('one DCU user is cut at the per-user limit on every transport; another user of the same DCU goes on', async () => {
    const dcu = await createDcu(server);
    const [flooded, other] = [await boundTo(server, dcu), await boundTo(server, dcu)];
    // a second operator of the same DCU, whose bucket nothing has touched yet
    const username = `${dcu.username}.flood`;
    await server.running.app.db.user.create({
      data: {
        username,
        passwordHash: await demoPasswordHash(),
        displayName: `${dcu.name} · ${username}`,
        role: 'ENTERPRISE',
        identityType: 'TAX_CLERK',
        enterpriseId: dcu.id,
      },
    });
    const flooder = await server.signIn(username);
    const answers: string[] = [];
    for (let index = 0; index < LIMIT + 4; index += 1) {
      const answer = await grantOver(server, 'http-post', flooder, flooded);
      answers.push(answer.data?.authoriseCapabilities.code ?? answer.errors?.[0]?.extensions?.code ?? 'GRANTED');
      if (index === LIMIT) {
        expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'USER_RATE' });
        expect(answer.errors?.[0]?.message).toMatch(/^请求过于频繁/);
      }
    }
    // the first grant written, the rest of the bucket refused by the rule, then the limiter
    expect(answers).toEqual(['GRANTED', ...Array(LIMIT - 1).fill('DUPLICATE'), ...Array(4).fill('LIMIT_EXCEEDED')]);
    for (const transport of ['graphql-ws', 'sse'] as const) {
      const cut = await grantOver(server, transport, flooder, flooded);
      expect(cut.data?.authoriseCapabilities ?? null, transport).toBeNull();
      expect(cut.errors?.[0]?.extensions?.code, transport).toBe('LIMIT_EXCEEDED');
    }
    // the DCU's other operator has a bucket of their own
    const granted = await grantOver(server, 'http-post', dcu.token, other);
    expect(granted.data?.authoriseCapabilities.__typename).toBe('AuthoriseCapabilitiesSuccess');
  }, 120_000);
});
