import type { Actor, Locale, PasswordChangeReason } from '@leqi/domain';
import type { SignedInCache } from './auth/signed-in-cache.ts';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import type { RunPrepared } from './db/driver.ts';
import type { EventBus } from './events/bus.ts';
import type { EventWriter } from './events/stream.ts';
import type { FileStore } from './files/store.ts';
import type { Logger } from './observability/log.ts';
import type { AppMetrics } from './observability/metrics.ts';

/** Everything a request may use; created once per process. */
export interface AppServices {
  db: Db;
  /** the hottest single statements, prepared, outside transactions (db/driver.ts) */
  prepared: RunPrepared;
  bus: EventBus;
  files: FileStore;
  config: Config;
  /** structured logs (JSON lines); optional so that tests may build services without one */
  log?: Logger;
  metrics?: AppMetrics;
  /** recent credentials' callers, so requests need not read them again; absent: read on every request */
  signedIn?: SignedInCache;
  /** webhook delivery on this instance, woken when an endpoint or delivery is changed; absent when not running */
  webhooks?: { wake(): void };
}

/** Who is calling: a signed-in user or an enterprise's API token. */
export interface Viewer {
  userId: string;
  username: string;
  displayName: string;
  actor: Actor;
  /**
   * a signed-in user's password: why it must be changed before anything else (null: it need not), and when it runs
   * out (null: passwords do not age); absent for an API token
   */
  password?: { changeReason: PasswordChangeReason | null; expiresAt: Date | null };
  /** a signed-in user's second factor: whether they set it up, and whether their role requires it; absent for an API token */
  twoFactor?: { enabled: boolean; required: boolean };
}

export interface Context {
  app: AppServices;
  viewer: Viewer | null;
  locale: Locale;
  /** the raw Authorization header, for signOut */
  authorization: string | null;
  /** the caller's IP address (the socket's peer, or X-Forwarded-For behind a TRUSTED_PROXY); null if unknown */
  clientAddress: string | null;
  /** where a subscription's events are written when not through its async iteration (live-fanout.ts) */
  eventWriter?: EventWriter;
}

/** The context of a resolver that only a signed-in caller reaches. */
export type SignedInContext = Context & { viewer: Viewer };

/** The one definition of "signed in": the builder's `signedIn` scope and `signedIn(...)` resolvers use it. */
export function isSignedIn(context: Context): context is SignedInContext {
  return context.viewer !== null;
}

export function localeFromHeader(acceptLanguage: string | null | undefined): Locale {
  return acceptLanguage && /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'zh-CN';
}
