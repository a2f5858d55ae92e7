// One refusal channel (issue 18, item 3): every refusal of a mutation is a member of its payload union — an API
// token where tokens may not go, a caller without a session, a malformed global ID — never a top-level error with
// `data: null`. Attacked over raw HTTP with every mutation of the schema, not a hand-picked few (the caller without
// a session is signed-in.test.ts's sweep).
import { getNamedType, isUnionType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMITS_API_TOKENS } from '../src/platform/refusal-channels.ts';
import { schema } from '../src/schema.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken } from './invitation.fixtures.ts';
import { sampleOperation, sendSample } from './schema-samples.ts';

/**
 * The operations an enterprise's own system may perform with its token (docs/api.md §2): 使用单位管理, and its
 * webhook endpoints.
 */
const TOKEN_MUTATIONS = [
  'authoriseCapabilities',
  'createWebhookEndpoint',
  'deleteWebhookEndpoint',
  'inviteUseUnits',
  'redeliverWebhook',
  'replayWebhookEndpoint',
  'rotateWebhookEndpointSecret',
  'signOut',
  'unbindUseUnits',
  'updateWebhookEndpoint',
  'uploadMaterial',
];

const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

let server: TestServer;
let apiToken: string;

beforeAll(async () => {
  server = await startTestServer();
  const dcu = await createDcu(server);
  apiToken = (await createToken(server, dcu.token)).token;
});
afterAll(async () => server?.close());

describe('one refusal channel per kind of root field', () => {
  it('every mutation answers with a payload union that has a BaseError member (signOut, a plain Boolean, aside)', () => {
    const withoutUnion = mutations.filter((field) => {
      const type = getNamedType(field.type);
      return !(isUnionType(type) && type.getTypes().some((member) => member.name === 'BaseError'));
    });
    expect(withoutUnion.map((field) => field.name)).toEqual(['signOut']);
  });

  it('exactly the 使用单位管理 mutations admit API tokens', () => {
    const admitting = mutations.filter((field) => field.extensions?.[ADMITS_API_TOKENS] === true);
    expect(admitting.map((field) => field.name).sort()).toEqual(TOKEN_MUTATIONS);
  });

  it('an API token calling any other mutation gets FORBIDDEN inside the union, with data and no errors', async () => {
    const refused = mutations.filter((field) => !TOKEN_MUTATIONS.includes(field.name));
    expect(refused.length).toBeGreaterThan(40);
    for (const field of refused) {
      const { status, errors, data } = await sendSample(server, sampleOperation('mutation', field), apiToken);
      expect({ field: field.name, status, errors }).toEqual({ field: field.name, status: 200, errors: undefined });
      expect(data?.[field.name], field.name).toMatchObject({ __typename: 'BaseError', code: 'FORBIDDEN' });
      expect(data?.[field.name].message, field.name).toMatch(/\p{Script=Han}/u);
    }
  });

  it('a malformed global ID is a ValidationError in the union naming the input field', async () => {
    const unbind = await server.gql(
      `mutation($input: UnbindUseUnitsInput!) { unbindUseUnits(input: $input) {
         __typename ... on Error { code message } ... on ValidationError { issues { field code } } } }`,
      { input: { bindingIds: [Buffer.from('Binding:ok').toString('base64'), 'not a global id'] } },
      apiToken,
    );
    expect(unbind.errors).toBeUndefined();
    expect(unbind.data?.unbindUseUnits).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      issues: [{ field: 'bindingIds.1', code: 'INVALID_FORMAT' }],
    });

    const dcu = await createDcu(server);
    const revoke = await server.gql(
      `mutation { revokeApiToken(input: {id: "%%%"}) {
         __typename ... on Error { code } ... on ValidationError { issues { field code } } } }`,
      {},
      dcu.token,
    );
    expect(revoke.errors).toBeUndefined();
    expect(revoke.data?.revokeApiToken).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'id', code: 'INVALID_FORMAT' }],
    });
  });

  it('a global ID of another type is a ValidationError too', async () => {
    const dcu = await createDcu(server);
    const revoke = await server.gql(
      `mutation($id: ID!) { revokeApiToken(input: {id: $id}) {
         __typename ... on Error { code } ... on ValidationError { issues { field code } } } }`,
      { id: Buffer.from('Invitation:abc').toString('base64') },
      dcu.token,
    );
    expect(revoke.errors).toBeUndefined();
    expect(revoke.data?.revokeApiToken.code).toMatch(/VALIDATION_FAILED|NOT_FOUND/);
  });

  it('a query refuses a malformed global ID with VALIDATION_FAILED naming the argument; without a session, UNAUTHENTICATED', async () => {
    const query = 'query($id: ID!) { registryImport(id: $id) { id } }';
    const admin = await server.signIn('platform.admin');
    for (const id of ['%%%', Buffer.from('Invitation:x').toString('base64')]) {
      const refused = await server.gql(query, { id }, admin);
      expect(refused.data?.registryImport ?? null, id).toBeNull();
      expect(refused.errors?.[0]?.extensions, id).toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ field: 'id', code: 'INVALID_FORMAT' }],
      });
    }
    const anonymous = await server.gql(query, { id: '%%%' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
