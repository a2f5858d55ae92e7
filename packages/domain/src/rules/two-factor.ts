// 两种鉴别技术 (GB/T 22239-2019 level 3): bureau officers and administrators sign in with a password and a one-time
// code from an authenticator app (TOTP, RFC 6238); enterprise users may choose to. A recovery code, each usable
// once, stands in for the app when it is lost.
import type { ActorRole } from '../actors.ts';

/** The roles of people who sign in (API tokens stay single-factor: they are scoped and expire). */
export const TWO_FACTOR_ROLES = ['ENTERPRISE', 'OFFICER', 'ADMIN'] as const satisfies readonly ActorRole[];
export type TwoFactorRole = (typeof TWO_FACTOR_ROLES)[number];

/** Who must use two factors when a deployment does not say (TWO_FACTOR_ROLES). */
export const DEFAULT_TWO_FACTOR_ROLES: readonly TwoFactorRole[] = ['OFFICER', 'ADMIN'];

export function twoFactorRequired(role: ActorRole, requiredRoles: readonly TwoFactorRole[]): boolean {
  return (requiredRoles as readonly ActorRole[]).includes(role);
}

/** How many recovery codes an enrolment hands out. */
export const RECOVERY_CODE_COUNT = 10;
/** A recovery code is ten characters of this alphabet (no 0/o, 1/l/i), shown as two groups of five. */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_CODE_LENGTH = 10;

export function formatRecoveryCode(characters: string): string {
  return `${characters.slice(0, 5)}-${characters.slice(5)}`;
}

/**
 * What a user typed as their second factor: a six-digit code of the app, or a recovery code (case, spaces and the
 * hyphen do not matter); null when it is neither.
 */
export function readOneTimeCode(
  typed: string,
): { kind: 'TOTP'; code: string } | { kind: 'RECOVERY'; code: string } | null {
  const compact = typed.replace(/[\s-]/g, '').toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: 'TOTP', code: compact };
  const recovery = new RegExp(`^[${RECOVERY_CODE_ALPHABET}]{${RECOVERY_CODE_LENGTH}}$`);
  if (recovery.test(compact)) return { kind: 'RECOVERY', code: formatRecoveryCode(compact) };
  return null;
}
