// 修改密码: the holder of an account sets a new password (口令策略, GB/T 22239-2019 身份鉴别). The current password is
// checked like a sign-in: throttled on the same keys, a wrong one counted as a failed attempt. The new one must
// pass the policy and be none of the last PASSWORD_HISTORY passwords, the current one included. Every other
// session of the account ends; the caller's own stays signed in.
import {
  domainError,
  err,
  type FieldIssue,
  nextPasswordHistory,
  type PasswordPolicy,
  passwordIssue,
  type Result,
} from '@leqi/domain';
import { hashPassword, verifyPassword } from '../../platform/auth/passwords.ts';
import { hashToken } from '../../platform/auth/tokens.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { adminChangeEvent, invalid } from '../admin/common.ts';
import { signInRefused, viewerOfUserId } from './service.ts';
import { admitAttempt, settleAttempt, signInKeys } from './throttle.ts';

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** Whether `password` is one of the last `history` passwords: the current one, or one kept before it. */
async function usedBefore(password: string, current: string, earlier: string[], policy: PasswordPolicy) {
  if (policy.history === 0) return false;
  for (const hash of [current, ...earlier.slice(0, policy.history - 1)]) {
    if (await verifyPassword(password, hash)) return true;
  }
  return false;
}

export async function changeOwnPassword(
  app: AppServices,
  viewer: Viewer,
  sessionToken: string | null,
  clientAddress: string | null,
  input: PasswordChange,
): Promise<Result<Viewer>> {
  if (viewer.actor.role === 'API_CLIENT') return err(domainError('FORBIDDEN'));
  const missing = (['currentPassword', 'newPassword'] as const)
    .filter((field) => !input[field])
    .map((field): FieldIssue => ({ field, code: 'REQUIRED' }));
  if (missing.length > 0) return invalid(missing);
  const policy = app.config.passwordPolicy;

  const keys = signInKeys(app.config.signInThrottle, viewer.username, clientAddress);
  const { retryAfterMs } = await admitAttempt(app, keys);
  if (retryAfterMs > 0) return err(signInRefused(retryAfterMs));
  const user = await app.db.user.findUniqueOrThrow({ where: { id: viewer.userId } });
  const current = await verifyPassword(input.currentPassword, user.passwordHash);
  await settleAttempt(app, keys, current);
  if (!current) return invalid([{ field: 'currentPassword', code: 'INCORRECT_PASSWORD' }]);

  const weak = passwordIssue(input.newPassword, policy, { field: 'newPassword', username: user.username });
  if (weak) return invalid([weak]);
  if (await usedBefore(input.newPassword, user.passwordHash, user.passwordHistory, policy)) {
    return invalid([{ field: 'newPassword', code: 'PASSWORD_REUSED', params: { history: policy.history } }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const kept = sessionToken ? hashToken(sessionToken) : null;
  const changed = await inTransaction(app, async (tx, emit) => {
    // written only over the password that was checked: of two changes at once, the second is refused
    const { count } = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: {
        passwordHash,
        passwordChangedAt: new Date(),
        passwordTemporary: false,
        passwordHistory: nextPasswordHistory(user.passwordHash, user.passwordHistory, policy),
      },
    });
    if (count === 0) throw new Refusal(domainError('STALE_VERSION'));
    // whoever else held the old password is signed out everywhere
    await tx.session.deleteMany({ where: { userId: user.id, ...(kept ? { tokenHash: { not: kept } } : {}) } });
    emit(
      await appendCaseEvent(
        tx,
        adminChangeEvent(viewer, {
          kind: 'ADMIN_USER',
          id: user.id,
          event: 'changeOwnPassword',
          payload: { username: user.username, passwordSetBy: 'SELF' },
        }),
      ),
    );
  });
  if (!changed.ok) return changed;
  const fresh = await viewerOfUserId(app, user.id);
  return fresh ? { ok: true, value: fresh } : err(domainError('UNAUTHENTICATED'));
}
