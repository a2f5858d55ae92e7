// 导入记录: reading an import's record, the template and the failure report of an invitation import.

import { domainError, err, RELATIONSHIP_INFO, RELATIONSHIPS, type Relationship } from '@leqi/domain';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { importFiles } from '../../platform/imports/import-files.ts';
import { newestFirstPage } from '../../platform/paging.ts';
import { viewerOfUserId } from '../auth/service.ts';
import { subscribedCapabilityCodes } from '../capability/service.ts';
import { IMPORT_KIND } from './service.ts';
import { invitationWorkbook, invitationWorkbookSpec, type TemplateLists } from './template.ts';

/** An invitation import's record, to its enterprise's operators and API tokens. */
export async function findImportRecord(app: AppServices, viewer: Viewer | null, id: string) {
  const record = await app.db.importRecord.findUnique({ where: { id } });
  const actor = viewer?.actor;
  const own =
    (actor?.role === 'ENTERPRISE' || actor?.role === 'API_CLIENT') && actor.enterpriseId === record?.enterpriseId;
  return record?.kind === IMPORT_KIND && own ? record : null;
}

/** The viewer enterprise's import records, newest first. */
export async function listImportRecords(
  app: AppServices,
  viewer: Viewer,
  request: { first?: number | null; after?: string | null },
) {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE' && actor.role !== 'API_CLIENT') return err(domainError('FORBIDDEN'));
  return newestFirstPage(app.db.importRecord, { kind: IMPORT_KIND, enterpriseId: actor.enterpriseId }, request);
}

/** The template (anyone) and a record's failure report (a signed link bound to one user). */
const TEMPLATE_PATH = '/templates/invitations.xlsx';
export const invitationFiles = importFiles({
  templatePath: TEMPLATE_PATH,
  templateName: '使用单位邀请导入模板.xlsx',
  failuresPath: '/imports',
  failuresKey: 'import-failures',
  lists: templateLists,
  workbook: invitationWorkbookSpec,
  recordFor: async (app, userId, id) => findImportRecord(app, await viewerOfUserId(app, userId), id),
});

/**
 * The template's lists: every provincial authority, and the capabilities the user's DCU may pre-authorise (its
 * approved subscriptions and the public ones) — every enabled capability when the template is not for a user.
 */
async function templateLists(app: AppServices, userId: string | null): Promise<TemplateLists> {
  const viewer = userId ? await viewerOfUserId(app, userId) : null;
  const actor = viewer?.actor;
  const enterpriseId = actor?.role === 'ENTERPRISE' || actor?.role === 'API_CLIENT' ? actor.enterpriseId : null;
  const [authorities, capabilities, subscribed] = await Promise.all([
    app.db.taxAuthority.findMany({
      where: { level: 'PROVINCIAL' },
      orderBy: { code: 'asc' },
      select: { code: true, name: true },
    }),
    app.db.capability.findMany({
      where: { enabled: true },
      orderBy: { code: 'asc' },
      select: { code: true, name: true },
    }),
    enterpriseId ? subscribedCapabilityCodes(app.db, enterpriseId) : null,
  ]);
  return {
    authorities,
    capabilities: subscribed ? capabilities.filter((capability) => subscribed.includes(capability.code)) : capabilities,
  };
}

/** A row the web form (录入邀请) sent and the server refused, with the reason it was given. */
export interface FormFailureRow {
  uscc: string;
  name: string;
  provinceAuthorityCode: string | null;
  relationship: string | null;
  capabilityCodes: string[];
  reason: string;
}

const isRelationship = (value: string): value is Relationship => (RELATIONSHIPS as readonly string[]).includes(value);

/**
 * 失败记录 of a web-form batch: the form's rows are not stored, so the page sends its refused rows back and gets
 * the import's failure report layout, with cells written as the template's drop-downs write them (re-importable).
 */
export async function formFailureReport(app: AppServices, viewer: Viewer, rows: FormFailureRow[]): Promise<Buffer> {
  const lists = await templateLists(app, viewer.userId);
  const authorityNames = new Map(lists.authorities.map((a) => [a.code, a.name]));
  const authorityCell = (code: string | null) => {
    const name = code ? authorityNames.get(code) : undefined;
    return name ? `${code} ${name}` : (code ?? '');
  };
  const relationshipCell = (value: string | null) => {
    if (!value || !isRelationship(value)) return value ?? '';
    return `${RELATIONSHIP_INFO[value].code} ${RELATIONSHIP_INFO[value].zh}`;
  };
  return invitationWorkbook(
    lists,
    rows.map((row) => ({
      cells: {
        uscc: row.uscc,
        name: row.name,
        provinceAuthorityCode: authorityCell(row.provinceAuthorityCode),
        relationship: relationshipCell(row.relationship),
        capabilityCodes: row.capabilityCodes.join('、'),
      },
      reason: row.reason,
    })),
  );
}
