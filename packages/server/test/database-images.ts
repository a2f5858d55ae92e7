// Set up once, copy cheaply: every test server used to start from an empty database, running initdb (PGlite),
// the migrations and the demo seed itself. Once per run (vitest globalSetup) the database is migrated, and
// migrated and seeded, once each; test servers then start from a copy:
// - PGlite: a data directory image (`dumpDataDir`) loaded into a fresh in-memory instance (no initdb);
// - PostgreSQL: `CREATE DATABASE … TEMPLATE …` of a template database.
// The seed's files (content-addressed) are copied beside a seeded copy. The server still runs the migrations
// (none pending) and the seed check (already seeded) on start, as in production.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { applyMigrations } from '../src/platform/db/migrate.ts';
import { FileStore } from '../src/platform/files/store.ts';
import { loadQueueConfig } from '../src/platform/queue-config.ts';
import { seedDemoData } from '../src/seed/seed.ts';
import { demoPasswordHash } from './demo-password.ts';

/** where the images of this run are described (set by the global setup, inherited by the test workers) */
export const IMAGES_ENV = 'LEQI_TEST_DB_IMAGES';

interface ImageManifest {
  /** PGlite images: the migrated and the seeded data directory (tar) */
  pglite: { migrated: string; seeded: string };
  /** the seed's file store, copied beside a seeded database */
  seededFiles: string;
  /** PostgreSQL template databases, when the run has TEST_DATABASE_URL */
  postgres?: { migrated: string; seeded: string };
}

function manifest(): ImageManifest | null {
  const path = process.env[IMAGES_ENV];
  if (!path || !existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as ImageManifest;
}

const loaded = new Map<string, Blob>();

/** The PGlite image to start a fresh in-memory database from; null without a global setup (fresh database). */
export function embeddedImage(seeded: boolean): Blob | null {
  const images = manifest();
  if (!images) return null;
  const path = seeded ? images.pglite.seeded : images.pglite.migrated;
  let image = loaded.get(path);
  if (!image) {
    image = new Blob([readFileSync(path)]);
    loaded.set(path, image);
  }
  return image;
}

/** The PostgreSQL template database a fresh test database is copied from; null without a global setup. */
export function postgresTemplate(seeded: boolean): string | null {
  const templates = manifest()?.postgres;
  if (!templates) return null;
  return seeded ? templates.seeded : templates.migrated;
}

/** Gives a seeded copy its files (the seed stores a sample PDF that its materials point to). */
export function copySeedFiles(dataDir: string): void {
  const images = manifest();
  if (images) cpSync(images.seededFiles, join(dataDir, 'files'), { recursive: true });
}

async function seed(db: PrismaClient, filesDir: string): Promise<void> {
  // the test servers' queue configuration, as a server seeding on its first start would use
  await seedDemoData(db as never, new FileStore(filesDir, 'image-seed-only'), loadQueueConfig(process.env));
  // the demo accounts keep the demo password at the test cost (demo-password.ts): every test server signs them in
  await db.user.updateMany({ data: { passwordHash: await demoPasswordHash() } });
}

async function pgliteImages(dir: string, filesDir: string): Promise<ImageManifest['pglite']> {
  const pglite = await PGlite.create('memory://');
  try {
    // The app uses only the `postgres` database and never creates one: without the two template databases an image
    // is 38% smaller, and every test server loads one (25 instead of 40 MB, about a fifth less CPU per start).
    for (const template of ['template0', 'template1']) {
      await pglite.query(`ALTER DATABASE ${template} IS_TEMPLATE false`);
      await pglite.query(`DROP DATABASE ${template}`);
    }
    const adapter = new PrismaPGlite(pglite);
    await applyMigrations(adapter);
    const migrated = join(dir, 'pglite-migrated.tar');
    writeFileSync(migrated, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    const db = new PrismaClient({ adapter });
    await seed(db, filesDir);
    await db.$disconnect();
    const seeded = join(dir, 'pglite-seeded.tar');
    writeFileSync(seeded, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return { migrated, seeded };
  } finally {
    await pglite.close();
  }
}

async function adminQuery(baseUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresTemplates(baseUrl: string, filesDir: string): Promise<NonNullable<ImageManifest['postgres']>> {
  const prefix = `leqi_template_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const names = { migrated: `${prefix}_migrated`, seeded: `${prefix}_seeded` };
  await adminQuery(baseUrl, `CREATE DATABASE ${names.migrated}`);
  const migrated = await openDatabase({ databaseUrl: databaseUrl(baseUrl, names.migrated) });
  try {
    const single = migrated.openMigrationAdapter();
    try {
      await applyMigrations(single.adapterFactory);
    } finally {
      await single.close();
    }
  } finally {
    await migrated.close();
  }
  await adminQuery(baseUrl, `CREATE DATABASE ${names.seeded} TEMPLATE ${names.migrated}`);
  const seeded = await openDatabase({ databaseUrl: databaseUrl(baseUrl, names.seeded) });
  try {
    await seed(seeded.db as unknown as PrismaClient, filesDir);
  } finally {
    await seeded.close();
  }
  return names;
}

/** Makes this run's images; returns the teardown that removes them. */
export async function createDatabaseImages(): Promise<() => Promise<void>> {
  // `pnpm test` runs the server and the e2e suites in one process: the second global setup reuses the images
  if (manifest()) return async () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'leqi-test-images-'));
  const seededFiles = join(dir, 'seeded-files');
  const postgresUrl = process.env.TEST_DATABASE_URL;
  const [pglite, postgres] = await Promise.all([
    pgliteImages(dir, seededFiles),
    // the same seed, so the same files: the PostgreSQL seed writes its copy apart (no two writers in one directory)
    postgresUrl ? postgresTemplates(postgresUrl, join(dir, 'seeded-files-postgres')) : Promise.resolve(undefined),
  ]);
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify({ pglite, seededFiles, postgres } satisfies ImageManifest));
  process.env[IMAGES_ENV] = path;
  return async () => {
    if (postgres && postgresUrl) {
      for (const name of [postgres.seeded, postgres.migrated]) {
        await adminQuery(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
    delete process.env[IMAGES_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
