// `pnpm db:migrate` applies pending migrations (to DATABASE_URL, or the embedded database under DATA_DIR);
// `pnpm db:migration:create <name>` writes a new migration from the change in prisma/schema.prisma.
import { openDatabase } from './database.ts';
import { applyMigrations, createMigration } from './migrate.ts';

const [command, name] = process.argv.slice(2);

if (command === 'create') {
  // A throwaway in-memory database serves as the shadow database; the change is computed from the files alone.
  const database = await openDatabase({ dataDir: 'memory://' });
  const folder = await createMigration(database.adapterFactory, name ?? 'change');
  console.log(
    folder ? `created prisma/migrations/${folder}` : 'schema.prisma matches the migrations: nothing to create',
  );
  await database.close();
} else if (command === 'deploy') {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: process.env.DATA_DIR ?? 'data',
  });
  const migrations = database.openMigrationAdapter();
  const applied = await applyMigrations(migrations.adapterFactory).finally(() => migrations.close());
  console.log(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  await database.close();
} else {
  console.error('usage: migrate-cli.ts deploy | create <name>');
  process.exit(2);
}
