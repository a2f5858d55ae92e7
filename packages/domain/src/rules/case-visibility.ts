// Who may see a case, and which of its events: one rule for node(), the case queries, `auditTrail`, `caseEvents`,
// `queueChanges` and notifications.
import { type Actor, enterpriseIdOf } from '../actors.ts';
import { isCompetentOfficer, isProvincialOfficerFor } from './authority-code.ts';

/** Who a case concerns: every case kind states its audience this way, and every event is written with it. */
export interface CaseAudience {
  /** the enterprises party to the case: the applicant; for an invitation also the use unit */
  parties: readonly (string | null | undefined)[];
  /** the competent (local) authority deciding it; its province supervises and reads along */
  authorityCode: string | null | undefined;
  /** a draft (草稿) is its enterprise's own until submitted: no officer, of any bureau, sees it */
  draft?: boolean;
}

/** A party sees the case as its enterprise does; the bureau (its officers, the admin) also sees its own work. */
export type CaseViewerPart = 'PARTY' | 'BUREAU';

export function caseViewerPart(actor: Actor | null | undefined, audience: CaseAudience): CaseViewerPart | null {
  if (!actor) return null;
  if (actor.role === 'ADMIN') return 'BUREAU';
  if (actor.role === 'OFFICER') {
    const authority = audience.authorityCode;
    if (!authority || audience.draft) return null;
    return isCompetentOfficer(actor, authority) || isProvincialOfficerFor(actor, authority) ? 'BUREAU' : null;
  }
  const enterpriseId = enterpriseIdOf(actor);
  return enterpriseId && audience.parties.includes(enterpriseId) ? 'PARTY' : null;
}

export function mayViewCase(actor: Actor | null | undefined, audience: CaseAudience): boolean {
  return caseViewerPart(actor, audience) !== null;
}

/**
 * 认领 and its sequels organise the bureau's work and name its officers: the bureau's business, not the parties'.
 * Their `fromStatus` equals their `toStatus` — no party-visible change happens.
 */
export const BUREAU_ONLY_CASE_EVENTS = ['claim', 'releaseClaim', 'reassignClaim', 'claimExpired'] as const;

export function isBureauOnlyCaseEvent(event: string): boolean {
  return (BUREAU_ONLY_CASE_EVENTS as readonly string[]).includes(event);
}

/**
 * Saving a draft is the enterprise's own work before its case reaches the bureau: officers never see it — not while
 * the case is a draft, nor in its history once submitted (the submission is what reaches them).
 */
export const PARTY_ONLY_CASE_EVENTS = ['saveDraft'] as const;

export function isPartyOnlyCaseEvent(event: string): boolean {
  return (PARTY_ONLY_CASE_EVENTS as readonly string[]).includes(event);
}

/**
 * An event of a case: seen by whoever may see the case, except bureau-only events, which only the bureau sees, and
 * party-only events (draft saves), which no officer sees.
 */
export function mayViewCaseEvent(actor: Actor | null | undefined, audience: CaseAudience, event: string): boolean {
  const part = caseViewerPart(actor, audience);
  if (part === 'BUREAU') return !(actor?.role === 'OFFICER' && isPartyOnlyCaseEvent(event));
  return part === 'PARTY' && !isBureauOnlyCaseEvent(event);
}
