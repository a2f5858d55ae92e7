import type { Enterprise, TaxAuthority } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';

export const AuthorityLevelEnum = builder.enumType('AuthorityLevel', { values: ['PROVINCIAL', 'LOCAL'] as const });

export const TaxAuthorityRef = builder.objectRef<TaxAuthority>('TaxAuthority').implement({
  description: '税务机关',
  fields: (t) => ({
    code: t.exposeString('code', { description: '11 位税务机关代码' }),
    name: t.exposeString('name'),
    level: t.field({ type: AuthorityLevelEnum, resolve: (authority) => authority.level }),
  }),
});

export const EnterpriseRef = builder.node(builder.objectRef<Enterprise>('Enterprise'), {
  id: { resolve: (enterprise) => enterprise.id },
  loadOne: async (id, context) => {
    const viewer = context.viewer?.actor;
    if (!viewer) return null;
    return context.app.db.enterprise.findUnique({ where: { id } });
  },
  fields: (t) => ({
    uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
    name: t.exposeString('name'),
    competentAuthority: t.field({
      type: TaxAuthorityRef,
      description: '主管税务机关',
      resolve: async (enterprise, _args, context) =>
        context.app.db.taxAuthority.findUniqueOrThrow({ where: { code: enterprise.competentAuthorityCode } }),
    }),
    creditRating: t.exposeString('creditRating', { description: '纳税信用等级' }),
    inPilot: t.exposeBoolean('inPilot', { description: '已纳入数电票试点' }),
    majorViolation: t.exposeBoolean('majorViolation'),
    livelihoodIndustry: t.exposeBoolean('livelihoodIndustry'),
    priorYearRevenue: t.exposeFloat('priorYearRevenue'),
    invoiceCount12m: t.exposeInt('invoiceCount12m'),
    invoiceAmount12m: t.exposeFloat('invoiceAmount12m'),
    dcuStatus: t.exposeString('dcuStatus', { description: 'NOT_CONNECTED, ACTIVE, EXITING or EXITED' }),
    leqiId: t.exposeString('leqiId', {
      nullable: true,
      description: '乐企ID, once the access application is confirmed',
    }),
    dcuExpiresAt: t.expose('dcuExpiresAt', { type: 'DateTime', nullable: true }),
  }),
});

builder.queryField('taxAuthorities', (t) =>
  t.field({
    type: [TaxAuthorityRef],
    args: { level: t.arg({ type: AuthorityLevelEnum, required: false }) },
    resolve: (_root, args, context) =>
      context.app.db.taxAuthority.findMany({
        where: args.level ? { level: args.level } : {},
        orderBy: { code: 'asc' },
      }),
  }),
);
