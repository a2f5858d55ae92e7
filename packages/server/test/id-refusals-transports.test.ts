// A malformed or wrong-type global ID (refusal-channels.ts) is refused the same way over every transport an outsider
// uses: HTTP POST and GET, graphql-ws and SSE (graphql-yoga's text/event-stream). A query or subscription answers
// VALIDATION_FAILED naming the argument, a mutation a ValidationError in its payload naming the input field, a
// caller without a session UNAUTHENTICATED; the socket that carried a refused subscription goes on serving; and a
// flood of such requests by one signed-in user is answered request by request, with the server still serving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKind, type GraphQLResponse, startTestServer, type TestServer } from './harness.ts';
import { createDcu, type Party } from './invitation.fixtures.ts';
import { RawSocket } from './raw-socket.ts';
import { subscribeSse } from './sse-client.ts';
import { askOver, type Transport } from './transports.ts';

const globalId = (typename: string, id: string) => Buffer.from(`${typename}:${id}`).toString('base64');

const MALFORMED = '%%%';
const OF_ANOTHER_TYPE = globalId('Invitation', 'x');
const BAD_IDS = { malformed: MALFORMED, 'of another type': OF_ANOTHER_TYPE };

const REGISTRY_IMPORT = 'query($id: ID!) { registryImport(id: $id) { id } }';
const ACCESS_APPLICATION = 'query($id: ID!) { accessApplication(id: $id) { id } }';
const PAYLOAD_REFUSAL = '__typename ... on Error { code } ... on ValidationError { issues { field code } }';
const SET_DISABLED = `mutation($input: SetUserAccountDisabledInput!) { setUserAccountDisabled(input: $input) { ${PAYLOAD_REFUSAL} } }`;
const ACCEPT_INVITATIONS = `mutation($input: BulkInvitationDecisionInput!) { acceptInvitations(input: $input) { ${PAYLOAD_REFUSAL} } }`;
const UNBIND = `mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) { ${PAYLOAD_REFUSAL} } }`;
const REVOKE = `mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { ${PAYLOAD_REFUSAL} } }`;
const PROGRESS =
  'subscription($id: ID!) { registryImportProgress(importRecordId: $id) { importRecordId total processed done } }';

const QUERY_TRANSPORTS: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];
const MUTATION_TRANSPORTS: Transport[] = ['http-post', 'graphql-ws', 'sse'];

const invalidFormatOf = (field: string) => ({
  code: 'VALIDATION_FAILED',
  issues: [expect.objectContaining({ field, code: 'INVALID_FORMAT' })],
});

function expectArgumentRefused(answer: GraphQLResponse, field: string, argument: string, label = field) {
  expect(answer.data?.[field] ?? null, label).toBeNull();
  expect(answer.errors, label).toHaveLength(1);
  expect(answer.errors?.[0]?.extensions, label).toMatchObject(invalidFormatOf(argument));
  expect(answer.errors?.[0]?.message, label).toMatch(/\p{Script=Han}/u);
}

function expectInputFieldRefused(answer: GraphQLResponse, field: string, inputField: string, label = field) {
  expect(answer.errors, label).toBeUndefined();
  expect(answer.data?.[field], label).toEqual({ __typename: 'ValidationError', ...invalidFormatOf(inputField) });
}

let server: TestServer;
let admin: string;
let officer: string;
let dcu: Party;

/** The global ID of a registry import that is already done: its progress is one event, then the end. */
async function finishedRegistryImport(): Promise<string> {
  const record = await server.running.app.db.importRecord.create({
    data: {
      kind: 'REGISTRY',
      fileName: 'registry.xlsx',
      status: 'DONE',
      createdById: 'id-refusals',
      finishedAt: new Date(),
    },
  });
  return globalId('RegistryImport', record.id);
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('platform.admin');
  officer = await server.signIn('th.officer1');
  dcu = await createDcu(server);
}, 120_000);
afterAll(async () => server?.close());

describe(`a query refuses a bad global ID on every transport (${databaseKind()})`, () => {
  for (const transport of QUERY_TRANSPORTS) {
    it(`${transport}: malformed and wrong-type IDs are VALIDATION_FAILED naming the argument; without a session, UNAUTHENTICATED`, async () => {
      for (const [kind, id] of Object.entries(BAD_IDS)) {
        const refused = await askOver(server, transport, admin, REGISTRY_IMPORT, { id });
        expectArgumentRefused(refused, 'registryImport', 'id', kind);
      }
      const ofEnterprise = await askOver(server, transport, dcu.token, ACCESS_APPLICATION, { id: MALFORMED });
      expectArgumentRefused(ofEnterprise, 'accessApplication', 'id');
      const anonymous = await askOver(server, transport, null, ACCESS_APPLICATION, { id: MALFORMED });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  }
});

describe(`a mutation refuses a bad global ID inside its payload on every transport (${databaseKind()})`, () => {
  for (const transport of MUTATION_TRANSPORTS) {
    it(`${transport}: a ValidationError naming the input field, nested or in a list; without a session, UNAUTHENTICATED`, async () => {
      for (const [kind, id] of Object.entries(BAD_IDS)) {
        const refused = await askOver(server, transport, admin, SET_DISABLED, {
          input: { id, disabled: true, expectedVersion: 0 },
        });
        expectInputFieldRefused(refused, 'setUserAccountDisabled', 'id', kind);
      }
      const inList = await askOver(server, transport, officer, ACCEPT_INVITATIONS, {
        input: {
          items: [
            { id: globalId('Invitation', 'well-formed'), expectedVersion: 0 },
            { id: MALFORMED, expectedVersion: 0 },
          ],
        },
      });
      expectInputFieldRefused(inList, 'acceptInvitations', 'items.1.id');
      const ofEnterprise = await askOver(server, transport, dcu.token, UNBIND, {
        input: { bindingIds: [globalId('Binding', 'well-formed'), MALFORMED] },
      });
      expectInputFieldRefused(ofEnterprise, 'unbindUseUnits', 'bindingIds.1');
      const anonymous = await askOver(server, transport, null, REVOKE, { input: { id: MALFORMED } });
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data?.revokeApiToken).toEqual({ __typename: 'BaseError', code: 'UNAUTHENTICATED' });
    });
  }
});

describe(`a subscription refuses a bad global ID and the connection goes on (${databaseKind()})`, () => {
  it('graphql-ws: each bad ID ends its operation with VALIDATION_FAILED naming the argument; the same socket then serves a good one', async () => {
    const socket = new RawSocket(server.url);
    try {
      await socket.init(admin);
      for (const [kind, id] of Object.entries(BAD_IDS)) {
        socket.send({ type: 'subscribe', id: kind, payload: { query: PROGRESS, variables: { id } } });
        const answer = await socket.next('next');
        expect(answer.id).toBe(kind);
        expectArgumentRefused(answer.payload, 'registryImportProgress', 'importRecordId', kind);
        expect((await socket.next('complete')).id).toBe(kind);
      }
      const good = await finishedRegistryImport();
      socket.send({ type: 'subscribe', id: 'good', payload: { query: PROGRESS, variables: { id: good } } });
      const progress = await socket.next('next');
      expect(progress).toMatchObject({ id: 'good', payload: { data: { registryImportProgress: { done: true } } } });
      expect(progress.payload.errors).toBeUndefined();
      expect(progress.payload.data.registryImportProgress.importRecordId).toBe(good);
      expect((await socket.next('complete')).id).toBe('good');
      socket.send({ type: 'ping' });
      await socket.next('pong');
    } finally {
      socket.close();
    }
  });

  it('graphql-ws without a session: UNAUTHENTICATED comes before the malformed ID', async () => {
    const socket = new RawSocket(server.url);
    try {
      await socket.init();
      socket.send({ type: 'subscribe', id: 'anonymous', payload: { query: PROGRESS, variables: { id: MALFORMED } } });
      const answer = await socket.next('next');
      expect(answer.payload.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      await socket.next('complete');
    } finally {
      socket.close();
    }
  });

  it('sse: each bad ID ends its stream with VALIDATION_FAILED naming the argument; a good one then streams', async () => {
    for (const [kind, id] of Object.entries(BAD_IDS)) {
      const stream = subscribeSse(server.url, admin, PROGRESS, { variables: { id } });
      try {
        expect(await stream.status, kind).toBe(200);
        await stream.ended;
        expect(
          stream.messages.map((message) => message.event),
          kind,
        ).toEqual(['next', 'complete']);
        expectArgumentRefused(stream.messages[0]?.data, 'registryImportProgress', 'importRecordId', kind);
      } finally {
        stream.close();
      }
    }
    const good = await finishedRegistryImport();
    const stream = subscribeSse(server.url, admin, PROGRESS, { variables: { id: good } });
    try {
      await stream.ended;
      expect(stream.errors()).toEqual([]);
      expect(stream.events()).toEqual([expect.objectContaining({ importRecordId: good, done: true })]);
    } finally {
      stream.close();
    }
  });
});

describe(`a flood of bad global IDs by one signed-in user (${databaseKind()})`, () => {
  const REQUESTS = 200;
  const BATCH = 25;

  /** The four kinds of bad request the flood cycles through, each with the answer it must get. */
  const floodRequest = (index: number, token: string) => {
    const post = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, answer: (await response.json()) as GraphQLResponse };
    };
    const id = `${MALFORMED}${index}`;
    switch (index % 4) {
      case 0:
        return {
          request: post(ACCESS_APPLICATION, { id }),
          check: (a: GraphQLResponse, label: string) => expectArgumentRefused(a, 'accessApplication', 'id', label),
        };
      case 1:
        return {
          request: post('query($id: ID!) { invitation(id: $id) { id } }', { id }),
          check: (a: GraphQLResponse, label: string) => expectArgumentRefused(a, 'invitation', 'id', label),
        };
      case 2:
        return {
          request: post(UNBIND, { input: { bindingIds: [globalId('Binding', 'well-formed'), id] } }),
          check: (a: GraphQLResponse, label: string) =>
            expectInputFieldRefused(a, 'unbindUseUnits', 'bindingIds.1', label),
        };
      default:
        return {
          request: post(REVOKE, { input: { id } }),
          check: (a: GraphQLResponse, label: string) => expectInputFieldRefused(a, 'revokeApiToken', 'id', label),
        };
    }
  };

  it(`${REQUESTS} requests in parallel batches of ${BATCH}: every one is refused by type with 200, then the user's next query is served`, async () => {
    const flooder = await createDcu(server);
    let answered = 0;
    for (let start = 0; start < REQUESTS; start += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, offset) => floodRequest(start + offset, flooder.token));
      const answers = await Promise.all(batch.map((entry) => entry.request));
      answers.forEach(({ status, answer }, offset) => {
        expect(status, `request ${start + offset}`).toBe(200);
        batch[offset]?.check(answer, `request ${start + offset}`);
        answered += 1;
      });
    }
    expect(answered).toBe(REQUESTS);
    const viewer = await server.gql('{ viewer { username role enterprise { uscc } } }', {}, flooder.token);
    expect(viewer.errors).toBeUndefined();
    expect(viewer.data?.viewer).toEqual({
      username: flooder.username,
      role: 'ENTERPRISE',
      enterprise: { uscc: flooder.uscc },
    });
  }, 120_000);
});
