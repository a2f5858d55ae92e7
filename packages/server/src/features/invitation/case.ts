// What an invitation is to each caller: who performs its transitions, who may see it, who is told of its events.
import {
  type Actor,
  type DomainError,
  domainError,
  enterpriseIdOf,
  type InvitationStatus,
  isCompetentOfficer,
  isProvincialOfficerFor,
  LIVE_INVITATION_STATUSES,
  type Performer,
  provinceCodeOf,
} from '@leqi/domain';
import type { Invitation } from '../../generated/prisma/client.ts';
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

/** Both enterprises, the use unit's competent authority (and its province, read-only), admins. */
export function canView(actor: Actor, invitation: Parties): boolean {
  if (actor.role === 'ADMIN') return true;
  const enterpriseId = enterpriseIdOf(actor);
  if (enterpriseId)
    return enterpriseId === invitation.dcuEnterpriseId || enterpriseId === invitation.useUnitEnterpriseId;
  if (actor.role === 'OFFICER' && invitation.useUnitAuthorityCode)
    return (
      isCompetentOfficer(actor, invitation.useUnitAuthorityCode) ||
      isProvincialOfficerFor(actor, invitation.useUnitAuthorityCode)
    );
  return false;
}

/** Events go to both enterprises and to the use unit's authority (the one it chose, else its registered one). */
export function visibility(
  invitation: Pick<Invitation, 'id' | 'dcuEnterpriseId' | 'useUnitEnterpriseId' | 'useUnitAuthorityCode'>,
  registeredAuthorityCode?: string | null,
): Omit<CaseEventInput, 'event' | 'fromStatus' | 'toStatus'> {
  const authorityCode = invitation.useUnitAuthorityCode ?? registeredAuthorityCode ?? null;
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
