// What an invitation is to each caller: who performs its transitions, who may see it, who is told of its events.
import {
  type Actor,
  type CaseAudience,
  type DomainError,
  domainError,
  enterpriseIdOf,
  type InvitationStatus,
  isCompetentOfficer,
  LIVE_INVITATION_STATUSES,
  mayViewCase,
  type Performer,
  proofReplaceableIn,
  provinceCodeOf,
} from '@leqi/domain';
import type { Invitation } from '../../generated/prisma/client.ts';
import type { Db } from '../../platform/db/database.ts';
import type { CaseEventInput } from '../../platform/events/audit.ts';

export const CASE_KIND = 'INVITATION';

type Parties = Pick<Invitation, 'dcuEnterpriseId' | 'useUnitEnterpriseId' | 'useUnitAuthorityCode'>;

/** The caller's part in an invitation: the inviting DCU, the use unit, or the use unit's competent local officer. */
export function performerOf(actor: Actor, invitation: Parties): Performer | DomainError {
  const enterpriseId = enterpriseIdOf(actor);
  if (enterpriseId) {
    if (enterpriseId === invitation.dcuEnterpriseId) return 'OWNER_ENTERPRISE';
    // the use unit acts through its users only; API tokens are the DCU's 使用单位管理 channel
    if (actor.role === 'ENTERPRISE' && enterpriseId === invitation.useUnitEnterpriseId) return 'USE_UNIT';
    return domainError('FORBIDDEN');
  }
  if (actor.role === 'OFFICER') {
    if (invitation.useUnitAuthorityCode && isCompetentOfficer(actor, invitation.useUnitAuthorityCode))
      return 'LOCAL_OFFICER';
    return domainError('NOT_JURISDICTION');
  }
  return domainError('FORBIDDEN');
}

/**
 * Both enterprises, and the use unit's competent authority: the one it responded with, before that the one
 * registered for it (its province reads along). Events are written with this audience, so whoever is told of an
 * event can also load the invitation.
 */
export function invitationAudience(invitation: Parties, registeredAuthorityCode?: string | null): CaseAudience {
  return {
    parties: [invitation.dcuEnterpriseId, invitation.useUnitEnterpriseId],
    authorityCode: invitation.useUnitAuthorityCode ?? registeredAuthorityCode ?? null,
  };
}

/** `registeredAuthorityCode` matters only before the use unit responded (see `registeredAuthorityOf`). */
export function canView(actor: Actor, invitation: Parties, registeredAuthorityCode?: string | null): boolean {
  return mayViewCase(actor, invitationAudience(invitation, registeredAuthorityCode));
}

/** The use unit's registered competent authority, read only while the invitation does not name one yet. */
export async function registeredAuthorityOf(
  db: Pick<Db, 'enterprise'>,
  invitation: Pick<Invitation, 'useUnitEnterpriseId' | 'useUnitAuthorityCode'>,
): Promise<string | null> {
  if (invitation.useUnitAuthorityCode || !invitation.useUnitEnterpriseId) return null;
  const useUnit = await db.enterprise.findUnique({
    where: { id: invitation.useUnitEnterpriseId },
    select: { competentAuthorityCode: true },
  });
  return useUnit?.competentAuthorityCode ?? null;
}

/** Events go to the invitation's audience (`invitationAudience`). */
export function visibility(
  invitation: Pick<Invitation, 'id' | 'dcuEnterpriseId' | 'useUnitEnterpriseId' | 'useUnitAuthorityCode'>,
  registeredAuthorityCode?: string | null,
): Omit<CaseEventInput, 'event' | 'fromStatus' | 'toStatus'> {
  const { authorityCode } = invitationAudience(invitation, registeredAuthorityCode);
  return {
    caseKind: CASE_KIND,
    caseId: invitation.id,
    enterpriseId: invitation.dcuEnterpriseId,
    otherEnterpriseId: invitation.useUnitEnterpriseId,
    authorityCode,
    provinceCode: authorityCode ? provinceCodeOf(authorityCode) : null,
  };
}

/** `liveKey` holds the use unit's USCC while the invitation is live, so another live one cannot be created. */
export function liveKeyAfter(status: InvitationStatus, uscc: string): string | null {
  return LIVE_INVITATION_STATUSES.includes(status) ? uscc : null;
}

/** A unique-constraint violation (Prisma P2002), however the driver adapter reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; message?: string; meta?: unknown } | null;
  if (!candidate) return false;
  if (candidate.code === 'P2002' || candidate.code === '23505') return true;
  return typeof candidate.message === 'string' && /Unique constraint|duplicate key/i.test(candidate.message);
}

/** 变更关系证明材料: an operator of either enterprise (not an API token), while the status allows it. */
export function mayReplaceProof(actor: Actor | undefined, invitation: Parties & { status: string }): boolean {
  if (actor?.role !== 'ENTERPRISE') return false;
  const side = performerOf(actor, invitation);
  return (
    (side === 'OWNER_ENTERPRISE' || side === 'USE_UNIT') && proofReplaceableIn(invitation.status as InvitationStatus)
  );
}
