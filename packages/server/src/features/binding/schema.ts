// GraphQL of 绑定关系: the Binding node, the bindings listing, unbinding by either side.
import { BINDING_STATUS_LABELS, BINDING_STATUSES, type BindingStatus, messageFor } from '@leqi/domain';
import type { Binding } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { describedEnum } from '../../platform/described-enum.ts';
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
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
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

const BindingStatusEnum = describedEnum('BindingStatus', {
  description: { zh: '绑定关系的状态', en: 'Status of a binding' },
  values: BINDING_STATUSES,
  label: (status) => BINDING_STATUS_LABELS[status],
});

export const BindingRef = builder.node(builder.objectRef<Binding>('Binding'), {
  description:
    '绑定关系：直连单位与使用单位之间的绑定，在邀请确认通过时建立，任一方解除绑定后即为已解除；双方企业可以查看\n\n' +
    'A binding between a direct-connect unit (DCU) and a use unit: created when the invitation is confirmed, unbound at once when either side unbinds it; visible to both enterprises',
  id: { resolve: (row) => row.id },
  loadOne: (id, context) => (isSignedIn(context) ? findBinding(context.app, context.viewer, id) : null),
  fields: (t) => ({
    version: t.exposeInt('version', {
      description: '版本号，每次变更加一\n\nVersion number, increased by one on every change',
    }),
    status: t.field({
      type: BindingStatusEnum,
      description: '绑定状态：已绑定或已解除\n\nStatus: bound (ACTIVE) or unbound',
      resolve: (row) => row.status as BindingStatus,
    }),
    directUnit: t.field({
      type: EnterpriseRef,
      description: '绑定的直连单位\n\nThe direct-connect unit (DCU) of the binding',
      resolve: (row, _args, context) =>
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.dcuEnterpriseId } }),
    }),
    useUnit: t.field({
      type: EnterpriseRef,
      description: '绑定的使用单位\n\nThe use unit of the binding',
      resolve: (row, _args, context) =>
        context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.useUnitEnterpriseId } }),
    }),
    invitation: t.field({
      type: InvitationRef,
      description: '建立该绑定关系的接入邀请\n\nThe invitation whose confirmation created the binding',
      resolve: async (row, _args, context) =>
        asInvitationCase(await context.app.db.invitation.findUniqueOrThrow({ where: { id: row.invitationId } })),
    }),
    boundAt: t.expose('boundAt', {
      type: 'DateTime',
      description: '绑定时间（邀请确认通过的时间）\n\nWhen the binding was created (the invitation was confirmed)',
    }),
    unboundAt: t.expose('unboundAt', {
      type: 'DateTime',
      nullable: true,
      description: '解除绑定的时间；已绑定时为空\n\nWhen the binding was unbound; null while it is ACTIVE',
    }),
    authorisations: t.field({
      type: [CapabilityAuthorisationRef],
      description:
        '该绑定关系下的能力授权（含已撤销的），按能力编码排序；解除绑定时全部撤销\n\n' +
        'The capability authorisations under the binding (revoked ones included), by capability code; all are revoked on unbinding',
      resolve: (row, _args, context) => authorisationsOfBinding(context.app.db, row.id),
    }),
    availableActions: t.field({
      type: [CaseActionRef],
      description:
        '当前用户现在可以对该绑定关系执行的操作（直连单位或使用单位解除绑定）；没有时为空列表\n\n' +
        'What the viewer may do with the binding now (unbinding, by the DCU or by the use unit); empty when nothing',
      resolve: (row, _args, context) => bindingActions(context.viewer?.actor, row, context.locale),
    }),
  }),
});

builder.objectField(InvitationRef, 'binding', (t) =>
  t.field({
    type: BindingRef,
    nullable: true,
    description:
      '邀请确认通过后建立的绑定关系；确认通过前为空，解除绑定后仍返回（状态为已解除）\n\n' +
      'The binding created when the invitation was confirmed; null before that, still returned (UNBOUND) after unbinding',
    resolve: (row, _args, context) => context.app.db.binding.findUnique({ where: { invitationId: row.id } }),
  }),
);

const BindingConnectionRef = countedConnection(BindingRef, 'BindingConnection', 'BindingEdge', {
  zh: '绑定关系',
  en: 'bindings',
});

const cursorOf = (row: Binding) => encodeCursor({ createdAt: row.boundAt, id: row.id });

builder.queryField('bindings', (t) =>
  t.field({
    type: BindingConnectionRef,
    description:
      '绑定关系列表：当前用户所在单位作为直连单位或使用单位的绑定关系，按绑定时间从新到旧；API 令牌只能看到作为直连单位的绑定关系\n\n' +
      "The bindings of the viewer's enterprise, as direct-connect unit (DCU) or as use unit, newest first; an API token sees only those of its enterprise as DCU",
    skipTypeScopes: true,
    args: {
      ...forwardPageArgs(t.arg),
      status: t.arg({
        type: BindingStatusEnum,
        required: false,
        description: '只列出该状态的绑定关系；省略时列出全部\n\nOnly bindings in this status; all when omitted',
      }),
    },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const result = await listBindings(context.app, context.viewer, args);
      if (!result.ok) throw refusalError(result.error, context.locale);
      return connectionOf(result.value, args.after, cursorOf);
    }),
  }),
);

const UnbindUseUnitsInput = builder.inputType('UnbindUseUnitsInput', {
  description:
    '要解除绑定的使用单位：按绑定关系 ID 或按使用单位统一社会信用代码指定，两者可同时使用，合计 1 至 250 个\n\n' +
    "The use units to unbind, by binding ID or by the use unit's USCC (both may be used), 1 to 250 in all",
  fields: (t) => ({
    bindingIds: t.globalIDList({
      required: false,
      description: '本直连单位的绑定关系的全局 ID\n\nGlobal IDs of bindings of the DCU',
    }),
    usccs: t.stringList({
      required: false,
      description:
        '与本直连单位已绑定的使用单位的统一社会信用代码\n\nUSCCs of use units with an ACTIVE binding to the DCU',
    }),
  }),
});

const UnbindFailureRef = builder.objectRef<UnbindFailure>('UnbindFailure').implement({
  description: '未能解除的一项及原因\n\nAn item that was not unbound, and why',
  fields: (t) => ({
    bindingId: t.id({
      nullable: true,
      description:
        '请求中给出的绑定关系全局 ID；按统一社会信用代码指定时为空\n\nThe binding’s global ID as given; null for an item given by USCC',
      resolve: (failure) => (failure.bindingId ? Buffer.from(`Binding:${failure.bindingId}`).toString('base64') : null),
    }),
    uscc: t.exposeString('uscc', {
      nullable: true,
      description:
        '请求中给出的统一社会信用代码（已规范化）；按绑定关系 ID 指定时为空\n\nThe USCC as given (normalised); null for an item given by binding ID',
    }),
    code: t.field({
      type: ErrorCodeEnum,
      description: '失败原因代码\n\nWhy it failed',
      resolve: (failure) => failure.error.code,
    }),
    message: t.string({
      description: '失败原因（按请求语言）\n\nWhy it failed, in the request’s language',
      resolve: (failure, _args, context) => messageFor(failure.error, context.locale),
    }),
  }),
});

const UnbindUseUnitsSuccessRef = builder
  .objectRef<{ __typename: 'UnbindUseUnitsSuccess'; unbound: Binding[]; failed: UnbindFailure[] }>(
    'UnbindUseUnitsSuccess',
  )
  .implement({
    description: '解除使用单位已处理：逐项结果\n\nThe unbinding ran: the result of each item',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'UnbindUseUnitsSuccess',
    fields: (t) => ({
      unbound: t.field({
        type: [BindingRef],
        description: '已解除的绑定关系，按请求中的顺序\n\nThe bindings unbound, in request order',
        resolve: (success) => success.unbound,
      }),
      failed: t.field({
        type: [UnbindFailureRef],
        description:
          '未能解除的项及原因；全部成功时为空列表\n\nThe items not unbound and why; empty when all succeeded',
        resolve: (success) => success.failed,
      }),
    }),
  });

const UnbindUseUnitsPayload = builder.unionType('UnbindUseUnitsPayload', {
  description:
    '解除使用单位的结果：逐项结果，或整个请求被拒绝的原因\n\nResult of unbindUseUnits: the result of each item, or why the whole call was refused',
  types: [UnbindUseUnitsSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('unbindUseUnits', (t) =>
  t.field({
    type: UnbindUseUnitsPayload,
    description:
      '解除使用单位：直连单位的企业用户或 API 令牌解除与使用单位的绑定关系，每项立即生效、单独处理；解除后该绑定关系下的能力授权全部撤销，邀请变为已解除\n\n' +
      'Unbind use units: an operator or API token of the direct-connect unit (DCU) ends its bindings; each item takes effect at once on its own, revokes the capability authorisations under the binding and makes the invitation unbound',
    extensions: { [ADMITS_API_TOKENS]: true },
    args: {
      input: t.arg({ type: UnbindUseUnitsInput, description: '要解除绑定的使用单位\n\nThe use units to unbind' }),
    },
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
  description: '解除与直连单位绑定关系的输入\n\nInput of unbindDirectUnit',
  fields: (t) => ({
    bindingId: t.globalID({
      description: '本使用单位的绑定关系的全局 ID\n\nGlobal ID of a binding of the use unit',
    }),
  }),
});

const BindingSuccessRef = builder
  .objectRef<{ __typename: 'BindingSuccess'; binding: Binding }>('BindingSuccess')
  .implement({
    description: '操作成功：变更后的绑定关系\n\nSuccess: the binding as it is now',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'BindingSuccess',
    fields: (t) => ({
      binding: t.field({
        type: BindingRef,
        description: '变更后的绑定关系\n\nThe binding as it is now',
        resolve: (success) => success.binding,
      }),
    }),
  });

const BindingPayload = builder.unionType('BindingPayload', {
  description:
    '解除绑定的结果：变更后的绑定关系，或被拒绝的原因\n\nResult of an unbinding: the binding as it is now, or why it was refused',
  types: [BindingSuccessRef, BaseErrorRef, ValidationErrorRef, StaleVersionErrorRef],
});

builder.mutationField('unbindDirectUnit', (t) =>
  t.field({
    type: BindingPayload,
    description:
      '解除与直连单位绑定关系：使用单位的企业用户（非 API 令牌）解除本单位与直连单位的绑定关系，立即生效；该绑定关系下的能力授权全部撤销，邀请变为已解除\n\n' +
      'Unbind from the direct-connect unit (DCU): an operator (not an API token) of the use unit ends its binding at once; the capability authorisations under it are revoked and the invitation becomes unbound',
    args: {
      input: t.arg({ type: UnbindDirectUnitInput, description: '要解除的绑定关系\n\nThe binding to end' }),
    },
    resolve: signedIn(unauthenticated.inPayload, async (_root, { input }, context) => {
      if (input.bindingId.typename !== 'Binding') return toPayloadError({ code: 'NOT_FOUND' }, context.locale);
      const result = await unbindDirectUnit(context.app, context.viewer, input.bindingId.id);
      return result.ok
        ? { __typename: 'BindingSuccess' as const, binding: result.value }
        : toPayloadError(result.error, context.locale);
    }),
  }),
);
