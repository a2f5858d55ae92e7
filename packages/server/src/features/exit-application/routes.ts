// Download of the filled-in 直连单位退出申请表 (a signed link bound to one enterprise user).
import type { AppServices } from '../../platform/context.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { exitApplicationForm } from './exit-form.ts';

export const EXIT_FORM_PATH = '/documents/exit-application-form.xlsx';
/**
 * What the link is signed over. The form is always of the enterprise its user belongs to when downloading, so the
 * signature needs only the user (which it always covers): the rate limit can then tell the link's user from the
 * URL alone, before any database read.
 */
export const EXIT_FORM_KEY = 'exit-form';

export function exitApplicationRoutes(app: AppServices): HttpRoute[] {
  return [
    {
      pattern: /^\/documents\/exit-application-form\.xlsx$/,
      // each download builds a workbook: counted in the link's user's bucket, or the address' when not validly signed
      limitedAs: (_match, url) => app.files.userOfSignedLink(EXIT_FORM_KEY, url),
      handle: async (_match, url, _request, response) => {
        const userId = app.files.userOfSignedLink(EXIT_FORM_KEY, url);
        const actor = userId ? (await viewerOfUserId(app, userId))?.actor : undefined;
        if (actor?.role !== 'ENTERPRISE') return refuseDownload(response);
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
