// Download of the filled-in 直连单位退出申请表 (a signed link bound to one enterprise user).
import type { AppServices } from '../../platform/context.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { exitApplicationForm } from './exit-form.ts';

export const EXIT_FORM_PATH = '/documents/exit-application-form.xlsx';
export const exitFormKey = (enterpriseId: string) => `exit-form:${enterpriseId}`;

export function exitApplicationRoutes(app: AppServices): HttpRoute[] {
  return [
    {
      pattern: /^\/documents\/exit-application-form\.xlsx$/,
      handle: async (_match, url, _request, response) => {
        const userId = url.searchParams.get('u') ?? '';
        const viewer = await viewerOfUserId(app, userId);
        const actor = viewer?.actor;
        if (actor?.role !== 'ENTERPRISE' || !app.files.userOfSignedLink(exitFormKey(actor.enterpriseId), url)) {
          return refuseDownload(response);
        }
        sendDownload(
          response,
          await exitApplicationForm(app, actor.enterpriseId),
          '直连单位退出申请表.xlsx',
          XLSX_MIME,
        );
      },
    },
  ];
}
