import { describe, expect, it } from 'vitest';
import type { Actor } from '../actors.ts';
import {
  BUREAU_ONLY_CASE_EVENTS,
  caseViewerPart,
  mayViewCase,
  mayViewCaseEvent,
  PARTY_ONLY_CASE_EVENTS,
} from './case-visibility.ts';

const TIANHE = '14401060000';
const audience = { parties: ['dcu', 'uu'], authorityCode: TIANHE };

const ACTORS: Record<string, Actor> = {
  dcuOperator: { role: 'ENTERPRISE', userId: 'u1', enterpriseId: 'dcu', identityType: 'TAX_CLERK' },
  dcuToken: { role: 'API_CLIENT', tokenId: 't1', enterpriseId: 'dcu' },
  useUnit: { role: 'ENTERPRISE', userId: 'u2', enterpriseId: 'uu', identityType: 'TAX_CLERK' },
  stranger: { role: 'ENTERPRISE', userId: 'u3', enterpriseId: 'x', identityType: 'TAX_CLERK' },
  competentOfficer: { role: 'OFFICER', userId: 'o1', authorityCode: TIANHE, authorityLevel: 'LOCAL' },
  otherLocalOfficer: { role: 'OFFICER', userId: 'o2', authorityCode: '14401050000', authorityLevel: 'LOCAL' },
  provincialOfficer: { role: 'OFFICER', userId: 'o3', authorityCode: '14400000000', authorityLevel: 'PROVINCIAL' },
  otherProvince: { role: 'OFFICER', userId: 'o4', authorityCode: '13100000000', authorityLevel: 'PROVINCIAL' },
  admin: { role: 'ADMIN', userId: 'a1' },
};

describe('case visibility', () => {
  it('parties see a case as parties; its authority, the province and the admin as the bureau', () => {
    expect(Object.fromEntries(Object.entries(ACTORS).map(([name, a]) => [name, caseViewerPart(a, audience)]))).toEqual({
      dcuOperator: 'PARTY',
      dcuToken: 'PARTY',
      useUnit: 'PARTY',
      stranger: null,
      competentOfficer: 'BUREAU',
      otherLocalOfficer: null,
      provincialOfficer: 'BUREAU',
      otherProvince: null,
      admin: 'BUREAU',
    });
    expect(mayViewCase(null, audience)).toBe(false);
  });

  it('no officer sees a case that names no authority yet', () => {
    const undecided = { parties: ['dcu'], authorityCode: null };
    expect(mayViewCase(ACTORS.competentOfficer, undecided)).toBe(false);
    expect(mayViewCase(ACTORS.provincialOfficer, undecided)).toBe(false);
    expect(mayViewCase(ACTORS.dcuOperator, undecided)).toBe(true);
  });

  it('claim events (naming officers) are the bureau’s only; the parties see every other event', () => {
    for (const event of BUREAU_ONLY_CASE_EVENTS) {
      expect(mayViewCaseEvent(ACTORS.dcuOperator, audience, event)).toBe(false);
      expect(mayViewCaseEvent(ACTORS.useUnit, audience, event)).toBe(false);
      expect(mayViewCaseEvent(ACTORS.dcuToken, audience, event)).toBe(false);
      expect(mayViewCaseEvent(ACTORS.competentOfficer, audience, event)).toBe(true);
      expect(mayViewCaseEvent(ACTORS.provincialOfficer, audience, event)).toBe(true);
      expect(mayViewCaseEvent(ACTORS.admin, audience, event)).toBe(true);
    }
    expect(mayViewCaseEvent(ACTORS.useUnit, audience, 'refuse')).toBe(true);
    expect(mayViewCaseEvent(ACTORS.otherLocalOfficer, audience, 'refuse')).toBe(false);
    expect(mayViewCaseEvent(ACTORS.stranger, audience, 'invite')).toBe(false);
  });

  it('a draft is its enterprise’s own: no officer of any bureau sees it; the enterprise does', () => {
    const draft = { parties: ['dcu'], authorityCode: TIANHE, draft: true };
    for (const officer of ['competentOfficer', 'otherLocalOfficer', 'provincialOfficer', 'otherProvince']) {
      expect(mayViewCase(ACTORS[officer], draft), officer).toBe(false);
      expect(mayViewCaseEvent(ACTORS[officer], draft, 'saveDraft'), officer).toBe(false);
    }
    expect(caseViewerPart(ACTORS.dcuOperator, draft)).toBe('PARTY');
    expect(mayViewCaseEvent(ACTORS.dcuOperator, draft, 'saveDraft')).toBe(true);
    expect(mayViewCaseEvent(ACTORS.stranger, draft, 'saveDraft')).toBe(false);
  });

  it('draft saves stay the enterprise’s once the case is submitted: officers see the submission, not the saves', () => {
    expect(PARTY_ONLY_CASE_EVENTS).toEqual(['saveDraft']);
    expect(mayViewCaseEvent(ACTORS.competentOfficer, audience, 'saveDraft')).toBe(false);
    expect(mayViewCaseEvent(ACTORS.provincialOfficer, audience, 'saveDraft')).toBe(false);
    expect(mayViewCaseEvent(ACTORS.competentOfficer, audience, 'submit')).toBe(true);
    expect(mayViewCaseEvent(ACTORS.dcuOperator, audience, 'saveDraft')).toBe(true);
  });
});
