// `pnpm audit:verify`: checks every case's audit hash chain in the database (DATABASE_URL or DATA_DIR) and
// names the first altered event. Exit code 0 when intact, 1 when a chain is broken.
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { verifyAuditChains } from './verify.ts';

const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.PGLITE_DIR ?? join(dataDir, 'pglite'),
});
const report = await verifyAuditChains(database.db, { caseKind: process.argv[2], caseId: process.argv[3] });
await database.close();
if (report.intact) {
  console.log(`审计链完整 audit chains intact: ${report.checkedEvents} events in ${report.checkedCases} cases`);
} else {
  const at = report.firstBreak;
  console.error(
    `审计链被篡改 audit chain broken at event ${at?.eventId} (${at?.caseKind} ${at?.caseId}): ${at?.problem}`,
  );
  process.exitCode = 1;
}
