// GraphQL of 授权能力 to an already-bound use unit: the mutation and, per binding, what the viewer may still grant.
import { authorisableCapabilities, enterpriseIdOf } from '@leqi/domain';
import type { CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { BindingRef } from '../binding/schema.ts';
import { authoriseCapabilities } from './authorise.ts';
import { CapabilityAuthorisationRef } from './schema.ts';
import { subscribedCapabilityCodes } from './service.ts';

builder.objectField(BindingRef, 'authorisableCapabilityCodes', (t) =>
  t.stringList({
    description:
      'what the viewer may still 授权 to this use unit: for its DCU while both the DCU and the binding are ACTIVE, ' +
      'its subscribed capabilities not already held ACTIVE under the binding; empty for anyone else',
    resolve: async (binding, _args, context) => {
      const actor = context.viewer?.actor;
      if (!actor || enterpriseIdOf(actor) !== binding.dcuEnterpriseId) return [];
      const db = context.app.db;
      const [dcu, subscribed, active] = await Promise.all([
        db.enterprise.findUniqueOrThrow({ where: { id: binding.dcuEnterpriseId }, select: { dcuStatus: true } }),
        subscribedCapabilityCodes(db, binding.dcuEnterpriseId),
        db.capabilityAuthorisation.findMany({
          where: { bindingId: binding.id, status: 'ACTIVE' },
          select: { capabilityCode: true },
        }),
      ]);
      return authorisableCapabilities({
        dcuStatus: dcu.dcuStatus,
        bindingStatus: binding.status,
        subscribed,
        active: active.map((row) => row.capabilityCode),
      });
    },
  }),
);

const AuthoriseCapabilitiesInput = builder.inputType('AuthoriseCapabilitiesInput', {
  fields: (t) => ({
    bindingId: t.globalID({ description: 'an ACTIVE binding of the viewer as DCU' }),
    capabilityCodes: t.stringList({ description: 'capabilities the DCU subscribed, not already held ACTIVE' }),
    validFrom: t.field({ type: 'DateTime', required: false, description: 'default: now' }),
    validTo: t.field({ type: 'DateTime', required: false, description: 'default: 2099-01-01' }),
  }),
});

const AuthoriseCapabilitiesSuccessRef = builder
  .objectRef<{ __typename: 'AuthoriseCapabilitiesSuccess'; authorisations: CapabilityAuthorisation[] }>(
    'AuthoriseCapabilitiesSuccess',
  )
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'AuthoriseCapabilitiesSuccess',
    fields: (t) => ({
      authorisations: t.field({
        type: [CapabilityAuthorisationRef],
        description: 'the authorisations written, by capability code',
        resolve: (success) => success.authorisations,
      }),
    }),
  });

const AuthoriseCapabilitiesPayload = builder.unionType('AuthoriseCapabilitiesPayload', {
  types: [AuthoriseCapabilitiesSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('authoriseCapabilities', (t) =>
  t.field({
    type: AuthoriseCapabilitiesPayload,
    description:
      '授权能力: the DCU grants a use unit bound to it (ACTIVE binding) capabilities it subscribed, valid from today ' +
      'to 2099-01-01 unless set; audited on the binding’s invitation. Errors: NOT_FOUND (not its binding), ' +
      'INVALID_TRANSITION (no longer bound), VALIDATION_FAILED (CAPABILITY_NOT_SUBSCRIBED …), DUPLICATE (already ' +
      'held ACTIVE), DCU_NOT_ACTIVE, FORBIDDEN (the use unit itself)',
    skipTypeScopes: true,
    args: { input: t.arg({ type: AuthoriseCapabilitiesInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      if (input.bindingId.typename !== 'Binding') return toSimplePayloadError({ code: 'NOT_FOUND' }, context.locale);
      const result = await authoriseCapabilities(context.app, context.viewer, {
        bindingId: input.bindingId.id,
        capabilityCodes: input.capabilityCodes,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      });
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      return { __typename: 'AuthoriseCapabilitiesSuccess' as const, authorisations: result.value };
    }),
  }),
);
