// A subscription is authorised when it starts; these tests show the judgement stays true while the socket is open:
// a disabled account, a reset password, a sign-out or a revoked API token close the socket (4401, no retry), and
// changed rights (another authority) close it with 4403 so the client reconnects under the new rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, databaseKind, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken } from './invitation.fixtures.ts';
import { RawSocket } from './raw-socket.ts';

const REVALIDATE_MS = 300;
const QUEUE = 'subscription { queueChanges(kind: ACCESS_APPLICATION, step: ACCEPTANCE) { cursor } }';
const EVENTS = 'subscription { caseEvents { cursor } }';

describe(`open subscriptions follow credentials and rights (${databaseKind()})`, () => {
  let server: TestServer;
  let admin: string;
  const sockets: RawSocket[] = [];

  beforeAll(async () => {
    server = await startTestServer({ GRAPHQL_WS_REVALIDATE_MS: String(REVALIDATE_MS) });
    admin = await server.signIn('platform.admin');
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  const subscribed = async (token: string, query = QUEUE) => {
    const socket = new RawSocket(server.url);
    sockets.push(socket);
    await socket.init(token);
    socket.send({ id: '1', type: 'subscribe', payload: { query } });
    // the subscription is live once nothing refused it
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(socket.messages.filter((message) => message.type === 'error')).toEqual([]);
    return socket;
  };
  const closedWithin = (socket: RawSocket, ms: number) =>
    Promise.race([socket.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))]);
  const account = async (username: string) => {
    const result = await server.gql(
      'query($search: String) { userAccounts(search: $search, first: 5) { edges { node { id username version } } } }',
      { search: username },
      admin,
    );
    const found = result.data?.userAccounts.edges
      .map((edge: { node: { username: string } }) => edge.node)
      .find((node: { username: string }) => node.username === username);
    if (!found) throw new Error(`no account ${username}: ${JSON.stringify(result)}`);
    return found as { id: string; version: number };
  };
  const adminMutation = async (name: string, inputType: string, input: Record<string, unknown>) => {
    const result = await server.gql(
      `mutation($input: ${inputType}!) { ${name}(input: $input) { __typename ... on Error { code message } } }`,
      { input },
      admin,
    );
    expect(result.data?.[name].__typename, JSON.stringify(result)).toMatch(/Success$/);
  };

  it('disabling an account closes its sockets at once with 4401; other officers stay subscribed', async () => {
    const target = await subscribed(await server.signIn('hzq.officer1'));
    const bystander = await subscribed(await server.signIn('hzq.officer2'));
    const { id, version } = await account('hzq.officer1');
    const started = Date.now();
    await adminMutation('setUserAccountDisabled', 'SetUserAccountDisabledInput', {
      id,
      disabled: true,
      expectedVersion: version,
    });
    expect(await closedWithin(target, 5000)).toEqual({ code: 4401, reason: 'Unauthorized' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await closedWithin(bystander, REVALIDATE_MS * 4)).toBeNull();
  });

  it('a reset password ends the sessions and their sockets', async () => {
    const target = await subscribed(await server.signIn('pd.officer1'), EVENTS);
    const { id } = await account('pd.officer1');
    await adminMutation('resetUserPassword', 'ResetUserPasswordInput', { id });
    expect((await closedWithin(target, 5000))?.code).toBe(4401);
  });

  it('moving an officer to another authority closes with 4403, and the reconnect sees the new jurisdiction', async () => {
    const token = await server.signIn('xh.officer1');
    const target = await subscribed(token);
    const { id, version } = await account('xh.officer1');
    await adminMutation('updateUserAccount', 'UpdateUserAccountInput', {
      id,
      expectedVersion: version,
      role: 'OFFICER',
      displayName: '西湖区税务局 审核员一',
      authorityCode: '14401050000',
    });
    expect(await closedWithin(target, 5000)).toEqual({ code: 4403, reason: 'Forbidden' });
    // the session is still valid: the same token subscribes again
    const again = await subscribed(token);
    expect(await closedWithin(again, REVALIDATE_MS * 4)).toBeNull();
    const viewer = await server.gql('{ viewer { authority { code } } }', {}, token);
    expect(viewer.data?.viewer.authority.code).toBe('14401050000');
  });

  it('signing out closes the socket of that session within one revalidation round', async () => {
    const token = await server.signIn('th.officer2');
    // a second session of the same officer (the harness would hand back the first one)
    const other = (await server.gql(SIGN_IN_DOCUMENT, { u: 'th.officer2', p: DEMO_PASSWORD })).data?.signIn.token;
    const target = await subscribed(token);
    const sameUserOtherSession = await subscribed(other);
    const out = await server.gql('mutation { signOut }', {}, token);
    expect(out.data?.signOut).toBe(true);
    expect((await closedWithin(target, REVALIDATE_MS * 10))?.code).toBe(4401);
    expect(await closedWithin(sameUserOtherSession, REVALIDATE_MS * 3)).toBeNull();
  });

  it('revoking an API token closes the integration socket', async () => {
    const dcu = await createDcu(server);
    const { token, apiToken } = await createToken(server, dcu.token, 'ERP');
    const target = await subscribed(token, EVENTS);
    const revoked = await server.gql(
      'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename } }',
      { input: { id: apiToken.id } },
      dcu.token,
    );
    expect(revoked.data?.revokeApiToken.__typename).toMatch(/Success$/);
    expect((await closedWithin(target, REVALIDATE_MS * 10))?.code).toBe(4401);
  });
});

describe(`an account change reaches open sockets without waiting for a round (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    // a round an hour long: only the ADMIN_USER event can close the socket within the test
    server = await startTestServer({ GRAPHQL_WS_REVALIDATE_MS: String(3_600_000) });
  });
  afterAll(async () => server?.close());

  it('disabling an officer closes their socket within seconds', async () => {
    const admin = await server.signIn('platform.admin');
    const socket = new RawSocket(server.url);
    await socket.init(await server.signIn('zj.confirmer'));
    socket.send({ id: '1', type: 'subscribe', payload: { query: EVENTS } });
    const found = await server.gql(
      '{ userAccounts(search: "zj.confirmer", first: 1) { edges { node { id version } } } }',
      {},
      admin,
    );
    const { id, version } = found.data?.userAccounts.edges[0].node ?? {};
    const result = await server.gql(
      'mutation($input: SetUserAccountDisabledInput!) { setUserAccountDisabled(input: $input) { __typename } }',
      { input: { id, disabled: true, expectedVersion: version } },
      admin,
    );
    expect(result.data?.setUserAccountDisabled.__typename).toBe('SetUserAccountDisabledSuccess');
    const closed = await Promise.race([socket.closed, new Promise((resolve) => setTimeout(resolve, 5000, null))]);
    expect(closed).toEqual({ code: 4401, reason: 'Unauthorized' });
  });
});
