import { describe, expect, it } from 'vitest';
import * as domain from './index.ts';

describe('public surface', () => {
  it('exports the agreed API', () => {
    const names = [
      'ok',
      'err',
      'ERROR_CODES',
      'domainError',
      'messageFor',
      'issueMessage',
      'IDENTITY_TYPES',
      'IDENTITY_TYPE_LABELS',
      'ROLES',
      'canExit',
      'findTransition',
      'availableEvents',
      'decide',
      'stepOf',
      'statusesForStep',
      'replay',
      'ACCESS_APPLICATION_STATUSES',
      'accessApplicationWorkflow',
      'IN_FLIGHT_ACCESS_STATUSES',
      'ACCESS_TYPE',
      'exitApplicationWorkflow',
      'invitationWorkflow',
      'LIVE_INVITATION_STATUSES',
      'officialInvitationStatusCode',
      'capabilitySubscriptionWorkflow',
      'AUTHORISATION_STATUSES',
      'DCU_STATUSES',
      'BINDING_STATUSES',
      'WORKFLOWS',
      'normalizeUscc',
      'usccCheckChar',
      'validateUscc',
      'makeUscc',
      'validateAuthorityCode',
      'provinceCodeOf',
      'isProvincialCode',
      'isCompetentOfficer',
      'isProvincialOfficerFor',
      'RELATIONSHIPS',
      'parseRelationship',
      'MATERIAL_KINDS',
      'requiredAccessMaterials',
      'missingMaterials',
      'evaluateDirectUnitEligibility',
      'evaluateUseUnitEligibility',
      'selectProvinceRule',
      'accessValidity',
      'accessValidityEnd',
      'parseRetrySchedule',
      'afterFailedAttempt',
      'checkWebhookUrl',
      'parseAllowedHosts',
      'targetAllowed',
      'WEBHOOK_EVENT_TYPES',
      'checkEventTypeFilter',
    ];
    const exported = domain as Record<string, unknown>;
    for (const name of names) expect(exported[name], name).toBeDefined();
    expect(domain.ACCESS_TYPE).toBe('SELF_USE');
    expect(domain.WORKFLOWS.invitation).toBe(domain.invitationWorkflow);
  });
});
