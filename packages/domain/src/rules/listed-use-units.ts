/**
 * 使用单位信息 of an access application: which of the use units an applicant lists may count toward its combined
 * revenue and invoice thresholds (DESIGN §4). Only a unit that exists in the registry under the name given, is not a
 * direct-connect unit itself, is not bound to another one and has a declared relationship counts — otherwise anyone
 * could borrow a stranger's figures to pass, and learn them from the total.
 */
import type { EnterpriseFacts } from './enterprise-facts.ts';
import { sameEnterpriseName } from './enterprise-name.ts';
import type { Relationship } from './relationship.ts';
import { normalizeUscc } from './uscc.ts';

/** One listed use unit as the applicant gave it; `relationship` is null when none was declared. */
export interface ListedUseUnitClaim {
  uscc: string;
  name: string;
  relationship: Relationship | null;
}

/** What the registry holds about a listed USCC. */
export interface RegisteredUseUnit {
  facts: EnterpriseFacts;
  /** an ACTIVE or EXITING direct-connect unit */
  isDirectUnit: boolean;
  /** USCC of the DCU it has an ACTIVE binding with, if any */
  boundToUscc: string | null;
}

export const USE_UNIT_EXCLUSIONS = [
  'SELF',
  'DUPLICATE',
  'NOT_FOUND',
  'NAME_MISMATCH',
  'NO_RELATIONSHIP',
  'IS_DCU',
  'BOUND_ELSEWHERE',
] as const;
/** Why a listed unit does not count. For the server's own use: the applicant is never told which one applied. */
export type UseUnitExclusion = (typeof USE_UNIT_EXCLUSIONS)[number];

export type UseUnitDecision =
  | { uscc: string; name: string; counted: true; facts: EnterpriseFacts }
  | { uscc: string; name: string; counted: false; exclusion: UseUnitExclusion };

/** What the applicant (and its report) may see of a listed unit: what it gave and whether it counted. */
export interface ListedUseUnitOutcome {
  uscc: string;
  name: string;
  counted: boolean;
}

/**
 * One wording for every exclusion: naming the reason would tell the caller whether a USCC exists, what it is
 * registered as, whether it is a DCU or bound elsewhere — none of which the applicant necessarily knows.
 */
export const USE_UNIT_OUTCOME_MESSAGES = {
  counted: { zh: '计入合并指标', en: 'Counted toward the combined figures' },
  notCounted: {
    zh: '无法计入合并指标（信息不符或不满足条件）',
    en: 'Cannot be counted toward the combined figures (details do not match or conditions are not met)',
  },
} as const;

function exclusionOf(
  claim: ListedUseUnitClaim,
  uscc: string,
  applicantUscc: string,
  registered: RegisteredUseUnit | undefined,
): UseUnitExclusion | null {
  if (uscc === applicantUscc) return 'SELF';
  if (!registered) return 'NOT_FOUND';
  if (!sameEnterpriseName(claim.name, registered.facts.name)) return 'NAME_MISMATCH';
  if (claim.relationship === null) return 'NO_RELATIONSHIP';
  if (registered.isDirectUnit) return 'IS_DCU';
  if (registered.boundToUscc !== null && registered.boundToUscc !== applicantUscc) return 'BOUND_ELSEWHERE';
  return null;
}

/** Decides, for each listed unit in order, whether it counts; a USCC listed twice counts at most once. */
export function decideListedUseUnits(input: {
  applicantUscc: string;
  listed: readonly ListedUseUnitClaim[];
  /** registry entries by (normalised) USCC; a USCC absent here does not exist */
  registry: ReadonlyMap<string, RegisteredUseUnit>;
}): UseUnitDecision[] {
  const seen = new Set<string>();
  return input.listed.map((claim) => {
    const uscc = normalizeUscc(claim.uscc);
    const name = claim.name.trim();
    if (seen.has(uscc)) return { uscc, name, counted: false, exclusion: 'DUPLICATE' };
    seen.add(uscc);
    const registered = input.registry.get(uscc);
    const exclusion = exclusionOf(claim, uscc, input.applicantUscc, registered);
    if (exclusion !== null || !registered) {
      return { uscc, name, counted: false, exclusion: exclusion ?? 'NOT_FOUND' };
    }
    return { uscc, name, counted: true, facts: registered.facts };
  });
}

export function outcomeOf(decision: UseUnitDecision): ListedUseUnitOutcome {
  return { uscc: decision.uscc, name: decision.name, counted: decision.counted };
}
