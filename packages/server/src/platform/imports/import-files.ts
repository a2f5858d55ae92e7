// The files of an import kind: its template (a plain GET; behind a link signed for one user, with that user's own
// lists; a few workbooks kept per app, keyed by their lists) and a record's failure report (the failed rows in the
// template's layout, behind a link signed for one user). Every download counts in its caller's rate limit.
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { workbookCache } from '../excel/workbook-cache.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../http/downloads.ts';
import type { HttpRoute } from '../http/server.ts';
import { importRowsOf, type RowResult } from './import-rows.ts';

type Workbook<Lists, Cells> = (lists: Lists, rows?: { cells: Cells; reason: string }[] | null) => Promise<Buffer>;

export interface ImportFilesSpec<Lists, Cells> {
  /** e.g. /templates/registry.xlsx, and the name it downloads as */
  templatePath: string;
  templateName: string;
  /** failure reports are served at `<failuresPath>/<record id>/failures.xlsx` */
  failuresPath: string;
  /** the key space their links are signed in */
  failuresKey: string;
  /** the template's lists (authorities …), read afresh for every download; `userId` names whom they are for */
  lists: (app: AppServices, userId: string | null) => Promise<Lists>;
  workbook: Workbook<Lists, Cells>;
  /** the record, when the user a failure report link was signed for may see it */
  recordFor: (app: AppServices, userId: string, id: string) => Promise<ImportRecord | null>;
}

const escaped = (path: string) => path.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function importFiles<Lists, Cells>(spec: ImportFilesSpec<Lists, Cells>) {
  const caches = new WeakMap<AppServices, (lists: Lists) => Promise<Buffer>>();
  const cachedTemplate = (app: AppServices, lists: Lists) => {
    let cache = caches.get(app);
    if (!cache) {
      cache = workbookCache((input: Lists) => {
        app.metrics?.workbookBuilds.inc({ workbook: spec.templateName });
        return spec.workbook(input);
      });
      caches.set(app, cache);
    }
    return cache(lists);
  };
  const key = (recordId: string) => `${spec.failuresKey}:${recordId}`;
  const templateKey = `${spec.failuresKey}:template`;
  const files = {
    template: async (app: AppServices, userId: string | null = null) =>
      cachedTemplate(app, await spec.lists(app, userId)),
    /** The template's address: signed for a signed-in user (their own lists), else the plain one. */
    templateUrl: (app: AppServices, userId: string | null): string =>
      userId ? app.files.signedLink(spec.templatePath, templateKey, userId) : spec.templatePath,
    /** 失败记录: the failed rows in the template's columns plus 失败原因, with the lists of `userId`. */
    async failureReport(app: AppServices, record: ImportRecord, userId: string | null = null): Promise<Buffer> {
      type Failed = RowResult & { cells?: Cells; message?: string; code?: string };
      const failed = (await importRowsOf<Failed>(app.db, record.id, { failedOnly: true })).filter((row) => row.cells);
      return spec.workbook(
        await spec.lists(app, userId),
        failed.map((row) => ({ cells: row.cells as Cells, reason: row.message ?? row.code ?? '' })),
      );
    },
    /** A link valid for one hour for `userId`; null while running or when nothing failed. */
    failureUrl(app: AppServices, record: ImportRecord, userId: string): string | null {
      if (record.status === 'PROCESSING' || record.failed === 0) return null;
      const path = `${spec.failuresPath}/${encodeURIComponent(record.id)}/failures.xlsx`;
      return app.files.signedLink(path, key(record.id), userId);
    },
    routes: (app: AppServices): HttpRoute[] => [
      {
        pattern: new RegExp(`^${escaped(spec.templatePath)}$`),
        // a forged or expired link counts against the caller's address, like the plain one
        limitedAs: (_match, url) => (url.searchParams.has('u') ? app.files.userOfSignedLink(templateKey, url) : null),
        handle: async (_match, url, _request, response) => {
          // a link with a forged or expired signature is refused, not answered with someone else's lists
          const userId = url.searchParams.has('u') ? app.files.userOfSignedLink(templateKey, url) : null;
          if (url.searchParams.has('u') && !userId) return refuseDownload(response);
          sendDownload(response, await files.template(app, userId), spec.templateName, XLSX_MIME, 'no-cache');
        },
      },
      {
        pattern: new RegExp(`^${escaped(spec.failuresPath)}/([A-Za-z0-9_-]{1,64})/failures\\.xlsx$`),
        limitedAs: (match, url) => app.files.userOfSignedLink(key(match[1] ?? ''), url),
        handle: async (match, url, _request, response) => {
          const id = match[1] ?? '';
          const userId = app.files.userOfSignedLink(key(id), url);
          const record = userId ? await spec.recordFor(app, userId, id) : null;
          if (!record) return refuseDownload(response);
          const baseName = record.fileName.replace(/\.xlsx$/i, '');
          const report = await files.failureReport(app, record, userId);
          sendDownload(response, report, `失败记录-${baseName}.xlsx`, XLSX_MIME);
        },
      },
    ],
  };
  return files;
}
