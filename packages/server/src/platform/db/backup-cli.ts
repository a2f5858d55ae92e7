// `pnpm db:backup <file>` / `pnpm db:restore <file>`: the database — embedded (DATA_DIR/pglite) or, with
// DATABASE_URL, PostgreSQL through pg_dump / pg_restore — the material files and the file-link secret, with the
// servers stopped. A restore ends by verifying the audit hash chains (exit 1 when one is broken).
import { join, resolve } from 'node:path';
import { verifyAuditChains } from '../events/verify.ts';
import { backupEmbedded, backupPostgres, restoreEmbedded, restorePostgres } from './backup.ts';
import { openDatabase } from './database.ts';

const [command, target] = process.argv.slice(2);
const baseDir = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(baseDir, process.env.DATA_DIR ?? 'data');
const layout = { dataDir, pgliteDir: process.env.PGLITE_DIR ?? join(dataDir, 'pglite') };

if ((command !== 'backup' && command !== 'restore') || !target) {
  console.error('usage: backup-cli.ts backup <file> | restore <file>');
  process.exit(2);
}
const databaseUrl = process.env.DATABASE_URL || undefined;
const file = resolve(baseDir, target);
if (command === 'backup') {
  const header = databaseUrl ? backupPostgres(databaseUrl, dataDir, file) : await backupEmbedded(layout, file);
  console.log(
    `backup written to ${file}: ${header.kind} database ${header.database} bytes, ${header.files.length} files`,
  );
} else {
  const header = databaseUrl ? restorePostgres(databaseUrl, dataDir, file) : await restoreEmbedded(layout, file);
  const database = await openDatabase(
    databaseUrl ? { databaseUrl, dataDir: layout.pgliteDir } : { dataDir: layout.pgliteDir },
  );
  const report = await verifyAuditChains(database.db, {});
  await database.close();
  console.log(
    `restored the backup of ${header.createdAt} into ${databaseUrl ? 'PostgreSQL' : dataDir} (previous files kept as *.before-restore-*)`,
  );
  console.log(`audit chains ${report.intact ? 'intact' : 'BROKEN'}: ${report.checkedEvents} events`);
  if (!report.intact) process.exitCode = 1;
}
