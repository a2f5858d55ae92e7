// Every root field that needs a signed-in caller, asked over HTTP without a session, answers UNAUTHENTICATED —
// inside its payload union where the contract says so, as a GraphQL error otherwise. The arguments are built from
// the schema itself, so a new field is called too: it must be listed below as public or answer UNAUTHENTICATED.
import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import { subscribeSse } from './sse-client.ts';

const SCHEMA = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));

/** Fields anyone may call (the test asks them too: none may answer UNAUTHENTICATED). */
const PUBLIC = new Set([
  'query.demoUsers',
  'query.invitationTemplateUrl',
  'query.taxAuthorities',
  'query.viewer',
  'query.node',
  'mutation.signIn',
  'mutation.signOut',
]);

/** Case lookups answer null, as for a case the viewer may not see. */
const ANSWERS_NULL = new Set(['query.accessApplication', 'query.invitation']);

/** Mutations answer UNAUTHENTICATED in their payload union except these, refused by a role scope before they run. */
const MUTATIONS_ANSWERING_AN_ERROR = new Set(['mutation.markNotificationsRead']);

type Answer = 'payload' | 'error' | string;

/** The smallest value of an input type the schema accepts; Upload variables are collected for a multipart body. */
function sample(type: GraphQLInputType, path: string, uploads: string[]): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) return [sample(inner.ofType, `${path}.0`, uploads)];
  if (isEnumType(inner)) return inner.getValues()[0]?.value;
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = sample(field.type, `${path}.${field.name}`, uploads);
    }
    return value;
  }
  switch (inner.name) {
    case 'ID':
      return Buffer.from('Nothing:none').toString('base64');
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTime':
      return '2026-01-01T00:00:00.000Z';
    case 'Upload':
      uploads.push(path);
      return null;
    default:
      return 'x';
  }
}

function operationOf(operation: string, field: GraphQLField<unknown, unknown>) {
  const defs: string[] = [];
  const args: string[] = [];
  const variables: Record<string, unknown> = {};
  const uploads: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    defs.push(`$${arg.name}: ${String(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
    variables[arg.name] = sample(arg.type, `variables.${arg.name}`, uploads);
  }
  const named = getNamedType(field.type);
  const selection =
    isScalarType(named) || isEnumType(named)
      ? ''
      : isObjectType(named)
        ? '{ __typename }'
        : '{ __typename ... on Error { code } }';
  const head = defs.length ? `(${defs.join(', ')})` : '';
  const call = args.length ? `(${args.join(', ')})` : '';
  return { query: `${operation} ${head} { ${field.name}${call} ${selection} }`, variables, uploads };
}

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
    const op = operationOf(operation, field);
    if (operation === 'subscription') {
      const sse = subscribeSse(server.url, null, op.query, { variables: op.variables });
      await sse.waitFor((messages) => messages.some((message) => message.event === 'next'), 10_000);
      sse.close();
      const next = sse.messages.find((message) => message.event === 'next');
      return (next?.data ?? {}) as GraphQLResponse;
    }
    if (op.uploads.length === 0) return server.gql(op.query, op.variables);
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: op.query, variables: op.variables }));
    form.append('map', JSON.stringify(Object.fromEntries(op.uploads.map((path, index) => [index, [path]]))));
    for (const [index] of op.uploads.entries()) form.append(String(index), new Blob(['x']), 'file.xlsx');
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'x-leqi-csrf': '1' },
      body: form,
    });
    return (await response.json()) as GraphQLResponse;
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
          : operation === 'mutation' && !MUTATIONS_ANSWERING_AN_ERROR.has(key)
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
