import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { openSchemaEngine } from './schema-engine.ts';

export const PRISMA_DIR = resolve(fileURLToPath(new URL('../../../../../prisma', import.meta.url)));
const SCHEMA_PATH = join(PRISMA_DIR, 'schema.prisma');
const MIGRATIONS_DIR = join(PRISMA_DIR, 'migrations');
const LOCKFILE = 'migration_lock.toml';
const NO_FILTERS = { externalTables: [], externalEnums: [] };

function readSchema() {
  return { path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, 'utf8') };
}

/** The migrations folder in the shape the schema engine takes (Prisma's own layout). */
export function loadMigrationList(dir = MIGRATIONS_DIR) {
  const directories = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/** Applies every pending migration and records it in `_prisma_migrations`, like `prisma migrate deploy`. */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapterFactory, readSchema());
  try {
    const result = await engine.applyMigrations({ migrationsList: loadMigrationList(), filters: NO_FILTERS });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that takes a database migrated with the committed migrations to `schema.prisma`; empty when in sync. */
export async function pendingSchemaChange(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await openSchemaEngine(adapterFactory, readSchema());
  try {
    const list = loadMigrationList();
    const from =
      list.migrationDirectories.length > 0 ? { tag: 'migrations' as const, ...list } : { tag: 'empty' as const };
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [readSchema()] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    const sql = result.stdout ?? '';
    return sql.replace(/^-- This is an empty migration\.\s*$/m, '').trim();
  } finally {
    engine.free();
  }
}

/** Writes `prisma/migrations/<timestamp>_<name>/migration.sql` for the change since the last migration. */
export async function createMigration(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
): Promise<string | null> {
  const sql = await pendingSchemaChange(adapterFactory);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const folder = `${stamp}_${name.replace(/[^a-z0-9_]+/gi, '_').toLowerCase()}`;
  mkdirSync(join(MIGRATIONS_DIR, folder), { recursive: true });
  writeFileSync(join(MIGRATIONS_DIR, folder, 'migration.sql'), `${sql}\n`);
  const lockPath = join(MIGRATIONS_DIR, LOCKFILE);
  if (!existsSync(lockPath)) writeFileSync(lockPath, 'provider = "postgresql"\n');
  return folder;
}
