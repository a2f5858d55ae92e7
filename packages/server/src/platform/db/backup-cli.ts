// `pnpm db:backup <file>` / `pnpm db:restore <file>`: the embedded database (DATA_DIR/pglite), the material files
// and the file-link secret, with the server stopped. With DATABASE_URL use pg_dump / pg_restore instead.
import { join, resolve } from 'node:path';
import { verifyAuditChains } from '../events/verify.ts';
import { backupEmbedded, restoreEmbedded } from './backup.ts';
import { openDatabase } from './database.ts';

const [command, target] = process.argv.slice(2);
const baseDir = process.env.INIT_CWD ?? process.cwd();
const dataDir = resolve(baseDir, process.env.DATA_DIR ?? 'data');
const layout = { dataDir, pgliteDir: process.env.PGLITE_DIR ?? join(dataDir, 'pglite') };

if ((command !== 'backup' && command !== 'restore') || !target) {
  console.error('usage: backup-cli.ts backup <file> | restore <file>');
  process.exit(2);
}
if (process.env.DATABASE_URL) {
  console.error(
    'DATABASE_URL 已设置：请用 pg_dump / pg_restore 备份 PostgreSQL (DATABASE_URL is set: back PostgreSQL up with pg_dump / pg_restore)',
  );
  process.exit(2);
}
const file = resolve(baseDir, target);
if (command === 'backup') {
  const header = await backupEmbedded(layout, file);
  console.log(`backup written to ${file}: database ${header.database} bytes, ${header.files.length} files`);
} else {
  const header = await restoreEmbedded(layout, file);
  const database = await openDatabase({ dataDir: layout.pgliteDir });
  const report = await verifyAuditChains(database.db, {});
  await database.close();
  console.log(`restored the backup of ${header.createdAt} into ${dataDir} (previous data kept as *.before-restore-*)`);
  console.log(`audit chains ${report.intact ? 'intact' : 'BROKEN'}: ${report.checkedEvents} events`);
  if (!report.intact) process.exitCode = 1;
}
