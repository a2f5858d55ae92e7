// Downloads of 导入邀请: the template (anyone) and a record's failure report (a signed link bound to one user).
import type { ServerResponse } from 'node:http';
import type { AppServices } from '../../platform/context.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { failureReport, failureReportKey, findImportRecord, invitationTemplate } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendWorkbook(response: ServerResponse, bytes: Buffer, fileName: string, cache: string) {
  response.writeHead(200, {
    'content-type': XLSX,
    'content-length': bytes.length,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'x-content-type-options': 'nosniff',
    'cache-control': cache,
  });
  response.end(bytes);
}

function refuse(response: ServerResponse) {
  response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
  response.end('无权下载或链接已过期 (not allowed or link expired)');
}

export function invitationImportRoutes(app: AppServices): HttpRoute[] {
  return [
    {
      pattern: /^\/templates\/invitations\.xlsx$/,
      handle: async (_match, _url, _request, response) => {
        sendWorkbook(response, await invitationTemplate(app), '使用单位邀请导入模板.xlsx', 'no-cache');
      },
    },
    {
      pattern: /^\/imports\/([A-Za-z0-9_-]{1,64})\/failures\.xlsx$/,
      handle: async (match, url, _request, response) => {
        const id = match[1] ?? '';
        const userId = url.searchParams.get('u') ?? '';
        const expires = Number(url.searchParams.get('e'));
        const signature = url.searchParams.get('s') ?? '';
        if (!app.files.verifySignedUrl(failureReportKey(id), userId, expires, signature)) return refuse(response);
        const viewer = await viewerOfUserId(app, userId);
        const record = viewer ? await findImportRecord(app, viewer, id) : null;
        if (!record) return refuse(response);
        const baseName = record.fileName.replace(/\.xlsx$/i, '');
        sendWorkbook(response, await failureReport(app, record), `失败记录-${baseName}.xlsx`, 'private, no-store');
      },
    },
  ];
}
