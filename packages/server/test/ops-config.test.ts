// Configuration of the production path: Redis, logs, metrics, shutdown, trusted documents, test hooks.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/platform/config.ts';

const base = { DATA_DIR: '/tmp/leqi-config-test', FILE_URL_SECRET: 'x' };
const PG = 'postgres://postgres@127.0.0.1:5432/postgres';

describe('operations configuration', () => {
  it('REDIS_URL must be redis:// and comes with a shared DATABASE_URL', () => {
    expect(loadConfig({ ...base, DATABASE_URL: PG, REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe(
      'redis://127.0.0.1:6379',
    );
    expect(() => loadConfig({ ...base, DATABASE_URL: PG, REDIS_URL: 'http://x' })).toThrow(/REDIS_URL must start/);
    expect(() => loadConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    expect(loadConfig(base).redisUrl).toBeUndefined();
    expect(loadConfig(base).redisChannelPrefix).toBe('leqi');
  });

  it('LOG_LEVEL, SHUTDOWN_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS and METRICS_TOKEN are validated', () => {
    expect(loadConfig(base).logLevel).toBe('info');
    expect(loadConfig({ ...base, LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ ...base, LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
    expect(loadConfig(base).shutdownTimeoutMs).toBe(25_000);
    expect(() => loadConfig({ ...base, SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(loadConfig(base).httpKeepAliveMs).toBe(5000);
    expect(loadConfig({ ...base, HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000' }).httpKeepAliveMs).toBe(65_000);
    expect(() => loadConfig({ ...base, HTTP_KEEP_ALIVE_TIMEOUT_MS: '0' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
    expect(loadConfig(base).metricsToken).toBeUndefined();
    expect(loadConfig({ ...base, METRICS_TOKEN: 'sixteen-chars-ok' }).metricsToken).toBe('sixteen-chars-ok');
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16/);
  });

  it('PASSWORD_MIN_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MAX_AGE_DAYS, PASSWORD_HISTORY and SESSION_IDLE_MINUTES are read and validated', () => {
    expect(loadConfig(base).passwordPolicy).toEqual({ minLength: 8, minClasses: 3, maxAgeDays: 90, history: 5 });
    expect(
      loadConfig({
        ...base,
        PASSWORD_MIN_LENGTH: '12',
        PASSWORD_MIN_CLASSES: '4',
        PASSWORD_MAX_AGE_DAYS: '0',
        PASSWORD_HISTORY: '0',
      }).passwordPolicy,
    ).toEqual({ minLength: 12, minClasses: 4, maxAgeDays: 0, history: 0 });
    expect(() => loadConfig({ ...base, PASSWORD_MIN_LENGTH: '6' })).toThrow(/PASSWORD_MIN_LENGTH/);
    expect(() => loadConfig({ ...base, PASSWORD_MIN_CLASSES: '5' })).toThrow(/PASSWORD_MIN_CLASSES/);
    expect(() => loadConfig({ ...base, PASSWORD_MAX_AGE_DAYS: 'ninety' })).toThrow(/PASSWORD_MAX_AGE_DAYS/);
    expect(() => loadConfig({ ...base, PASSWORD_HISTORY: '-1' })).toThrow(/PASSWORD_HISTORY/);
    expect(loadConfig(base).sessionIdleMinutes).toBe(30);
    expect(loadConfig({ ...base, SESSION_IDLE_MINUTES: '0' }).sessionIdleMinutes).toBe(0);
    expect(() => loadConfig({ ...base, SESSION_IDLE_MINUTES: '2000' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('TWO_FACTOR_ROLES (officers and admins in production, nobody elsewhere unless set; unknown roles refused) and AUDIT_RETENTION_DAYS (at least 180)', () => {
    expect(loadConfig(base).twoFactorRoles).toEqual([]);
    const production = { ...base, NODE_ENV: 'production', METRICS_PUBLIC: 'true' };
    expect(loadConfig(production).twoFactorRoles).toEqual(['OFFICER', 'ADMIN']);
    expect(loadConfig({ ...production, TWO_FACTOR_ROLES: 'none' }).twoFactorRoles).toEqual([]);
    expect(loadConfig({ ...production, TWO_FACTOR_ROLES: '' }).twoFactorRoles).toEqual([]);
    expect(loadConfig({ ...base, TWO_FACTOR_ROLES: ' enterprise,Officer,ADMIN,officer' }).twoFactorRoles).toEqual([
      'ENTERPRISE',
      'OFFICER',
      'ADMIN',
    ]);
    expect(loadConfig(base).auditRetentionDays).toBe(180);
    expect(loadConfig({ ...base, AUDIT_RETENTION_DAYS: '365' }).auditRetentionDays).toBe(365);
    expect(() => loadConfig({ ...base, AUDIT_RETENTION_DAYS: '90' })).toThrow(/AUDIT_RETENTION_DAYS/);
    expect(() => loadConfig({ ...base, TWO_FACTOR_ROLES: 'OFFICER,API_CLIENT' })).toThrow(
      /TWO_FACTOR_ROLES 中的 API_CLIENT 无效/,
    );
  });

  it('WEBHOOK_DELIVERY, WEBHOOK_RETRY_SCHEDULE, WEBHOOK_ALLOWED_HOSTS, WEBHOOK_POLL_MS and WEBHOOK_PASS_SPACING_MS are read and validated', () => {
    const defaults = loadConfig(base).webhooks;
    expect(defaults.deliver).toBe(true);
    expect(loadConfig({ ...base, WEBHOOK_DELIVERY: 'false' }).webhooks.deliver).toBe(false);
    expect(() => loadConfig({ ...base, WEBHOOK_DELIVERY: 'maybe' })).toThrow(/WEBHOOK_DELIVERY/);
    expect(defaults.retryWaitsMs).toEqual([
      5000, 30_000, 120_000, 600_000, 1_800_000, 7_200_000, 21_600_000, 43_200_000,
    ]);
    expect(defaults.allowedHosts).toEqual({ names: [], ranges: [] });
    expect(defaults.allowLoopback).toBe(true);
    expect(defaults.pollMs).toBe(1000);
    expect(defaults.leaseMs).toBe(30_000);
    expect(loadConfig({ ...base, WEBHOOK_LEASE_MS: '5000' }).webhooks.leaseMs).toBe(5000);
    expect(() => loadConfig({ ...base, WEBHOOK_LEASE_MS: '100' })).toThrow(/WEBHOOK_LEASE_MS/);
    expect(defaults.passSpacingMs).toBe(50);
    expect(loadConfig({ ...base, WEBHOOK_PASS_SPACING_MS: '0' }).webhooks.passSpacingMs).toBe(0);
    expect(() => loadConfig({ ...base, WEBHOOK_PASS_SPACING_MS: '5000' })).toThrow(/WEBHOOK_PASS_SPACING_MS/);
    expect(loadConfig({ ...base, NODE_ENV: 'production', METRICS_PUBLIC: 'true' }).webhooks.allowLoopback).toBe(false);
    expect(loadConfig({ ...base, WEBHOOK_RETRY_SCHEDULE: '1s,1m' }).webhooks.retryWaitsMs).toEqual([1000, 60_000]);
    expect(
      loadConfig({ ...base, WEBHOOK_ALLOWED_HOSTS: 'erp.bureau.local,10.0.0.0/8' }).webhooks.allowedHosts.names,
    ).toEqual(['erp.bureau.local']);
    expect(() => loadConfig({ ...base, WEBHOOK_RETRY_SCHEDULE: '5 seconds' })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => loadConfig({ ...base, WEBHOOK_ALLOWED_HOSTS: 'ok.example,bad_host' })).toThrow(/bad_host/);
    expect(() => loadConfig({ ...base, WEBHOOK_POLL_MS: '5' })).toThrow(/WEBHOOK_POLL_MS/);
  });

  it('PGLITE_SHARED_BUFFERS is a PostgreSQL memory size, 32MB by default', () => {
    expect(loadConfig(base).pgliteSharedBuffers).toBe('32MB');
    expect(loadConfig({ ...base, PGLITE_SHARED_BUFFERS: '128MB' }).pgliteSharedBuffers).toBe('128MB');
    for (const bad of ['32', '32 MB', '0MB', '1TB', '32MB; fsync = off']) {
      expect(() => loadConfig({ ...base, PGLITE_SHARED_BUFFERS: bad })).toThrow(
        /PGLITE_SHARED_BUFFERS must be a memory size/,
      );
    }
  });

  it('production refuses to start without METRICS_TOKEN unless METRICS_PUBLIC=true says so', () => {
    const production = { ...base, NODE_ENV: 'production' };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/METRICS_TOKEN is required in production/);
    expect(loadConfig({ ...production, METRICS_TOKEN: 'sixteen-chars-ok' }).metricsToken).toBe('sixteen-chars-ok');
    const open = loadConfig({ ...production, METRICS_PUBLIC: 'true' });
    expect(open.metricsPublic).toBe(true);
    expect(open.metricsToken).toBeUndefined();
    expect(() => loadConfig({ ...production, METRICS_PUBLIC: 'yes' })).toThrow(/METRICS_PUBLIC must be true or false/);
    // outside production /metrics stays open without a token (development)
    expect(loadConfig(base).metricsPublic).toBe(false);
  });

  it('SUBSCRIPTIONS_PER_CONNECTION and SUBSCRIPTIONS_PER_USER bound live subscriptions', () => {
    expect(loadConfig(base).subscriptionLimits).toEqual({ perConnection: 10, perUser: 50 });
    expect(
      loadConfig({ ...base, SUBSCRIPTIONS_PER_CONNECTION: '3', SUBSCRIPTIONS_PER_USER: '7' }).subscriptionLimits,
    ).toEqual({ perConnection: 3, perUser: 7 });
    expect(() => loadConfig({ ...base, SUBSCRIPTIONS_PER_CONNECTION: '0' })).toThrow(/SUBSCRIPTIONS_PER_CONNECTION/);
    expect(() => loadConfig({ ...base, SUBSCRIPTIONS_PER_USER: 'many' })).toThrow(/SUBSCRIPTIONS_PER_USER/);
  });

  it('CORS_ORIGINS is a list of exact origins', () => {
    expect(loadConfig(base).corsOrigins).toEqual([]);
    expect(loadConfig({ ...base, CORS_ORIGINS: 'https://erp.example.com, http://localhost:5173' }).corsOrigins).toEqual(
      ['https://erp.example.com', 'http://localhost:5173'],
    );
    for (const bad of [
      '*',
      'https://erp.example.com/',
      'https://erp.example.com/app',
      'erp.example.com',
      'ftp://x.example',
    ]) {
      expect(() => loadConfig({ ...base, CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS entry/);
    }
  });

  it('trusted documents are on in production unless turned off; test hooks are refused there', () => {
    expect(loadConfig(base).trustedDocuments).toBe(false);
    const production = { ...base, NODE_ENV: 'production', METRICS_TOKEN: 'sixteen-chars-ok' };
    expect(loadConfig(production).trustedDocuments).toBe(true);
    expect(loadConfig({ ...production, TRUSTED_DOCUMENTS: 'false' }).trustedDocuments).toBe(false);
    expect(loadConfig({ ...base, TEST_HOOKS: 'true' }).testHooks).toBe(true);
    expect(() => loadConfig({ ...production, TEST_HOOKS: 'true' })).toThrow(/TEST_HOOKS/);
  });

  it('demo data is off in production unless SEED_DEMO_DATA=true is set explicitly', () => {
    expect(loadConfig(base).seedDemoData).toBe(true);
    const production = { ...base, NODE_ENV: 'production', METRICS_TOKEN: 'sixteen-chars-ok' };
    expect(loadConfig(production).seedDemoData).toBe(false);
    expect(loadConfig({ ...production, SEED_DEMO_DATA: 'true' }).seedDemoData).toBe(true);
    expect(loadConfig({ ...base, SEED_DEMO_DATA: 'false' }).seedDemoData).toBe(false);
    expect(() => loadConfig({ ...base, SEED_DEMO_DATA: 'yes' })).toThrow(/SEED_DEMO_DATA must be true or false/);
  });

  it('sign-in throttle limits and TRUSTED_PROXY are validated', () => {
    expect(loadConfig(base).signInThrottle).toEqual({
      windowSeconds: 900,
      lockSeconds: 60,
      maxFailuresPerAccount: 20,
      maxFailuresPerAddress: 10,
    });
    expect(() => loadConfig({ ...base, SIGN_IN_MAX_FAILURES_PER_ADDRESS: '0' })).toThrow(
      /SIGN_IN_MAX_FAILURES_PER_ADDRESS/,
    );
    expect(loadConfig(base).trustedProxies).toEqual([]);
    expect(loadConfig({ ...base, TRUSTED_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
    ]);
    for (const bad of ['*', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', 'fd00::/129']) {
      expect(() => loadConfig({ ...base, TRUSTED_PROXY: bad })).toThrow(/TRUSTED_PROXY/);
    }
  });
});
