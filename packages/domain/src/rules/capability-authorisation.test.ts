import { describe, expect, it } from 'vitest';
import { messageFor } from '../errors.ts';
import {
  AUTHORISATION_DEFAULT_END,
  authorisableCapabilities,
  type CapabilityGrant,
  capabilityGrantRefusal,
} from './capability-authorisation.ts';

const now = new Date('2026-12-03T10:00:00Z');
const grant = (overrides: Partial<CapabilityGrant> = {}): CapabilityGrant => ({
  dcuStatus: 'ACTIVE',
  bindingStatus: 'ACTIVE',
  subscribed: ['100010', '202007', '203059'],
  active: ['202007'],
  requested: ['203059'],
  validFrom: now,
  validTo: AUTHORISATION_DEFAULT_END,
  now,
  ...overrides,
});

describe('能力授权 to a bound use unit', () => {
  it('allows subscribed capabilities not yet held, from today to 2099-01-01', () => {
    expect(capabilityGrantRefusal(grant())).toBeNull();
    expect(AUTHORISATION_DEFAULT_END.toISOString().slice(0, 10)).toBe('2099-01-01');
    expect(authorisableCapabilities(grant())).toEqual(['100010', '203059']);
  });

  it('refuses when the DCU is not ACTIVE or the binding is not', () => {
    expect(capabilityGrantRefusal(grant({ dcuStatus: 'EXITING' }))?.code).toBe('DCU_NOT_ACTIVE');
    const unbound = capabilityGrantRefusal(grant({ bindingStatus: 'UNBOUND' }));
    expect(unbound?.code).toBe('INVALID_TRANSITION');
    expect(messageFor(unbound as never, 'zh-CN')).toContain('未与本单位绑定');
    expect(messageFor(unbound as never, 'en')).toContain('not bound to your unit');
    expect(authorisableCapabilities(grant({ bindingStatus: 'UNBOUND' }))).toEqual([]);
    expect(authorisableCapabilities(grant({ dcuStatus: 'EXITING' }))).toEqual([]);
  });

  it('refuses capabilities not subscribed, field by field, in Chinese and English', () => {
    const refused = capabilityGrantRefusal(grant({ requested: ['203059', '999999'] }));
    expect(refused?.code).toBe('VALIDATION_FAILED');
    expect(refused?.issues).toEqual([
      { field: 'capabilityCodes.1', code: 'CAPABILITY_NOT_SUBSCRIBED', params: { code: '999999' } },
    ]);
    expect(capabilityGrantRefusal(grant({ requested: [] }))?.issues?.[0]?.code).toBe('REQUIRED');
  });

  it('refuses a capability already held ACTIVE, naming it', () => {
    const refused = capabilityGrantRefusal(grant({ requested: ['202007', '203059'] }));
    expect(refused).toMatchObject({ code: 'DUPLICATE', params: { reason: 'ALREADY_AUTHORISED', codes: '202007' } });
    expect(messageFor(refused as never, 'zh-CN')).toBe('该使用单位已获授权且在有效期内的能力不能重复授权：202007');
    expect(messageFor(refused as never, 'en')).toContain('already holds an active authorisation of: 202007');
  });

  it('refuses an end not after the start or in the past', () => {
    const backwards = capabilityGrantRefusal(
      grant({ validFrom: new Date('2027-01-01'), validTo: new Date('2026-12-31') }),
    );
    expect(backwards?.issues?.map((issue) => issue.code)).toEqual(['OUT_OF_RANGE']);
    const past = capabilityGrantRefusal(grant({ validFrom: new Date('2026-01-01'), validTo: new Date('2026-06-01') }));
    expect(past?.issues?.map((issue) => issue.code)).toEqual(['DATE_IN_PAST']);
  });
});
