// 口令策略 (issue 22, 身份鉴别): a password an admin set or issued, or one past its maximum age, must be changed before
// anything else, over every transport; `changePassword` checks the current password like a sign-in, the new one
// against the policy and the account's last passwords, and ends the account's other sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, SIGN_IN_DOCUMENT, startTestServer, type TestServer } from './harness.ts';
import { createToken } from './invitation.fixtures.ts';
import { askOver, type Transport } from './transports.ts';

const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) {
  __typename
  ... on ChangePasswordSuccess { viewer { username passwordChangeRequired passwordExpiresAt } }
  ... on ValidationError { issues { field code message } }
  ... on RetryLaterError { retryAfterSeconds }
  ... on Error { code message } } }`;
const CREATE = `mutation($input: CreateUserAccountInput!) { createUserAccount(input: $input) {
  __typename ... on CreateUserAccountSuccess { credentials { temporaryPassword } } ... on ValidationError { issues { field code } } } }`;
const RESET = `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) {
  __typename ... on ResetUserPasswordSuccess { credentials { temporaryPassword } } ... on ValidationError { issues { field code } } } }`;
const VIEWER = '{ viewer { username passwordChangeRequired passwordExpiresAt } }';
const OVERVIEW = '{ enterpriseOverview { enterprise { name } } }';

let server: TestServer;
let admin: string;

const signIn = async (username: string, password: string) =>
  (await server.gql(SIGN_IN_DOCUMENT, { u: username, p: password })).data?.signIn as {
    __typename: string;
    token?: string;
    code?: string;
  };
const change = async (token: string | undefined, currentPassword: string, newPassword: string) =>
  (await server.gql(CHANGE, { input: { currentPassword, newPassword } }, token)).data?.changePassword;

/** A new enterprise user made by the admin; its one-time temporary password. */
async function newUser(username: string): Promise<string> {
  const created = await server.gql(
    CREATE,
    {
      input: {
        username,
        displayName: '新办税员',
        role: 'ENTERPRISE',
        identityType: 'TAX_CLERK',
        enterpriseUscc: '91440100628194821M',
      },
    },
    admin,
  );
  return created.data?.createUserAccount.credentials.temporaryPassword;
}

beforeAll(async () => {
  server = await startTestServer({ SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000' });
  admin = await server.signIn('platform.admin');
}, 120_000);
afterAll(async () => server?.close());

describe('a password set by an admin must be changed first', () => {
  it('the new user signs in, is told why, and may do nothing else until the change, on any transport', async () => {
    const temporary = await newUser('pw.first');
    const token = (await signIn('pw.first', temporary)).token as string;
    expect((await server.gql(VIEWER, {}, token)).data?.viewer).toMatchObject({
      username: 'pw.first',
      passwordChangeRequired: 'TEMPORARY',
    });
    const transports: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];
    for (const transport of transports) {
      const refused = await askOver(server, transport, token, OVERVIEW);
      expect(refused.data?.enterpriseOverview ?? null, transport).toBeNull();
      expect(refused.errors?.[0]?.extensions, transport).toMatchObject({
        code: 'PASSWORD_CHANGE_REQUIRED',
        reason: 'TEMPORARY',
      });
      expect(refused.errors?.[0]?.message, transport).toMatch(/^请先修改密码/);
    }
    // a mutation and a subscription too; reading the viewer and signing out stay open
    const mutation = await server.gql('mutation { createApiToken(input: {name: "ERP"}) { __typename } }', {}, token);
    expect(mutation.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');
    for (const transport of ['graphql-ws', 'sse'] as Transport[]) {
      const subscription = await askOver(server, transport, token, 'subscription { caseEvents { event } }');
      expect(subscription.errors?.[0]?.extensions?.code, transport).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const mixed = await server.gql(`{ viewer { username } enterpriseOverview { enterprise { name } } }`, {}, token);
    expect(mixed.errors?.[0]?.extensions?.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await change(token, temporary, 'Pw-First-2026');
    expect(changed).toMatchObject({
      __typename: 'ChangePasswordSuccess',
      viewer: { username: 'pw.first', passwordChangeRequired: null },
    });
    expect(Date.parse(changed.viewer.passwordExpiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    const overview = await server.gql(OVERVIEW, {}, token);
    expect(overview.errors).toBeUndefined();
    expect(overview.data?.enterpriseOverview.enterprise.name).toBeTruthy();
    expect((await signIn('pw.first', temporary)).code).toBe('UNAUTHENTICATED');
    expect((await signIn('pw.first', 'Pw-First-2026')).__typename).toBe('SignInSuccess');
  });

  it('an admin reset makes the password temporary again; the first admin of the command line keeps theirs', async () => {
    const temporary = await newUser('pw.reset');
    const token = (await signIn('pw.reset', temporary)).token as string;
    await change(token, temporary, 'Pw-Reset-2026');
    const user = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'pw.reset' } });
    const id = Buffer.from(`UserAccount:${user.id}`).toString('base64');
    const reset = await server.gql(RESET, { input: { id, newPassword: 'Given-By-Admin-1' } }, admin);
    expect(reset.data?.resetUserPassword.__typename).toBe('ResetUserPasswordSuccess');
    const again = (await signIn('pw.reset', 'Given-By-Admin-1')).token as string;
    expect((await server.gql(VIEWER, {}, again)).data?.viewer.passwordChangeRequired).toBe('TEMPORARY');
    // the replaced password is in the history: it cannot come back
    expect(await change(again, 'Given-By-Admin-1', 'Pw-Reset-2026')).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'newPassword', code: 'PASSWORD_REUSED' }],
    });
    const refusedName = await server.gql(RESET, { input: { id, newPassword: 'Pw.Reset-2026' } }, admin);
    expect(refusedName.data?.resetUserPassword).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'newPassword', code: 'WEAK_PASSWORD' }],
    });
  });
});

describe('changePassword', () => {
  it('refuses a wrong current password, a weak or named new one, and any of the last passwords', async () => {
    const temporary = await newUser('pw.rules');
    const token = (await signIn('pw.rules', temporary)).token as string;
    expect(await change(token, 'not-it', 'Strong-Pass-2026')).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'currentPassword', code: 'INCORRECT_PASSWORD', message: '当前密码不正确' }],
    });
    expect(await change(token, temporary, 'Ab1@')).toMatchObject({
      issues: [{ field: 'newPassword', code: 'OUT_OF_RANGE' }],
    });
    expect(await change(token, temporary, 'lettersand1234')).toMatchObject({
      issues: [
        {
          field: 'newPassword',
          code: 'WEAK_PASSWORD',
          message: '密码须包含大写字母、小写字母、数字、其他字符中的至少 3 类',
        },
      ],
    });
    expect(await change(token, temporary, 'PW.RULES-2026x')).toMatchObject({
      issues: [{ field: 'newPassword', code: 'WEAK_PASSWORD' }],
    });
    expect(await change(token, temporary, temporary)).toMatchObject({
      issues: [{ field: 'newPassword', code: 'PASSWORD_REUSED' }],
    });
    expect(await change(token, temporary, '')).toMatchObject({ issues: [{ field: 'newPassword', code: 'REQUIRED' }] });
    // the last five passwords, the current one included, may not come back; the sixth may
    const passwords = ['Rules-One-2026', 'Rules-Two-2026', 'Rules-Three-2026', 'Rules-Four-2026', 'Rules-Five-2026'];
    let current = temporary;
    for (const next of passwords) {
      expect((await change(token, current, next)).__typename).toBe('ChangePasswordSuccess');
      current = next;
    }
    for (const recent of passwords) {
      expect(await change(token, current, recent), recent).toMatchObject({
        issues: [{ code: 'PASSWORD_REUSED', message: '不能使用最近 5 次用过的密码' }],
      });
    }
    expect((await change(token, current, temporary)).__typename).toBe('ChangePasswordSuccess');
  });

  it('ends every other session of the account, keeps this one, and audits the change without the password', async () => {
    const temporary = await newUser('pw.sessions');
    const first = (await signIn('pw.sessions', temporary)).token as string;
    const second = (await signIn('pw.sessions', temporary)).token as string;
    expect((await change(first, temporary, 'Sessions-2026')).__typename).toBe('ChangePasswordSuccess');
    expect((await server.gql(VIEWER, {}, first)).data?.viewer.username).toBe('pw.sessions');
    expect((await server.gql(VIEWER, {}, second)).data?.viewer ?? null).toBeNull();
    const user = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'pw.sessions' } });
    const events = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_USER', caseId: user.id },
      orderBy: { id: 'asc' },
    });
    expect(events.map((event) => event.event)).toEqual(['createUserAccount', 'changeOwnPassword']);
    expect(events[1]?.actorUserId).toBe(user.id);
    expect(JSON.stringify(events[1]?.payload)).not.toContain('Sessions-2026');
    expect(user.passwordHistory).toHaveLength(1);
  });

  it('wrong current passwords count against the sign-in throttle', async () => {
    const temporary = await newUser('pw.throttle');
    const token = (await signIn('pw.throttle', temporary)).token as string;
    for (let i = 0; i < 3; i++)
      expect((await change(token, `wrong-${i}`, 'Throttle-2026')).__typename).toBe('ValidationError');
    const locked = await change(token, temporary, 'Throttle-2026');
    expect(locked.__typename).toBe('RetryLaterError');
    expect(locked.retryAfterSeconds).toBeGreaterThan(0);
    expect((await signIn('pw.throttle', temporary)).code).toBe('LIMIT_EXCEEDED');
  });

  it('without a session UNAUTHENTICATED; an API token has no password (FORBIDDEN)', async () => {
    expect(await change(undefined, DEMO_PASSWORD, 'Anything-2026')).toMatchObject({ code: 'UNAUTHENTICATED' });
    const apiToken = (await createToken(server, await server.signIn('sl.legal'))).token as string;
    expect(apiToken).toBeTruthy();
    expect(await change(apiToken, DEMO_PASSWORD, 'Anything-2026')).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('maximum age', () => {
  it('a password older than PASSWORD_MAX_AGE_DAYS must be changed; 0 means it never runs out', async () => {
    const db = server.running.app.db;
    await db.user.update({
      where: { username: 'yf.clerk' },
      data: { passwordChangedAt: new Date(Date.now() - 91 * 86_400_000) },
    });
    const token = await server.signIn('yf.clerk');
    expect((await server.gql(VIEWER, {}, token)).data?.viewer.passwordChangeRequired).toBe('EXPIRED');
    const refused = await server.gql(OVERVIEW, {}, token, { 'accept-language': 'en' });
    expect(refused.errors?.[0]).toMatchObject({
      message: 'Change your password first: it is older than its maximum age',
      extensions: { code: 'PASSWORD_CHANGE_REQUIRED', reason: 'EXPIRED' },
    });
    expect((await change(token, DEMO_PASSWORD, 'Renewed-2026')).__typename).toBe('ChangePasswordSuccess');
    expect((await server.gql(OVERVIEW, {}, token)).errors).toBeUndefined();

    const ageless = await startTestServer({ PASSWORD_MAX_AGE_DAYS: '0' });
    try {
      await ageless.running.app.db.user.update({
        where: { username: 'yf.clerk' },
        data: { passwordChangedAt: new Date('2020-01-01T00:00:00Z') },
      });
      const old = await ageless.signIn('yf.clerk');
      expect((await ageless.gql(VIEWER, {}, old)).data?.viewer).toMatchObject({
        passwordChangeRequired: null,
        passwordExpiresAt: null,
      });
    } finally {
      await ageless.close();
    }
  });
});
