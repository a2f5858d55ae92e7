// The files of an import kind: its template (a plain GET; behind a link signed for one user, with that user's own
// lists; a few workbooks kept per app, keyed by their lists) and a record's failure report (the failed rows in the
// template's layout, behind a link signed for one user). Every download counts in its caller's rate limit.
import type { ServerResponse } from 'node:http';
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { type ImportWorkbookSpec, importWorkbook, type ReportRow, streamImportWorkbook } from '../excel/template.ts';
import { workbookCache } from '../excel/workbook-cache.ts';
import { downloadHeaders, refuseDownload, sendDownload, XLSX_MIME } from '../http/downloads.ts';
import type { HttpRoute } from '../http/server.ts';
import { failedRowPages, type RowResult } from './import-rows.ts';

export interface ImportFilesSpec<Lists, K extends string> {
  /** e.g. /templates/registry.xlsx, and the name it downloads as */
  templatePath: string;
  templateName: string;
  /** failure reports are served at `<failuresPath>/<record id>/failures.xlsx` */
  failuresPath: string;
  /** the key space their links are signed in */
  failuresKey: string;
  /** the template's lists (authorities …), read afresh for every download; `userId` names whom they are for */
  lists: (app: AppServices, userId: string | null) => Promise<Lists>;
  /** the layout of the template and of the failure reports, with these lists */
  workbook: (lists: Lists) => ImportWorkbookSpec<K>;
  /** the record, when the user a failure report link was signed for may see it */
  recordFor: (app: AppServices, userId: string, id: string) => Promise<ImportRecord | null>;
}

const escaped = (path: string) => path.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function importFiles<Lists, K extends string>(spec: ImportFilesSpec<Lists, K>) {
  const caches = new WeakMap<AppServices, (lists: Lists) => Promise<Buffer>>();
  const cachedTemplate = (app: AppServices, lists: Lists) => {
    let cache = caches.get(app);
    if (!cache) {
      cache = workbookCache((input: Lists) => {
        app.metrics?.workbookBuilds.inc({ workbook: spec.templateName });
        return importWorkbook(spec.workbook(input));
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
    /**
     * 失败记录: the failed rows in the template's columns plus 失败原因, with the lists of `userId`, written to the
     * response as they are read, a page at a time (a report of 100,000 rows holds one page in memory).
     */
    async sendFailureReport(
      app: AppServices,
      record: ImportRecord,
      userId: string,
      response: ServerResponse,
    ): Promise<void> {
      type Failed = RowResult & { cells?: Record<K, string>; message?: string; code?: string };
      const layout = spec.workbook(await spec.lists(app, userId));
      async function* pages(): AsyncGenerator<ReportRow<K>[]> {
        for await (const page of failedRowPages<Failed>(app.db, record.id)) {
          yield page.flatMap((row) => (row.cells ? [{ cells: row.cells, reason: row.message ?? row.code ?? '' }] : []));
        }
      }
      const baseName = record.fileName.replace(/\.xlsx$/i, '');
      response.writeHead(200, downloadHeaders(`失败记录-${baseName}.xlsx`, XLSX_MIME));
      try {
        await streamImportWorkbook(layout, pages(), response);
      } catch (error) {
        // the status is sent: a broken report is cut off, so the client sees an incomplete download, not a file
        app.log?.warn('failure report cut off', { importRecordId: record.id, error: String(error) });
        response.destroy(error as Error);
      }
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
          if (!userId || !record) return refuseDownload(response);
          await files.sendFailureReport(app, record, userId, response);
        },
      },
    ],
  };
  return files;
}
