// The committed migrations must produce exactly prisma/schema.prisma.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/platform/db/database.ts';
import { loadMigrationList, PRISMA_DIR, pendingSchemaChange } from '../src/platform/db/migrate.ts';
import { openSchemaEngine } from '../src/platform/db/schema-engine.ts';

describe('migration drift', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(async () => database?.close());

  it('the committed migrations produce prisma/schema.prisma', async () => {
    const sql = await pendingSchemaChange(database.adapterFactory);
    expect(
      sql,
      `prisma/schema.prisma changed without a migration: run \`pnpm db:migration:create <name>\`\n${sql}`,
    ).toBe('');
  });

  it('the same diff reports a change when the schema gains a model (the check is not blind)', async () => {
    const path = join(PRISMA_DIR, 'schema.prisma');
    const modified = `${readFileSync(path, 'utf8')}\nmodel DriftProbe {\n  id String @id\n  note String?\n}\n`;
    const engine = await openSchemaEngine(database.adapterFactory, { path, content: modified });
    try {
      const list = loadMigrationList();
      const result = await engine.diff({
        from: { tag: 'migrations', ...list },
        to: { tag: 'schemaDatamodel', files: [{ path, content: modified }] },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      expect(result.stdout).toContain('CREATE TABLE "DriftProbe"');
    } finally {
      engine.free();
    }
  });
});
