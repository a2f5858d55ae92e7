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
  fields: (t) => ({
    code: t.string({ description: '6-digit 能力编码' }),
    name: t.string(),
    isPublic: t.boolean(),
    enabled: t.boolean(),
    description: t.string({ required: false }),
  }),
});

const SaveCapabilitySuccessRef = builder
  .objectRef<{ __typename: 'SaveCapabilitySuccess'; capability: Capability }>('SaveCapabilitySuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'SaveCapabilitySuccess',
    fields: (t) => ({ capability: t.field({ type: CapabilityRef, resolve: (success) => success.capability }) }),
  });

const SaveCapabilityPayload = builder.unionType('SaveCapabilityPayload', {
  types: [SaveCapabilitySuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('saveCapability', (t) =>
  t.field({
    type: SaveCapabilityPayload,
    description: '能力目录维护 (platform admin): add or edit a capability',
    args: { input: t.arg({ type: SaveCapabilityInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await saveCapability(context.app, context.viewer, input);
      return result.ok
        ? { __typename: 'SaveCapabilitySuccess' as const, capability: result.value }
        : toSimplePayloadError(result.error, context.locale);
    }),
  }),
);
