// 认领 (claiming): an officer takes a case before deciding it, so two officers never work on one case at once.
import type { Actor, Label } from '../actors.ts';
import { type DomainError, domainError } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';
import {
  type AnyWorkflow,
  availableEvents,
  findTransition,
  type Performer,
  type TransitionRule,
} from '../workflows/workflow.ts';
import { provinceCodeOf } from './authority-code.ts';

/** Idle minutes after which an untouched claim lapses (configurable: CLAIM_IDLE_MINUTES). */
export const CLAIM_IDLE_MINUTES_DEFAULT = 30;
/** Cases per bulk decision call (批量受理 / 批量确认). */
export const BULK_DECISION_MAX_ITEMS = 200;

/** A stored claim: who holds it, in which status of the case it was taken, until when. */
export interface Claim {
  holderId: string;
  holderName: string;
  status: string;
  expiresAt: Date;
}

/** A claim counts only while the case is still in the status it was taken in and it has not lapsed. */
export function isClaimLive(claim: Claim | null | undefined, caseStatus: string, now: Date): claim is Claim {
  return !!claim && claim.status === caseStatus && claim.expiresAt.getTime() > now.getTime();
}

/** The claim's new expiry, counted from the holder's latest activity. */
export function claimExpiry(lastActivity: Date, idleMinutes: number): Date {
  return new Date(lastActivity.getTime() + idleMinutes * 60_000);
}

/** CLAIMED (naming the holder) when someone else holds a live claim; null when the viewer may go ahead. */
export function claimConflict(
  claim: Claim | null | undefined,
  caseStatus: string,
  viewerUserId: string,
  now: Date,
): DomainError | null {
  if (!isClaimLive(claim, caseStatus, now) || claim.holderId === viewerUserId) return null;
  return domainError('CLAIMED', { holder: claim.holderName });
}

/** What the case needs from an officer: their part (or why they have none), its status and its last decider. */
export interface DecidableCase {
  workflow: AnyWorkflow;
  status: string;
  lastDeciderId: string | null;
  performer: Performer | DomainError;
  /** events not offered as decisions (e.g. unbinding, offered elsewhere) */
  hiddenEvents?: readonly string[];
}

/** The decisions `officerId` may take on the case now, ignoring claims; or why none. */
export function decisionsOpenTo(officerId: string, target: DecidableCase): Result<TransitionRule<string, string>[]> {
  const { workflow, status, performer } = target;
  if (typeof performer !== 'string') return err(performer);
  const rules = availableEvents(workflow, status, performer)
    .filter((event) => !(target.hiddenEvents ?? []).includes(event))
    .map((event) => findTransition(workflow, status, event))
    .filter((rule): rule is TransitionRule<string, string> => rule !== undefined);
  if (rules.length === 0) {
    const info = workflow.statusInfo[status];
    return err(
      domainError('INVALID_TRANSITION', {
        status,
        event: 'claim',
        ...(info ? { statusZh: info.zh, statusEn: info.en } : {}),
      }),
    );
  }
  const allowed = rules.filter((rule) => !(rule.fourEyes && target.lastDeciderId === officerId));
  return allowed.length > 0 ? ok(allowed) : err(domainError('FOUR_EYES', { event: 'claim' }));
}

/** Who may claim: an officer who could decide the case at its current step (jurisdiction, performer, four eyes). */
export function mayClaim(actor: Actor, target: DecidableCase): Result<true> {
  if (actor.role !== 'OFFICER') return err(domainError('FORBIDDEN', { event: 'claim' }));
  const open = decisionsOpenTo(actor.userId, target);
  return open.ok ? ok(true) : err(open.error);
}

/**
 * Who may release or reassign someone else's claim: a supervisor — the provincial bureau of the province the
 * case is decided in, or the platform admin. (The holder may always release their own claim.)
 */
export function isClaimSupervisor(actor: Actor, caseAuthorityCode: string | null): boolean {
  if (actor.role === 'ADMIN') return true;
  if (actor.role !== 'OFFICER' || actor.authorityLevel !== 'PROVINCIAL' || !caseAuthorityCode) return false;
  return provinceCodeOf(caseAuthorityCode) === actor.authorityCode;
}

/** Why a viewer cannot act on a case now: the machine-readable reasons of `ReviewCase.blockedReasonCode`. */
export const CASE_BLOCK_REASONS = [
  'NOT_SIGNED_IN',
  'NOT_AN_OFFICER',
  'NOT_YOUR_JURISDICTION',
  'FOUR_EYES',
  'CLAIMED_BY_OTHER',
  'INVALID_STATUS',
] as const;
export type CaseBlockReason = (typeof CASE_BLOCK_REASONS)[number];
export const CASE_BLOCK_REASON_LABELS: Record<CaseBlockReason, Label> = {
  NOT_SIGNED_IN: { zh: '未登录', en: 'Not signed in' },
  NOT_AN_OFFICER: { zh: '不是办理该案件的税务人员', en: 'Not an officer who decides the case' },
  NOT_YOUR_JURISDICTION: { zh: '不属于本人所在税务机关管辖', en: "Not in the officer's jurisdiction" },
  FOUR_EYES: {
    zh: '复核须由上一环节办理人以外的人员办理',
    en: 'Four-eyes rule: another officer than the one who took the previous decision must decide',
  },
  CLAIMED_BY_OTHER: { zh: '已被其他人员认领', en: 'Claimed by another officer' },
  INVALID_STATUS: { zh: '当前状态下无可办理的事项', en: 'Nothing to decide in the current status' },
};

/** Maps the refusal of `decisionsOpenTo` / `claimConflict` to its reason code. */
export function blockReasonOf(error: DomainError): CaseBlockReason {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'NOT_SIGNED_IN';
    case 'NOT_JURISDICTION':
      return 'NOT_YOUR_JURISDICTION';
    case 'FOUR_EYES':
      return 'FOUR_EYES';
    case 'CLAIMED':
      return 'CLAIMED_BY_OTHER';
    case 'INVALID_TRANSITION':
      return 'INVALID_STATUS';
    default:
      return 'NOT_AN_OFFICER';
  }
}
