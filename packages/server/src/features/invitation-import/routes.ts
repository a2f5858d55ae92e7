// Downloads of 导入邀请: the template (anyone) and a record's failure report (a signed link bound to one user).
import type { AppServices } from '../../platform/context.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { failureReport, failureReportKey, findImportRecord, invitationTemplate } from './records.ts';

export function invitationImportRoutes(app: AppServices): HttpRoute[] {
  return [
    {
      pattern: /^\/templates\/invitations\.xlsx$/,
      handle: async (_match, _url, _request, response) => {
        sendDownload(response, await invitationTemplate(app), '使用单位邀请导入模板.xlsx', XLSX_MIME, 'no-cache');
      },
    },
    {
      pattern: /^\/imports\/([A-Za-z0-9_-]{1,64})\/failures\.xlsx$/,
      handle: async (match, url, _request, response) => {
        const id = match[1] ?? '';
        const userId = app.files.userOfSignedLink(failureReportKey(id), url);
        if (!userId) return refuseDownload(response);
        const viewer = await viewerOfUserId(app, userId);
        const record = viewer ? await findImportRecord(app, viewer, id) : null;
        if (!record) return refuseDownload(response);
        const baseName = record.fileName.replace(/\.xlsx$/i, '');
        sendDownload(response, await failureReport(app, record), `失败记录-${baseName}.xlsx`, XLSX_MIME);
      },
    },
  ];
}
