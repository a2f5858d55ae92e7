// 能力授权 to an already-bound use unit (DESIGN §3.4): the DCU, while ACTIVE, grants a use unit bound to it
// (ACTIVE binding) capabilities it has subscribed (APPROVED subscriptions and the public ones), each not already
// held under that binding. Valid from today to 2099-01-01 unless chosen otherwise.
import { type DomainError, domainError, type FieldIssue } from '../errors.ts';

/** The default end of an authorisation (能力授权 default validity: today → 2099-01-01). */
export const AUTHORISATION_DEFAULT_END = new Date('2099-01-01T00:00:00Z');

export interface CapabilityGrant {
  /** the DCU's status (ACTIVE, EXITING …) */
  dcuStatus: string;
  /** the binding's status: ACTIVE while bound */
  bindingStatus: string;
  /** what the DCU may authorise */
  subscribed: readonly string[];
  /** capabilities the use unit already holds ACTIVE under this binding */
  active: readonly string[];
  requested: readonly string[];
  validFrom: Date;
  validTo: Date;
  now: Date;
}

/** What the DCU may still grant under a binding: nothing unless both are ACTIVE. */
export function authorisableCapabilities(
  grant: Pick<CapabilityGrant, 'dcuStatus' | 'bindingStatus' | 'subscribed' | 'active'>,
) {
  if (grant.dcuStatus !== 'ACTIVE' || grant.bindingStatus !== 'ACTIVE') return [];
  return grant.subscribed.filter((code) => !grant.active.includes(code));
}

/** Why the grant is refused, or null when it may be written. */
export function capabilityGrantRefusal(grant: CapabilityGrant): DomainError | null {
  if (grant.dcuStatus !== 'ACTIVE') return domainError('DCU_NOT_ACTIVE');
  if (grant.bindingStatus !== 'ACTIVE') return domainError('INVALID_TRANSITION', { reason: 'NOT_BOUND' });
  const issues: FieldIssue[] = [];
  if (grant.requested.length === 0) issues.push({ field: 'capabilityCodes', code: 'REQUIRED' });
  grant.requested.forEach((code, index) => {
    if (!grant.subscribed.includes(code))
      issues.push({ field: `capabilityCodes.${index}`, code: 'CAPABILITY_NOT_SUBSCRIBED', params: { code } });
  });
  const day = (date: Date) => date.toISOString().slice(0, 10);
  if (day(grant.validTo) <= day(grant.validFrom))
    issues.push({ field: 'validTo', code: 'OUT_OF_RANGE', params: { min: day(grant.validFrom) } });
  if (day(grant.validTo) <= day(grant.now)) issues.push({ field: 'validTo', code: 'DATE_IN_PAST' });
  if (issues.length > 0) return domainError('VALIDATION_FAILED', {}, issues);
  const held = [...new Set(grant.requested.filter((code) => grant.active.includes(code)))];
  if (held.length > 0) return domainError('DUPLICATE', { reason: 'ALREADY_AUTHORISED', codes: held.join('、') });
  return null;
}
