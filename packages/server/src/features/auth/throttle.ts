// 登录限流 in the database, so every instance of a deployment counts the same attempts (PGlite and PostgreSQL
// alike). The rule itself (how many, how long) is the domain's `admitSignIn`; here the rows of an attempt's keys
// are locked, judged and written back in one transaction, so concurrent attempts are counted one after another.
import { admitSignIn, type ThrottlePolicy, type ThrottleState } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SignInThrottleConfig } from '../../platform/config.ts';
import type { AppServices } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { TRANSACTION_OPTIONS } from '../../platform/db/transaction.ts';
import { addressBucket } from '../../platform/http/client-address.ts';

interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

/** How long an address stays locked at most, in windows (an account: one window). */
const ADDRESS_MAX_LOCK_WINDOWS = 4;

function policies(config: SignInThrottleConfig) {
  const windowMs = config.windowSeconds * 1000;
  const lockMs = config.lockSeconds * 1000;
  return {
    account: { maxFailures: config.maxFailuresPerAccount, windowMs, lockMs, maxLockMs: Math.max(lockMs, windowMs) },
    address: {
      maxFailures: config.maxFailuresPerAddress,
      windowMs,
      lockMs,
      maxLockMs: Math.max(lockMs, ADDRESS_MAX_LOCK_WINDOWS * windowMs),
    },
  };
}

const accountKey = (username: string) => `account:${username.trim().toLowerCase().slice(0, 100)}`;

/** Until when sign-ins of `username` are refused; null when they are not. */
export async function accountLockedUntil(app: AppServices, username: string): Promise<Date | null> {
  const row = await app.db.signInThrottle.findUnique({ where: { key: accountKey(username) } });
  return row?.lockedUntil && row.lockedUntil > new Date() ? row.lockedUntil : null;
}

/** 解除锁定: the account's failures and lock are forgotten (its addresses' counts stand); whether it was locked. */
export async function unlockAccount(tx: Tx, username: string): Promise<boolean> {
  const row = await tx.signInThrottle.findUnique({ where: { key: accountKey(username) } });
  if (!row) return false;
  await tx.signInThrottle.delete({ where: { key: row.key } });
  return row.lockedUntil !== null && row.lockedUntil > new Date();
}

/** The account (whether it exists or not, so locks reveal nothing) and, when known, the client's address. */
export function signInKeys(
  config: SignInThrottleConfig,
  username: string,
  clientAddress: string | null,
): ThrottleKey[] {
  const { account, address } = policies(config);
  const keys: ThrottleKey[] = [{ key: accountKey(username), policy: account }];
  if (clientAddress) keys.push({ key: `address:${addressBucket(clientAddress)}`, policy: address });
  return keys;
}

const stateOf = (row: { failures: number; windowStartedAt: Date; lockedUntil: Date | null; locks: number }) => ({
  failures: row.failures,
  windowStartedAt: row.windowStartedAt.getTime(),
  lockedUntil: row.lockedUntil?.getTime() ?? null,
  locks: row.locks,
});

/**
 * Counts the attempt on every key; `retryAfterMs` > 0 means it is refused without checking the password.
 * `lockBegan`: this attempt started a lock (登录失败处理: the lock-out the security log records, once per lock).
 */
export async function admitAttempt(
  app: AppServices,
  keys: ThrottleKey[],
): Promise<{ retryAfterMs: number; lockBegan: boolean }> {
  const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
  const names = sorted.map(({ key }) => key);
  return app.db.$transaction(async (tx) => {
    const now = new Date();
    for (const key of names) {
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "windowStartedAt", "updatedAt")
        VALUES (${key}, ${now}, ${now}) ON CONFLICT ("key") DO NOTHING`;
    }
    // rows locked in key order: concurrent attempts on the same keys wait for each other and never deadlock
    await tx.$queryRaw`SELECT "key" FROM "SignInThrottle" WHERE "key" IN (${Prisma.join(names)}) ORDER BY "key" FOR UPDATE`;
    const rows = await tx.signInThrottle.findMany({ where: { key: { in: names } } });
    const states: ThrottleState[] = sorted.map(({ key }) => {
      const row = rows.find((candidate) => candidate.key === key);
      return row ? stateOf(row) : { failures: 0, windowStartedAt: now.getTime(), lockedUntil: null, locks: 0 };
    });
    const admission = admitSignIn(
      states,
      sorted.map(({ policy }) => policy),
      now.getTime(),
    );
    for (const [index, { key }] of sorted.entries()) {
      const state = admission.states[index] as ThrottleState;
      await tx.signInThrottle.update({
        where: { key },
        data: {
          failures: state.failures,
          windowStartedAt: new Date(state.windowStartedAt),
          lockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil),
          locks: state.locks,
        },
      });
    }
    const nowMs = now.getTime();
    const lockBegan = admission.states.some((state, index) => {
      const before = states[index]?.lockedUntil ?? null;
      return state.lockedUntil !== null && state.lockedUntil > nowMs && (before === null || before <= nowMs);
    });
    return { retryAfterMs: admission.allowed ? 0 : admission.retryAfterMs, lockBegan };
  }, TRANSACTION_OPTIONS);
}

/**
 * After the password was checked: a failure stays counted; a success takes its attempt back from the address and
 * starts the account afresh (unless a lock began meanwhile).
 */
export async function settleAttempt(app: AppServices, keys: ThrottleKey[], succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  const now = new Date();
  for (const { key } of keys) {
    if (!key.startsWith('account:')) continue;
    await app.db.signInThrottle.deleteMany({
      where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    });
  }
  await forgiveAddress(app, keys);
}

/** Takes the attempt back from the client's address only: the account's count stands. */
export async function forgiveAddress(app: AppServices, keys: ThrottleKey[]): Promise<void> {
  const now = new Date();
  for (const { key } of keys) {
    if (key.startsWith('account:')) continue;
    await app.db.$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0), "updatedAt" = ${now}
      WHERE "key" = ${key}`;
  }
}

/** Rows idle for longer than any window plus lock carry nothing any more. */
export async function pruneThrottle(app: AppServices): Promise<number> {
  const { windowMs, maxLockMs } = policies(app.config.signInThrottle).address;
  const { count } = await app.db.signInThrottle.deleteMany({
    where: { updatedAt: { lt: new Date(Date.now() - windowMs - maxLockMs) } },
  });
  return count;
}

/** Prunes every `intervalMs`; returns the stop function. */
export function startThrottlePrune(app: AppServices, intervalMs = 10 * 60_000): () => void {
  const timer = setInterval(() => {
    pruneThrottle(app).catch((error: unknown) => app.log?.warn('sign-in throttle prune failed', { error }));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
