// The platform admin keeps the 能力目录: add or edit a capability by its official 能力编码 (audited).
import { domainError, err, type FieldIssue, type Result } from '@leqi/domain';
import type { Capability } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { appendCaseEvent } from '../../platform/events/audit.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { stripControlCharacters } from '../../platform/text.ts';
import { CapabilityRef } from './schema.ts';

interface CapabilityInput {
  code: string;
  name: string;
  isPublic: boolean;
  enabled: boolean;
  description?: string | null;
}

export async function saveCapability(
  app: AppServices,
  viewer: Viewer,
  input: CapabilityInput,
): Promise<Result<Capability>> {
  if (viewer.actor.role !== 'ADMIN') return err(domainError('FORBIDDEN'));
  const name = stripControlCharacters(input.name).trim();
  const description = stripControlCharacters(input.description ?? '').trim();
  const issues: FieldIssue[] = [];
  if (!/^\d{6}$/.test(input.code)) issues.push({ field: 'code', code: 'INVALID_FORMAT' });
  if (!name) issues.push({ field: 'name', code: 'REQUIRED' });
  else if (name.length > 100) issues.push({ field: 'name', code: 'TOO_LONG', params: { max: 100 } });
  if (description.length > 1000) issues.push({ field: 'description', code: 'TOO_LONG', params: { max: 1000 } });
  if (issues.length > 0) return err(domainError('VALIDATION_FAILED', {}, issues));
  return inTransaction(app, async (tx, emit) => {
    const before = await tx.capability.findUnique({ where: { code: input.code } });
    const data = { name, isPublic: input.isPublic, enabled: input.enabled, description };
    const saved = await tx.capability.upsert({
      where: { code: input.code },
      create: { code: input.code, ...data },
      update: data,
    });
    emit(
      await appendCaseEvent(tx, {
        caseKind: 'CAPABILITY',
        caseId: input.code,
        event: before ? 'updateCapability' : 'createCapability',
        actorUserId: viewer.userId,
        actorName: viewer.displayName,
        actorRole: viewer.actor.role,
        payload: {
          before: before ? { name: before.name, isPublic: before.isPublic, enabled: before.enabled } : null,
          after: data,
        },
      }),
    );
    return saved;
  });
}

const SaveCapabilityInput = builder.inputType('SaveCapabilityInput', {
  description: '能力目录中一项能力的内容\n\nOne capability of the catalogue, as saved',
  fields: (t) => ({
    code: t.string({
      description:
        '能力编码，6 位数字；已存在则修改该能力，否则新增\n\nCapability code, 6 digits; an existing code edits that capability, a new one adds it',
    }),
    name: t.string({ description: '能力名称，必填，至多 100 字\n\nCapability name: required, at most 100 characters' }),
    isPublic: t.boolean({
      description:
        '是否为公共能力（无需能力订阅，如 100010 使用单位管理能力）\n\nWhether it is public (needs no subscription, e.g. 100010, use unit management)',
    }),
    enabled: t.boolean({
      description:
        '是否启用；停用后不在能力目录中出现，也不能订阅\n\nWhether it is enabled; a disabled one leaves the catalogue and cannot be subscribed',
    }),
    description: t.string({
      required: false,
      description:
        '能力说明，至多 1000 字；不填为空\n\nWhat the capability does, at most 1000 characters; empty when omitted',
    }),
  }),
});

const SaveCapabilitySuccessRef = builder
  .objectRef<{ __typename: 'SaveCapabilitySuccess'; capability: Capability }>('SaveCapabilitySuccess')
  .implement({
    description: '能力已保存\n\nThe capability was saved',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'SaveCapabilitySuccess',
    fields: (t) => ({
      capability: t.field({
        type: CapabilityRef,
        description: '保存后的能力\n\nThe capability as saved',
        resolve: (success) => success.capability,
      }),
    }),
  });

const SaveCapabilityPayload = builder.unionType('SaveCapabilityPayload', {
  description: '维护能力目录的结果：成功，或拒绝的原因\n\nResult of saveCapability: success, or why it was refused',
  types: [SaveCapabilitySuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('saveCapability', (t) =>
  t.field({
    type: SaveCapabilityPayload,
    description:
      '能力目录维护（平台管理员）：按能力编码新增或修改一项能力，记入审计记录。错误：FORBIDDEN（非管理员）、VALIDATION_FAILED\n\n' +
      'Capability catalogue upkeep (platform admin): adds or edits a capability by its code, audited. Errors: FORBIDDEN (not the admin), VALIDATION_FAILED',
    args: { input: t.arg({ type: SaveCapabilityInput, description: '要保存的能力\n\nThe capability to save' }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await saveCapability(context.app, context.viewer, input);
      return result.ok
        ? { __typename: 'SaveCapabilitySuccess' as const, capability: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
