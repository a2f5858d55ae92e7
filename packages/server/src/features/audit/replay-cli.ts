// `pnpm audit:replay`: rebuilds every case's status from its audit events (DATABASE_URL or DATA_DIR) and
// compares it with the stored status. Exit code 0 when every case replays to its status, 1 otherwise.
import { join, resolve } from 'node:path';
import { openDatabase } from '../../platform/db/database.ts';
import { replayAuditTrails } from './replay.ts';

const dataDir = resolve(process.env.INIT_CWD ?? process.cwd(), process.env.DATA_DIR ?? 'data');
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL,
  dataDir: process.env.PGLITE_DIR ?? join(dataDir, 'pglite'),
});
const report = await replayAuditTrails(database.db);
await database.close();
const kinds = Object.entries(report.casesByKind)
  .map(([kind, count]) => `${kind} ${count}`)
  .join(', ');
if (report.consistent) {
  console.log(
    `审计回放一致 audit replay consistent: ${report.checkedCases} cases (${kinds}) rebuilt from ${report.checkedEvents} events`,
  );
} else {
  console.error(`审计回放不一致 audit replay found mismatches in ${report.checkedCases} cases:`);
  for (const m of report.mismatches) {
    console.error(
      `  ${m.caseKind} ${m.caseId}: ${m.problem} (stored ${m.stored}, replayed ${m.replayed}, event ${m.eventId})`,
    );
  }
  process.exitCode = 1;
}
