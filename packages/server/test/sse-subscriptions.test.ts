// Issue 13, finding 9: subscriptions over Server-Sent Events (`accept: text/event-stream` on /graphql, POST or GET)
// kept delivering after sign-out or token revocation (an event 75 s later still arrived), while WebSocket ones
// were closed with 4401. The same rule holds for every transport: the stream ends with an error event carrying
// UNAUTHENTICATED (FORBIDDEN when only the rights changed), then `complete`, and nothing after.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { appendCaseEvents, type CaseEventInput } from '../src/platform/events/audit.ts';
import { eventCursor } from '../src/platform/events/cursor.ts';
import { createEnterprise } from './fixtures.ts';
import { DEMO_PASSWORD, databaseKind, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { createDcu, createToken } from './invitation.fixtures.ts';
import { type SseSubscription, subscribeSse } from './sse-client.ts';

const REVALIDATE_MS = 300;
const EVENTS = 'subscription { caseEvents { cursor caseKind event } }';

describe(`subscriptions over SSE follow the credential like WebSocket ones (${databaseKind()})`, () => {
  let server: TestServer;
  let admin: string;
  const streams: SseSubscription[] = [];

  beforeAll(async () => {
    server = await startTestServer({ GRAPHQL_WS_REVALIDATE_MS: String(REVALIDATE_MS) });
    admin = await server.signIn('platform.admin');
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await server?.close();
  });

  /** Commits one event of a case of the enterprise (or the authority) and hands it to the bus, as a transition would. */
  const eventOf = async (enterpriseId: string, where: Partial<CaseEventInput> = {}) => {
    const app = server.running.app;
    const stored = await app.db.$transaction((tx) =>
      appendCaseEvents(tx, [
        {
          caseKind: 'ACCESS_APPLICATION',
          caseId: randomUUID(),
          event: 'saveDraft',
          toStatus: 'DRAFT',
          actorName: 'SSE 测试',
          enterpriseId,
          ...where,
        },
      ]),
    );
    app.bus.publish(stored);
    await app.bus.settled();
    return String(stored[0] && eventCursor(stored[0]));
  };

  const subscribed = async (
    token: string,
    enterpriseId: string,
    options: Parameters<typeof subscribeSse>[3] = {},
    where: Partial<CaseEventInput> = {},
  ): Promise<SseSubscription> => {
    const stream = subscribeSse(server.url, token, EVENTS, options);
    streams.push(stream);
    expect(await stream.status).toBe(200);
    // live: an event committed now arrives
    const cursor = await eventOf(enterpriseId, where);
    expect(await stream.waitFor(() => stream.events().some((event) => event.cursor === cursor))).toBe(true);
    return stream;
  };

  const endedWithin = async (stream: SseSubscription, ms: number) =>
    Promise.race([stream.ended.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, ms, false))]);

  /** After the end, a new event of the enterprise is not delivered (the reported flaw: one arrived 75 s later). */
  const nothingAfterTheEnd = async (
    stream: SseSubscription,
    enterpriseId: string,
    where: Partial<CaseEventInput> = {},
  ) => {
    const before = stream.messages.length;
    await eventOf(enterpriseId, where);
    await new Promise((resolve) => setTimeout(resolve, REVALIDATE_MS * 2));
    expect(stream.messages.length).toBe(before);
  };

  it('POST: signing out ends the stream within a revalidation round with UNAUTHENTICATED', async () => {
    const owner = await createEnterprise(server);
    // a second session of the same user stays signed in and subscribed
    const other = (await server.gql(SIGN_IN_DOCUMENT, { u: owner.username, p: DEMO_PASSWORD })).data?.signIn.token;
    const stream = await subscribed(owner.token, owner.id);
    const sameUserOtherSession = await subscribed(other, owner.id);

    const out = await server.gql('mutation { signOut }', {}, owner.token);
    expect(out.data?.signOut).toBe(true);
    expect(await endedWithin(stream, REVALIDATE_MS * 10)).toBe(true);
    const [error] = stream.errors();
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(/登录已失效/);
    expect(stream.messages.at(-1)?.event).toBe('complete');
    await nothingAfterTheEnd(stream, owner.id);

    expect(sameUserOtherSession.isEnded()).toBe(false);
    expect(sameUserOtherSession.errors()).toEqual([]);
  });

  it('GET: revoking an API token ends the integration stream (message in English on Accept-Language: en)', async () => {
    const dcu = await createDcu(server);
    const { token, apiToken } = await createToken(server, dcu.token, 'ERP');
    const stream = await subscribed(token, dcu.id, { method: 'GET', headers: { 'accept-language': 'en' } });
    const revoked = await server.gql(
      'mutation($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { __typename } }',
      { input: { id: apiToken.id } },
      dcu.token,
    );
    expect(revoked.data?.revokeApiToken.__typename).toMatch(/Success$/);
    expect(await endedWithin(stream, REVALIDATE_MS * 10)).toBe(true);
    const [error] = stream.errors();
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(/token was revoked/);
    await nothingAfterTheEnd(stream, dcu.id);
  });

  it('disabling the account ends its streams', async () => {
    const owner = await createEnterprise(server);
    const stream = await subscribed(owner.token, owner.id);
    const found = await server.gql(
      'query($s: String) { userAccounts(search: $s, first: 1) { edges { node { id version } } } }',
      { s: owner.username },
      admin,
    );
    const { id, version } = found.data?.userAccounts.edges[0].node ?? {};
    const disabled = await server.gql(
      'mutation($input: SetUserAccountDisabledInput!) { setUserAccountDisabled(input: $input) { __typename } }',
      { input: { id, disabled: true, expectedVersion: version } },
      admin,
    );
    expect(disabled.data?.setUserAccountDisabled.__typename).toBe('SetUserAccountDisabledSuccess');
    expect(await endedWithin(stream, 5000)).toBe(true);
    expect(stream.errors()[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await nothingAfterTheEnd(stream, owner.id);
  });

  it('an expired session ends its stream', async () => {
    const owner = await createEnterprise(server);
    // the session expires in a moment: the stream starts before (its state read and cached), runs past it
    await server.running.app.db.session.update({
      where: { tokenHash: hashToken(owner.token) },
      data: { expiresAt: new Date(Date.now() + 2000) },
    });
    const stream = await subscribed(owner.token, owner.id);
    expect(await endedWithin(stream, 2000 + REVALIDATE_MS * 10)).toBe(true);
    expect(stream.errors()[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await nothingAfterTheEnd(stream, owner.id);
  });

  it('an officer moved to another authority: the stream ends with FORBIDDEN (subscribe again under the new rights)', async () => {
    const token = await server.signIn('xh.officer1');
    // a submission (an enterprise's draft saves are never an officer's to see)
    const xihu = {
      authorityCode: '13301060000',
      provinceCode: '13300000000',
      event: 'submit',
      fromStatus: 'DRAFT',
      toStatus: 'PENDING_ACCEPTANCE',
    };
    const stream = await subscribed(token, 'none', {}, xihu);
    const found = await server.gql(
      'query($s: String) { userAccounts(search: $s, first: 1) { edges { node { id version } } } }',
      { s: 'xh.officer1' },
      admin,
    );
    const { id, version } = found.data?.userAccounts.edges[0].node ?? {};
    const moved = await server.gql(
      `mutation($input: UpdateUserAccountInput!) { updateUserAccount(input: $input) { __typename ... on Error { code message } } }`,
      {
        input: {
          id,
          expectedVersion: version,
          role: 'OFFICER',
          displayName: '西湖区税务局 审核员一',
          authorityCode: '14401050000',
        },
      },
      admin,
    );
    expect(moved.data?.updateUserAccount.__typename, JSON.stringify(moved)).toMatch(/Success$/);
    expect(await endedWithin(stream, 5000)).toBe(true);
    const [error] = stream.errors();
    expect(error?.extensions?.code).toBe('FORBIDDEN');
    expect(error?.message).toMatch(/权限已变更/);
    await nothingAfterTheEnd(stream, 'none', xihu);
  });

  it('a stream whose client goes away gives its place back and stops being checked', async () => {
    const owner = await createEnterprise(server);
    const stream = await subscribed(owner.token, owner.id);
    const listening = server.running.app.bus.listenerCount;
    stream.close();
    const deadline = Date.now() + 5000;
    while (server.running.app.bus.listenerCount >= listening && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(server.running.app.bus.listenerCount).toBe(listening - 1);
  });
});
