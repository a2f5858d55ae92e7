// Who may download a material: whoever may see a case it is attached to, by that case kind's own rule.
import type { Actor } from '@leqi/domain';
import type { Material } from '../../generated/prisma/client.ts';
import type { AppServices } from '../../platform/context.ts';
import { CASE_KINDS, caseKindOf } from '../cases/index.ts';
import type { CaseKind } from '../cases/kind.ts';

/** Only the uploading enterprise, the parties of a case it is attached to, and that case's reviewers. */
export async function canDownload(
  app: AppServices,
  actor: Actor,
  material: Material,
  kinds: readonly CaseKind[] = CASE_KINDS,
): Promise<boolean> {
  if (actor.role === 'ADMIN') return true;
  if ((actor.role === 'ENTERPRISE' || actor.role === 'API_CLIENT') && actor.enterpriseId === material.enterpriseId)
    return true;
  const attachments = await app.db.caseMaterial.findMany({ where: { materialId: material.id } });
  for (const attachment of attachments) {
    const kind = caseKindOf(attachment.caseKind, kinds);
    const row = kind ? await kind.find(app.db, attachment.caseId) : null;
    if (kind && row && (await kind.canView(app.db, actor, row))) return true;
  }
  return false;
}
