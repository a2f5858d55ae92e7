// 导出安全审计记录: a signed link (browsers cannot send bearer headers) over the filter, for one admin; the
// download builds the workbook and records the export in the log itself.
import { SECURITY_EVENT_TYPE_LABELS, SECURITY_OUTCOME_LABELS, SIGN_IN_FAILURE_REASON_LABELS } from '@leqi/domain';
import type { AppServices } from '../../platform/context.ts';
import { loadExcelJS } from '../../platform/excel/exceljs.ts';
import { addHeaderRow, addSafeRow, workbookBytes } from '../../platform/excel/write.ts';
import { clientAddressResolver } from '../../platform/http/client-address.ts';
import { refuseDownload, sendDownload, XLSX_MIME } from '../../platform/http/downloads.ts';
import type { HttpRoute } from '../../platform/http/server.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { recordSecurityEvent, securityActor } from './record.ts';
import { objectText, type SecurityLogFilter, securityLogPages } from './service.ts';

const PATH = /^\/security-log\/([A-Za-z0-9_-]{1,2000})\.xlsx$/;
const keyOf = (encoded: string) => `security-log:${encoded}`;

interface EncodedFilter extends Omit<SecurityLogFilter, 'from' | 'to'> {
  from?: string | null;
  to?: string | null;
}

/** The download link of the filter's records, valid for ten minutes for `userId`. */
export function securityLogExportLink(app: AppServices, filter: SecurityLogFilter, userId: string): string {
  const plain: EncodedFilter = { ...filter, from: filter.from?.toISOString(), to: filter.to?.toISOString() };
  const encoded = Buffer.from(JSON.stringify(plain)).toString('base64url');
  return app.files.signedLink(`/security-log/${encoded}.xlsx`, keyOf(encoded), userId, 600);
}

function filterOf(encoded: string): SecurityLogFilter | null {
  try {
    const plain = JSON.parse(Buffer.from(encoded, 'base64url').toString()) as EncodedFilter;
    const date = (value: string | null | undefined) => (value ? new Date(value) : null);
    return { ...plain, from: date(plain.from), to: date(plain.to) };
  } catch {
    return null;
  }
}

const HEADERS = ['时间', '事件类型', '结果', '用户', '操作人', '操作人角色', '来源地址', '对象', '原因'];
const WIDTHS = [22, 24, 8, 20, 18, 12, 20, 36, 20];
const REASONS: Record<string, string> = Object.fromEntries(
  Object.entries(SIGN_IN_FAILURE_REASON_LABELS).map(([code, label]) => [code, label.zh]),
);

/** The workbook of the filter's records, newest first; and how many rows it holds. */
export async function securityLogWorkbook(app: AppServices, filter: SecurityLogFilter) {
  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('安全审计记录', { views: [{ state: 'frozen', ySplit: 1 }] });
  addHeaderRow(sheet, HEADERS, WIDTHS);
  let rows = 0;
  for await (const page of securityLogPages(app, filter)) {
    for (const entry of page) {
      rows += 1;
      addSafeRow(sheet, [
        entry.occurredAt.toISOString(),
        SECURITY_EVENT_TYPE_LABELS[entry.type]?.zh ?? entry.type,
        SECURITY_OUTCOME_LABELS[entry.outcome].zh,
        entry.username,
        entry.actorName,
        entry.actorRole,
        entry.address,
        objectText(entry, 'zh-CN'),
        entry.reason ? (REASONS[entry.reason] ?? entry.reason) : null,
      ]);
    }
  }
  return { bytes: await workbookBytes(workbook), rows };
}

export function securityLogRoutes(app: AppServices): HttpRoute[] {
  const clientAddressOf = clientAddressResolver(app.config.trustedProxies);
  return [
    {
      pattern: PATH,
      limitedAs: (match, url) => app.files.userOfSignedLink(keyOf(match[1] ?? ''), url),
      handle: async (match, url, request, response) => {
        const encoded = match[1] ?? '';
        const userId = app.files.userOfSignedLink(keyOf(encoded), url);
        const viewer = userId ? await viewerOfUserId(app, userId) : null;
        const filter = filterOf(encoded);
        // the link's admin must still be one: a demoted or disabled account's links stop working
        if (viewer?.actor.role !== 'ADMIN' || !filter) return refuseDownload(response);
        const { bytes, rows } = await securityLogWorkbook(app, filter);
        await recordSecurityEvent(app, {
          event: 'securityLogExported',
          username: viewer.username,
          outcome: 'SUCCESS',
          address: clientAddressOf(request),
          actor: securityActor(viewer),
          object: `${rows} 条 · ${JSON.stringify({ ...filter, from: filter.from ?? undefined, to: filter.to ?? undefined })}`,
        });
        const stamp = new Date().toISOString().slice(0, 10);
        sendDownload(response, bytes, `安全审计记录-${stamp}.xlsx`, XLSX_MIME);
      },
    },
  ];
}
