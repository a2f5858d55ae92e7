import {
  type Actor,
  type DomainError,
  domainError,
  err,
  ok,
  passwordChangeReason,
  passwordExpiresAt,
  type Result,
  retryAfterSeconds,
  type SecurityEvent,
  twoFactorRequired,
  waitInWords,
} from '@leqi/domain';
import type { User } from '../../generated/prisma/client.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import type { SignedIn } from '../../platform/auth/signed-in-cache.ts';
import { hashToken, newSecretToken } from '../../platform/auth/tokens.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { DEMO_PASSWORD, DEMO_USERNAMES } from '../../seed/demo-data.ts';
import { recordSecurityEvent, securityActor } from '../security-log/record.ts';
import { admitAttempt, forgiveAddress, settleAttempt, signInKeys } from './throttle.ts';
import { consumeSecondFactor } from './two-factor.ts';

type UserWithAuthority = User & { authority?: { level: 'PROVINCIAL' | 'LOCAL' } | null };

function actorOf(user: UserWithAuthority, authorityLevel: 'PROVINCIAL' | 'LOCAL' | undefined): Actor | null {
  if (user.role === 'ENTERPRISE' && user.enterpriseId && user.identityType) {
    return { role: 'ENTERPRISE', userId: user.id, enterpriseId: user.enterpriseId, identityType: user.identityType };
  }
  if (user.role === 'OFFICER' && user.authorityCode && authorityLevel) {
    return { role: 'OFFICER', userId: user.id, authorityCode: user.authorityCode, authorityLevel };
  }
  if (user.role === 'ADMIN') return { role: 'ADMIN', userId: user.id };
  return null;
}

async function viewerOfUser(app: AppServices, user: User): Promise<Viewer | null> {
  const authority = user.authorityCode
    ? await app.db.taxAuthority.findUnique({ where: { code: user.authorityCode }, select: { level: true } })
    : null;
  const actor = actorOf(user, authority?.level);
  if (!actor) return null;
  const policy = app.config.passwordPolicy;
  const password = {
    changeReason: passwordChangeReason(
      { changedAt: user.passwordChangedAt, temporary: user.passwordTemporary },
      policy,
      new Date(),
    ),
    expiresAt: passwordExpiresAt(user.passwordChangedAt, policy),
  };
  const twoFactor = {
    enabled: user.totpEnabledAt !== null,
    required: twoFactorRequired(actor.role, app.config.twoFactorRoles),
  };
  return { userId: user.id, username: user.username, displayName: user.displayName, actor, password, twoFactor };
}

export async function viewerOfUserId(app: AppServices, userId: string): Promise<Viewer | null> {
  const user = await app.db.user.findUnique({ where: { id: userId } });
  return user && !user.disabled ? viewerOfUser(app, user) : null;
}

const INVALID_CREDENTIALS: DomainError = domainError('UNAUTHENTICATED', { reason: 'INVALID_CREDENTIALS' });
/** a valid scrypt hash of nothing anyone knows: unknown usernames cost the same time as known ones */
const NOBODY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA';

/** LIMIT_EXCEEDED of a throttled attempt at a password (a sign-in, or the current password of a change). */
export function signInRefused(retryAfterMs: number): DomainError {
  const seconds = retryAfterSeconds(retryAfterMs);
  return domainError('LIMIT_EXCEEDED', { retryAfterSeconds: seconds, ...waitInWords(seconds) });
}

/**
 * 登录: throttled per account and per client address (features/auth/throttle.ts); over the limit, even the right
 * password is refused with LIMIT_EXCEEDED until the lock ends. Without demo data the published demo password
 * opens no account, even on a database that was seeded with it earlier.
 *
 * 双因素认证: an account with two factors needs `oneTimeCode` too. The right password without one is answered
 * TWO_FACTOR_REQUIRED and stays counted against the account (not the address), so a caller who has the password
 * cannot reset the count between guesses of the code; a wrong code is a failed attempt like a wrong password.
 */
export async function signIn(
  app: AppServices,
  credentials: { username: string; password: string; oneTimeCode?: string | null },
  clientAddress: string | null,
): Promise<Result<{ token: string; viewer: Viewer }>> {
  const { username, password, oneTimeCode } = credentials;
  if (!username.trim() || !password) {
    return err(
      domainError('VALIDATION_FAILED', {}, [
        ...(username.trim() ? [] : [{ field: 'username', code: 'REQUIRED' as const }]),
        ...(password ? [] : [{ field: 'password', code: 'REQUIRED' as const }]),
      ]),
    );
  }
  const keys = signInKeys(app.config.signInThrottle, username, clientAddress);
  const log = (outcome: 'SUCCESS' | 'FAILURE', event: SecurityEvent, reason: string | null, who?: Viewer | null) =>
    recordSecurityEvent(app, {
      event,
      username,
      outcome,
      address: clientAddress,
      reason,
      actor: who ? securityActor(who) : null,
    });
  const { retryAfterMs, lockBegan } = await admitAttempt(app, keys);
  // 登录失败处理: the lock-out is recorded once, when it begins; the attempts it then refuses are not
  if (lockBegan) await log('FAILURE', 'signInLockedOut', null);
  if (retryAfterMs > 0) return err(signInRefused(retryAfterMs));
  const user = await app.db.user.findUnique({ where: { username: username.trim() } });
  // verify even for unknown users so timing does not reveal which usernames exist
  const matches = await verifyPassword(password, user?.passwordHash ?? NOBODY_HASH);
  const retiredDemoPassword = !app.config.seedDemoData && password === DEMO_PASSWORD;
  const viewer = user && matches && !retiredDemoPassword && !user.disabled ? await viewerOfUser(app, user) : null;
  if (user && viewer && user.totpEnabledAt) {
    if (!oneTimeCode?.trim()) {
      await forgiveAddress(app, keys);
      return err(domainError('TWO_FACTOR_REQUIRED'));
    }
    const passed = await consumeSecondFactor(app, user, oneTimeCode);
    await settleAttempt(app, keys, passed);
    if (!passed) {
      await log('FAILURE', 'signInFailed', 'INCORRECT_ONE_TIME_CODE', viewer);
      return err(domainError('VALIDATION_FAILED', {}, [{ field: 'oneTimeCode', code: 'INCORRECT_ONE_TIME_CODE' }]));
    }
  } else {
    await settleAttempt(app, keys, viewer !== null);
  }
  if (!user || !viewer) {
    const reason = !user ? 'UNKNOWN_USER' : matches && user.disabled ? 'ACCOUNT_DISABLED' : 'WRONG_PASSWORD';
    await log('FAILURE', 'signInFailed', reason);
    return err(INVALID_CREDENTIALS);
  }
  await log('SUCCESS', 'signInSucceeded', null, viewer);
  const { token, hash } = newSecretToken('lq');
  await app.db.session.create({
    data: { tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + app.config.sessionTtlHours * 3600_000) },
  });
  return ok({ token, viewer });
}

/** Ends the session on every instance before answering: no cached state of it outlives the call. */
export async function signOut(
  app: AppServices,
  token: string | null,
  who: { viewer: Viewer | null; clientAddress: string | null } = { viewer: null, clientAddress: null },
): Promise<boolean> {
  if (!token) return false;
  const tokenHash = hashToken(token);
  const { count } = await app.db.session.deleteMany({ where: { tokenHash } });
  await app.signedIn?.revoke({ tokenHash });
  const { viewer, clientAddress } = who;
  if (count > 0 && viewer) {
    await recordSecurityEvent(app, {
      event: 'signedOut',
      username: viewer.username,
      outcome: 'SUCCESS',
      address: clientAddress,
      actor: securityActor(viewer),
    });
  }
  return count > 0;
}

/**
 * Resolves a bearer token (a session of a user, or an enterprise's API token) to the caller: from the process's
 * signed-in cache when it holds the token (platform/auth/signed-in-cache.ts), else from the database.
 * `activity`: the user made this request (it keeps the session from idling); false for the server's own re-checks of
 * open subscriptions, so a page left open does not keep its session alive.
 */
export async function viewerFromToken(
  app: AppServices,
  token: string | null,
  { activity = true }: { activity?: boolean } = {},
): Promise<Viewer | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  if (app.signedIn) return app.signedIn.resolve(tokenHash, () => readSignedIn(app, tokenHash, activity));
  return (await readSignedIn(app, tokenHash, activity))?.viewer ?? null;
}

/** `lastSeenAt` is written at most once a minute per session, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 60_000;

async function readSignedIn(app: AppServices, tokenHash: string, activity: boolean): Promise<SignedIn | null> {
  const session = await app.db.session.findUnique({ where: { tokenHash }, include: { user: true } });
  if (session) {
    const now = new Date();
    const idleMs = app.config.sessionIdleMinutes * 60_000;
    const idleSince = idleMs > 0 ? new Date(now.getTime() - idleMs) : null;
    if (idleSince && session.lastSeenAt < idleSince) {
      // 会话空闲超时: ended for good, as a sign-out would
      await app.db.session.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (session.expiresAt < now || session.user.disabled) return null;
    const viewer = await viewerOfUser(app, session.user);
    if (!viewer) return null;
    let lastSeenAt = session.lastSeenAt;
    if (activity && now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
      // conditional, so instances racing on one session write once
      await app.db.session.updateMany({
        where: { id: session.id, lastSeenAt: { lte: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS) } },
        data: { lastSeenAt: now },
      });
      lastSeenAt = now;
    }
    // remembered no longer than the session may idle from what is known of its last use
    const idleEnd = idleMs > 0 ? new Date(lastSeenAt.getTime() + idleMs) : null;
    return { viewer, expiresAt: idleEnd && idleEnd < session.expiresAt ? idleEnd : session.expiresAt };
  }
  const apiToken = await app.db.apiToken.findUnique({ where: { tokenHash } });
  if (!apiToken || apiToken.revokedAt || (apiToken.expiresAt && apiToken.expiresAt < new Date())) return null;
  // read again (and so touched) at least once per cache lifetime
  await touchApiToken(app, apiToken.id, apiToken.lastUsedAt);
  const viewer: Viewer = {
    userId: `token:${apiToken.id}`,
    username: apiToken.prefix,
    displayName: apiToken.name,
    actor: { role: 'API_CLIENT', tokenId: apiToken.id, enterpriseId: apiToken.enterpriseId },
  };
  return { viewer, expiresAt: apiToken.expiresAt };
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = authorization?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/**
 * The demo users offered on the sign-in page of a demo deployment (SEED_DEMO_DATA, off in production unless
 * set); only the seeded demo accounts, never one an admin created.
 */
export async function demoUsers(app: AppServices) {
  if (!app.config.seedDemoData) return [];
  return app.db.user.findMany({
    where: { disabled: false, username: { in: [...DEMO_USERNAMES] } },
    orderBy: [{ role: 'asc' }, { username: 'asc' }],
    include: { enterprise: { select: { name: true } } },
  });
}

/** `lastUsedAt` is written at most once a minute per token, not on every request of an integration. */
const LAST_USED_RESOLUTION_MS = 60_000;

async function touchApiToken(app: AppServices, id: string, lastUsedAt: Date | null): Promise<void> {
  const now = new Date();
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (lastUsedAt && lastUsedAt > stale) return;
  // conditional, so instances racing on the same token write once
  await app.db.apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
    data: { lastUsedAt: now },
  });
}
