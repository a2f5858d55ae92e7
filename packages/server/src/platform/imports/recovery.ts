// An import whose process is gone (kill -9, a crash, a lost machine) can never finish: it is marked FAILED with
// the counts it committed and a reason naming them. Found at start-up — with the embedded database every
// PROCESSING import, since one process owns that database; with PostgreSQL those of this instance's previous
// starts — and, on every instance all the time (with PostgreSQL), any other process's import whose lease ran out.
import type { Locale } from '@leqi/domain';
import { Prisma } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import type { ImportCounts } from './import-rows.ts';
import { importOwner, instancePrefix } from './owner.ts';

/** The reason an interrupted import of one kind gives, in its importer's language. */
export type InterruptedReason = (counts: ImportCounts, locale: Locale) => string;

const n = (value: number) => value.toLocaleString('en');

/** For kinds without a reason of their own. */
const interruptedReason: InterruptedReason = (counts, locale) => {
  const processed = counts.succeeded + counts.failed;
  return locale === 'en'
    ? `Import interrupted (the server process stopped): ${n(processed)} rows processed (${n(counts.succeeded)} succeeded and kept), ${n(counts.total - processed)} not processed; import the rest again`
    : `导入中断（服务进程已停止）：已处理 ${n(processed)} 行（成功 ${n(counts.succeeded)} 行，均已保存），其余 ${n(counts.total - processed)} 行未处理，请重新导入剩余部分`;
};

interface Candidate extends ImportCounts {
  id: string;
  kind: string;
  locale: string;
}

const EXPIRED = Prisma.sql`("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now() AT TIME ZONE 'UTC')`;

/** Marks the interrupted imports FAILED; returns how many. */
export async function failInterruptedImports(
  app: AppServices,
  reasons: Readonly<Record<string, InterruptedReason>>,
  moment: 'startup' | 'sweep',
): Promise<number> {
  const exclusive = !app.config.databaseUrl;
  const orphaned =
    moment === 'sweep'
      ? // this process's own imports renew their leases while it runs: after a long pause it must not fail them
        Prisma.sql`("owner" IS NULL OR "owner" <> ${importOwner(app)}) AND ${EXPIRED}`
      : exclusive
        ? Prisma.sql`TRUE`
        : Prisma.sql`(starts_with("owner", ${instancePrefix(app)}::text) OR ${EXPIRED})`;
  const candidates = await app.db.$queryRaw<Candidate[]>`
    SELECT "id", "kind", "locale", "total", "succeeded", "failed", "created", "updated" FROM "ImportRecord"
    WHERE "status" = 'PROCESSING' AND ${orphaned}`;
  let failed = 0;
  for (const record of candidates) {
    const locale: Locale = record.locale === 'en' ? 'en' : 'zh-CN';
    const reason = (reasons[record.kind] ?? interruptedReason)(record, locale);
    // only if it is still orphaned and has committed nothing since it was read, so the reason stays true
    failed += await app.db.$executeRaw`
      UPDATE "ImportRecord" SET "status" = 'FAILED', "finishedAt" = now() AT TIME ZONE 'UTC',
        "failureReason" = ${reason}, "leaseExpiresAt" = NULL
      WHERE "id" = ${record.id} AND "status" = 'PROCESSING'
        AND "succeeded" = ${record.succeeded} AND "failed" = ${record.failed} AND ${orphaned}`;
  }
  return failed;
}

/**
 * Fails the orphaned imports now (before the server takes requests); then, with PostgreSQL (where other
 * instances run imports), sweeps for expired leases a few times per lease period. Returns the function that stops
 * the sweeps.
 */
export async function startImportRecovery(
  app: AppServices,
  reasons: Readonly<Record<string, InterruptedReason>>,
): Promise<() => void> {
  const report = (count: number) => {
    if (count > 0) app.log?.warn('imports interrupted by a stopped process marked FAILED', { count });
  };
  report(await failInterruptedImports(app, reasons, 'startup'));
  // the embedded database belongs to this process alone: nobody else's import can be orphaned while it runs
  if (!app.config.databaseUrl) return () => undefined;
  let running = false;
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      failInterruptedImports(app, reasons, 'sweep')
        .then(report)
        .catch((error: unknown) => app.log?.error('import recovery sweep failed', { error: String(error) }))
        .finally(() => {
          running = false;
        });
    },
    (app.config.importLeaseSeconds * 1000) / 3,
  );
  timer.unref();
  return () => clearInterval(timer);
}
