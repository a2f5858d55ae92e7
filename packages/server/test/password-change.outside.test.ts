// changePassword and the password-change gate attacked from outside: malformed raw requests are refused and change
// nothing; a mutation over GET is refused; a caller who must change their password reaches nothing by an alias, a
// fragment or introspection; one user flooding changePassword with guesses is throttled, every request is answered
// and another user is served meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/auth/tokens.ts';
import { DEMO_PASSWORD, databaseKind, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { rawExchange } from './raw-http.ts';

const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) {
  __typename ... on Error { code } ... on ValidationError { issues { field code } } } }`;

describe(`changePassword from outside (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 120_000);
  afterAll(async () => server?.close());

  const port = () => Number(new URL(server.url).port);
  const passwordHashOf = async (username: string) =>
    (await server.running.app.db.user.findUniqueOrThrow({ where: { username } })).passwordHash;
  const post = (token: string, body: string) =>
    rawExchange(
      port(),
      `POST /graphql HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );

  it('malformed requests and a mutation over GET are refused and change nothing', async () => {
    const token = await server.signIn('yf.clerk');
    const before = await passwordHashOf('yf.clerk');
    const truncated = await post(token, `{"query":${JSON.stringify(CHANGE)},"variables":{"input":`);
    expect(truncated.status).toBe(400);
    const wrongTypes = await post(
      token,
      JSON.stringify({ query: CHANGE, variables: { input: { currentPassword: 1, newPassword: ['x'] } } }),
    );
    expect(wrongTypes.status).toBe(400);
    const missing = await post(token, JSON.stringify({ query: CHANGE, variables: {} }));
    expect(missing.status).toBe(400);
    const url = `/graphql?query=${encodeURIComponent(CHANGE)}&variables=${encodeURIComponent(
      JSON.stringify({ input: { currentPassword: DEMO_PASSWORD, newPassword: 'Over-Get-2026' } }),
    )}`;
    const overGet = await rawExchange(
      port(),
      `GET ${url} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\naccept: application/json\r\nconnection: close\r\n\r\n`,
    );
    expect(overGet.status).toBe(405);
    // a megabyte of new password is refused by the policy, not hashed
    const huge = await server.gql(
      CHANGE,
      { input: { currentPassword: DEMO_PASSWORD, newPassword: `Aa1${'x'.repeat(1 << 20)}` } },
      token,
    );
    expect(huge.data?.changePassword).toMatchObject({ issues: [{ field: 'newPassword', code: 'OUT_OF_RANGE' }] });
    expect(await passwordHashOf('yf.clerk')).toBe(before);
    // and the server goes on
    expect((await server.gql('{ viewer { username } }', {}, token)).data?.viewer.username).toBe('yf.clerk');
  });

  it('a caller who must change the password reaches nothing by an alias, a fragment or introspection', async () => {
    await server.running.app.db.user.update({ where: { username: 'sl.clerk' }, data: { passwordTemporary: true } });
    const token = (await server.gql(SIGN_IN_DOCUMENT, { u: 'sl.clerk', p: DEMO_PASSWORD })).data?.signIn.token;
    const refused = async (query: string) => (await server.gql(query, {}, token)).errors?.[0]?.extensions?.code;
    expect(await refused('{ viewer: enterpriseOverview { enterprise { name } } }')).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(await refused('{ ...F } fragment F on Query { enterpriseOverview { enterprise { name } } }')).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(await refused('{ ... on Query { notifications(first: 1) { totalCount } } }')).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect(await refused('{ __schema { queryType { name } } }')).toBe('PASSWORD_CHANGE_REQUIRED');
    // reading who they are stays open, under an alias too
    expect((await server.gql('{ me: viewer { passwordChangeRequired } }', {}, token)).data?.me).toEqual({
      passwordChangeRequired: 'TEMPORARY',
    });
  });

  it('one user flooding guesses: every request answered, throttled after the account limit, another user served', async () => {
    const flooder = (await server.gql(SIGN_IN_DOCUMENT, { u: 'yf.legal', p: DEMO_PASSWORD })).data?.signIn.token;
    const before = await passwordHashOf('yf.legal');
    const other = await server.signIn('th.officer1');
    const flood = Array.from({ length: 40 }, (_, index) =>
      server.gql(CHANGE, { input: { currentPassword: `guess-${index}`, newPassword: 'Flooded-2026' } }, flooder),
    );
    const meanwhile = await server.gql('{ viewer { username } }', {}, other);
    expect(meanwhile.data?.viewer.username).toBe('th.officer1');
    const answers = await Promise.all(flood);
    const kinds = answers.map(
      (answer) => answer.data?.changePassword?.__typename ?? answer.errors?.[0]?.extensions?.code,
    );
    expect(kinds.every((kind) => ['ValidationError', 'RetryLaterError', 'LIMIT_EXCEEDED'].includes(kind))).toBe(true);
    expect(kinds.filter((kind) => kind === 'ValidationError').length).toBeLessThanOrEqual(20);
    expect(kinds.some((kind) => kind !== 'ValidationError')).toBe(true);
    expect(await passwordHashOf('yf.legal')).toBe(before);
    // the session itself is untouched by the guesses
    const session = await server.running.app.db.session.findUnique({ where: { tokenHash: hashToken(flooder) } });
    expect(session).not.toBeNull();
  });
});
