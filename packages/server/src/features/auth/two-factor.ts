// 双因素认证: enrolment by the account's holder (a secret offered, confirmed with a code from the app, recovery codes
// shown once), the second factor at sign-in (each code and each recovery code works once), turning it off where the
// role allows, and new recovery codes. An administrator's reset lives with the accounts (admin/accounts.ts).
import { domainError, err, ok, type Result, readOneTimeCode, twoFactorRequired } from '@leqi/domain';
import type { User } from '../../generated/prisma/client.ts';
import { newRecoveryCodes, newTotpSecret, otpauthUri, recoveryCodeHash, totpStep } from '../../platform/auth/totp.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { adminChangeEvent, invalid } from '../admin/common.ts';
import { signInRefused, viewerOfUserId } from './service.ts';
import { admitAttempt, settleAttempt, signInKeys } from './throttle.ts';

const INCORRECT_CODE = [{ field: 'oneTimeCode', code: 'INCORRECT_ONE_TIME_CODE' as const }];

/**
 * Uses up `typed` as the user's second factor when it is right: a TOTP code of a step later than the last one
 * accepted, or one of the unused recovery codes. Conditional writes, so of two uses of one code at once one wins.
 */
export async function consumeSecondFactor(app: AppServices, user: User, typed: string): Promise<boolean> {
  const read = readOneTimeCode(typed);
  if (!read || !user.totpSecret) return false;
  if (read.kind === 'TOTP') {
    const step = totpStep(user.totpSecret, read.code);
    if (step === null) return false;
    const { count } = await app.db.user.updateMany({
      where: { id: user.id, totpSecret: user.totpSecret, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1;
  }
  const hash = recoveryCodeHash(read.code);
  if (!user.recoveryCodeHashes.includes(hash)) return false;
  const { count } = await app.db.user.updateMany({
    where: { id: user.id, recoveryCodeHashes: { has: hash } },
    data: { recoveryCodeHashes: user.recoveryCodeHashes.filter((kept) => kept !== hash) },
  });
  return count === 1;
}

function holderOf(viewer: Viewer): Result<Viewer> {
  return viewer.actor.role === 'API_CLIENT' ? err(domainError('FORBIDDEN')) : ok(viewer);
}

function audit(viewer: Viewer, user: User, event: string, payload: Record<string, unknown> = {}) {
  return adminChangeEvent(viewer, {
    kind: 'ADMIN_USER',
    id: user.id,
    event,
    payload: { username: user.username, ...payload },
  });
}

export interface EnrolmentOffer {
  secret: string;
  otpauthUri: string;
}

/** 设置双因素认证, step one: a new secret for the app, kept pending until a code confirms it (a new offer replaces it). */
export async function beginTwoFactorEnrolment(app: AppServices, viewer: Viewer): Promise<Result<EnrolmentOffer>> {
  const holder = holderOf(viewer);
  if (!holder.ok) return holder;
  const secret = newTotpSecret();
  const { count } = await app.db.user.updateMany({
    where: { id: viewer.userId, totpEnabledAt: null },
    data: { totpPendingSecret: secret },
  });
  if (count === 0) return err(domainError('INVALID_TRANSITION', { reason: 'TWO_FACTOR_ON' }));
  return ok({ secret, otpauthUri: otpauthUri(secret, viewer.username) });
}

export interface Enrolled {
  viewer: Viewer;
  /** shown once: the server keeps only their hashes */
  recoveryCodes: string[];
}

/** Step two: a code from the app proves it holds the offered secret; two factors are on from now. */
export async function confirmTwoFactorEnrolment(
  app: AppServices,
  viewer: Viewer,
  oneTimeCode: string,
): Promise<Result<Enrolled>> {
  const holder = holderOf(viewer);
  if (!holder.ok) return holder;
  const user = await app.db.user.findUniqueOrThrow({ where: { id: viewer.userId } });
  if (user.totpEnabledAt) return err(domainError('INVALID_TRANSITION', { reason: 'TWO_FACTOR_ON' }));
  if (!user.totpPendingSecret) return err(domainError('INVALID_TRANSITION', { reason: 'NO_ENROLMENT_OFFER' }));
  const read = readOneTimeCode(oneTimeCode);
  const step = read?.kind === 'TOTP' ? totpStep(user.totpPendingSecret, read.code) : null;
  if (step === null) return invalid(INCORRECT_CODE);
  const { codes, hashes } = newRecoveryCodes();
  const enrolled = await inTransaction(app, async (tx, emit) => {
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
      data: {
        totpSecret: user.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: step,
        recoveryCodeHashes: hashes,
      },
    });
    if (count === 0) throw new Refusal(domainError('STALE_VERSION'));
    emit(await appendCaseEvent(tx, audit(viewer, user, 'enableTwoFactor')));
  });
  if (!enrolled.ok) return enrolled;
  const fresh = await viewerOfUserId(app, user.id);
  return fresh ? ok({ viewer: fresh, recoveryCodes: codes }) : err(domainError('UNAUTHENTICATED'));
}

/** Where the caller is, for the sign-in throttle that counts wrong codes here too. */
export type Caller = { viewer: Viewer; clientAddress: string | null };

/**
 * Checks the holder's code (or recovery code) for a change of their own two-factor settings; wrong codes count
 * against the sign-in throttle, so a borrowed session cannot guess its way to turning two factors off.
 */
async function enrolledHolder(app: AppServices, { viewer, clientAddress }: Caller, oneTimeCode: string) {
  const holder = holderOf(viewer);
  if (!holder.ok) return holder;
  const user = await app.db.user.findUniqueOrThrow({ where: { id: viewer.userId } });
  if (!user.totpEnabledAt) return err(domainError('INVALID_TRANSITION', { reason: 'TWO_FACTOR_OFF' }));
  const keys = signInKeys(app.config.signInThrottle, viewer.username, clientAddress);
  const { retryAfterMs } = await admitAttempt(app, keys);
  if (retryAfterMs > 0) return err(signInRefused(retryAfterMs));
  const passed = await consumeSecondFactor(app, user, oneTimeCode);
  await settleAttempt(app, keys, passed);
  return passed ? ok(user) : invalid(INCORRECT_CODE);
}

/** 关闭双因素认证: only where the user's role does not require it (TWO_FACTOR_ROLES). */
export async function disableTwoFactor(app: AppServices, caller: Caller, oneTimeCode: string): Promise<Result<Viewer>> {
  const { viewer } = caller;
  if (twoFactorRequired(viewer.actor.role, app.config.twoFactorRoles)) return err(domainError('FORBIDDEN'));
  const user = await enrolledHolder(app, caller, oneTimeCode);
  if (!user.ok) return user;
  const done = await inTransaction(app, async (tx, emit) => {
    await tx.user.update({ where: { id: user.value.id }, data: TWO_FACTOR_OFF });
    emit(await appendCaseEvent(tx, audit(viewer, user.value, 'disableTwoFactor')));
  });
  if (!done.ok) return done;
  const fresh = await viewerOfUserId(app, viewer.userId);
  return fresh ? ok(fresh) : err(domainError('UNAUTHENTICATED'));
}

/** 重新生成恢复码: the old ones stop working. */
export async function regenerateRecoveryCodes(
  app: AppServices,
  caller: Caller,
  oneTimeCode: string,
): Promise<Result<string[]>> {
  const { viewer } = caller;
  const user = await enrolledHolder(app, caller, oneTimeCode);
  if (!user.ok) return user;
  const { codes, hashes } = newRecoveryCodes();
  const done = await inTransaction(app, async (tx, emit) => {
    await tx.user.update({ where: { id: user.value.id }, data: { recoveryCodeHashes: hashes } });
    emit(await appendCaseEvent(tx, audit(viewer, user.value, 'regenerateRecoveryCodes')));
  });
  return done.ok ? ok(codes) : done;
}

/** What an account holds of two factors once they are off (by its holder or an administrator's reset). */
export const TWO_FACTOR_OFF = {
  totpSecret: null,
  totpPendingSecret: null,
  totpEnabledAt: null,
  totpLastStep: null,
  recoveryCodeHashes: [],
};
