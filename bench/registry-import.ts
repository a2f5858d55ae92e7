// 企业登记信息导入 at scale: a workbook of N entries imported three times through the service — all created, all
// unchanged, all changed — each with its ratio to the bare exceljs streaming read of the same file in the same run.
// Run: pnpm bench:registry-import [rows] (from the repository root; default 5,000)
// (embedded PGlite; set TEST_DATABASE_URL=postgres://… to run against PostgreSQL)
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeUscc } from '../packages/domain/src/index.ts';
import { importRegistry, settledRegistryImports } from '../packages/server/src/features/admin/registry-import.ts';
import { viewerOfUserId } from '../packages/server/src/features/auth/service.ts';
import { databaseKind, startTestServer } from '../packages/server/test/harness.ts';

const ExcelJS = createRequire(new URL('../packages/server/package.json', import.meta.url))(
  'exceljs',
) as typeof import('../packages/server/node_modules/exceljs');

const ROWS = Number(process.argv[2] ?? 5_000);
const TIANHE = '14401060000';
const HEADERS = [
  '统一社会信用代码',
  '纳税人名称',
  '主管税务机关代码',
  '纳税信用等级',
  '是否纳入数电票试点',
  '近三年是否存在重大税收违法行为',
  '是否民生保障类行业',
  '上一年度营业收入（元）',
  '前12个月开受票量（张）',
  '前12个月开票金额（元）',
];
const MB = 1024 * 1024;

async function writeWorkbook(path: string, revenue: number) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('企业登记信息');
  sheet.addRow(HEADERS).commit();
  for (let index = 0; index < ROWS; index++) {
    const uscc = makeUscc(`91440R${String(index).padStart(11, '0')}`);
    sheet.addRow([uscc, `登记压测${index}有限公司`, TIANHE, 'A', '是', '否', '否', revenue, 1000, 2000]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

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
    for await (const row of sheet as unknown as AsyncIterable<{ values: unknown[] }>) cells += row.values.length;
  }
  return cells;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

async function main() {
  const server = await startTestServer();
  const app = server.running.app;
  const admin = await app.db.user.findFirstOrThrow({ where: { role: 'ADMIN' } });
  const viewer = await viewerOfUserId(app, admin.id);
  if (!viewer) throw new Error('no viewer');
  console.log(`database: ${databaseKind()}; rows: ${ROWS.toLocaleString('en')}`);
  const first = join(tmpdir(), `leqi-bench-registry-${process.pid}-a.xlsx`);
  const second = join(tmpdir(), `leqi-bench-registry-${process.pid}-b.xlsx`);
  await writeWorkbook(first, 1_000_000);
  await writeWorkbook(second, 2_000_000);

  let started = performance.now();
  await bareRead(first);
  const bare = (performance.now() - started) / 1000;
  console.log(`exceljs streaming read only: ${bare.toFixed(2)} s`);

  const summary: Record<string, number | string> = { rows: ROWS, bare_read_s: round(bare, 3) };
  for (const [label, path] of [
    ['created', first],
    ['unchanged', first],
    ['changed', second],
  ] as const) {
    const bytes = readFileSync(path);
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    started = performance.now();
    const result = await importRegistry(
      app,
      viewer,
      {
        name: 'registry.xlsx',
        size: bytes.length,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        arrayBuffer: async () =>
          bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      },
      'zh-CN',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    await settledRegistryImports(app);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const record = await app.db.importRecord.findUniqueOrThrow({ where: { id: result.value.id } });
    console.log(
      `${label}: ${seconds.toFixed(2)} s (${(seconds / bare).toFixed(1)}× the bare read), ${record.status} ` +
        `${record.created} created, ${record.updated} updated, ${record.failed} failed; +${((peak - rssBefore) / MB).toFixed(0)} MB RSS`,
    );
    summary[`${label}_s`] = round(seconds, 3);
    summary[`${label}_ratio`] = round(seconds / bare, 2);
  }
  rmSync(first, { force: true });
  rmSync(second, { force: true });
  await server.close();
  summary.database = databaseKind();
  // the last line: one JSON object
  console.log(JSON.stringify(summary));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
