import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient } from '../../generated/prisma/client.ts';
import { driverOnPGlite, driverOnPool, type RunPrepared, runTransactionsOnDriver } from './driver.ts';

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** Directory of the embedded database; `memory://` keeps it in memory (tests). */
  dataDir?: string;
  /** the embedded database's shared_buffers (a PostgreSQL memory size) */
  pgliteSharedBuffers?: string;
  /** called once per SQL statement the client sends (metrics) */
  onQuery?: () => void;
  /**
   * A data directory image (`PGlite.dumpDataDir`) an in-memory embedded database starts from instead of an empty
   * one. Tests migrate (and seed) one image per run and clone it for every server, which skips initdb.
   */
  embeddedImage?: Blob;
  /**
   * told when PostgreSQL drops an idle pooled connection (a restart, an administrator, a failover); the pool
   * replaces it on the next query. Without a listener pg would throw it as an uncaught exception and end the process.
   */
  onConnectionError?: (error: Error) => void;
}

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** prepared statements sent to the driver directly, outside transactions (driver.ts) */
  prepared: RunPrepared;
  /**
   * What migrations run through, closed after them. On PostgreSQL a connection of their own: the schema engine
   * takes an advisory lock and releases it in later statements, and through the pool those can land on different
   * connections, leaving the lock held by an idle connection and every other instance unable to start.
   */
  openMigrationAdapter(): { adapterFactory: SqlMigrationAwareDriverAdapterFactory; close(): Promise<void> };
  /** connections of the PostgreSQL pool (metrics); absent for the embedded database */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

const EMBEDDED_SHARED_BUFFERS = '32MB';

/** PostgreSQL when a URL is given (production, CI), the embedded PGlite otherwise. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const onConnectionError = options.onConnectionError ?? (() => undefined);
    pool.on('error', onConnectionError);
    const adapterFactory = new PrismaPg(pool);
    const db = newClient(adapterFactory, options.onQuery);
    const driver = driverOnPool(pool, options.onQuery);
    runTransactionsOnDriver(db, driver);
    return {
      db,
      kind: 'postgres',
      adapterFactory,
      prepared: driver.prepared,
      openMigrationAdapter: () => {
        const single = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
        single.on('error', onConnectionError);
        return { adapterFactory: new PrismaPg(single), close: () => single.end() };
      },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      close: async () => {
        await db.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // loaded only here: with PostgreSQL the embedded database's module (~40 MB resident) is never needed
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const pglite: PGlite = await PGlite.create(dataDir, {
    ...(options.embeddedImage && dataDir.startsWith('memory://') ? { loadDataDir: options.embeddedImage } : {}),
    // PostgreSQL's 128MB buffer cache is most of an idle embedded database's memory; the files are in the OS cache
    postgresqlconf: `shared_buffers = ${options.pgliteSharedBuffers ?? EMBEDDED_SHARED_BUFFERS}\nwal_init_zero = off\n`,
  });
  const adapterFactory = new PrismaPGlite(pglite);
  const db = newClient(adapterFactory, options.onQuery);
  const driver = driverOnPGlite(pglite, options.onQuery);
  runTransactionsOnDriver(db, driver);
  return {
    db,
    kind: 'pglite',
    adapterFactory,
    prepared: driver.prepared,
    openMigrationAdapter: () => ({ adapterFactory, close: async () => undefined }),
    close: async () => {
      await db.$disconnect();
      await pglite.close();
    },
  };
}

function newClient(adapter: SqlMigrationAwareDriverAdapterFactory, onQuery?: () => void): Db {
  return new PrismaClient({ adapter: onQuery ? countingStatements(adapter, onQuery) : adapter });
}

const STATEMENTS = new Set<PropertyKey>(['queryRaw', 'executeRaw']);
const OPENERS = new Set<PropertyKey>(['connect', 'startTransaction']);
const ENDS = new Set<PropertyKey>(['commit', 'rollback']);

/**
 * Counts the statements the client sends at the driver adapter (the factory, its connection and their
 * transactions), rather than through Prisma's query log events, which build an event with the statement's text
 * and serialised parameters for every statement. Like those events, it counts COMMIT but not BEGIN. The
 * embedded database's adapter ends transactions itself ("phantom" COMMIT, not sent through `executeRaw`).
 */
function countingStatements<T extends object>(target: T, onQuery: () => void): T {
  return new Proxy(target, {
    get(object, key) {
      const value = Reflect.get(object, key, object);
      if (typeof value !== 'function') return value;
      if (STATEMENTS.has(key))
        return (...args: unknown[]) => {
          onQuery();
          return value.apply(object, args);
        };
      if (ENDS.has(key) && (object as { options?: { usePhantomQuery?: boolean } }).options?.usePhantomQuery)
        return (...args: unknown[]) => {
          onQuery();
          return value.apply(object, args);
        };
      if (OPENERS.has(key))
        return async (...args: unknown[]) => countingStatements(await value.apply(object, args), onQuery);
      return value.bind(object);
    },
  });
}
