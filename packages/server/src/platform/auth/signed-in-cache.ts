import type { Viewer } from '../context.ts';

/** What ends signed-in states: one credential (by its hash), every credential of one caller, or all of them. */
export type Revocation = { tokenHash: string } | { userId: string } | { everyone: true };

/** A credential resolved from the database: who it signs in, and until when the credential itself is valid. */
export interface SignedIn {
  viewer: Viewer;
  expiresAt: Date | null;
}

/** Carries revocations to the other instances of a deployment (Redis pub/sub; none for a single instance). */
export interface RevocationTransport {
  /** resolves once the revocation is on its way to every instance */
  publish(revocation: Revocation): Promise<void>;
  /**
   * `revoked` for every revocation of any instance; `lost` when revocations may be missed (connection down),
   * `restored` when they arrive again (messages sent meanwhile are lost)
   */
  start(handlers: { revoked(revocation: Revocation): void; lost(): void; restored(): void }): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  viewer: Viewer;
  /** epoch ms after which the entry is read again */
  until: number;
}

export interface SignedInCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/**
 * The signed-in state of recent credentials, keyed by token hash, so a request does not read the session, its
 * user and their tax authority again. Safety rests on three rules: every revocation drops the entries it
 * concerns on every instance before the revoking request answers (`revoke`); a read that was in flight while
 * anything was dropped is not remembered (it may predate the revocation); while revocations may be missed (the
 * transport is down) nothing is served from memory. Entries live at most `ttlMs` and never past the credential's
 * own expiry; at most `maxEntries` are kept (the oldest go first).
 */
export class SignedInCache {
  private readonly entries = new Map<string, Entry>();
  /** bumped by every drop: a read that started under an older generation is not remembered */
  private generation = 0;
  private usable: boolean;
  private readonly now: () => number;

  constructor(
    private readonly options: SignedInCacheOptions,
    private readonly transport?: RevocationTransport,
  ) {
    this.now = options.now ?? Date.now;
    // with a transport, nothing is cached until it listens
    this.usable = options.ttlMs > 0 && !transport;
  }

  async start(): Promise<this> {
    if (!this.transport) return this;
    await this.transport.start({
      revoked: (revocation) => this.drop(revocation),
      lost: () => this.suspend(),
      restored: () => this.resume(),
    });
    this.resume();
    return this;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The caller a credential signs in, from memory when possible, else from `read` (the database). */
  async resolve(tokenHash: string, read: () => Promise<SignedIn | null>): Promise<Viewer | null> {
    const now = this.now();
    const hit = this.entries.get(tokenHash);
    if (hit && hit.until > now && this.usable) return hit.viewer;
    if (hit) this.entries.delete(tokenHash);
    const generation = this.generation;
    const found = await read();
    if (found && this.usable && generation === this.generation) this.remember(tokenHash, found, this.now());
    return found?.viewer ?? null;
  }

  /** Drops the state here and announces it to every other instance; resolves once announced. */
  async revoke(revocation: Revocation): Promise<void> {
    this.drop(revocation);
    await this.transport?.publish(revocation);
  }

  /** Drops the state on this instance only (a revocation announced by another instance, or an event). */
  drop(revocation: Revocation): void {
    this.generation += 1;
    if ('tokenHash' in revocation) {
      this.entries.delete(revocation.tokenHash);
    } else if ('userId' in revocation) {
      for (const [hash, entry] of this.entries)
        if (entry.viewer.userId === revocation.userId) this.entries.delete(hash);
    } else {
      this.entries.clear();
    }
  }

  async close(): Promise<void> {
    this.suspend();
    await this.transport?.close();
  }

  private remember(tokenHash: string, found: SignedIn, now: number): void {
    const until = Math.min(now + this.options.ttlMs, found.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
    if (until <= now) return;
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { viewer: found.viewer, until });
    // Map keeps insertion order: the first key is the oldest entry
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  private suspend(): void {
    this.usable = false;
    this.drop({ everyone: true });
  }

  private resume(): void {
    this.drop({ everyone: true });
    this.usable = this.options.ttlMs > 0;
  }
}
