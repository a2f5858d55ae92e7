// `pnpm audit:archive`: moves the security events older than AUDIT_RETENTION_DAYS (180 by default, never less) to a
// JSON-lines file under DATA_DIR/audit-archive, keeping every audit chain verifiable (archive.ts). The only way
// security events are deleted. `--verify <file>` checks an archive file against its recorded SHA-256 and hashes.
import { join, resolve } from 'node:path';
import { auditRetentionDaysFrom } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { archiveAuditEvents, verifyArchive } from './archive.ts';

const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
const retentionDays = auditRetentionDaysFrom(process.env);
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.PGLITE_DIR ?? join(dataDir, 'pglite'),
});
const dir = join(dataDir, 'audit-archive');
try {
  if (process.argv[2] === '--verify') {
    const file = process.argv[3] ?? '';
    const anchor = await database.db.auditChainAnchor.findFirst({ where: { file: file.split('/').at(-1) } });
    const report = anchor ? verifyArchive(file.includes('/') ? file : join(dir, file), anchor.fileSha256) : null;
    if (report?.intact) console.log(`归档完整 archive intact: ${report.events} events`);
    else {
      console.error(`归档被篡改或不属于本库 archive altered or unknown: ${file}`);
      process.exitCode = 1;
    }
  } else {
    const before = new Date(Date.now() - retentionDays * 86_400_000);
    const report = await archiveAuditEvents(database.db, { before, dir });
    console.log(
      report.file
        ? `已归档 archived ${report.archived} security events of ${report.chains} users older than ${before.toISOString()} to ${report.file}`
        : `无须归档 nothing older than ${before.toISOString()} to archive`,
    );
  }
} finally {
  await database.close();
}
