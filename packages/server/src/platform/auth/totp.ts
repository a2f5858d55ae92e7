// TOTP (RFC 6238) as every authenticator app reads it: SHA-1, six digits, a 30-second step. A code of the step
// before or after the current one is accepted too, for clocks that drift and codes typed at a step's end.
import { randomInt } from 'node:crypto';
import { formatRecoveryCode, RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT } from '@leqi/domain';
import { Secret, TOTP } from 'otpauth';
import { hashToken } from './tokens.ts';

const PERIOD_SECONDS = 30;
const ISSUER = '乐企自用 Leqi';

function totpOf(secret: string, account = ''): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new 160-bit secret, base32 as authenticator apps take it typed in. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// address a QR code carries to the app. */
export function otpauthUri(secret: string, account: string): string {
  return totpOf(secret, account).toString();
}

/** The time step of `code` when it is right for now (±1 step), else null. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
}

/** The code an app shows at `now` (tests and the demo only; users read theirs from the app). */
export function totpCode(secret: string, now = Date.now()): string {
  return totpOf(secret).generate({ timestamp: now });
}

/** Fresh recovery codes, as shown once to the user, and the hashes the server keeps of them. */
export function newRecoveryCodes(): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    formatRecoveryCode(
      Array.from({ length: 10 }, () => RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)]).join(''),
    ),
  );
  return { codes, hashes: codes.map(recoveryCodeHash) };
}

export function recoveryCodeHash(code: string): string {
  return hashToken(`recovery:${code}`);
}
