// GraphQL of 绑定关系: the Binding node, the bindings listing, unbinding by either side.
import { BINDING_STATUSES, messageFor } from '@leqi/domain';
import type { Binding } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection } from '../../platform/counted-connection.ts';
import {
  BaseErrorRef,
  ErrorCodeEnum,
  refusalError,
  StaleVersionErrorRef,
  toPayloadError,
  toSimplePayloadError,
  ValidationErrorRef,
} from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor } from '../../platform/paging.ts';
import { isSignedIn, signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { CapabilityAuthorisationRef } from '../capability/schema.ts';
import { authorisationsOfBinding } from '../capability/service.ts';
import { CaseActionRef } from '../cases/review-case.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import { asInvitationCase } from '../invitation/case.ts';
import { InvitationRef } from '../invitation/schema.ts';
import { bindingActions } from './abilities.ts';
import { findBinding, listBindings } from './service.ts';
import { type UnbindFailure, unbindDirectUnit, unbindUseUnits } from './unbind.ts';

const BindingStatusEnum = builder.enumType('BindingStatus', {
  description: '已绑定 / 已解除',
  values: BINDING_STATUSES,
});

export const BindingRef = builder.node(builder.objectRef<Binding>('Binding'), {
  description: '绑定关系',
  id: { resolve: (row) => row.id },
  loadOne: (id, context) => (isSignedIn(context) ? findBinding(context.app, context.viewer, id) : null),
  fields: (t) => ({
    version: t.exposeInt('version'),
    status: t.field({ type: BindingStatusEnum, resolve: (row) => row.status as 'ACTIVE' }),
    directUnit: t.field({
      type: EnterpriseRef,
      resolve: (row, _args, context) =>
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.dcuEnterpriseId } }),
    }),
    useUnit: t.field({
      type: EnterpriseRef,
      resolve: (row, _args, context) =>
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.useUnitEnterpriseId } }),
    }),
    invitation: t.field({
      type: InvitationRef,
      resolve: async (row, _args, context) =>
        asInvitationCase(await context.app.db.invitation.findUniqueOrThrow({ where: { id: row.invitationId } })),
    }),
    boundAt: t.expose('boundAt', { type: 'DateTime' }),
    unboundAt: t.expose('unboundAt', { type: 'DateTime', nullable: true }),
    authorisations: t.field({
      type: [CapabilityAuthorisationRef],
      resolve: (row, _args, context) => authorisationsOfBinding(context.app.db, row.id),
    }),
    availableActions: t.field({
      type: [CaseActionRef],
      description:
        'what the viewer may do with the binding now (解除绑定 by the DCU or by the use unit), from its table',
      resolve: (row, _args, context) => bindingActions(context.viewer?.actor, row, context.locale),
    }),
  }),
});

builder.objectField(InvitationRef, 'binding', (t) =>
  t.field({
    type: BindingRef,
    nullable: true,
    description: 'once CONFIRMED',
    resolve: (row, _args, context) => context.app.db.binding.findUnique({ where: { invitationId: row.id } }),
  }),
);

const BindingConnectionRef = countedConnection(BindingRef, 'BindingConnection', 'BindingEdge');

const cursorOf = (row: Binding) => encodeCursor({ createdAt: row.boundAt, id: row.id });

builder.queryField('bindings', (t) =>
  t.connection(
    {
      type: BindingRef,
      description: "the viewer enterprise's bindings, as DCU or as use unit, newest first",
      skipTypeScopes: true,
      args: { status: t.arg({ type: BindingStatusEnum, required: false }) },
      resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
        const result = await listBindings(context.app, context.viewer, args);
        if (!result.ok) throw refusalError(result.error, context.locale);
        return connectionOf(result.value, args.after, cursorOf);
      }),
    },
    BindingConnectionRef,
  ),
);

const UnbindUseUnitsInput = builder.inputType('UnbindUseUnitsInput', {
  description: 'one or many; at most 250 in all',
  fields: (t) => ({
    bindingIds: t.globalIDList({ required: false }),
    usccs: t.stringList({ required: false, description: "use units' 统一社会信用代码" }),
  }),
});

const UnbindFailureRef = builder.objectRef<UnbindFailure>('UnbindFailure').implement({
  fields: (t) => ({
    bindingId: t.id({
      nullable: true,
      resolve: (failure) => (failure.bindingId ? Buffer.from(`Binding:${failure.bindingId}`).toString('base64') : null),
    }),
    uscc: t.exposeString('uscc', { nullable: true }),
    code: t.field({ type: ErrorCodeEnum, resolve: (failure) => failure.error.code }),
    message: t.string({ resolve: (failure, _args, context) => messageFor(failure.error, context.locale) }),
  }),
});

const UnbindUseUnitsSuccessRef = builder
  .objectRef<{ __typename: 'UnbindUseUnitsSuccess'; unbound: Binding[]; failed: UnbindFailure[] }>(
    'UnbindUseUnitsSuccess',
  )
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'UnbindUseUnitsSuccess',
    fields: (t) => ({
      unbound: t.field({ type: [BindingRef], resolve: (success) => success.unbound }),
      failed: t.field({ type: [UnbindFailureRef], resolve: (success) => success.failed }),
    }),
  });

const UnbindUseUnitsPayload = builder.unionType('UnbindUseUnitsPayload', {
  types: [UnbindUseUnitsSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('unbindUseUnits', (t) =>
  t.field({
    type: UnbindUseUnitsPayload,
    description: '解除使用单位 (DCU, web or API): each one at once; authorisations are revoked',
    skipTypeScopes: true,
    args: { input: t.arg({ type: UnbindUseUnitsInput }) },
    resolve: signedIn(unauthenticated.inSimplePayload, async (_root, { input }, context) => {
      const result = await unbindUseUnits(context.app, context.viewer, {
        bindingIds: input.bindingIds?.map((id) => id.id) ?? null,
        usccs: input.usccs ?? null,
      });
      if (!result.ok) return toSimplePayloadError(result.error, context.locale);
      return { __typename: 'UnbindUseUnitsSuccess' as const, ...result.value };
    }),
  }),
);

const UnbindDirectUnitInput = builder.inputType('UnbindDirectUnitInput', {
  fields: (t) => ({ bindingId: t.globalID() }),
});

const BindingSuccessRef = builder
  .objectRef<{ __typename: 'BindingSuccess'; binding: Binding }>('BindingSuccess')
  .implement({
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BindingSuccess',
    fields: (t) => ({ binding: t.field({ type: BindingRef, resolve: (success) => success.binding }) }),
  });

const BindingPayload = builder.unionType('BindingPayload', {
  types: [BindingSuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
});

builder.mutationField('unbindDirectUnit', (t) =>
  t.field({
    type: BindingPayload,
    description: '解除与直连单位绑定关系 (use unit)',
    args: { input: t.arg({ type: UnbindDirectUnitInput }) },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) => {
      if (input.bindingId.typename !== 'Binding') return toPayloadError({ code: 'NOT_FOUND' }, context.locale);
      const result = await unbindDirectUnit(context.app, context.viewer, input.bindingId.id);
      return result.ok
        ? { __typename: 'BindingSuccess' as const, binding: result.value }
        : toPayloadError(result.error, context.locale);
    }),
  }),
);
