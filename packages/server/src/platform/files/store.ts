import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Content-addressed files: the path is derived from the SHA-256, so identical uploads are stored once. */
export class FileStore {
  constructor(
    private readonly root: string,
    private readonly urlSecret: string,
  ) {
    mkdirSync(root, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid content address');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  put(bytes: Uint8Array): string {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.pathOf(sha256);
    if (!existsSync(path)) {
      mkdirSync(join(path, '..'), { recursive: true });
      const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(temporary, bytes);
      renameSync(temporary, path);
    }
    return sha256;
  }

  /** A download link for one viewer, valid for a limited time (browsers cannot send bearer headers on links). */
  signedUrl(materialId: string, userId: string, ttlSeconds = 3600): string {
    return this.signedLink(`/files/${encodeURIComponent(materialId)}`, materialId, userId, ttlSeconds);
  }

  /** Any generated download at `path`, signed over `key` (what is downloaded) for one user. */
  signedLink(path: string, key: string, userId: string, ttlSeconds = 3600): string {
    const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
    return `${path}?u=${encodeURIComponent(userId)}&e=${expires}&s=${this.signature(key, userId, expires)}`;
  }

  /** The user a link made by `signedLink` was signed for, or null when it is forged or expired. */
  userOfSignedLink(key: string, url: URL): string | null {
    const userId = url.searchParams.get('u') ?? '';
    const valid = this.verifySignedUrl(key, userId, Number(url.searchParams.get('e')), url.searchParams.get('s') ?? '');
    return valid ? userId : null;
  }

  verifySignedUrl(materialId: string, userId: string, expires: number, signature: string): boolean {
    if (!Number.isFinite(expires) || expires < Date.now() / 1000) return false;
    const expected = Buffer.from(this.signature(materialId, userId, expires));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private signature(materialId: string, userId: string, expires: number): string {
    return createHmac('sha256', this.urlSecret).update(`${materialId}:${userId}:${expires}`).digest('base64url');
  }
}
