import {
  type Actor,
  type CaseAudience,
  capabilitySubscriptionWorkflow,
  type DomainError,
  domainError,
  err,
  type FieldIssue,
  MAX_DAILY_CALL_VOLUME,
  type Performer,
  provinceCodeOf,
  type Result,
} from '@leqi/domain';
import type { CapabilitySubscription } from '../../generated/prisma/client.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction, Refusal } from '../../platform/db/transaction.ts';
import { appendCaseEvent, type StoredCaseEvent } from '../../platform/events/audit.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { systemTransition } from '../cases/transition.ts';
import { lockActiveDcu } from '../enterprise/dcu.ts';

export const CASE_KIND = 'CAPABILITY_SUBSCRIPTION';
/** The longest 拟嵌入自有业务系统名称 and 能力使用业务范围, in characters. */
const MAX_LENGTHS = { businessSystemName: 200, businessScope: 2000 } as const;

interface SubscriptionInput {
  capabilityCodes: string[];
  validUntil: Date;
  businessSystemName: string;
  dailyVolumes: { capabilityCode: string; volume: number }[];
  businessScope: string;
}

/** The DCU applies; its competent local authority decides. */
export function performerOf(
  actor: Actor,
  row: Pick<CapabilitySubscription, 'dcuEnterpriseId' | 'competentAuthorityCode'>,
): Performer | DomainError {
  if (actor.role === 'ENTERPRISE')
    return actor.enterpriseId === row.dcuEnterpriseId ? 'OWNER_ENTERPRISE' : domainError('FORBIDDEN');
  if (actor.role === 'OFFICER') {
    return actor.authorityLevel === 'LOCAL' && actor.authorityCode === row.competentAuthorityCode
      ? 'LOCAL_OFFICER'
      : domainError('NOT_JURISDICTION');
  }
  return domainError('FORBIDDEN');
}

/** The DCU, its competent authority (which decides) and that province (which supervises, as in every case kind). */
export function subscriptionAudience(
  row: Pick<CapabilitySubscription, 'dcuEnterpriseId' | 'competentAuthorityCode'>,
): CaseAudience {
  return { parties: [row.dcuEnterpriseId], authorityCode: row.competentAuthorityCode };
}

/** Events are written with the audience of `subscriptionAudience`. */
export function visibility(row: CapabilitySubscription) {
  return {
    caseKind: CASE_KIND,
    caseId: row.id,
    enterpriseId: row.dcuEnterpriseId,
    authorityCode: row.competentAuthorityCode,
    provinceCode: provinceCodeOf(row.competentAuthorityCode),
  };
}

async function validate(tx: Tx, input: SubscriptionInput): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const codes = [...new Set(input.capabilityCodes)];
  if (codes.length === 0) issues.push({ field: 'capabilityCodes', code: 'REQUIRED' });
  const catalogue = await tx.capability.findMany({ where: { code: { in: codes }, enabled: true } });
  codes.forEach((code, index) => {
    const capability = catalogue.find((entry) => entry.code === code);
    // public capabilities (使用单位管理能力) need no subscription
    if (!capability || capability.isPublic) issues.push({ field: `capabilityCodes.${index}`, code: 'INVALID_FORMAT' });
  });
  if (!(input.validUntil instanceof Date) || input.validUntil.getTime() <= Date.now()) {
    issues.push({ field: 'validUntil', code: 'OUT_OF_RANGE' });
  }
  for (const field of ['businessSystemName', 'businessScope'] as const) {
    const max = MAX_LENGTHS[field];
    const text = stripControlCharacters(input[field]).trim();
    if (!text) issues.push({ field, code: 'REQUIRED' });
    else if (text.length > max) issues.push({ field, code: 'TOO_LONG', params: { max } });
  }
  codes.forEach((code, index) => {
    const volume = input.dailyVolumes.find((entry) => entry.capabilityCode === code)?.volume;
    if (volume === undefined) issues.push({ field: `dailyVolumes.${index}`, code: 'REQUIRED' });
    else if (!Number.isInteger(volume) || volume < 1 || volume > MAX_DAILY_CALL_VOLUME) {
      issues.push({
        field: `dailyVolumes.${index}`,
        code: 'OUT_OF_RANGE',
        params: { min: 1, max: MAX_DAILY_CALL_VOLUME },
      });
    }
  });
  return issues;
}

/** 能力订阅申请 by an ACTIVE DCU; refused while it is exiting or after it exited. */
export async function applySubscription(
  app: AppServices,
  viewer: Viewer,
  input: SubscriptionInput,
): Promise<Result<CapabilitySubscription>> {
  const actor = viewer.actor;
  if (actor.role !== 'ENTERPRISE') return err(domainError('FORBIDDEN'));
  return inTransaction(app, async (tx, emit) => {
    const dcu = await lockActiveDcu(tx, actor.enterpriseId);
    const issues = await validate(tx, input);
    if (issues.length > 0) throw new Refusal(domainError('VALIDATION_FAILED', {}, issues));
    const codes = [...new Set(input.capabilityCodes)];
    const row = await tx.capabilitySubscription.create({
      data: {
        dcuEnterpriseId: dcu.id,
        capabilityCodes: codes,
        validUntil: input.validUntil,
        businessSystemName: stripControlCharacters(input.businessSystemName).trim(),
        dailyVolumes: Object.fromEntries(
          codes.map((code) => [code, input.dailyVolumes.find((entry) => entry.capabilityCode === code)?.volume ?? 0]),
        ),
        businessScope: stripControlCharacters(input.businessScope).trim(),
        status: 'PENDING_APPROVAL',
        competentAuthorityCode: dcu.competentAuthorityCode,
        createdById: viewer.userId,
      },
    });
    emit(
      await appendCaseEvent(tx, {
        ...visibility(row),
        event: 'apply',
        fromStatus: null,
        toStatus: 'PENDING_APPROVAL',
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: actor.role,
      }),
    );
    return row;
  });
}

async function systemChange(tx: Tx, row: CapabilitySubscription, event: 'cancel' | 'revoke', reason: string) {
  return systemTransition(
    tx,
    capabilitySubscriptionWorkflow,
    row,
    event,
    async (to) =>
      (
        await tx.capabilitySubscription.updateMany({
          where: { id: row.id, version: row.version },
          data: {
            status: to,
            version: { increment: 1 },
            lastReason: reason,
            decidedAt: new Date(),
            stepEnteredAt: new Date(),
          },
        })
      ).count,
    { ...visibility(row), reason },
  );
}

/** Exit submitted: every subscription application still pending becomes 已失效 at its current step. */
export async function cancelInFlightSubscriptions(
  tx: Tx,
  dcuEnterpriseId: string,
  reason: string,
): Promise<StoredCaseEvent[]> {
  const rows = await tx.capabilitySubscription.findMany({ where: { dcuEnterpriseId, status: 'PENDING_APPROVAL' } });
  const events = await Promise.all(rows.map((row) => systemChange(tx, row, 'cancel', reason)));
  return events.filter((event): event is StoredCaseEvent => event !== null);
}

/** Exit confirmed: subscribed capabilities and every authorisation of the DCU are cancelled. */
export async function revokeSubscriptionsAndAuthorisations(
  tx: Tx,
  dcuEnterpriseId: string,
  reason: string,
): Promise<StoredCaseEvent[]> {
  const rows = await tx.capabilitySubscription.findMany({ where: { dcuEnterpriseId, status: 'APPROVED' } });
  const events: StoredCaseEvent[] = [];
  for (const row of rows) {
    const event = await systemChange(tx, row, 'revoke', reason);
    if (event) events.push(event);
  }
  await tx.capabilityAuthorisation.updateMany({
    where: { dcuEnterpriseId, status: 'ACTIVE' },
    data: { status: 'REVOKED', revokedAt: new Date() },
  });
  return events;
}

export async function listSubscriptions(app: AppServices, enterpriseId: string) {
  return app.db.capabilitySubscription.findMany({
    where: { dcuEnterpriseId: enterpriseId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
}
