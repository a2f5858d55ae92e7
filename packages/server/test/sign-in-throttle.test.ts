// 登录限流 from outside (issue 13, finding 10: 200 wrong passwords for one account in 14 s, no refusal, then the
// right one worked). Raw HTTP and graphql-ws from several loopback addresses (127.0.0.x) against a real server:
// failed sign-ins are counted per account and per client address; over the limit every attempt, the right
// password included, gets a typed LIMIT_EXCEEDED (RetryLaterError with retryAfterSeconds) until the lock ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneThrottle } from '../src/features/auth/throttle.ts';
import { gqlFrom, wsOnceFrom } from './from-address.ts';
import { DEMO_PASSWORD, databaseKind, startTestServer, type TestServer } from './harness.ts';
import { sleep } from './ws-client.ts';

const SIGN_IN = `mutation($u: String!, $p: String!) { signIn(input: {username: $u, password: $p}) {
  __typename ... on SignInSuccess { token } ... on Error { code message } ... on RetryLaterError { retryAfterSeconds } } }`;

type Answer = { __typename: string; code?: string; message?: string; retryAfterSeconds?: number; token?: string };

async function signInFrom(
  server: TestServer,
  address: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await gqlFrom(server.url, address, SIGN_IN, { u: username, p: password }, headers);
  expect(response.status).toBe(200);
  return response.data?.signIn as Answer;
}

const codes = (answers: Answer[]) => answers.map((answer) => answer.code ?? answer.__typename);

describe(`sign-in throttle with the shipped limits (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('200 wrong passwords from one address: 10 are checked, then LIMIT_EXCEEDED, the right one too', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 200; attempt++) {
      answers.push(await signInFrom(server, '127.0.0.2', 'yf.clerk', `Wrong-${attempt}`));
    }
    expect(codes(answers.slice(0, 10))).toEqual(Array(10).fill('UNAUTHENTICATED'));
    // a wrong password and an unknown username read the same: neither says which accounts exist
    expect(answers[0]?.message).toBe('用户名或密码错误');
    expect((await signInFrom(server, '127.0.0.9', 'no.such.user', 'Wrong-0'))?.message).toBe('用户名或密码错误');
    expect(codes(answers.slice(10))).toEqual(Array(190).fill('LIMIT_EXCEEDED'));
    expect(answers[10]).toEqual({
      __typename: 'RetryLaterError',
      code: 'LIMIT_EXCEEDED',
      message: '登录尝试过于频繁，请 1 分钟后再试',
      retryAfterSeconds: expect.any(Number),
    });
    expect(answers[199]?.retryAfterSeconds).toBeGreaterThan(0);
    expect(answers[199]?.retryAfterSeconds).toBeLessThanOrEqual(60);
    // the lock is useless if the right password got through it
    const right = await signInFrom(server, '127.0.0.2', 'yf.clerk', DEMO_PASSWORD, { 'accept-language': 'en' });
    expect(right).toMatchObject({
      __typename: 'RetryLaterError',
      code: 'LIMIT_EXCEEDED',
      message: expect.stringMatching(/^Too many sign-in attempts; try again in (1 minute|\d+ seconds?)$/),
    });
    // one attacking machine cannot lock the real user out: the account itself is below its own limit
    expect((await signInFrom(server, '127.0.0.3', 'yf.clerk', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
    // and another account from another address never noticed
    expect((await signInFrom(server, '127.0.0.4', 'yf.legal', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
  }, 120_000);

  it('a parallel burst cannot slip past the limit while the first guesses are being checked', async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, index) => signInFrom(server, '127.0.0.5', 'hzq.officer1', `Burst-${index}`)),
    );
    const checked = codes(answers).filter((code) => code === 'UNAUTHENTICATED').length;
    expect(checked).toBe(10);
    expect(codes(answers).filter((code) => code === 'LIMIT_EXCEEDED')).toHaveLength(50);
  }, 120_000);

  it('ignores X-Forwarded-For when no TRUSTED_PROXY is configured (a forged header escapes nothing)', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 12; attempt++) {
      answers.push(
        await signInFrom(server, '127.0.0.6', 'pd.officer1', `Wrong-${attempt}`, {
          'x-forwarded-for': `203.0.113.${attempt + 1}`,
        }),
      );
    }
    expect(codes(answers)).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
  }, 60_000);

  it('prunes counters idle past any window and lock, keeping the live ones', async () => {
    const { db } = server.running.app;
    const longAgo = new Date(Date.now() - 6 * 900_000);
    await db.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures", "windowStartedAt", "updatedAt")
      VALUES ('account:long-gone', 3, ${longAgo}, ${longAgo})`;
    expect(await pruneThrottle(server.running.app)).toBeGreaterThanOrEqual(1);
    expect(await db.signInThrottle.findUnique({ where: { key: 'account:long-gone' } })).toBeNull();
    // the address locked by the first test is still locked
    expect(await db.signInThrottle.findUnique({ where: { key: 'address:127.0.0.2' } })).toMatchObject({
      lockedUntil: expect.any(Date),
    });
  });

  it('counts sign-ins over graphql-ws with the same counters as over HTTP', async () => {
    const overSocket: Answer[] = [];
    for (let attempt = 0; attempt < 11; attempt++) {
      const result = await wsOnceFrom(server.url, '127.0.0.7', SIGN_IN, { u: 'xh.officer1', p: `Wrong-${attempt}` });
      overSocket.push(result.data?.signIn as Answer);
    }
    expect(codes(overSocket)).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'LIMIT_EXCEEDED']);
    expect(await signInFrom(server, '127.0.0.7', 'xh.officer1', DEMO_PASSWORD)).toMatchObject({
      code: 'LIMIT_EXCEEDED',
    });
    const socketRight = await wsOnceFrom(server.url, '127.0.0.7', SIGN_IN, { u: 'xh.officer2', p: DEMO_PASSWORD });
    expect(socketRight.data?.signIn).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  }, 60_000);
});

describe(`sign-in throttle behind a trusted proxy, short locks (${databaseKind()})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      TRUSTED_PROXY: '127.0.0.1,10.0.0.0/8',
      SIGN_IN_LOCK_SECONDS: '1',
      SIGN_IN_WINDOW_SECONDS: '60',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT: '6',
      SIGN_IN_MAX_FAILURES_PER_ADDRESS: '3',
    });
  });
  afterAll(async () => server?.close());

  const viaProxy = (client: string, username: string, password: string) =>
    signInFrom(server, '127.0.0.1', username, password, { 'x-forwarded-for': `${client}, 10.1.2.3` });

  it('locks an account attacked from many addresses briefly; the lock ends, and a success starts it afresh', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 200; attempt++) {
      // every attacker address stays under its own limit (3): only the account's limit (6) can stop this
      answers.push(await viaProxy(`198.51.100.${(attempt % 100) + 1}`, 'th.officer1', `Wrong-${attempt}`));
    }
    const firstRefusal = codes(answers).indexOf('LIMIT_EXCEEDED');
    expect(firstRefusal).toBe(6);
    const checked = codes(answers).filter((code) => code === 'UNAUTHENTICATED').length;
    // with 1-second locks the attacker gets 6 guesses per lock, not 200
    expect(checked).toBeLessThan(200 / 2);
    // the right password from a fresh address is refused while the account is locked …
    const during = await viaProxy('192.0.2.10', 'th.officer1', DEMO_PASSWORD);
    if (during.__typename !== 'SignInSuccess') {
      expect(during).toMatchObject({ code: 'LIMIT_EXCEEDED' });
      expect(during.retryAfterSeconds).toBeGreaterThan(0);
      await sleep(during.retryAfterSeconds! * 1000 + 100);
    }
    // … and accepted once the lock has ended
    expect((await viaProxy('192.0.2.10', 'th.officer1', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
    // the success reset the account's count: six further failures are checked before it locks again
    const again: Answer[] = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      again.push(await viaProxy(`192.0.2.${20 + attempt}`, 'th.officer1', `Again-${attempt}`));
    }
    expect(codes(again)).toEqual([...Array(6).fill('UNAUTHENTICATED'), 'LIMIT_EXCEEDED']);
  }, 120_000);

  it('takes the client from X-Forwarded-For of a trusted proxy: one client locked, another unaffected', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      answers.push(await viaProxy('192.0.2.77', `nobody${attempt}`, 'Wrong-1'));
    }
    expect(codes(answers)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'LIMIT_EXCEEDED']);
    expect((await viaProxy('192.0.2.78', 'gd.confirmer', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
    // a hop the proxy did not vouch for (left of the client) changes nothing
    const spoofed = await signInFrom(server, '127.0.0.1', 'gd.confirmer', DEMO_PASSWORD, {
      'x-forwarded-for': '203.0.113.9, 192.0.2.77',
    });
    expect(spoofed).toMatchObject({ code: 'LIMIT_EXCEEDED' });
  }, 60_000);

  it('counts an IPv6 client per /64, so rotating addresses within it escapes nothing', async () => {
    const answers: Answer[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      answers.push(await viaProxy(`2001:db8:1:2::${attempt + 1}`, `v6user${attempt}`, 'Wrong-1'));
    }
    expect(codes(answers)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'LIMIT_EXCEEDED']);
    expect((await viaProxy('2001:db8:1:3::1', 'zj.confirmer', DEMO_PASSWORD)).__typename).toBe('SignInSuccess');
  }, 60_000);
});
