import { describe, expect, it } from 'vitest';
import type { Actor } from '../actors.ts';
import { mayLookUpEnterprise, mayReadTaxFacts } from './confidentiality.ts';

const TIANHE = '14401060000';
const enterprise = { id: 'e1', competentAuthorityCode: TIANHE };

const ACTORS: Record<string, Actor> = {
  ownOperator: { role: 'ENTERPRISE', userId: 'u1', enterpriseId: 'e1', identityType: 'INVOICE_CLERK' },
  ownToken: { role: 'API_CLIENT', tokenId: 't1', enterpriseId: 'e1' },
  otherOperator: { role: 'ENTERPRISE', userId: 'u2', enterpriseId: 'e2', identityType: 'LEGAL_REPRESENTATIVE' },
  otherToken: { role: 'API_CLIENT', tokenId: 't2', enterpriseId: 'e2' },
  competentOfficer: { role: 'OFFICER', userId: 'o1', authorityCode: TIANHE, authorityLevel: 'LOCAL' },
  otherLocalOfficer: { role: 'OFFICER', userId: 'o2', authorityCode: '14401050000', authorityLevel: 'LOCAL' },
  provincialOfficer: { role: 'OFFICER', userId: 'o3', authorityCode: '14400000000', authorityLevel: 'PROVINCIAL' },
  otherProvince: { role: 'OFFICER', userId: 'o4', authorityCode: '13100000000', authorityLevel: 'PROVINCIAL' },
  admin: { role: 'ADMIN', userId: 'a1' },
  system: { role: 'SYSTEM' },
};

describe('taxpayer confidentiality', () => {
  it('tax facts: the enterprise, officers of its jurisdiction and province, the admin — nobody else', () => {
    const readers = Object.entries(ACTORS)
      .filter(([, actor]) => mayReadTaxFacts(actor, enterprise))
      .map(([name]) => name);
    expect(readers).toEqual(['ownOperator', 'ownToken', 'competentOfficer', 'provincialOfficer', 'admin']);
    expect(mayReadTaxFacts(null, enterprise)).toBe(false);
  });

  it('a counterparty may look the enterprise up, but not read its facts; an officer is never a counterparty', () => {
    expect(mayLookUpEnterprise(ACTORS.otherOperator, enterprise, true)).toBe(true);
    expect(mayLookUpEnterprise(ACTORS.otherToken, enterprise, true)).toBe(true);
    expect(mayReadTaxFacts(ACTORS.otherOperator, enterprise)).toBe(false);
    expect(mayLookUpEnterprise(ACTORS.otherOperator, enterprise, false)).toBe(false);
    expect(mayLookUpEnterprise(ACTORS.otherLocalOfficer, enterprise, true)).toBe(false);
    expect(mayLookUpEnterprise(null, enterprise, true)).toBe(false);
    expect(mayLookUpEnterprise(ACTORS.competentOfficer, enterprise, false)).toBe(true);
  });
});
