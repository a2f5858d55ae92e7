// The files of an import kind: its template (a plain GET, rebuilt only when its lists change) and a record's
// failure report (the failed rows in the template's layout, behind a link signed for one user).
import type { ImportRecord } from '../../generated/prisma/client.ts';
import type { AppServices } from '../context.ts';
import { lastWorkbookCache } from '../excel/workbook-cache.ts';
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
  /** the template's lists (authorities …), read afresh for every download */
  lists: (app: AppServices) => Promise<Lists>;
  workbook: Workbook<Lists, Cells>;
  /** the record, when the user a failure report link was signed for may see it */
  recordFor: (app: AppServices, userId: string, id: string) => Promise<ImportRecord | null>;
}

const escaped = (path: string) => path.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export function importFiles<Lists, Cells>(spec: ImportFilesSpec<Lists, Cells>) {
  const cachedTemplate = lastWorkbookCache((lists: Lists) => spec.workbook(lists));
  const key = (recordId: string) => `${spec.failuresKey}:${recordId}`;
  const files = {
    template: async (app: AppServices) => cachedTemplate(await spec.lists(app)),
    /** 失败记录: the failed rows in the template's columns plus 失败原因. */
    async failureReport(app: AppServices, record: ImportRecord): Promise<Buffer> {
      type Failed = RowResult & { cells?: Cells; message?: string; code?: string };
      const failed = (await importRowsOf<Failed>(app.db, record.id, { failedOnly: true })).filter((row) => row.cells);
      return spec.workbook(
        await spec.lists(app),
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
        handle: async (_match, _url, _request, response) => {
          sendDownload(response, await files.template(app), spec.templateName, XLSX_MIME, 'no-cache');
        },
      },
      {
        pattern: new RegExp(`^${escaped(spec.failuresPath)}/([A-Za-z0-9_-]{1,64})/failures\\.xlsx$`),
        handle: async (match, url, _request, response) => {
          const id = match[1] ?? '';
          const userId = app.files.userOfSignedLink(key(id), url);
          const record = userId ? await spec.recordFor(app, userId, id) : null;
          if (!record) return refuseDownload(response);
          const baseName = record.fileName.replace(/\.xlsx$/i, '');
          sendDownload(response, await files.failureReport(app, record), `失败记录-${baseName}.xlsx`, XLSX_MIME);
        },
      },
    ],
  };
  return files;
}
