import { describe, expect, it } from 'vitest';
import {
  actorIdOf,
  canExit,
  canManageWebhooks,
  enterpriseIdOf,
  IDENTITY_TYPE_LABELS,
  IDENTITY_TYPES,
  isIdentityType,
  ROLES,
} from './actors.ts';

describe('actors', () => {
  it('labels identity types as in the manual', () => {
    expect(IDENTITY_TYPES.map((t) => IDENTITY_TYPE_LABELS[t].zh)).toEqual([
      '法定代表人',
      '财务负责人',
      '办税员',
      '开票员',
    ]);
    expect(isIdentityType('TAX_CLERK')).toBe(true);
    expect(isIdentityType('CEO')).toBe(false);
    expect(ROLES).toEqual(['ENTERPRISE', 'OFFICER', 'ADMIN', 'API_CLIENT']);
  });

  it('lets only the legal representative and the finance manager exit', () => {
    expect(IDENTITY_TYPES.filter(canExit)).toEqual(['LEGAL_REPRESENTATIVE', 'FINANCE_MANAGER']);
  });

  it('lets only the same two principals manage webhook endpoints', () => {
    expect(IDENTITY_TYPES.filter(canManageWebhooks)).toEqual(['LEGAL_REPRESENTATIVE', 'FINANCE_MANAGER']);
  });

  it('derives enterprise and audit ids', () => {
    expect(enterpriseIdOf({ role: 'API_CLIENT', tokenId: 't', enterpriseId: 'e' })).toBe('e');
    expect(enterpriseIdOf({ role: 'ENTERPRISE', userId: 'u', enterpriseId: 'e2', identityType: 'TAX_CLERK' })).toBe(
      'e2',
    );
    expect(enterpriseIdOf({ role: 'ADMIN', userId: 'a' })).toBeNull();
    expect(actorIdOf({ role: 'SYSTEM' })).toBe('SYSTEM');
    expect(actorIdOf({ role: 'API_CLIENT', tokenId: 't', enterpriseId: 'e' })).toBe('token:t');
    expect(actorIdOf({ role: 'OFFICER', userId: 'o', authorityCode: '14401060000', authorityLevel: 'LOCAL' })).toBe(
      'o',
    );
  });
});
