// 双因素认证 (issue 22, 身份鉴别): enrolment by QR secret and code, a code or a recovery code at every later sign-in
// (each works once), the throttle counting wrong codes, turning it off where the role allows, new recovery codes,
// an administrator's reset, and roles that must enrol before anything else (TWO_FACTOR_ROLES) on every transport.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { totpCode } from '../src/platform/auth/totp.ts';
import { DEMO_PASSWORD, startTestServer, type TestServer } from './harness.ts';
import { createToken } from './invitation.fixtures.ts';
import { askOver, type Transport } from './transports.ts';

const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  __typename ... on SignInSuccess { token } ... on ValidationError { issues { field code message } }
  ... on RetryLaterError { retryAfterSeconds } ... on Error { code message } } }`;
const BEGIN = `mutation { beginTwoFactorEnrolment { __typename
  ... on TwoFactorEnrolmentOffer { secret otpauthUri } ... on Error { code message } } }`;
const CONFIRM = `mutation($code: String!) { confirmTwoFactorEnrolment(input: {oneTimeCode: $code}) { __typename
  ... on TwoFactorEnrolled { recoveryCodes viewer { twoFactorEnabled twoFactorRequired } }
  ... on ValidationError { issues { field code } } ... on Error { code message } } }`;
const DISABLE = `mutation($code: String!) { disableTwoFactor(input: {oneTimeCode: $code}) { __typename
  ... on TwoFactorDisabled { viewer { twoFactorEnabled } } ... on ValidationError { issues { field code } }
  ... on RetryLaterError { retryAfterSeconds } ... on Error { code message } } }`;
const REGENERATE = `mutation($code: String!) { regenerateRecoveryCodes(input: {oneTimeCode: $code}) { __typename
  ... on RecoveryCodes { recoveryCodes } ... on ValidationError { issues { field code } } ... on Error { code } } }`;
const RESET = `mutation($input: ResetUserTwoFactorInput!) { resetUserTwoFactor(input: $input) { __typename
  ... on ResetUserTwoFactorSuccess { account { twoFactorEnabled version } } ... on Error { code } } }`;
const VIEWER = '{ viewer { username twoFactorEnabled twoFactorRequired } }';
const QUEUE = '{ reviewQueue(kind: ACCESS_APPLICATION, step: ACCEPTANCE, first: 1) { totalCount } }';

/** 30 s later: the next time step, whose code the last one accepted does not block. */
const NEXT_STEP = 30_000;

type SignInAnswer = { __typename: string; token?: string; code?: string; issues?: { field: string; code: string }[] };

function helpers(server: () => TestServer) {
  const signIn = async (username: string, oneTimeCode?: string, password = DEMO_PASSWORD) =>
    (await server().gql(SIGN_IN, { input: { username, password, oneTimeCode } })).data?.signIn as SignInAnswer;
  /** Enrols the token's user; the secret and recovery codes. */
  async function enrol(token: string) {
    const offer = (await server().gql(BEGIN, {}, token)).data?.beginTwoFactorEnrolment;
    expect(offer.__typename).toBe('TwoFactorEnrolmentOffer');
    const confirmed = (await server().gql(CONFIRM, { code: totpCode(offer.secret) }, token)).data
      ?.confirmTwoFactorEnrolment;
    expect(confirmed.__typename).toBe('TwoFactorEnrolled');
    return { secret: offer.secret as string, recoveryCodes: confirmed.recoveryCodes as string[], confirmed };
  }
  return { signIn, enrol };
}

describe('an enterprise user who chooses two factors', () => {
  let server: TestServer;
  const { signIn, enrol } = helpers(() => server);
  beforeAll(async () => {
    server = await startTestServer({
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '6',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '4',
    });
  }, 120_000);
  afterAll(async () => server?.close());

  beforeEach(async () => {
    await server.running.app.db.signInThrottle.deleteMany({});
  });

  it('an API token cannot enrol', async () => {
    const { token: apiToken } = await createToken(server, (await signIn('sl.legal')).token as string, 'ERP 2FA');
    expect(apiToken).toMatch(/^lqk_/);
    expect((await server.gql(BEGIN, {}, apiToken)).data?.beginTwoFactorEnrolment).toMatchObject({
      __typename: 'BaseError',
      code: 'FORBIDDEN',
    });
  });

  it('enrols with a code from the app, then signs in with a code or a recovery code, each only once', async () => {
    const token = (await signIn('yf.clerk')).token as string;
    expect((await server.gql(VIEWER, {}, token)).data?.viewer).toMatchObject({
      twoFactorEnabled: false,
      twoFactorRequired: false,
    });
    const offer = (await server.gql(BEGIN, {}, token)).data?.beginTwoFactorEnrolment;
    expect(offer.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(offer.otpauthUri).toMatch(
      /^otpauth:\/\/totp\/.*yf\.clerk\?.*secret=[A-Z2-7]{32}&algorithm=SHA1&digits=6&period=30/,
    );
    const wrong = String((Number(totpCode(offer.secret)) + 1) % 1_000_000).padStart(6, '0');
    expect((await server.gql(CONFIRM, { code: wrong }, token)).data?.confirmTwoFactorEnrolment).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ field: 'oneTimeCode', code: 'INCORRECT_ONE_TIME_CODE' }],
    });
    const confirmed = (await server.gql(CONFIRM, { code: totpCode(offer.secret) }, token)).data
      ?.confirmTwoFactorEnrolment;
    expect(confirmed.viewer).toEqual({ twoFactorEnabled: true, twoFactorRequired: false });
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.recoveryCodes).size).toBe(10);
    for (const code of confirmed.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // the server keeps hashes only, and the enrolment is audited without the secret
    const user = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'yf.clerk' } });
    expect(user.recoveryCodeHashes.join()).not.toContain(confirmed.recoveryCodes[0].slice(0, 5));
    const events = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_USER', caseId: user.id, event: 'enableTwoFactor' },
    });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]?.payload)).not.toContain(offer.secret);
    // a second enrolment is refused until it is turned off
    expect((await server.gql(BEGIN, {}, token)).data?.beginTwoFactorEnrolment.code).toBe('INVALID_TRANSITION');

    // the password alone is not enough now; the code of the enrolment step was used already
    expect(await signIn('yf.clerk')).toMatchObject({ __typename: 'BaseError', code: 'TWO_FACTOR_REQUIRED' });
    expect((await signIn('yf.clerk', totpCode(offer.secret))).issues).toEqual([
      { field: 'oneTimeCode', code: 'INCORRECT_ONE_TIME_CODE', message: expect.stringContaining('动态验证码') },
    ]);
    const later = totpCode(offer.secret, Date.now() + NEXT_STEP);
    expect((await signIn('yf.clerk', later)).__typename).toBe('SignInSuccess');
    expect((await signIn('yf.clerk', later)).__typename).toBe('ValidationError');
    // a recovery code, typed in capitals and without its hyphen, works once
    const recovery = confirmed.recoveryCodes[3] as string;
    expect((await signIn('yf.clerk', recovery.replace('-', '').toUpperCase())).__typename).toBe('SignInSuccess');
    expect((await signIn('yf.clerk', recovery)).__typename).toBe('ValidationError');
    // a wrong password with the right code is still a wrong password
    const now = totpCode(offer.secret, Date.now() + 2 * NEXT_STEP);
    expect((await signIn('yf.clerk', now, 'Wrong-Pass-1')).code).toBe('UNAUTHENTICATED');
  });

  it('counts the right password without its code against the account only, and wrong codes like passwords', async () => {
    const token = (await signIn('sl.clerk')).token as string;
    const { secret } = await enrol(token);
    // the address allows 4 failures: five answers of TWO_FACTOR_REQUIRED do not lock this office's address
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn('sl.clerk')).code).toBe('TWO_FACTOR_REQUIRED');
    }
    expect((await signIn('sl.legal')).__typename).toBe('SignInSuccess');
    // the account allows 6 and counted those five: a wrong code is the sixth, after which even the right one is refused
    expect((await signIn('sl.clerk', '000000')).__typename).toBe('ValidationError');
    const locked = await signIn('sl.clerk', totpCode(secret, Date.now() + NEXT_STEP));
    expect(locked).toMatchObject({ __typename: 'RetryLaterError', code: 'LIMIT_EXCEEDED' });
  });

  it('turns off with a code, and new recovery codes replace the old ones', async () => {
    const token = (await signIn('sl.legal')).token as string;
    const { secret, recoveryCodes } = await enrol(token);
    const fresh = (await server.gql(REGENERATE, { code: recoveryCodes[0] }, token)).data?.regenerateRecoveryCodes;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect((await signIn('sl.legal', recoveryCodes[1])).__typename).toBe('ValidationError');
    expect((await server.gql(DISABLE, { code: '123' }, token)).data?.disableTwoFactor).toMatchObject({
      issues: [{ field: 'oneTimeCode', code: 'INCORRECT_ONE_TIME_CODE' }],
    });
    const off = (await server.gql(DISABLE, { code: totpCode(secret, Date.now() + NEXT_STEP) }, token)).data
      ?.disableTwoFactor;
    expect(off).toEqual({ __typename: 'TwoFactorDisabled', viewer: { twoFactorEnabled: false } });
    expect((await signIn('sl.legal')).__typename).toBe('SignInSuccess');
    expect((await server.gql(DISABLE, { code: '123456' }, token)).data?.disableTwoFactor.code).toBe(
      'INVALID_TRANSITION',
    );
    await server.running.app.db.signInThrottle.deleteMany({});
  });

  it('of two sign-ins with one code at once, exactly one gets a session', async () => {
    const token = (await signIn('gd.confirmer')).token as string;
    const { secret } = await enrol(token);
    const code = totpCode(secret, Date.now() + NEXT_STEP);
    const answers = await Promise.all([signIn('gd.confirmer', code), signIn('gd.confirmer', code)]);
    expect(answers.map((answer) => answer.__typename).sort()).toEqual(['SignInSuccess', 'ValidationError']);
  });
});

describe('roles that must use two factors (TWO_FACTOR_ROLES)', () => {
  let server: TestServer;
  let admin: string;
  let officer: string;
  const { signIn, enrol } = helpers(() => server);
  beforeAll(async () => {
    server = await startTestServer({ TWO_FACTOR_ROLES: 'officer, ENTERPRISE' });
    admin = await server.signIn('platform.admin');
  }, 120_000);
  afterAll(async () => server?.close());

  it('an officer without two factors may do nothing but enrol, on every transport; enrolled, the queue opens', async () => {
    const token = (await signIn('th.officer1')).token as string;
    officer = token;
    expect((await server.gql(VIEWER, {}, token)).data?.viewer).toMatchObject({
      twoFactorEnabled: false,
      twoFactorRequired: true,
    });
    const transports: Transport[] = ['http-post', 'http-get', 'graphql-ws', 'sse'];
    for (const transport of transports) {
      const refused = await askOver(server, transport, token, QUEUE);
      expect(refused.data?.bureauQueue ?? null, transport).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code, transport).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
      expect(refused.errors?.[0]?.message, transport).toMatch(/^请先设置双因素认证/);
    }
    const subscription = await askOver(server, 'graphql-ws', token, 'subscription { caseEvents { event } }');
    expect(subscription.errors?.[0]?.extensions?.code).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    const { secret, confirmed } = await enrol(token);
    expect(confirmed.viewer).toEqual({ twoFactorEnabled: true, twoFactorRequired: true });
    expect((await server.gql(QUEUE, {}, token)).errors).toBeUndefined();
    // what the role requires cannot be turned off
    expect(
      (await server.gql(DISABLE, { code: totpCode(secret, Date.now() + NEXT_STEP) }, token)).data?.disableTwoFactor
        .code,
    ).toBe('FORBIDDEN');
    // admins are not in this deployment's list
    expect((await server.gql(QUEUE, {}, admin)).errors).toBeUndefined();
  });

  it('an API token of an enterprise whose users must use two factors stays single-factor', async () => {
    const token = (await signIn('sl.legal')).token as string;
    expect(
      (await server.gql('mutation { createApiToken(input: {name: "ERP"}) { __typename } }', {}, token)).errors?.[0]
        ?.extensions?.code,
    ).toBe('TWO_FACTOR_ENROLMENT_REQUIRED');
    await enrol(token);
    const created = await createToken(server, token, 'ERP 2FA');
    expect(created).toMatchObject({ __typename: 'CreateApiTokenSuccess' });
    const overview = await server.gql('{ viewer { role twoFactorRequired enterprise { name } } }', {}, created.token);
    expect(overview.errors).toBeUndefined();
    expect(overview.data?.viewer).toEqual({
      role: 'API_CLIENT',
      twoFactorRequired: false,
      enterprise: { name: expect.any(String) },
    });
  });

  it("an administrator's reset signs the officer out and has them enrol again", async () => {
    const token = (await signIn('th.officer2')).token as string;
    const { secret } = await enrol(token);
    const user = await server.running.app.db.user.findUniqueOrThrow({ where: { username: 'th.officer2' } });
    const id = Buffer.from(`UserAccount:${user.id}`).toString('base64');
    const reset = (await server.gql(RESET, { input: { id, expectedVersion: user.version } }, admin)).data
      ?.resetUserTwoFactor;
    expect(reset).toEqual({
      __typename: 'ResetUserTwoFactorSuccess',
      account: { twoFactorEnabled: false, version: user.version + 1 },
    });
    expect((await server.gql(VIEWER, {}, token)).data?.viewer).toBeNull();
    const stale = (await server.gql(RESET, { input: { id, expectedVersion: user.version } }, admin)).data
      ?.resetUserTwoFactor;
    expect(stale.code).toBe('STALE_VERSION');
    // the old secret opens nothing; the password alone signs in, into enrolment only
    const again = await signIn('th.officer2', totpCode(secret, Date.now() + NEXT_STEP));
    expect(again.__typename).toBe('SignInSuccess');
    expect((await server.gql(QUEUE, {}, again.token)).errors?.[0]?.extensions?.code).toBe(
      'TWO_FACTOR_ENROLMENT_REQUIRED',
    );
    const events = await server.running.app.db.auditEvent.findMany({
      where: { caseKind: 'ADMIN_USER', caseId: user.id, event: 'resetUserTwoFactor' },
    });
    expect(events.map((event) => event.payload)).toEqual([{ username: 'th.officer2', wasEnabled: true }]);
    // only an administrator resets
    const refused = (await server.gql(RESET, { input: { id, expectedVersion: user.version + 1 } }, officer)).data
      ?.resetUserTwoFactor;
    expect(refused.code).toBe('FORBIDDEN');
  });
});
