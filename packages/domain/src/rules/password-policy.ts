// 身份鉴别 (GB/T 22239-2019 level 3): a password has a minimum length and several character classes, is changed
// after a maximum age, and is none of the account's last few passwords. Every number comes from configuration.
import type { FieldIssue } from '../errors.ts';

export interface PasswordPolicy {
  minLength: number;
  /** how many of the four classes (lower case, upper case, digits, other characters) it must mix */
  minClasses: number;
  /** days until a password must be changed; 0: never */
  maxAgeDays: number;
  /** how many of the latest passwords, the current one included, may not be used again; 0: any */
  history: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3, maxAgeDays: 90, history: 5 };

/** Longer passwords are refused: scrypt's cost grows with them, and nobody types more. */
export const PASSWORD_MAX_LENGTH = 64;

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

export function passwordClasses(password: string): number {
  return CLASSES.filter((pattern) => pattern.test(password)).length;
}

/**
 * Why a new password is refused by the policy, or null: too short or too long (OUT_OF_RANGE), too few classes
 * (WEAK_PASSWORD), or containing the user name (WEAK_PASSWORD).
 */
export function passwordIssue(
  password: string,
  policy: PasswordPolicy,
  { field = 'password', username }: { field?: string; username?: string } = {},
): FieldIssue | null {
  const { minLength, minClasses } = policy;
  if (password.length < minLength || password.length > PASSWORD_MAX_LENGTH) {
    return { field, code: 'OUT_OF_RANGE', params: { min: minLength, max: PASSWORD_MAX_LENGTH } };
  }
  if (passwordClasses(password) < minClasses) return { field, code: 'WEAK_PASSWORD', params: { minClasses } };
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return { field, code: 'WEAK_PASSWORD', params: { minClasses, username } };
  }
  return null;
}

/** Why the account's holder must set a new password before anything else. */
export const PASSWORD_CHANGE_REASONS = ['TEMPORARY', 'EXPIRED'] as const;
export type PasswordChangeReason = (typeof PASSWORD_CHANGE_REASONS)[number];

export function passwordChangeReason(
  password: { changedAt: Date; temporary: boolean },
  policy: PasswordPolicy,
  now: Date,
): PasswordChangeReason | null {
  if (password.temporary) return 'TEMPORARY';
  const expiresAt = passwordExpiresAt(password.changedAt, policy);
  return expiresAt && expiresAt <= now ? 'EXPIRED' : null;
}

/** When a password set at `changedAt` runs out; null when passwords do not age. */
export function passwordExpiresAt(changedAt: Date, policy: PasswordPolicy): Date | null {
  return policy.maxAgeDays > 0 ? new Date(changedAt.getTime() + policy.maxAgeDays * 86_400_000) : null;
}

/**
 * The hashes kept against reuse after a change, newest first: with the new current password they make the last
 * `history` passwords (the current one counts, as in most password-history settings).
 */
export function nextPasswordHistory(
  replacedHash: string,
  earlier: readonly string[],
  policy: PasswordPolicy,
): string[] {
  return [replacedHash, ...earlier].slice(0, Math.max(0, policy.history - 1));
}
