import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import {
  type AllowedHosts,
  CLAIM_IDLE_MINUTES_DEFAULT,
  DEFAULT_PASSWORD_POLICY,
  DEFAULT_TWO_FACTOR_ROLES,
  DEFAULT_WEBHOOK_RETRY_SCHEDULE,
  type PasswordPolicy,
  parseAllowedHosts,
  parseRetrySchedule,
  TWO_FACTOR_ROLES,
  type TwoFactorRole,
} from '@leqi/domain';
import { loadQueueConfig, type QueueConfig } from './queue-config.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** where the embedded database lives when DATABASE_URL is not set; `memory://` keeps it in memory */
  pgliteDir: string;
  /** PGLITE_SHARED_BUFFERS: the embedded database's buffer cache (default 32MB; PostgreSQL's own default is 128MB) */
  pgliteSharedBuffers: string;
  databaseUrl?: string;
  /**
   * Names this instance among those sharing one database (import ownership); kept in the data directory unless
   * INSTANCE_ID is set, so the instance recognises the imports of its previous run after a crash.
   */
  instanceId: string;
  /** a running import holds its record for this long and renews it; an expired hold means its process is gone */
  importLeaseSeconds: number;
  /** Signs download links of materials; shared by every instance of one deployment. */
  fileUrlSecret: string;
  maxUploadBytes: number;
  sessionTtlHours: number;
  /** a session nobody used for this many minutes ends (SESSION_IDLE_MINUTES; 0: never) */
  sessionIdleMinutes: number;
  /** 认领: a claim nobody touches for this many minutes lapses (CLAIM_IDLE_MINUTES) */
  claimIdleMinutes: number;
  webDistDir: string;
  /**
   * SEED_DEMO_DATA: seed DESIGN §6 into an empty database and offer its users on the sign-in page. Off in
   * production unless set to true explicitly: the demo accounts share a published password.
   */
  seedDemoData: boolean;
  /** 登录限流 (SIGN_IN_…): failed sign-ins per account and per client address */
  signInThrottle: SignInThrottleConfig;
  /** 口令策略 (PASSWORD_…): length, character classes, maximum age and history of account passwords */
  passwordPolicy: PasswordPolicy;
  /**
   * 双因素认证 (TWO_FACTOR_ROLES): the roles that must sign in with a one-time code as well. OFFICER and ADMIN in
   * production; nobody elsewhere unless set, so a development or demo deployment signs in with a password alone.
   */
  twoFactorRoles: TwoFactorRole[];
  /** 安全审计: security events are kept at least this many days before `pnpm audit:archive` may move them out */
  auditRetentionDays: number;
  /** TRUSTED_PROXY: addresses or CIDR ranges of the proxies whose X-Forwarded-For names the client */
  trustedProxies: string[];
  /** graphql-ws: a socket that sends no connection_init within this time is closed with 4408 */
  wsConnectionInitTimeoutMs: number;
  /** every open subscription (WebSocket or SSE): its credential is checked again at least this often (sign-out, expiry, revocation) */
  wsRevalidateMs: number;
  /** live subscriptions at once per graphql-ws socket, and per user or API token over all connections (SSE too) */
  subscriptionLimits: { perConnection: number; perUser: number };
  /** NODE_ENV=production: no GraphiQL; introspection and field suggestions off unless GRAPHQL_INTROSPECTION=true */
  production: boolean;
  graphql: {
    introspection: boolean;
    maxDepth: number;
    maxAliases: number;
    maxTokens: number;
    maxCost: number;
  };
  /** requests a minute per signed-in user (all their sessions) and per API token; a minute's worth may burst */
  /** requests a minute per user, per API token, and per address for anonymous template downloads */
  rateLimit: { userPerMinute: number; apiTokenPerMinute: number; addressPerMinute: number };
  /**
   * the signed-in state (session or API token → caller) kept in the process between requests, dropped on every
   * instance when a credential is revoked; `ttlMs` 0 reads it from the database on every request; a revoking request
   * waits up to `revocationAckMs` for the other instances to confirm they dropped it
   */
  signedInCache: { ttlMs: number; maxEntries: number; revocationAckMs: number };
  /** served over HTTPS (directly or by a TLS-terminating proxy): sends Strict-Transport-Security */
  behindHttps: boolean;
  /** Redis for cross-instance event notifications (several instances on one DATABASE_URL) */
  redisUrl?: string;
  /** prefix of the Redis channel, so several deployments (or tests) can share one Redis */
  redisChannelPrefix: string;
  logLevel: LogLevel;
  /** when set, /metrics requires `Authorization: Bearer <token>`; production refuses to start without it */
  metricsToken?: string;
  /** METRICS_PUBLIC=true: /metrics without a token in production (it is reachable only from a trusted network) */
  metricsPublic: boolean;
  /** origins whose pages may call /graphql from the browser (CORS_ORIGINS); every other origin gets no CORS header */
  corsOrigins: string[];
  /** on SIGTERM in-flight requests get this long before connections are cut */
  shutdownTimeoutMs: number;
  /** how long an idle keep-alive connection stays open; above a proxy's own idle timeout, none reuses a closed one */
  httpKeepAliveMs: number;
  /** webhook delivery (issue 21): the waits between attempts, which hosts may be targets, how often to look */
  webhooks: WebhookConfig;
  /** manifest of the web app's persisted operations (hash → document), written by its build */
  persistedOperationsPath: string;
  /** trusted documents: browser sessions may run only the manifest's operations (API tokens anything) */
  trustedDocuments: boolean;
  /** test-only routes (a deliberately slow request); refused in production */
  testHooks: boolean;
  /** due limits of the review queues and the working calendar (QUEUE_DUE_DAYS…, WORKING_CALENDAR_FILE) */
  queue: QueueConfig;
}

export interface SignInThrottleConfig {
  windowSeconds: number;
  lockSeconds: number;
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`环境变量 ${name}=${raw} 无效：应为 true 或 false (${name} must be true or false)`);
}

export class ConfigError extends Error {}

export interface WebhookConfig {
  /** WEBHOOK_DELIVERY: whether this instance delivers (off: endpoints are still managed; another instance delivers) */
  deliver: boolean;
  /** WEBHOOK_RETRY_SCHEDULE: the wait after each failed attempt; exhausted, the endpoint is disabled */
  retryWaitsMs: number[];
  /** WEBHOOK_ALLOWED_HOSTS: host names and ranges that may be targets although not public */
  allowedHosts: AllowedHosts;
  /** outside production the developer's own machine (loopback) is a target */
  allowLoopback: boolean;
  /** WEBHOOK_POLL_MS: how often due retries and other instances' expired leases are looked for */
  pollMs: number;
  /** WEBHOOK_LEASE_MS: how long an instance holds an endpoint without renewing it (after a crash, the wait) */
  leaseMs: number;
  /** WEBHOOK_PASS_SPACING_MS: the least time between the starts of two delivery passes */
  passSpacingMs: number;
}

function webhookConfig(env: NodeJS.ProcessEnv, production: boolean): WebhookConfig {
  const schedule = parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE?.trim() || DEFAULT_WEBHOOK_RETRY_SCHEDULE);
  if (!schedule.ok) {
    throw new ConfigError(
      `环境变量 WEBHOOK_RETRY_SCHEDULE=${env.WEBHOOK_RETRY_SCHEDULE} 无效：应为逗号分隔的等待时间，如 5s,30s,2m（单位 ms/s/m/h/d，每项不超过 7 天，最多 30 项）` +
        ` (WEBHOOK_RETRY_SCHEDULE must list waits such as 5s,30s,2m: units ms, s, m, h or d, each at most 7 days, at most 30 of them)`,
    );
  }
  const allowed = parseAllowedHosts(env.WEBHOOK_ALLOWED_HOSTS ?? '');
  if (!allowed.ok) {
    throw new ConfigError(
      `环境变量 WEBHOOK_ALLOWED_HOSTS 中无法识别：${allowed.unreadable.join(', ')}；应为主机名、*.域名或 CIDR 地址段` +
        ` (WEBHOOK_ALLOWED_HOSTS: cannot read ${allowed.unreadable.join(', ')}; list host names, *.domains or CIDR ranges)`,
    );
  }
  return {
    deliver: boolFrom(env, 'WEBHOOK_DELIVERY', true),
    retryWaitsMs: schedule.waitsMs,
    allowedHosts: allowed.allowed,
    allowLoopback: !production,
    pollMs: intFrom(env, 'WEBHOOK_POLL_MS', 1000, 20, 60_000),
    leaseMs: intFrom(env, 'WEBHOOK_LEASE_MS', 30_000, 2000, 600_000),
    passSpacingMs: intFrom(env, 'WEBHOOK_PASS_SPACING_MS', 50, 0, 1000),
  };
}

function queueConfig(env: NodeJS.ProcessEnv): QueueConfig {
  try {
    return loadQueueConfig(env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** A PostgreSQL memory size such as 32MB (kB, MB or GB). */
function memorySizeFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (/^[1-9]\d{0,6}(kB|MB|GB)$/.test(raw)) return raw;
  throw new ConfigError(
    `环境变量 ${name}=${raw} 无效：应为内存大小，如 32MB (${name} must be a memory size such as 32MB, in kB, MB or GB)`,
  );
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(
      `环境变量 ${name}=${raw} 无效：应为 ${min}–${max} 之间的整数 (${name} must be an integer between ${min} and ${max})`,
    );
  }
  return value;
}

/** TRUSTED_PROXY: comma-separated IPv4/IPv6 addresses or CIDR ranges (`10.0.0.0/8`). */
function trustedProxiesFrom(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.TRUSTED_PROXY ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (!family || !prefixOk || extra !== undefined) {
      throw new ConfigError(
        `环境变量 TRUSTED_PROXY 中的 ${entry} 无效：应为 IP 地址或 CIDR 网段，以逗号分隔 (TRUSTED_PROXY must be comma-separated IP addresses or CIDR ranges)`,
      );
    }
  }
  return entries;
}

/** AUDIT_RETENTION_DAYS: at least 180 (GB/T 22239 level 3 asks for six months of audit records). */
export function auditRetentionDaysFrom(env: NodeJS.ProcessEnv): number {
  return intFrom(env, 'AUDIT_RETENTION_DAYS', 180, 180, 36_500);
}

/** TWO_FACTOR_ROLES: comma-separated roles (ENTERPRISE, OFFICER, ADMIN); `none` or empty for nobody. */
function twoFactorRolesFrom(env: NodeJS.ProcessEnv, production: boolean): TwoFactorRole[] {
  const given = env.TWO_FACTOR_ROLES;
  if (given === undefined) return production ? [...DEFAULT_TWO_FACTOR_ROLES] : [];
  const entries = given
    .split(',')
    .map((entry) => entry.trim().toUpperCase())
    .filter((entry) => entry && entry !== 'NONE');
  const unknown = entries.find((entry) => !(TWO_FACTOR_ROLES as readonly string[]).includes(entry));
  if (unknown) {
    throw new ConfigError(
      `环境变量 TWO_FACTOR_ROLES 中的 ${unknown} 无效：应为 ${TWO_FACTOR_ROLES.join('、')} 或 none，以逗号分隔 ` +
        `(TWO_FACTOR_ROLES must be comma-separated ${TWO_FACTOR_ROLES.join(', ')}, or none)`,
    );
  }
  return [...new Set(entries as TwoFactorRole[])];
}

function signInThrottleFrom(env: NodeJS.ProcessEnv): SignInThrottleConfig {
  return {
    windowSeconds: intFrom(env, 'SIGN_IN_WINDOW_SECONDS', 900, 1, 86_400),
    lockSeconds: intFrom(env, 'SIGN_IN_LOCK_SECONDS', 60, 1, 86_400),
    maxFailuresPerAccount: intFrom(env, 'SIGN_IN_MAX_FAILURES_PER_ACCOUNT', 20, 1, 10_000),
    maxFailuresPerAddress: intFrom(env, 'SIGN_IN_MAX_FAILURES_PER_ADDRESS', 10, 1, 10_000),
  };
}

/** The secret lives in the data directory when not given, so links survive restarts of one embedded instance. */
function fileSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.FILE_URL_SECRET) return env.FILE_URL_SECRET;
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'file-url-secret');
  if (!existsSync(path)) writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(path, 'utf8').trim();
}

const INSTANCE_ID = /^[A-Za-z0-9._-]{1,64}$/;

function instanceId(env: NodeJS.ProcessEnv, dataDir: string): string {
  const given = env.INSTANCE_ID;
  if (given !== undefined && given !== '') {
    if (!INSTANCE_ID.test(given)) {
      throw new ConfigError(
        `环境变量 INSTANCE_ID=${given} 无效：应为 1–64 个字母、数字、点、下划线或连字符 (INSTANCE_ID must be 1–64 letters, digits, dots, underscores or hyphens)`,
      );
    }
    return given;
  }
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'instance-id');
  if (!existsSync(path)) writeFileSync(path, randomBytes(8).toString('hex'));
  return readFileSync(path, 'utf8').trim();
}

const METRICS_TOKEN_MIN_LENGTH = 16;

/** METRICS_TOKEN: at least 16 characters; required in production unless METRICS_PUBLIC=true says otherwise. */
function metricsAccess(env: NodeJS.ProcessEnv, production: boolean): { metricsToken?: string; metricsPublic: boolean } {
  const metricsToken = env.METRICS_TOKEN || undefined;
  const metricsPublic = boolFrom(env, 'METRICS_PUBLIC', false);
  if (metricsToken && metricsToken.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new ConfigError(
      `METRICS_TOKEN 过短：至少 ${METRICS_TOKEN_MIN_LENGTH} 个字符 (METRICS_TOKEN must be at least ${METRICS_TOKEN_MIN_LENGTH} characters)`,
    );
  }
  if (production && !metricsToken && !metricsPublic) {
    throw new ConfigError(
      '生产环境必须设置 METRICS_TOKEN（/metrics 需要 Bearer 令牌），或明确设置 METRICS_PUBLIC=true (METRICS_TOKEN is required in production; set METRICS_PUBLIC=true to serve /metrics without a token)',
    );
  }
  return { metricsToken, metricsPublic };
}

/** CORS_ORIGINS: comma-separated origins such as `https://erp.example.com` (scheme, host, port; no path, no `*`). */
function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      origin = /^https?:$/.test(url.protocol) ? url.origin : null;
    } catch {
      origin = null;
    }
    if (origin !== entry) {
      throw new ConfigError(
        `CORS_ORIGINS 中的 ${entry} 不是来源：应为 https://主机[:端口]，不含路径或 * (CORS_ORIGINS entry ${entry} is not an origin such as https://host[:port], without path or *)`,
      );
    }
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `pnpm start` runs in packages/server; relative paths mean the directory the command was typed in (INIT_CWD)
  const baseDir = env.INIT_CWD ?? process.cwd();
  const dataDir = resolve(baseDir, env.DATA_DIR ?? 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  const production = env.NODE_ENV === 'production';
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL 必须以 postgres:// 开头 (DATABASE_URL must start with postgres://)`);
  }
  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigError(
      `REDIS_URL 必须以 redis:// 或 rediss:// 开头 (REDIS_URL must start with redis:// or rediss://)`,
    );
  }
  if (redisUrl && !databaseUrl) {
    throw new ConfigError(
      'REDIS_URL 需与 DATABASE_URL 一起使用：多实例必须共享同一 PostgreSQL (REDIS_URL needs DATABASE_URL: instances must share one PostgreSQL)',
    );
  }
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `环境变量 LOG_LEVEL=${env.LOG_LEVEL} 无效：应为 ${LOG_LEVELS.join('/')} (LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')})`,
    );
  }
  const testHooks = boolFrom(env, 'TEST_HOOKS', false);
  if (testHooks && production) {
    throw new ConfigError('生产环境不得启用 TEST_HOOKS (TEST_HOOKS must not be set in production)');
  }
  const webDistDir = resolve(env.WEB_DIST_DIR ?? new URL('../../../web/dist', import.meta.url).pathname);
  return {
    port: intFrom(env, 'PORT', 4000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    pgliteDir: env.PGLITE_DIR ?? join(dataDir, 'pglite'),
    pgliteSharedBuffers: memorySizeFrom(env, 'PGLITE_SHARED_BUFFERS', '32MB'),
    databaseUrl,
    instanceId: instanceId(env, dataDir),
    importLeaseSeconds: intFrom(env, 'IMPORT_LEASE_SECONDS', 30, 2, 3600),
    fileUrlSecret: fileSecret(env, dataDir),
    maxUploadBytes: intFrom(env, 'MAX_UPLOAD_MB', 20, 1, 200) * 1024 * 1024,
    sessionTtlHours: intFrom(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30),
    sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30, 0, 24 * 60),
    claimIdleMinutes: intFrom(env, 'CLAIM_IDLE_MINUTES', CLAIM_IDLE_MINUTES_DEFAULT, 1, 24 * 60),
    webDistDir,
    seedDemoData: boolFrom(env, 'SEED_DEMO_DATA', !production),
    signInThrottle: signInThrottleFrom(env),
    passwordPolicy: {
      minLength: intFrom(env, 'PASSWORD_MIN_LENGTH', DEFAULT_PASSWORD_POLICY.minLength, 8, 64),
      minClasses: intFrom(env, 'PASSWORD_MIN_CLASSES', DEFAULT_PASSWORD_POLICY.minClasses, 1, 4),
      maxAgeDays: intFrom(env, 'PASSWORD_MAX_AGE_DAYS', DEFAULT_PASSWORD_POLICY.maxAgeDays, 0, 3650),
      history: intFrom(env, 'PASSWORD_HISTORY', DEFAULT_PASSWORD_POLICY.history, 0, 24),
    },
    twoFactorRoles: twoFactorRolesFrom(env, production),
    auditRetentionDays: auditRetentionDaysFrom(env),
    trustedProxies: trustedProxiesFrom(env),
    wsConnectionInitTimeoutMs: intFrom(env, 'GRAPHQL_WS_INIT_TIMEOUT_MS', 10_000, 100, 600_000),
    wsRevalidateMs: intFrom(env, 'GRAPHQL_WS_REVALIDATE_MS', 60_000, 200, 3_600_000),
    subscriptionLimits: {
      perConnection: intFrom(env, 'SUBSCRIPTIONS_PER_CONNECTION', 10, 1, 1000),
      perUser: intFrom(env, 'SUBSCRIPTIONS_PER_USER', 50, 1, 1_000_000),
    },
    production,
    graphql: {
      introspection: boolFrom(env, 'GRAPHQL_INTROSPECTION', !production),
      maxDepth: intFrom(env, 'GRAPHQL_MAX_DEPTH', 12, 2, 100),
      maxAliases: intFrom(env, 'GRAPHQL_MAX_ALIASES', 30, 1, 1000),
      maxTokens: intFrom(env, 'GRAPHQL_MAX_TOKENS', 5000, 50, 100_000),
      maxCost: intFrom(env, 'GRAPHQL_MAX_COST', 20_000, 10, 10_000_000),
    },
    rateLimit: {
      userPerMinute: intFrom(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      apiTokenPerMinute: intFrom(env, 'RATE_LIMIT_TOKEN_PER_MINUTE', 600, 1, 1_000_000),
      addressPerMinute: intFrom(env, 'RATE_LIMIT_ADDRESS_PER_MINUTE', 120, 1, 1_000_000),
    },
    signedInCache: {
      ttlMs: intFrom(env, 'SIGNED_IN_CACHE_TTL_MS', 30_000, 0, 600_000),
      maxEntries: intFrom(env, 'SIGNED_IN_CACHE_MAX', 10_000, 1, 1_000_000),
      revocationAckMs: intFrom(env, 'REVOCATION_ACK_TIMEOUT_MS', 2000, 0, 60_000),
    },
    behindHttps: boolFrom(env, 'BEHIND_HTTPS', false),
    redisUrl,
    redisChannelPrefix: env.REDIS_CHANNEL_PREFIX || 'leqi',
    logLevel,
    ...metricsAccess(env, production),
    corsOrigins: corsOrigins(env),
    shutdownTimeoutMs: intFrom(env, 'SHUTDOWN_TIMEOUT_MS', 25_000, 0, 600_000),
    httpKeepAliveMs: intFrom(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5000, 1000, 600_000),
    webhooks: webhookConfig(env, production),
    persistedOperationsPath: resolve(
      baseDir,
      env.PERSISTED_OPERATIONS ?? join(webDistDir, 'persisted-operations.json'),
    ),
    trustedDocuments: boolFrom(env, 'TRUSTED_DOCUMENTS', production),
    testHooks,
    queue: queueConfig(env),
  };
}
