// `node(id)` is one more path to an object (issue 18, item 4: UserAccount, Notification, RegistryImport and
// ProvinceRuleRecord became Nodes): each answers its reader and null to everyone else — another enterprise's user,
// an officer, an API token, a caller without a session — over raw HTTP.
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken, createUseUnit, invite, rowFor, uploadProof } from './invitation.fixtures.ts';

const NODE = 'query($id: ID!) { node(id: $id) { __typename id } }';

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('platform.admin');
});
afterAll(async () => server?.close());

/**
 * The ID of the caller's newest notification, once there is one: an event is listed when every transaction that
 * began before it has ended (cursor.ts), which on a shared PostgreSQL can be a moment after its own commit.
 */
async function firstNotificationOf(token: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const inbox = await server.gql('{ notifications(first: 1) { edges { node { id } } } }', {}, token);
    const id = inbox.data?.notifications.edges[0]?.node.id as string | undefined;
    if (id) return id;
    if (Date.now() > deadline) throw new Error(`no notification arrived: ${JSON.stringify(inbox)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What `node(id)` shows the caller: the object, null, or FORBIDDEN (an API token may not ask `node` at all). */
async function nodeAs(token: string | undefined, id: string) {
  const answer = await server.gql(NODE, { id }, token);
  if (answer.errors?.[0]?.extensions?.code === 'FORBIDDEN') return 'FORBIDDEN';
  expect(answer.errors, id).toBeUndefined();
  return answer.data?.node ?? null;
}

describe('node(id) of the objects that became Nodes', () => {
  it('an account, an import and a province rule: the admin reads them; nobody else does', async () => {
    const account = (await server.gql('{ userAccounts(first: 1) { edges { node { id } } } }', {}, admin)).data
      ?.userAccounts.edges[0].node.id as string;
    const rule = (
      await server.gql('{ provinceRuleHistory { inForceIds rules(first: 100) { edges { node { id } } } } }', {}, admin)
    ).data?.provinceRuleHistory;
    const ruleIds = rule.rules.edges.map((edge: { node: { id: string } }) => edge.node.id);
    expect(rule.inForceIds.every((id: string) => ruleIds.includes(id))).toBe(true);
    const record = await server.running.app.db.importRecord.create({
      data: { kind: 'REGISTRY', fileName: 'registry.xlsx', status: 'DONE', createdById: 'node-lookups' },
    });
    const registryImport = Buffer.from(`RegistryImport:${record.id}`).toString('base64');
    const cases = [
      [account, 'UserAccount'],
      [ruleIds[0] as string, 'ProvinceRuleRecord'],
      [registryImport, 'RegistryImport'],
    ] as const;
    const dcu = await createDcu(server);
    const others = {
      enterprise: dcu.token,
      apiToken: (await createToken(server, dcu.token)).token,
      officer: await server.signIn('th.officer1'),
      anonymous: undefined,
    };
    for (const [id, typename] of cases) {
      expect(await nodeAs(admin, id), typename).toEqual({ __typename: typename, id });
      for (const [who, token] of Object.entries(others))
        expect(await nodeAs(token, id), `${typename} × ${who}`).toBe(who === 'apiToken' ? 'FORBIDDEN' : null);
    }
  });

  it('a notification: its user reads it; the other party, an officer and the admin do not', async () => {
    const dcu = await createDcu(server);
    const useUnit = await createUseUnit(server);
    const invited = await invite(server, dcu.token, [rowFor(useUnit)], {
      proofMaterialIds: [await uploadProof(server, dcu.token)],
    });
    expect(invited.succeeded).toHaveLength(1);
    // the use unit is told of the invitation the DCU sent
    const id = await firstNotificationOf(useUnit.token);
    expect(await nodeAs(useUnit.token, id)).toEqual({ __typename: 'Notification', id });
    // the DCU did the inviting itself: not a notification of its own user
    for (const [who, token] of Object.entries({
      dcu: dcu.token,
      officer: await server.signIn('th.officer1'),
      admin,
      anonymous: undefined,
    }))
      expect(await nodeAs(token, id), who).toBeNull();
  });
});

describe('an id is always the object’s own global ID', () => {
  it('every type with an id field implements Node', () => {
    const withId = Object.values(schema.getTypeMap()).filter(
      (type) => isObjectType(type) && !type.name.startsWith('__') && 'id' in type.getFields(),
    );
    expect(withId.length).toBeGreaterThan(10);
    for (const type of withId)
      expect(isObjectType(type) && type.getInterfaces().map((face) => face.name), type.name).toContain('Node');
  });

  it('the viewer names its account or its API token by their global IDs', async () => {
    const asAdmin = (await server.gql('{ viewer { accountId apiTokenId username } }', {}, admin)).data?.viewer;
    expect(asAdmin.apiTokenId).toBeNull();
    expect(await nodeAs(admin, asAdmin.accountId)).toEqual({ __typename: 'UserAccount', id: asAdmin.accountId });
    const listed = await server.gql(
      '{ userAccounts(first: 1, search: "platform.admin") { edges { node { id username } } } }',
      {},
      admin,
    );
    expect(listed.data?.userAccounts.edges[0].node).toEqual({ id: asAdmin.accountId, username: 'platform.admin' });

    const dcu = await createDcu(server);
    const created = await createToken(server, dcu.token);
    const asToken = (await server.gql('{ viewer { accountId apiTokenId } }', {}, created.token)).data?.viewer;
    expect(asToken).toEqual({ accountId: null, apiTokenId: created.apiToken.id });
  });
});
