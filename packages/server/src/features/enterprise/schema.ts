import {
  type ConfidentialEnterpriseFact,
  CREDIT_RATING_LABELS,
  CREDIT_RATINGS,
  type CreditRating,
  DCU_STATUS_LABELS,
  DCU_STATUSES,
  type DcuStatus,
  enterpriseIdOf,
  IN_FLIGHT_ACCESS_STATUSES,
  isActiveDcu,
  mayApplyForAccess,
  mayApplyForExit,
  mayLookUpEnterprise,
  mayReadTaxFacts,
} from '@leqi/domain';
import type { Enterprise, TaxAuthority } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { areCounterparties } from './counterparty.ts';

export const AuthorityLevelEnum = describedEnum('AuthorityLevel', {
  description: { zh: '税务机关层级', en: 'Level of a tax authority' },
  values: ['PROVINCIAL', 'LOCAL'] as const,
  label: (level) =>
    level === 'PROVINCIAL'
      ? { zh: '省级税务机关', en: 'Provincial tax authority' }
      : { zh: '主管税务机关（省以下）', en: 'Local competent tax authority' },
});

export const CreditRatingEnum = describedEnum('CreditRating', {
  description: { zh: '纳税信用等级', en: 'Tax credit rating' },
  values: CREDIT_RATINGS,
  label: (rating) => CREDIT_RATING_LABELS[rating],
});

export const TaxAuthorityRef = builder.objectRef<TaxAuthority>('TaxAuthority').implement({
  description: '税务机关',
  fields: (t) => ({
    code: t.exposeString('code', { description: '11 位税务机关代码' }),
    name: t.exposeString('name'),
    level: t.field({ type: AuthorityLevelEnum, resolve: (authority) => authority.level }),
  }),
});

/** A confidential fact's resolver: the value for those who may read the enterprise's tax facts, else null. */
const taxFact =
  <K extends ConfidentialEnterpriseFact>(fact: K) =>
  (enterprise: Enterprise, _args: unknown, context: Context): Enterprise[K] | null =>
    mayReadTaxFacts(context.viewer?.actor, enterprise) ? enterprise[fact] : null;

const confidential = <K extends ConfidentialEnterpriseFact>(fact: K, description: string) => ({
  nullable: true as const,
  description: `${description}; confidential (taxpayer information): null unless the viewer is the enterprise, an officer of its competent authority or that province, or the admin`,
  resolve: taxFact(fact),
});

export const DcuStatusEnum = describedEnum('DcuStatus', {
  description: { zh: '直连单位状态', en: 'The enterprise’s status as a direct-connect unit' },
  values: DCU_STATUSES,
  label: (status) => DCU_STATUS_LABELS[status],
});

export const EnterpriseRef = builder.node(builder.objectRef<Enterprise>('Enterprise'), {
  id: { resolve: (enterprise) => enterprise.id },
  description:
    '纳税人. Whoever reaches an enterprise sees who it is; its tax facts only the enterprise, its bureau and the admin',
  loadOne: async (id, context) => {
    const actor = context.viewer?.actor;
    if (!actor) return null;
    const enterprise = await context.app.db.enterprise.findUnique({ where: { id } });
    if (!enterprise) return null;
    if (mayReadTaxFacts(actor, enterprise)) return enterprise;
    const own = enterpriseIdOf(actor);
    const counterparty = own ? await areCounterparties(context.app.db, own, enterprise.id) : false;
    return mayLookUpEnterprise(actor, enterprise, counterparty) ? enterprise : null;
  },
  fields: (t) => {
    const facts = {
      creditRating: t.field({
        type: CreditRatingEnum,
        ...confidential('creditRating', '纳税信用等级'),
        resolve: (enterprise, args, context) =>
          taxFact('creditRating')(enterprise, args, context) as CreditRating | null,
      }),
      majorViolation: t.boolean(confidential('majorViolation', '近三年内存在重大税收违法行为')),
      priorYearRevenue: t.float(confidential('priorYearRevenue', '上一年度营业收入 (元)')),
      invoiceCount12m: t.int(confidential('invoiceCount12m', '前 12 个月开受票量')),
      invoiceAmount12m: t.float(confidential('invoiceAmount12m', '前 12 个月开票金额 (元)')),
    } satisfies Record<ConfidentialEnterpriseFact, unknown>;
    return {
      uscc: t.exposeString('uscc', { description: '统一社会信用代码' }),
      name: t.exposeString('name'),
      competentAuthority: t.field({
        type: TaxAuthorityRef,
        description: '主管税务机关',
        resolve: async (enterprise, _args, context) =>
          context.app.db.taxAuthority.findUniqueOrThrow({ where: { code: enterprise.competentAuthorityCode } }),
      }),
      inPilot: t.exposeBoolean('inPilot', { description: '已纳入数电票试点' }),
      livelihoodIndustry: t.exposeBoolean('livelihoodIndustry'),
      ...facts,
      dcuStatus: t.field({ type: DcuStatusEnum, resolve: (row) => row.dcuStatus as DcuStatus }),
      leqiId: t.exposeString('leqiId', {
        nullable: true,
        description: '乐企ID, once the access application is confirmed',
      }),
      dcuExpiresAt: t.expose('dcuExpiresAt', { type: 'DateTime', nullable: true }),
      mayStartAccessApplication: t.boolean({
        description:
          '当前用户可为本单位发起新的接入申请 / the viewer may start a new access application for this enterprise now: not (or no longer) a DCU and no application in flight (a draft is continued instead)',
        resolve: async (enterprise, _args, context) =>
          ownEnterprise(enterprise, context) &&
          mayApplyForAccess(enterprise.dcuStatus as DcuStatus) &&
          !(await context.app.db.accessApplication.findFirst({
            where: { enterpriseId: enterprise.id, status: { in: [...IN_FLIGHT_ACCESS_STATUSES] } },
            select: { id: true },
          })),
      }),
      mayInviteUseUnits: t.boolean({
        description:
          '当前用户可为本单位邀请使用单位 / the viewer may invite use units for this enterprise now: only an ACTIVE DCU invites',
        resolve: ownActiveDcu,
      }),
      maySubscribeCapabilities: t.boolean({
        description:
          '当前用户可为本单位申请能力订阅 / the viewer may apply for capability subscriptions for this enterprise now: only an ACTIVE DCU subscribes',
        resolve: ownActiveDcu,
      }),
      mayApplyForExit: t.boolean({
        description:
          'the viewer may start an exit application for this enterprise now: its operator of an identity that may exit, and an ACTIVE DCU (active bindings are reported by exitPrecheck)',
        resolve: (enterprise, _args, context) => {
          const actor = context.viewer?.actor;
          return (
            actor?.role === 'ENTERPRISE' &&
            ownEnterprise(enterprise, context) &&
            mayApplyForExit(actor.identityType, enterprise.dcuStatus as DcuStatus)
          );
        },
      }),
    };
  },
});

builder.queryField('taxAuthorities', (t) =>
  t.field({
    type: [TaxAuthorityRef],
    description:
      '税务机关（公开的参考数据，匿名与 API 令牌均可读取：邀请时填写省级税务机关代码） / Tax authorities: public reference data, for everyone including API tokens',
    skipTypeScopes: true,
    args: { level: t.arg({ type: AuthorityLevelEnum, required: false }) },
    resolve: (_root, args, context) =>
      context.app.db.taxAuthority.findMany({
        where: args.level ? { level: args.level } : {},
        orderBy: { code: 'asc' },
      }),
  }),
);

/** The viewer operates this enterprise (what it may do for it is asked only by its own operators). */
function ownEnterprise(enterprise: Enterprise, context: Context): boolean {
  const actor = context.viewer?.actor;
  return actor?.role === 'ENTERPRISE' && actor.enterpriseId === enterprise.id;
}

/** The viewer operates this enterprise, an ACTIVE DCU (only one invites and subscribes). */
function ownActiveDcu(enterprise: Enterprise, _args: unknown, context: Context): boolean {
  return ownEnterprise(enterprise, context) && isActiveDcu(enterprise.dcuStatus as DcuStatus);
}
