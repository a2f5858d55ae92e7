import {
  type Actor,
  type AnyWorkflow,
  type CaseAudience,
  type DomainError,
  domainError,
  isCompetentOfficer,
  isProvincialOfficerFor,
  mayViewCase,
  type Performer,
  type TransitionRule,
} from '@leqi/domain';

/** A case of one enterprise decided by its competent local authority and then its province (接入申请, 退出申请). */
export interface BureauCase {
  enterpriseId: string;
  competentAuthorityCode: string;
}

/** The caller's part in such a case, or why they have none. */
export function bureauCasePerformer(actor: Actor, row: BureauCase): Performer | DomainError {
  if (actor.role === 'ENTERPRISE')
    return actor.enterpriseId === row.enterpriseId ? 'OWNER_ENTERPRISE' : domainError('FORBIDDEN');
  if (actor.role === 'OFFICER') {
    if (isCompetentOfficer(actor, row.competentAuthorityCode)) return 'LOCAL_OFFICER';
    if (isProvincialOfficerFor(actor, row.competentAuthorityCode)) return 'PROVINCIAL_OFFICER';
    return domainError('NOT_JURISDICTION');
  }
  return domainError('FORBIDDEN');
}

/** The applicant, its competent authority (and province), the admin: see `mayViewCase`. */
export function bureauCaseAudience(row: BureauCase): CaseAudience {
  return { parties: [row.enterpriseId], authorityCode: row.competentAuthorityCode };
}

export function canViewBureauCase(actor: Actor, row: BureauCase): boolean {
  return mayViewCase(actor, bureauCaseAudience(row));
}

/** The bureau mutations shared by 接入申请 and 退出申请, by event: [name suffix, needs reason, description]. */
export const BUREAU_DECISIONS = [
  ['accept', 'accept', false, '受理 (local officer)'],
  ['refuse', 'refuse', true, '不予受理 (local officer, reason)'],
  ['approveReview', 'approve{Case}Review', false, '复核通过 (another local officer)'],
  ['rejectReview', 'reject{Case}Review', true, '复核不通过 (another local officer, reason)'],
  ['confirm', 'confirm', false, '确认通过 (provincial officer)'],
  ['rejectConfirmation', 'reject{Case}Confirmation', true, '确认不通过 (provincial officer, reason)'],
] as const;

export type BureauEvent = (typeof BUREAU_DECISIONS)[number][0];

/** e.g. ('accept', 'AccessApplication') → acceptAccessApplication; ('approveReview', 'ExitApplication') → approveExitApplicationReview */
export function bureauMutationName(event: BureauEvent, caseName: string): string {
  const pattern = BUREAU_DECISIONS.find(([name]) => name === event)?.[1] ?? event;
  return pattern.includes('{Case}') ? pattern.replace('{Case}', caseName) : `${pattern}${caseName}`;
}

/** The columns every bureau decision writes: new status and version, who decided, why, and since when. */
export function decisionUpdate(
  workflow: AnyWorkflow,
  rule: TransitionRule<string, string>,
  deciderId: string,
  reason: string | null | undefined,
) {
  const now = new Date();
  return {
    status: rule.to,
    version: { increment: 1 },
    stepEnteredAt: now,
    lastDeciderId: deciderId,
    lastReason: rule.needsReason ? (reason?.trim() ?? null) : null,
    ...(workflow.statusInfo[rule.to]?.terminal ? { decidedAt: now } : {}),
  };
}
