// GraphQL of 能力: the catalogue, what the viewer's DCU may pre-authorise, authorisations.

import { AUTHORISATION_STATUS_LABELS, AUTHORISATION_STATUSES, type AuthorisationStatus } from '@leqi/domain';
import type { Capability, CapabilityAuthorisation } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { EnterpriseRef } from '../enterprise/schema.ts';
import { listCapabilities, subscribedCapabilityCodes } from './service.ts';

const AuthorisationStatusEnum = describedEnum('AuthorisationStatus', {
  description: { zh: '能力授权状态', en: 'Status of a capability authorisation' },
  values: AUTHORISATION_STATUSES,
  label: (status) => AUTHORISATION_STATUS_LABELS[status],
});

export const CapabilityRef = builder.objectRef<Capability>('Capability').implement({
  description:
    '乐企能力（能力目录中的一项），以官方能力编码为键\n\nA Leqi capability (one entry of the capability catalogue), keyed by its official capability code',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: '能力编码，6 位数字，如 100010\n\nCapability code: 6 digits, e.g. 100010',
    }),
    name: t.exposeString('name', {
      description: '能力名称（至多 100 字）\n\nCapability name (at most 100 characters)',
    }),
    isPublic: t.exposeBoolean('isPublic', {
      description:
        '公共能力：无需能力订阅，每个已接入的直连单位均可使用与授权（如 100010 使用单位管理能力）\n\nPublic capability: needs no subscription; every connected direct-connect unit (DCU) may use and authorise it (e.g. 100010, use unit management)',
    }),
    enabled: t.exposeBoolean('enabled', {
      description:
        '是否启用；停用的能力不出现在能力目录（capabilities）中，也不能订阅\n\nWhether the capability is enabled; a disabled one is left out of the catalogue (capabilities) and cannot be subscribed',
    }),
    description: t.exposeString('description', {
      description:
        '能力说明（至多 1000 字；未填写时为空字符串）\n\nWhat the capability does (at most 1000 characters; empty string when none was given)',
    }),
  }),
});

export const CapabilityAuthorisationRef = builder.node(
  builder.objectRef<CapabilityAuthorisation>('CapabilityAuthorisation'),
  {
    description:
      '能力授权：直连单位把已订阅的乐企能力授权给已绑定的使用单位（或审核通过订阅后授权给自身），在有效期内可用\n\nCapability authorisation: a direct-connect unit (DCU) grants a capability it subscribed to a use unit bound to it (or, once the subscription is approved, to itself), usable within its validity',
    id: { resolve: (row) => row.id },
    fields: (t) => ({
      capabilityCode: t.exposeString('capabilityCode', {
        description: '能力编码（6 位数字）\n\nCapability code (6 digits)',
      }),
      capabilityName: t.string({
        description:
          '能力名称；能力已不在能力目录中时为能力编码\n\nCapability name; the capability code when the capability is no longer in the catalogue',
        resolve: async (row, _args, context) =>
          (await context.app.db.capability.findUnique({ where: { code: row.capabilityCode } }))?.name ??
          row.capabilityCode,
      }),
      validFrom: t.expose('validFrom', {
        type: 'DateTime',
        description:
          '授权有效期起（默认为授权当时）\n\nStart of the authorisation’s validity (by default when it was granted)',
      }),
      validTo: t.expose('validTo', {
        type: 'DateTime',
        description: '授权有效期止（默认为 2099-01-01）\n\nEnd of the authorisation’s validity (2099-01-01 by default)',
      }),
      status: t.field({
        type: AuthorisationStatusEnum,
        description:
          '授权状态；解除绑定或直连单位退出后为已取消\n\nStatus of the authorisation; REVOKED once the binding is ended or the DCU has exited',
        resolve: (row) => row.status as AuthorisationStatus,
      }),
      holder: t.field({
        type: EnterpriseRef,
        description:
          '获得授权的单位：使用单位，或直连单位自身\n\nThe enterprise holding the authorisation: a use unit, or the direct-connect unit itself',
        resolve: (row, _args, context) =>
          context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.holderEnterpriseId } }),
      }),
    }),
  },
);

builder.queryField('capabilities', (t) =>
  t.field({
    type: [CapabilityRef],
    description:
      '能力目录：已启用的乐企能力，按能力编码排序；API 令牌也可读取（邀请时填写能力编码）\n\nThe capability catalogue: the enabled Leqi capabilities, by capability code; API tokens may read it too (capability codes of invitations)',
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    resolve: (_root, _args, context) => listCapabilities(context.app.db),
  }),
);

builder.queryField('subscribedCapabilityCodes', (t) =>
  t.stringList({
    description:
      '本企业可预授权的能力编码：审核通过的能力订阅所含能力与公共能力，按编码排序；供本企业操作员与本企业的 API 令牌读取\n\nCapability codes the viewer’s direct-connect unit (DCU) may pre-authorise: those of its approved subscriptions and the public capabilities, sorted; for its operators and its own API tokens',
    skipTypeScopes: true,
    authScopes: { enterprise: true, apiClient: true },
    resolve: (_root, _args, context) => {
      const actor = context.viewer?.actor;
      return actor?.role === 'ENTERPRISE' || actor?.role === 'API_CLIENT'
        ? subscribedCapabilityCodes(context.app.db, actor.enterpriseId)
        : [];
    },
  }),
);
