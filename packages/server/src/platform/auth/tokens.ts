import { createHash, randomBytes } from 'node:crypto';

/** A bearer secret and the hash under which it is stored; the secret itself is never persisted. */
export function newSecretToken(prefix: string): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
