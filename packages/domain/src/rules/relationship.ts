import type { FieldIssue } from '../errors.ts';
import { err, ok, type Result } from '../result.ts';

/**
 * 单位关系 allowed for self-use. The official table also has 00 无关系 and 04 不具有控制关系,
 * which self-use does not accept.
 */
export const RELATIONSHIPS = ['HQ_BRANCH', 'PARENT_SUBSIDIARY', 'OTHER_CONTROL', 'SAME_REGULATOR'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RELATIONSHIP_INFO: Record<Relationship, { code: string; zh: string; en: string }> = {
  HQ_BRANCH: { code: '01', zh: '总分公司关系', en: 'Headquarters and branch' },
  PARENT_SUBSIDIARY: { code: '02', zh: '母子公司关系', en: 'Parent and subsidiary' },
  OTHER_CONTROL: { code: '03', zh: '其他控制关系', en: 'Other control relationship' },
  SAME_REGULATOR: { code: '05', zh: '同一监管部门', en: 'Same regulatory department' },
};

export function relationshipCode(relationship: Relationship): string {
  return RELATIONSHIP_INFO[relationship].code;
}

/** Accepts the official code ('01' or '1'), the enum name (any case) or the Chinese or English label. */
export function parseRelationship(codeOrName: string, field = 'relationship'): Result<Relationship, FieldIssue> {
  const input = codeOrName.trim();
  if (input.length === 0) return err({ field, code: 'REQUIRED' });
  const numeric = /^\d{1,2}$/.test(input) ? input.padStart(2, '0') : null;
  const found = RELATIONSHIPS.find((relationship) => {
    const info = RELATIONSHIP_INFO[relationship];
    return (
      info.code === numeric ||
      relationship === input.toUpperCase() ||
      info.zh === input ||
      info.en.toLowerCase() === input.toLowerCase()
    );
  });
  return found ? ok(found) : err({ field, code: 'INVALID_RELATIONSHIP', params: { value: input } });
}

/**
 * Relationship proof is needed unless the use unit is under the same regulator in a sector designated by a
 * provincial or higher authority (railway, civil aviation, highway …) — manual §2.3.
 */
export function relationshipProofRequired(relationship: Relationship, inDesignatedSector: boolean): boolean {
  return !(relationship === 'SAME_REGULATOR' && inDesignatedSector);
}
