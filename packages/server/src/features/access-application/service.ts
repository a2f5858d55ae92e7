// 接入申请: who takes part in an application and who sees it (drafts: draft.ts, submission: submission.ts).
import { domainError, err, ok, type Result } from '@leqi/domain';
import type { AccessApplication } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { bureauCaseVisibility } from '../cases/bureau-case.ts';

export const CASE_KIND = 'ACCESS_APPLICATION';

export const visibility = (application: AccessApplication) => bureauCaseVisibility(CASE_KIND, application);

export function enterpriseOf(viewer: Viewer): Result<string> {
  return viewer.actor.role === 'ENTERPRISE' ? ok(viewer.actor.enterpriseId) : err(domainError('FORBIDDEN'));
}

export async function listApplications(app: AppServices, enterpriseId: string) {
  return app.db.accessApplication.findMany({
    where: { enterpriseId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
