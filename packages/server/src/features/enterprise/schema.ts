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
  type Label,
  mayApplyForAccess,
  mayApplyForExit,
  mayLookUpEnterprise,
  mayReadTaxFacts,
} from '@leqi/domain';
import type { Enterprise, TaxAuthority } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { Context } from '../../platform/context.ts';
import { bilingual, describedEnum } from '../../platform/described-enum.ts';
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
  description: '税务机关\n\nA tax authority',
  fields: (t) => ({
    code: t.exposeString('code', { description: '税务机关代码，11 位数字\n\nTax authority code, 11 digits' }),
    name: t.exposeString('name', { description: '税务机关名称\n\nName of the tax authority' }),
    level: t.field({
      type: AuthorityLevelEnum,
      description: '税务机关层级\n\nLevel of the tax authority',
      resolve: (authority) => authority.level,
    }),
  }),
});

/** A confidential fact's resolver: the value for those who may read the enterprise's tax facts, else null. */
const taxFact =
  <K extends ConfidentialEnterpriseFact>(fact: K) =>
  (enterprise: Enterprise, _args: unknown, context: Context): Enterprise[K] | null =>
    mayReadTaxFacts(context.viewer?.actor, enterprise) ? enterprise[fact] : null;

const confidential = <K extends ConfidentialEnterpriseFact>(fact: K, label: Label) => ({
  nullable: true as const,
  description: bilingual({
    zh: `${label.zh}；涉税保密信息：仅本企业、其主管税务机关或所在省税务机关人员及平台管理员可见，其他人为 null`,
    en: `${label.en}; confidential taxpayer information: null unless the viewer is the enterprise, an officer of its competent tax authority or of that province, or the platform admin`,
  }),
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
    '企业（纳税人）。能查到该企业的人均可看到其身份信息；涉税信息仅本企业、其主管税务机关及所在省税务机关人员与平台管理员可见\n\n' +
    'An enterprise (taxpayer). Whoever can reach it sees who it is; its tax facts only the enterprise itself, officers of its competent tax authority or that province, and the platform admin',
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
        ...confidential('creditRating', { zh: '纳税信用等级', en: 'Tax credit rating' }),
        resolve: (enterprise, args, context) =>
          taxFact('creditRating')(enterprise, args, context) as CreditRating | null,
      }),
      majorViolation: t.boolean(
        confidential('majorViolation', {
          zh: '近三年内存在重大税收违法行为',
          en: 'Whether the enterprise committed a major tax violation in the last three years',
        }),
      ),
      priorYearRevenue: t.float(
        confidential('priorYearRevenue', { zh: '上一年度营业收入（元）', en: 'Revenue of the previous year (yuan)' }),
      ),
      invoiceCount12m: t.int(
        confidential('invoiceCount12m', {
          zh: '前 12 个月开受票量（开具与取得的发票份数之和）',
          en: 'Invoices of the last 12 months (issued plus received, count)',
        }),
      ),
      invoiceAmount12m: t.float(
        confidential('invoiceAmount12m', {
          zh: '前 12 个月开票金额（元）',
          en: 'Amount invoiced in the last 12 months (yuan)',
        }),
      ),
    } satisfies Record<ConfidentialEnterpriseFact, unknown>;
    return {
      uscc: t.exposeString('uscc', {
        description: '统一社会信用代码（18 位）\n\nUnified social credit code (USCC, 18 characters)',
      }),
      name: t.exposeString('name', { description: '纳税人名称\n\nTaxpayer name' }),
      competentAuthority: t.field({
        type: TaxAuthorityRef,
        description: '主管税务机关\n\nThe enterprise’s competent tax authority',
        resolve: async (enterprise, _args, context) =>
          context.app.db.taxAuthority.findUniqueOrThrow({ where: { code: enterprise.competentAuthorityCode } }),
      }),
      inPilot: t.exposeBoolean('inPilot', {
        description: '已纳入数电票试点\n\nWhether the enterprise is in the fully digitalised e-invoice pilot',
      }),
      livelihoodIndustry: t.exposeBoolean('livelihoodIndustry', {
        description:
          '属于医院、热电、公共交通等民生保障类行业（适用民生行业接入标准）\n\nWhether it is in a livelihood industry such as hospitals, heat and power, or public transport (the livelihood access thresholds apply)',
      }),
      ...facts,
      dcuStatus: t.field({
        type: DcuStatusEnum,
        description: '直连单位状态\n\nThe enterprise’s status as a direct-connect unit (DCU)',
        resolve: (row) => row.dcuStatus as DcuStatus,
      }),
      leqiId: t.exposeString('leqiId', {
        nullable: true,
        description:
          '乐企ID：接入申请确认通过时分配；未接入或已退出时为 null\n\nLeqi ID: assigned when the access application is confirmed; null before that and after exit',
      }),
      dcuExpiresAt: t.expose('dcuExpiresAt', {
        type: 'DateTime',
        nullable: true,
        description:
          '接入有效期止：确认通过后两个自然年；未接入或已退出时为 null\n\nEnd of the access validity: two natural years after confirmation; null before that and after exit',
      }),
      mayStartAccessApplication: t.boolean({
        description:
          '当前用户现在可为本单位发起新的接入申请：本单位的操作员，本单位尚未接入（或已退出）且没有办理中的申请（已有草稿时应继续该草稿）\n\n' +
          'Whether the viewer may start a new access application for this enterprise now: its operator, the enterprise not (or no longer) a direct-connect unit (DCU) and no application in flight (a draft is continued instead)',
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
          '当前用户现在可为本单位邀请使用单位：本单位的操作员，且本单位为已接入的直连单位\n\n' +
          'Whether the viewer may invite use units for this enterprise now: its operator, and only a connected (ACTIVE) direct-connect unit (DCU) invites',
        resolve: ownActiveDcu,
      }),
      maySubscribeCapabilities: t.boolean({
        description:
          '当前用户现在可为本单位申请能力订阅：本单位的操作员，且本单位为已接入的直连单位\n\n' +
          'Whether the viewer may apply for capability subscriptions for this enterprise now: its operator, and only a connected (ACTIVE) direct-connect unit (DCU) subscribes',
        resolve: ownActiveDcu,
      }),
      mayApplyForExit: t.boolean({
        description:
          '当前用户现在可为本单位发起退出申请：本单位具有退出权限身份的操作员，且本单位为已接入的直连单位（尚有效的绑定关系由 exitPrecheck 列出）\n\n' +
          'Whether the viewer may start an exit application for this enterprise now: its operator of an identity that may exit, and a connected (ACTIVE) direct-connect unit (DCU); active bindings are reported by exitPrecheck',
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
      '税务机关，按代码排序（公开的参考数据，匿名用户与 API 令牌均可读取：邀请时填写省级税务机关代码）\n\n' +
      'Tax authorities, by code: public reference data for everyone, anonymous users and API tokens included (provincial authority codes of invitations)',
    skipTypeScopes: true,
    args: {
      level: t.arg({
        type: AuthorityLevelEnum,
        required: false,
        description: '只列出此层级的税务机关；不填列出全部\n\nOnly tax authorities of this level; all when omitted',
      }),
    },
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
