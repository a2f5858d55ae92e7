// GraphQL of 授权能力 to an already-bound use unit: the mutation and, per binding, what the viewer may still grant.
import { authorisableCapabilities, enterpriseIdOf } from '@leqi/domain';
import type { CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { BaseErrorRef, toSimplePayloadError, ValidationErrorRef } from '../../platform/graphql-errors.ts';
import { ADMITS_API_TOKENS } from '../../platform/refusal-channels.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { BindingRef } from '../binding/schema.ts';
import { authoriseCapabilities } from './authorise.ts';
import { CapabilityAuthorisationRef } from './schema.ts';
import { subscribedCapabilityCodes } from './service.ts';

builder.objectField(BindingRef, 'authorisableCapabilityCodes', (t) =>
  t.stringList({
    description:
      '当前用户还可授权给此使用单位的能力编码：仅对该绑定的直连单位，且直连单位与绑定关系均有效时，为其已订阅（含公共能力）且此绑定下尚未有效授权的能力；其他人为空列表\n\n' +
      'Capability codes the viewer may still authorise to this use unit: for the binding’s direct-connect unit (DCU) only, ' +
      'while both the DCU and the binding are ACTIVE, its subscribed capabilities (public ones included) not already held ACTIVE under the binding; empty for anyone else',
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
  description: '授权能力的输入\n\nInput of authoriseCapabilities',
  fields: (t) => ({
    bindingId: t.globalID({
      description:
        '绑定关系的全局 ID：当前用户所在直连单位的有效绑定\n\nGlobal ID of the binding: an ACTIVE binding of the viewer’s enterprise as direct-connect unit (DCU)',
    }),
    capabilityCodes: t.stringList({
      description:
        '要授权的能力编码（至少一个，重复的只计一次）：直连单位已订阅（含公共能力）且此绑定下尚未有效授权的能力\n\n' +
        'Capability codes to authorise (at least one; repeats count once): capabilities the DCU subscribed (public ones included) not already held ACTIVE under the binding',
    }),
    validFrom: t.field({
      type: 'DateTime',
      required: false,
      description: '授权有效期起；不填为当前时间\n\nStart of the validity; now when omitted',
    }),
    validTo: t.field({
      type: 'DateTime',
      required: false,
      description:
        '授权有效期止，须晚于有效期起且晚于今天（按日比较）；不填为 2099-01-01\n\nEnd of the validity, a later day than the start and than today; 2099-01-01 when omitted',
    }),
  }),
});

const AuthoriseCapabilitiesSuccessRef = builder
  .objectRef<{ __typename: 'AuthoriseCapabilitiesSuccess'; authorisations: CapabilityAuthorisation[] }>(
    'AuthoriseCapabilitiesSuccess',
  )
  .implement({
    description: '授权能力成功\n\nThe capabilities were authorised',
    isTypeOf: (value) => (value as { __typename?: string }).__typename === 'AuthoriseCapabilitiesSuccess',
    fields: (t) => ({
      authorisations: t.field({
        type: [CapabilityAuthorisationRef],
        description: '新写入的能力授权，按能力编码排序\n\nThe authorisations written, by capability code',
        resolve: (success) => success.authorisations,
      }),
    }),
  });

const AuthoriseCapabilitiesPayload = builder.unionType('AuthoriseCapabilitiesPayload', {
  description: '授权能力的结果：成功，或拒绝的原因\n\nResult of authoriseCapabilities: success, or why it was refused',
  types: [AuthoriseCapabilitiesSuccessRef, BaseErrorRef, ValidationErrorRef],
});

builder.mutationField('authoriseCapabilities', (t) =>
  t.field({
    type: AuthoriseCapabilitiesPayload,
    description:
      '能力授权：直连单位（操作员或其 API 令牌）将已订阅的能力授权给与其绑定的使用单位，默认有效期自当前至 2099-01-01；记入该绑定所属邀请的审计记录。' +
      '错误：NOT_FOUND（非本单位的绑定）、INVALID_TRANSITION（已解除绑定）、VALIDATION_FAILED（如 CAPABILITY_NOT_SUBSCRIBED）、' +
      'DUPLICATE（已有有效授权）、DCU_NOT_ACTIVE（直连单位非已接入状态）、FORBIDDEN（使用单位本身）\n\n' +
      'Capability authorisation: the direct-connect unit (DCU), by its operator or API token, grants a use unit bound to it (ACTIVE binding) ' +
      'capabilities it subscribed, valid from now to 2099-01-01 unless set; audited on the binding’s invitation. Errors: NOT_FOUND (not its binding), ' +
      'INVALID_TRANSITION (no longer bound), VALIDATION_FAILED (CAPABILITY_NOT_SUBSCRIBED …), DUPLICATE (already ' +
      'held ACTIVE), DCU_NOT_ACTIVE, FORBIDDEN (the use unit itself)',
    extensions: { [ADMITS_API_TOKENS]: true },
    args: { input: t.arg({ type: AuthoriseCapabilitiesInput, description: '要授权的能力\n\nWhat to authorise' }) },
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
