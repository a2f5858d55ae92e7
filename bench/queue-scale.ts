// Review queues at scale on PostgreSQL: bulk-inserts N access applications (default 100,000) into a fresh database
// with generate_series, then times the real reviewQueue service (first page, deep page via cursors, newest first,
// newest submitted first, date-range filter) and the bureau dashboard, and prints EXPLAIN (ANALYZE) summaries of
// their SQL.
// Run: pnpm bench:queue [N]     e.g. pnpm bench:queue 1000000     (needs PostgreSQL, TEST_DATABASE_URL or local)
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Actor } from '../packages/domain/src/index.ts';
import { accessApplicationCase } from '../packages/server/src/features/access-application/case.ts';
import { decisionsByDaySql, waitingByDaySql } from '../packages/server/src/features/bureau-dashboard/aggregates-sql.ts';
import { bureauDashboard } from '../packages/server/src/features/bureau-dashboard/service.ts';
import {
  encodeQueueCursor,
  type QueueArgs,
  type QueueOrder,
  reviewQueue,
} from '../packages/server/src/features/review-queue/service.ts';
import type { Viewer } from '../packages/server/src/platform/context.ts';
import { startTestServer } from '../packages/server/test/harness.ts';

const N = Number(process.argv[2] ?? 100_000);
const PAGE = 20;
const DEEP_PAGE = 500;
const REPEAT = 60;
process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';

const TIANHE = '14401060000';
/** 5 of 8 cases at 天河 (so its queue is deep), one each at 海珠, 浦东, 西湖. */
const AUTHORITIES = [TIANHE, TIANHE, TIANHE, TIANHE, '14401050000', '13101150000', '13301060000', TIANHE];
/** per 10 cases: 2 待受理, 1 待复核, 1 待确认, 6 decided */
const STATUSES = [
  'PENDING_ACCEPTANCE',
  'PENDING_ACCEPTANCE',
  'PENDING_REVIEW',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'NOT_ACCEPTED',
  'REVIEW_REJECTED',
  'CONFIRMATION_REJECTED',
  'CONFIRMED',
  'CONFIRMED',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

async function bulkInsert(client: pg.Client, n: number): Promise<void> {
  const enterprises = Math.max(1000, Math.floor(n / 20));
  const sqlArray = (values: string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`;
  await client.query(
    `INSERT INTO "Enterprise" ("id", "uscc", "name", "competentAuthorityCode", "creditRating", "inPilot", "updatedAt")
     SELECT 'bench-e-' || e, 'B' || lpad(e::text, 17, '0'), '压测企业' || e,
            (${sqlArray(AUTHORITIES)})[1 + e % 8], 'A', true, now()
     FROM generate_series(0, $1 - 1) AS e`,
    [enterprises],
  );
  // one statement per 200,000 rows keeps the transaction (and its WAL) moderate
  for (let start = 0; start < n; start += 200_000) {
    const end = Math.min(n, start + 200_000) - 1;
    await client.query(
      `INSERT INTO "AccessApplication" ("id", "enterpriseId", "status", "competentAuthorityCode", "provinceCode",
         "stepEnteredAt", "submittedAt", "createdById", "createdAt", "updatedAt")
       SELECT 'bench-a-' || i, 'bench-e-' || (i % $3),
              (${sqlArray(STATUSES)})[1 + i % 10],
              (${sqlArray(AUTHORITIES)})[1 + (i / 10) % 8],
              substr((${sqlArray(AUTHORITIES)})[1 + (i / 10) % 8], 1, 3) || '00000000',
              now() - ((i::bigint * 7919) % 34560000) * interval '1 second',
              now() - ((i::bigint * 7919) % 34560000 + 86400) * interval '1 second',
              'bench', now(), now()
       FROM generate_series($1::int, $2::int) AS i`,
      [start, end, enterprises],
    );
  }
  await client.query('VACUUM ANALYZE "AccessApplication"');
  await client.query('VACUUM ANALYZE "Enterprise"');
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
}

/** The plan's first line with its timing, the scans it uses, and whether any case table is read sequentially. */
async function explain(client: pg.Client, label: string, sql: string, params: unknown[]): Promise<boolean> {
  const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
  const lines = result.rows.map((row) => row['QUERY PLAN'] as string);
  const scans = lines.filter((line) => /Scan/.test(line)).map((line) => line.trim().replace(/\s+\(cost=.*$/, ''));
  const seq = lines.some((line) =>
    /Seq Scan on "?(AccessApplication|ExitApplication|Invitation|CapabilitySubscription)/.test(line),
  );
  const execution = lines.find((line) => line.startsWith('Execution Time')) ?? '';
  console.log(`  ${label}: ${execution}; ${seq ? 'SEQ SCAN!' : 'no Seq Scan on case tables'}`);
  for (const scan of [...new Set(scans)]) console.log(`      ${scan}`);
  return !seq;
}

async function main() {
  console.log(`queue-scale: ${N.toLocaleString('en')} access applications on PostgreSQL`);
  const server = await startTestServer({ SEED_DEMO_DATA: 'true' });
  const app = server.running.app;
  const url = app.config.databaseUrl;
  if (!url) throw new Error('the bench needs PostgreSQL (TEST_DATABASE_URL)');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [, insertMs] = await timed(() => bulkInsert(client, N));
    console.log(`bulk insert + VACUUM ANALYZE: ${(insertMs / 1000).toFixed(1)} s`);
    const officer = await app.db.user.findUniqueOrThrow({ where: { username: 'th.officer1' } });
    const actor: Actor = { role: 'OFFICER', userId: officer.id, authorityCode: TIANHE, authorityLevel: 'LOCAL' };
    const viewer: Viewer = { userId: officer.id, username: officer.username, displayName: officer.displayName, actor };

    const page = async (args: QueueArgs) => {
      const queue = accessApplicationCase.queue;
      const result = await reviewQueue(app, viewer, queue, 'ACCEPTANCE', { first: PAGE, ...args });
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    };
    type Row = { stepEnteredAt: Date; submittedAt: Date | null; id: string };
    const cursorOf = (row: Row, order: QueueOrder = 'OLDEST_IN_STEP') => encodeQueueCursor(row, order);
    /** The first page's last row: where the 2nd page of these arguments starts. */
    const secondPageStart = async (args: QueueArgs) => (await page(args)).rows.at(-1);
    // the statement each page sends, kept so EXPLAIN reads the very SQL the service runs
    const sent: { text: string; values: readonly unknown[] }[] = [];
    const run = app.prepared;
    app.prepared = (statement, values) => {
      sent.push({ text: statement.text, values });
      return run(statement, values);
    };
    const planned: { label: string; text: string; values: readonly unknown[] }[] = [];
    const measure = async (label: string, args: QueueArgs) => {
      sent.length = 0;
      await page(args); // warm
      for (const statement of sent) planned.push({ label, ...statement });
      const times: number[] = [];
      for (let run = 0; run < REPEAT; run += 1) times.push((await timed(() => page(args)))[1]);
      console.log(
        `${label.padEnd(34)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(percentile(times, 95)).padStart(9)}`,
      );
      return percentile(times, 95);
    };

    // walk to the deep page with cursors, as a client would
    let after: string | undefined;
    let walked = 0;
    const [first] = await timed(() => page({}));
    console.log(`天河 待受理 queue: ${first.totalCount.toLocaleString('en')} cases`);
    const [, walkMs] = await timed(async () => {
      for (let index = 1; index < DEEP_PAGE; index += 1) {
        const current = await page({ after });
        const last = current.rows.at(-1);
        if (!last || !current.hasNextPage) break;
        walked = index;
        after = cursorOf(last);
      }
    });
    console.log(
      `walked ${walked} pages by cursor in ${(walkMs / 1000).toFixed(1)} s (${ms(walkMs / Math.max(1, walked))}/page)`,
    );
    console.log(`latency over ${REPEAT} runs, ${PAGE} rows a page, with totalCount:`);
    const firstP95 = await measure('first page (oldest in step)', {});
    const deepP95 = await measure(`page ${walked + 1} (cursor)`, { after });
    await measure('first page, newest first', { orderBy: 'NEWEST_IN_STEP' });
    const newestLast = await secondPageStart({ orderBy: 'NEWEST_IN_STEP' });
    if (newestLast)
      await measure('2nd page, newest first', {
        orderBy: 'NEWEST_IN_STEP',
        after: cursorOf(newestLast, 'NEWEST_IN_STEP'),
      });
    await measure('first page, newest submitted first', { orderBy: 'SUBMITTED_NEWEST' });
    const submittedLast = await secondPageStart({ orderBy: 'SUBMITTED_NEWEST' });
    if (submittedLast) {
      const after = cursorOf(submittedLast, 'SUBMITTED_NEWEST');
      await measure('2nd page, newest submitted first', { orderBy: 'SUBMITTED_NEWEST', after });
    }
    const from = new Date(Date.now() - 90 * 86_400_000);
    const recent = { submittedFrom: from };
    const filteredP95 = await measure('first page, submitted last 90 days', { filter: recent });
    const searchP95 = await measure('first page, search by name', { search: '压测企业1' });
    const recentLast = await secondPageStart({ filter: recent });
    if (recentLast) await measure('2nd page, submitted last 90 days', { filter: recent, after: cursorOf(recentLast) });
    const dashboardTimes: number[] = [];
    for (let run = 0; run < 10; run += 1) {
      dashboardTimes.push((await timed(() => bureauDashboard(app, viewer)))[1]);
    }
    console.log(
      `${'bureauDashboard (all kinds)'.padEnd(34)} p50 ${ms(percentile(dashboardTimes, 50)).padStart(9)}  p95 ${ms(percentile(dashboardTimes, 95)).padStart(9)}  (10 runs)`,
    );

    console.log('EXPLAIN (ANALYZE) of the SQL behind them (each page: the statement the service sent):');
    // Dates as the driver sends them: the UTC instant a timestamp(3) column holds
    const asSent = (values: readonly unknown[]) =>
      values.map((value) => (value instanceof Date ? value.toISOString().slice(0, -1) : value));
    const pages = [];
    for (const statement of planned) {
      pages.push(await explain(client, statement.label, statement.text, asSent(statement.values)));
    }
    const results = [
      ...pages,
      await explain(client, 'dashboard, waiting days', waitingByDaySql(actor).text, waitingByDaySql(actor).values),
      await explain(
        client,
        'dashboard, decisions per day',
        decisionsByDaySql(actor, new Date('2026-01-01T00:00:00+08:00')).text,
        decisionsByDaySql(actor, new Date('2026-01-01T00:00:00+08:00')).values,
      ),
    ];
    console.log(
      results.every(Boolean) ? 'all plans use indexes on the case tables' : 'SOME PLAN READS A CASE TABLE SEQUENTIALLY',
    );
    const round = (value: number) => Math.round(value * 10) / 10;
    console.log(
      JSON.stringify({
        cases: N,
        first_page_p95_ms: round(firstP95),
        deep_page_p95_ms: round(deepP95),
        filtered_p95_ms: round(filteredP95),
        search_p95_ms: round(searchP95),
        dashboard_p95_ms: round(percentile(dashboardTimes, 95)),
      }),
    );
  } finally {
    await client.end();
    await server.close();
  }
}

await main();
