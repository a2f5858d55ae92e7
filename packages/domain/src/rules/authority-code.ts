import type { Actor } from '../actors.ts';
import type { FieldIssue } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

/** 税务机关代码: 11 digits starting with 1; a province's own code is its first three digits + eight zeros. */
const AUTHORITY_CODE = /^1\d{10}$/;

export function validateAuthorityCode(code: string, field = 'authorityCode'): Result<string, FieldIssue> {
  const trimmed = code.trim();
  if (trimmed.length === 0) return err({ field, code: 'REQUIRED' });
  if (!AUTHORITY_CODE.test(trimmed)) return err({ field, code: 'INVALID_AUTHORITY_CODE' });
  return ok(trimmed);
}

/** e.g. 14401060000 (广州市天河区) → 14400000000 (广东省). */
export function provinceCodeOf(authorityCode: string): string {
  return `${authorityCode.trim().slice(0, 3)}00000000`;
}

export function isProvincialCode(code: string): boolean {
  const trimmed = code.trim();
  return AUTHORITY_CODE.test(trimmed) && provinceCodeOf(trimmed) === trimmed;
}

/** A local officer of the case's competent authority (主管税务机关): accepts and reviews. */
export function isCompetentOfficer(actor: Actor, competentAuthorityCode: string): boolean {
  return actor.role === 'OFFICER' && actor.authorityLevel === 'LOCAL' && actor.authorityCode === competentAuthorityCode;
}

/** A provincial officer of the province the competent authority belongs to: confirms. */
export function isProvincialOfficerFor(actor: Actor, competentAuthorityCode: string): boolean {
  return (
    actor.role === 'OFFICER' &&
    actor.authorityLevel === 'PROVINCIAL' &&
    actor.authorityCode === provinceCodeOf(competentAuthorityCode)
  );
}
