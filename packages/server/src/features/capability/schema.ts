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
  description: '能力, keyed by the official 能力编码',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    isPublic: t.exposeBoolean('isPublic', { description: 'needs no subscription (100010 使用单位管理能力)' }),
    enabled: t.exposeBoolean('enabled'),
    description: t.exposeString('description'),
  }),
});

export const CapabilityAuthorisationRef = builder.node(
  builder.objectRef<CapabilityAuthorisation>('CapabilityAuthorisation'),
  {
    description: '能力授权',
    id: { resolve: (row) => row.id },
    fields: (t) => ({
      capabilityCode: t.exposeString('capabilityCode'),
      capabilityName: t.string({
        resolve: async (row, _args, context) =>
          (await context.app.db.capability.findUnique({ where: { code: row.capabilityCode } }))?.name ??
          row.capabilityCode,
      }),
      validFrom: t.expose('validFrom', { type: 'DateTime' }),
      validTo: t.expose('validTo', { type: 'DateTime' }),
      status: t.field({ type: AuthorisationStatusEnum, resolve: (row) => row.status as AuthorisationStatus }),
      holder: t.field({
        type: EnterpriseRef,
        resolve: (row, _args, context) =>
          context.app.db.enterprise.findUniqueOrThrow({ where: { id: row.holderEnterpriseId } }),
      }),
    }),
  },
);

builder.queryField('capabilities', (t) =>
  t.field({
    type: [CapabilityRef],
    description: '能力目录（API 令牌也可读取：邀请时填写的能力编码） / The capability catalogue (API tokens too)',
    skipTypeScopes: true,
    authScopes: { signedIn: true },
    resolve: (_root, _args, context) => listCapabilities(context.app.db),
  }),
);

builder.queryField('subscribedCapabilityCodes', (t) =>
  t.stringList({
    description:
      "本企业可预授权的能力编码：已通过的订阅与公共能力（操作员与本企业的 API 令牌） / what the viewer's DCU may pre-authorise: its approved subscriptions and the public capabilities (its operators and its API tokens)",
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
