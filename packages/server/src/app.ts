import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { materialTemplateRoutes } from './features/access-application/material-templates.ts';
import {
  interruptedRegistryImport,
  REGISTRY_IMPORT_KIND,
  stopRegistryImports,
} from './features/admin/registry-import.ts';
import { registryImportRoutes } from './features/admin/registry-import-schema.ts';
import { viewerFromToken, viewerOfUserId } from './features/auth/service.ts';
import { startThrottlePrune } from './features/auth/throttle.ts';
import { startClaimExpiry } from './features/case-claim/service.ts';
import { exitApplicationRoutes } from './features/exit-application/routes.ts';
import { invitationFiles } from './features/invitation-import/records.ts';
import { IMPORT_KIND, interruptedInvitationImport, stopImports } from './features/invitation-import/service.ts';
import { canDownload } from './features/materials/access.ts';
import { securityLogRoutes } from './features/security-log/export.ts';
import { WebhookDeliverer } from './features/webhooks/delivery.ts';
import { revokingOnAccountEvents } from './platform/auth/account-events.ts';
import { RedisRevocations } from './platform/auth/redis-revocations.ts';
import { SignedInCache } from './platform/auth/signed-in-cache.ts';
import type { Config } from './platform/config.ts';
import type { AppServices } from './platform/context.ts';
import { openDatabase } from './platform/db/database.ts';
import { applyMigrations } from './platform/db/migrate.ts';
import { RedisCommitNotifier } from './platform/events/redis-notifier.ts';
import { localNotifier, TailEventBus } from './platform/events/tail-bus.ts';
import { FileStore } from './platform/files/store.ts';
import { type RunningServer, startHttpServer } from './platform/http/server.ts';
import { startImportRecovery } from './platform/imports/recovery.ts';
import { createLogger, type Logger } from './platform/observability/log.ts';
import { AppMetrics } from './platform/observability/metrics.ts';
import { schema } from './schema.ts';
import { seedReferenceData } from './seed/reference-data.ts';
import { isSeeded, seedDemoData } from './seed/seed.ts';

export interface RunningApp {
  app: AppServices;
  http: RunningServer;
  close(): Promise<void>;
}

/**
 * Opens (and migrates, and on first start seeds) the database, then serves HTTP and WebSocket. With REDIS_URL
 * the event bus wakes the other instances on the same PostgreSQL. `embeddedImage`: see `openDatabase` (tests);
 * `schema`: the schema served instead of the built one (a test serving a case kind it declares itself).
 */
export async function startApp(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: { embeddedImage?: Blob; schema?: GraphQLSchema } = {},
): Promise<RunningApp> {
  const metrics = new AppMetrics();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.pgliteDir,
    pgliteSharedBuffers: config.pgliteSharedBuffers,
    onQuery: () => metrics.dbQueries.inc({}),
    embeddedImage: options.embeddedImage,
    onConnectionError: (error) =>
      log.warn('database connection lost; the pool opens a new one', { error: error.message }),
  });
  const migrations = database.openMigrationAdapter();
  try {
    await applyMigrations(migrations.adapterFactory);
  } finally {
    await migrations.close();
  }
  const files = new FileStore(join(config.dataDir, 'files'), config.fileUrlSecret);
  await seedReferenceData(database.db);
  if (config.seedDemoData && !(await isSeeded(database.db))) await seedDemoData(database.db, files, config.queue);
  if (database.poolStats) metrics.attach({ dbPool: database.poolStats });
  const notifier = config.redisUrl
    ? new RedisCommitNotifier(config.redisUrl, config.redisChannelPrefix, log)
    : localNotifier;
  const tail = await new TailEventBus(database, notifier, {
    onPublish: (count) => metrics.busPublishes.inc({}, count),
    log,
  }).start();
  const signedIn = await new SignedInCache(
    config.signedInCache,
    config.redisUrl
      ? new RedisRevocations(config.redisUrl, config.redisChannelPrefix, log, config.signedInCache.revocationAckMs)
      : undefined,
  ).start();
  const bus = revokingOnAccountEvents(tail, signedIn);
  const app: AppServices = { db: database.db, prepared: database.prepared, bus, files, config, log, metrics, signedIn };
  // imports left PROCESSING by a process that is gone are marked FAILED before requests are served
  const stopImportRecovery = await startImportRecovery(app, {
    [IMPORT_KIND]: interruptedInvitationImport,
    [REGISTRY_IMPORT_KIND]: interruptedRegistryImport,
  });
  const webhooks = config.webhooks.deliver
    ? new WebhookDeliverer(app, { instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}` }).start()
    : null;
  if (webhooks) app.webhooks = webhooks;
  const stopClaimExpiry = startClaimExpiry(app);
  const stopThrottlePrune = startThrottlePrune(app);
  const http = await startHttpServer(
    app,
    options.schema ?? schema,
    {
      viewerFromToken: (token, options) => viewerFromToken(app, token, options),
      download: async (materialId, userId) => {
        const [material, viewer] = await Promise.all([
          app.db.material.findUnique({ where: { id: materialId } }),
          viewerOfUserId(app, userId),
        ]);
        if (!material || !viewer || !(await canDownload(app, viewer.actor, material))) return null;
        return { path: files.pathOf(material.sha256), fileName: material.fileName, mimeType: material.mimeType };
      },
      routes: [
        ...invitationFiles.routes(app),
        ...exitApplicationRoutes(app),
        ...securityLogRoutes(app),
        ...registryImportRoutes(app),
        ...materialTemplateRoutes(),
      ],
    },
    { port: config.port, host: config.host },
  );
  return {
    app,
    http,
    close: async () => {
      stopClaimExpiry();
      stopThrottlePrune();
      stopImportRecovery();
      await http.close();
      await webhooks?.stop();
      await stopImports(app);
      await stopRegistryImports(app);
      await bus.close();
      await signedIn.close();
      await database.close();
    },
  };
}
