// Every root field that needs a signed-in caller, asked over HTTP without a session, answers UNAUTHENTICATED —
// inside its payload union where the contract says so, as a GraphQL error otherwise. The arguments are built from
// the schema itself, so a new field is called too: it must be listed below as public or answer UNAUTHENTICATED.
import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLField } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import { sampleOperation, sendSample } from './schema-samples.ts';
import { subscribeSse } from './sse-client.ts';

const SCHEMA = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

/** Fields anyone may call (the test asks them too: none may answer UNAUTHENTICATED). */
const PUBLIC = new Set([
  'query.demoUsers',
  'query.invitationTemplateUrl',
  'query.passwordPolicy',
  'query.taxAuthorities',
  'query.viewer',
  'query.node',
  'mutation.signIn',
  'mutation.signOut',
]);

/** Case lookups answer null, as for a case the viewer may not see. */
const ANSWERS_NULL = new Set(['query.accessApplication', 'query.invitation']);

type Answer = 'payload' | 'error' | string;

function classify(field: string, response: GraphQLResponse): Answer {
  const value = response.data?.[field] as { code?: string } | null | undefined;
  if (value?.code === 'UNAUTHENTICATED' && !response.errors) return 'payload';
  if (value === null && !response.errors) return JSON.stringify(response);
  const codes = (response.errors ?? []).map((error) => error.extensions?.code);
  if (codes.length > 0 && codes.every((code) => code === 'UNAUTHENTICATED') && !value) return 'error';
  return JSON.stringify(response).slice(0, 200);
}

describe(`signed-in fields without a session (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => server?.close());

  async function ask(operation: string, field: GraphQLField<unknown, unknown>): Promise<GraphQLResponse> {
    const op = sampleOperation(operation, field);
    if (operation === 'subscription') {
      const sse = subscribeSse(server.url, null, op.query, { variables: op.variables });
      await sse.waitFor((messages) => messages.some((message) => message.event === 'next'), 10_000);
      sse.close();
      const next = sse.messages.find((message) => message.event === 'next');
      return (next?.data ?? {}) as GraphQLResponse;
    }
    const { status: _status, ...response } = await sendSample(server, op);
    return response;
  }

  it('every root field but the public ones answers UNAUTHENTICATED, in its payload where the contract says so', async () => {
    const roots = {
      query: SCHEMA.getQueryType(),
      mutation: SCHEMA.getMutationType(),
      subscription: SCHEMA.getSubscriptionType(),
    };
    const got: Record<string, Answer> = {};
    const want: Record<string, Answer> = {};
    const public_: Record<string, string> = {};
    for (const [operation, type] of Object.entries(roots)) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const key = `${operation}.${field.name}`;
        const response = await ask(operation, field);
        // signIn refuses the sample's wrong password with UNAUTHENTICATED, which is its own answer
        if (key === 'mutation.signIn') continue;
        if (PUBLIC.has(key)) {
          public_[key] = JSON.stringify(response).includes('UNAUTHENTICATED') ? 'UNAUTHENTICATED' : 'answered';
          continue;
        }
        got[key] = classify(field.name, response);
        want[key] = ANSWERS_NULL.has(key)
          ? JSON.stringify({ data: { [field.name]: null } })
          : operation === 'mutation'
            ? 'payload'
            : 'error';
      }
    }
    console.info(`signed-in fields: ${Object.keys(got).length} asked without a session`);
    expect(got).toEqual(want);
    expect(public_).toEqual(
      Object.fromEntries([...PUBLIC].filter((key) => key !== 'mutation.signIn').map((key) => [key, 'answered'])),
    );
    expect(Object.values(want).filter((answer) => answer === 'payload').length).toBeGreaterThan(40);
  }, 120_000);
});
