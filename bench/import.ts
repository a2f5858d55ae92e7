// 导入邀请 at scale: a 10,000-row workbook of real, eligible use units, read (a) by exceljs alone and (b) imported
// through the service (check + parse + validate + create), in the same run, with rows/s and peak memory.
// Run: pnpm bench:import [rows] (from the repository root)
// (embedded PGlite; set TEST_DATABASE_URL=postgres://… to run the import against PostgreSQL)
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeUscc } from '../packages/domain/src/index.ts';
import { viewerOfUserId } from '../packages/server/src/features/auth/service.ts';
import { readInvitationWorkbook } from '../packages/server/src/features/invitation-import/rows.ts';
import { importInvitations, settledImports } from '../packages/server/src/features/invitation-import/service.ts';
import { uploadMaterial } from '../packages/server/src/features/materials/service.ts';
import { hashPassword } from '../packages/server/src/platform/auth/passwords.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';

// exceljs is a dependency of the server package, not of the repository root where this file lives
const ExcelJS = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'exceljs',
) as typeof import('../packages/server/node_modules/exceljs');

const ROWS = Number(process.argv[2] ?? 10_000);
const TIANHE = '14401060000';
const GUANGDONG = '14400000000';
const HEADERS = ['使用单位统一社会信用代码', '使用单位名称', '省级税务机关代码', '单位关系', '能力预授权'];
const MB = 1024 * 1024;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

function unit(index: number) {
  return { uscc: makeUscc(`91440B${String(index).padStart(11, '0')}`), name: `压测使用单位${index}有限公司` };
}

async function writeWorkbook(path: string) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('邀请信息');
  sheet.addRow(HEADERS).commit();
  for (let index = 0; index < ROWS; index++) {
    const { uscc, name } = unit(index);
    sheet.addRow([uscc, name, GUANGDONG, '02 母子公司关系', index % 2 ? '202007' : '202007、203059']).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** (a) exceljs alone: the streaming reader over the same bytes, every cell touched. */
async function bareRead(path: string): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<{ values: unknown[] }>) {
      cells += row.values.length;
      if (cells % 5000 === 0) sample();
    }
  }
  return cells;
}

async function main() {
  const rssAtStart = process.memoryUsage().rss;
  const server = await startTestServer();
  global.gc?.();
  const rssServer = process.memoryUsage().rss;
  const app = server.running.app;
  const db = app.db;
  console.log(`database: ${databaseKind()}; rows: ${ROWS.toLocaleString('en')}`);

  // 10,000 real, eligible use units of 天河 and one ACTIVE DCU that subscribed 202007 and 203059
  const units = Array.from({ length: ROWS }, (_, index) => unit(index));
  for (let start = 0; start < units.length; start += 1000) {
    await db.enterprise.createMany({
      data: units.slice(start, start + 1000).map((u) => ({
        ...u,
        competentAuthorityCode: TIANHE,
        creditRating: 'A',
        inPilot: true,
        priorYearRevenue: 1_000_000,
      })),
    });
  }
  const dcu = await db.enterprise.create({
    data: {
      uscc: makeUscc('91440100BENCHDCU0'),
      name: '压测直连单位有限公司',
      competentAuthorityCode: TIANHE,
      creditRating: 'A',
      inPilot: true,
      dcuStatus: 'ACTIVE',
    },
  });
  await db.capabilitySubscription.create({
    data: {
      dcuEnterpriseId: dcu.id,
      capabilityCodes: ['202007', '203059'],
      validUntil: new Date('2030-01-01'),
      businessSystemName: '压测系统',
      businessScope: '压测',
      status: 'APPROVED',
      competentAuthorityCode: TIANHE,
    },
  });
  const user = await db.user.create({
    data: {
      username: 'bench.import',
      passwordHash: await hashPassword('Bench@2026'),
      displayName: '压测经办人',
      role: 'ENTERPRISE',
      identityType: 'TAX_CLERK',
      enterpriseId: dcu.id,
    },
  });
  const viewer = await viewerOfUserId(app, user.id);
  if (!viewer) throw new Error('no viewer');
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const proof = await uploadMaterial(
    app,
    viewer,
    {
      name: 'proof.pdf',
      size: pdf.length,
      type: 'application/pdf',
      arrayBuffer: async () => pdf.buffer as ArrayBuffer,
    },
    'RELATIONSHIP_PROOF',
  );
  if (!proof.ok) throw new Error(JSON.stringify(proof.error));

  const path = join(tmpdir(), `leqi-bench-import-${process.pid}.xlsx`);
  await writeWorkbook(path);
  const bytes = readFileSync(path);
  console.log(`workbook: ${(statSync(path).size / 1024).toFixed(0)} KB`);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;

  // (a) exceljs only
  let started = performance.now();
  const cells = await bareRead(path);
  const bareSeconds = (performance.now() - started) / 1000;
  const barePeak = peakRss;

  // the import's own reading (checks + parse + row preparation), to show where the time goes
  // (in a function of its own, so its rows are garbage before the import's memory is measured)
  const parseSeconds = await (async () => {
    const begun = performance.now();
    const parsed = await readInvitationWorkbook(bytes, 'zh-CN');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    return (performance.now() - begun) / 1000;
  })();

  // (b) the full import through the service: checks, parse, validate, create (in the background), until done
  global.gc?.();
  const rssBeforeImport = process.memoryUsage().rss;
  peakRss = rssBeforeImport;
  started = performance.now();
  const file = {
    name: 'bench.xlsx',
    size: bytes.length,
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  };
  const result = await importInvitations(app, viewer, file, [proof.value.id], 'zh-CN');
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const acceptedSeconds = (performance.now() - started) / 1000;
  await settledImports(app);
  const importSeconds = (performance.now() - started) / 1000;
  sample();
  const importPeak = peakRss;
  const record = await db.importRecord.findUniqueOrThrow({ where: { id: result.value.id } });
  const invited = await db.invitation.count({ where: { batchId: record.id } });

  const failures = (
    await db.importRow.findMany({
      where: { importRecordId: record.id, succeeded: false },
      orderBy: { row: 'asc' },
      take: 3,
      select: { result: true },
    })
  ).map((row) => row.result);
  if (failures?.length) console.log('    first failures:', JSON.stringify(failures));
  const rate = (seconds: number) => `${Math.round(ROWS / seconds).toLocaleString('en')} rows/s`;
  console.log(`(a) exceljs streaming read only: ${bareSeconds.toFixed(2)} s, ${rate(bareSeconds)} (${cells} cells)`);
  console.log(`    import's checks + parse + row preparation: ${parseSeconds.toFixed(2)} s, ${rate(parseSeconds)}`);
  console.log(
    `(b) full import: ${importSeconds.toFixed(2)} s, ${rate(importSeconds)} (mutation answered after ${acceptedSeconds.toFixed(2)} s)`,
  );
  console.log(
    `    record ${record.status}: ${record.succeeded} succeeded, ${record.failed} failed; ${invited} invitations created`,
  );
  console.log(`ratio full import / bare read: ${(importSeconds / bareSeconds).toFixed(1)}×`);
  console.log(
    `    creating the invitations (pipeline): ${(importSeconds - acceptedSeconds).toFixed(2)} s, ${((1000 * (importSeconds - acceptedSeconds)) / ROWS).toFixed(2)} ms/row`,
  );
  const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
  console.log(
    `RSS: ${mb(rssAtStart)} at start, ${mb(rssServer)} with the server started (database open, migrated, seeded), ${mb(rssBeforeImport)} before the import`,
  );
  console.log(
    `    during the import: peak ${mb(importPeak)}, +${mb(importPeak - rssBeforeImport)} over before (sampled every 20 ms)`,
  );
  console.log(
    `peak RSS: ${(Math.max(peakRss, barePeak) / MB).toFixed(0)} MB sampled (before: ${(rssBefore / MB).toFixed(0)} MB; during the bare read ${(barePeak / MB).toFixed(0)} MB); process max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  const summary = {
    rows: ROWS,
    bare_read_s: round(bareSeconds, 3),
    import_s: round(importSeconds, 3),
    ratio: round(importSeconds / bareSeconds, 2),
    import_added_mb: round((importPeak - rssBeforeImport) / MB, 1),
    idle_rss_mb: round(rssServer / MB, 1),
    database: databaseKind(),
  };
  if (global.gc) {
    global.gc();
    const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
    console.log(
      `after GC: RSS ${(rss / MB).toFixed(0)} MB, JS heap ${(heapUsed / MB).toFixed(0)} MB, external ${(external / MB).toFixed(0)} MB (array buffers ${(arrayBuffers / MB).toFixed(0)} MB)`,
    );
  }
  clearInterval(sampler);
  await server.close();
  // the last line: one JSON object
  console.log(JSON.stringify(summary));
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
