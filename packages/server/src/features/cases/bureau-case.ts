import {
  type Actor,
  type AnyWorkflow,
  type BureauReviewEvent,
  type CaseAudience,
  type DomainError,
  domainError,
  isCompetentOfficer,
  isProvincialOfficerFor,
  type Label,
  type Performer,
  type TransitionRule,
  type Workflow,
} from '@leqi/domain';

/** A case of one enterprise decided by its competent local authority and then its province (接入申请, 退出申请). */
interface BureauCase {
  enterpriseId: string;
  competentAuthorityCode: string;
  status: string;
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

/** The applicant, its competent authority (and province) once submitted, the admin: see `mayViewCase`. */
export function bureauCaseAudience(row: BureauCase): CaseAudience {
  return { parties: [row.enterpriseId], authorityCode: row.competentAuthorityCode, draft: row.status === 'DRAFT' };
}

/** Where such a case's events go: its enterprise, its competent authority and that authority's province. */
export function bureauCaseVisibility<Kind extends string>(
  caseKind: Kind,
  row: BureauCase & { id: string; provinceCode: string },
) {
  const { id: caseId, enterpriseId, competentAuthorityCode: authorityCode, provinceCode } = row;
  return { caseKind, caseId, enterpriseId, authorityCode, provinceCode };
}

export type BureauEvent = BureauReviewEvent;

/**
 * What the bureau decisions shared by 接入申请 and 退出申请 do, by event (their names are in the domain tables): who
 * takes them and whether a reason is needed, said of the kind's case (`kind`: the domain's words for it).
 */
export function bureauDecisionDescription(event: BureauEvent, kind: Label): Label {
  const k = kind.en.toLowerCase();
  switch (event) {
    case 'accept':
      return {
        zh: `受理${kind.zh}（主管税务机关人员办理），案件进入待复核`,
        en: `Accept the ${k} (an officer of the competent local tax authority); it goes on to review`,
      };
    case 'refuse':
      return {
        zh: `不予受理${kind.zh}（主管税务机关人员办理，须填写原因）`,
        en: `Refuse the ${k} (an officer of the competent local tax authority; a reason is required)`,
      };
    case 'approveReview':
      return {
        zh: `${kind.zh}复核通过（主管税务机关中受理人以外的人员办理），案件进入待确认`,
        en: `Approve the review of the ${k} (another officer of the competent local tax authority than the one who accepted it); it goes on to confirmation`,
      };
    case 'rejectReview':
      return {
        zh: `${kind.zh}复核不通过（主管税务机关中受理人以外的人员办理，须填写原因）`,
        en: `Reject the ${k} at review (another officer of the competent local tax authority than the one who accepted it; a reason is required)`,
      };
    case 'confirm':
      return {
        zh: `${kind.zh}确认通过（省级税务机关人员办理）`,
        en: `Confirm the ${k} (an officer of the provincial tax authority)`,
      };
    case 'rejectConfirmation':
      return {
        zh: `${kind.zh}确认不通过（省级税务机关人员办理，须填写原因）`,
        en: `Reject the ${k} at confirmation (an officer of the provincial tax authority; a reason is required)`,
      };
  }
}

export interface DecisionMutation<E extends string> {
  /** the GraphQL mutation, as the table names it */
  mutation: string;
  event: E;
  needsReason: boolean;
}

/** An officer's decisions of a workflow, read from its table: one mutation per bureau event. */
export function decisionMutations<S extends string, E extends string>(workflow: Workflow<S, E>): DecisionMutation<E>[] {
  const byEvent = new Map<E, DecisionMutation<E>>();
  for (const rule of workflow.transitions) {
    if (!rule.step || !rule.mutation || byEvent.has(rule.event)) continue;
    byEvent.set(rule.event, { mutation: rule.mutation, event: rule.event, needsReason: rule.needsReason });
  }
  return [...byEvent.values()];
}

/** The columns every bureau decision writes: new status and version, who decided, why, and since when. */
export interface DecisionColumns {
  status: string;
  version: { increment: 1 };
  stepEnteredAt: Date;
  lastDeciderId: string;
  lastReason: string | null;
  decidedAt?: Date;
  [column: string]: unknown;
}

export function decisionColumns(
  workflow: AnyWorkflow,
  rule: TransitionRule<string, string>,
  deciderId: string,
  reason: string | null | undefined,
): DecisionColumns {
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
