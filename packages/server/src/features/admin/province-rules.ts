// 省级接入条件 (platform admin): a province's thresholds are a history of rules, each in force from its
// effective date (China time) until a later one takes over. Rules are never edited or back-dated: a change is a
// new rule effective today or later, so every verification report's `ruleApplied` stays the rule of its day.
import {
  businessDate,
  domainError,
  type Label,
  ok,
  type ProvinceRuleDraft,
  provinceRuleIssues,
  type Result,
  selectProvinceRule,
} from '@leqi/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Prisma, type ProvinceRule } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { bilingual } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeKeyset, keysetDecoder, type Page, pageArguments } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ruleOf } from '../eligibility/service.ts';
import { adminChange, invalid, requireAdmin } from './common.ts';
import { adminMutation } from './payloads.ts';

/** History order: by province, then newest effective date, newest created (the order `rules` pages in). */
const HISTORY_ORDER = [
  { provinceCode: 'asc' },
  { effectiveFrom: 'desc' },
  { createdAt: 'desc' },
  { id: 'desc' },
] as const satisfies Prisma.ProvinceRuleOrderByWithRelationInput[];

function encodeRuleCursor(rule: ProvinceRule): string {
  return encodeKeyset([rule.provinceCode, rule.effectiveFrom, rule.createdAt, rule.id]);
}

const ruleCursor = keysetDecoder(['text', 'time', 'time', 'text']);

/** One page of the rules of one province (or all), in HISTORY_ORDER, with their total. */
async function provinceRulePage(
  app: AppServices,
  provinceCode: string | null | undefined,
  request: { first?: number | null; after?: string | null },
): Promise<Result<Page<ProvinceRule>>> {
  const args = pageArguments(request.first, request.after, ruleCursor);
  if (!args.ok) return args;
  const where: Prisma.ProvinceRuleWhereInput = provinceCode ? { provinceCode } : {};
  const cursor = args.value.cursor;
  // the rows after the cursor in HISTORY_ORDER
  const after: Prisma.ProvinceRuleWhereInput | null = cursor && {
    OR: [
      { provinceCode: { gt: cursor[0] } },
      { provinceCode: cursor[0], effectiveFrom: { lt: cursor[1] } },
      { provinceCode: cursor[0], effectiveFrom: cursor[1], createdAt: { lt: cursor[2] } },
      { provinceCode: cursor[0], effectiveFrom: cursor[1], createdAt: cursor[2], id: { lt: cursor[3] } },
    ],
  };
  const [rows, totalCount] = await Promise.all([
    app.db.provinceRule.findMany({
      where: after ? { AND: [where, after] } : where,
      orderBy: [...HISTORY_ORDER],
      take: args.value.size + 1,
    }),
    app.db.provinceRule.count({ where }),
  ]);
  return ok({ rows: rows.slice(0, args.value.size), hasNextPage: rows.length > args.value.size, totalCount });
}

/**
 * Each province's rule in force on `day`: of the rules effective by then, the latest (one per province), confirmed
 * by the eligibility verification's own choice.
 */
async function rulesInForce(app: AppServices, provinceCode: string | null | undefined, day: string) {
  const onlyProvince = provinceCode ? Prisma.sql`AND "provinceCode" = ${provinceCode}` : Prisma.empty;
  // one row per province, picked by the database: its latest rule effective by `day` (HISTORY_ORDER)
  const candidates = await app.db.$queryRaw<ProvinceRule[]>`
    SELECT DISTINCT ON ("provinceCode") * FROM "ProvinceRule"
    WHERE "effectiveFrom" <= ${new Date(`${day}T00:00:00.000Z`)} ${onlyProvince}
    ORDER BY "provinceCode", "effectiveFrom" DESC, "createdAt" DESC, "id" DESC`;
  const chosen = inForceIds(candidates, day);
  return candidates.filter((rule) => chosen.has(rule.id));
}

/** The rule each province applies on `day`: the same choice the eligibility verification makes. */
export function inForceIds(rows: ProvinceRule[], day: string): Set<string> {
  const ids = new Set<string>();
  const ascending = [...rows].sort(
    (a, b) =>
      a.effectiveFrom.getTime() - b.effectiveFrom.getTime() ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      (a.id < b.id ? -1 : 1),
  );
  for (const provinceCode of new Set(rows.map((row) => row.provinceCode))) {
    const own = ascending.filter((row) => row.provinceCode === provinceCode);
    const rules = own.map(ruleOf);
    const chosen = selectProvinceRule(rules, provinceCode, day);
    const row = chosen ? own[rules.indexOf(chosen)] : undefined;
    if (row) ids.add(row.id);
  }
  return ids;
}

export async function createProvinceRule(
  app: AppServices,
  viewer: Viewer,
  input: ProvinceRuleDraft,
  now = new Date(),
): Promise<Result<ProvinceRule>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const draft = { ...input, provinceCode: input.provinceCode.trim(), effectiveFrom: input.effectiveFrom.trim() };
  const issues = provinceRuleIssues(draft, businessDate(now));
  if (issues.length > 0) return invalid(issues);
  return adminChange(app, viewer, async (tx, audit) => {
    const province = await tx.taxAuthority.findUnique({ where: { code: draft.provinceCode } });
    if (province?.level !== 'PROVINCIAL') {
      throw new Refusal(domainError('VALIDATION_FAILED', {}, [{ field: 'provinceCode', code: 'NOT_FOUND' }]));
    }
    const { effectiveFrom, ...thresholds } = draft;
    const rule = await tx.provinceRule.create({
      data: { ...thresholds, effectiveFrom: new Date(`${effectiveFrom}T00:00:00.000Z`), createdById: viewer.userId },
    });
    await audit({
      kind: 'ADMIN_PROVINCE_RULE',
      id: draft.provinceCode,
      event: 'createProvinceRule',
      payload: { ruleId: rule.id, ...draft },
    });
    return rule;
  });
}

// ---------------------------------------------------------------------------------------------------------
// GraphQL

type Threshold =
  | 'minRevenue'
  | 'minInvoiceCount'
  | 'minInvoiceAmount'
  | 'livelihoodMinRevenue'
  | 'livelihoodMinInvoiceCount'
  | 'livelihoodMinInvoiceAmount';

const LIVELIHOOD = { zh: '民生保障类行业适用的', en: 'For livelihood-industry enterprises: ' };
const NOT_ABOVE_NORMAL = { zh: '，不得高于普通标准', en: ', not above the normal one' };

/** What each threshold means: the direct-connect unit's figures with those of its counted use units. */
const THRESHOLDS: Record<Threshold, Label> = {
  minRevenue: {
    zh: '上一年度营业收入下限（元）：直连单位连同计入的使用单位，合计不低于此值',
    en: 'Minimum prior-year revenue in yuan, reached by the direct-connect unit (DCU) with its counted use units',
  },
  minInvoiceCount: {
    zh: '前 12 个月开受票量下限（份）：合计开受票量达到此值，或开票金额达到开票金额下限，即满足发票条件',
    en: 'Minimum invoices issued and received in the last 12 months: the invoice condition is met by this count or by the minimum amount',
  },
  minInvoiceAmount: {
    zh: '前 12 个月开票金额下限（元）：与开受票量下限满足其一即可',
    en: 'Minimum amount invoiced in the last 12 months, in yuan: this or the minimum count meets the invoice condition',
  },
  livelihoodMinRevenue: {
    zh: `${LIVELIHOOD.zh}上一年度营业收入下限（元）${NOT_ABOVE_NORMAL.zh}`,
    en: `${LIVELIHOOD.en}minimum prior-year revenue in yuan${NOT_ABOVE_NORMAL.en}`,
  },
  livelihoodMinInvoiceCount: {
    zh: `${LIVELIHOOD.zh}前 12 个月开受票量下限（份）${NOT_ABOVE_NORMAL.zh}`,
    en: `${LIVELIHOOD.en}minimum invoices of the last 12 months${NOT_ABOVE_NORMAL.en}`,
  },
  livelihoodMinInvoiceAmount: {
    zh: `${LIVELIHOOD.zh}前 12 个月开票金额下限（元）${NOT_ABOVE_NORMAL.zh}`,
    en: `${LIVELIHOOD.en}minimum amount invoiced in the last 12 months, in yuan${NOT_ABOVE_NORMAL.en}`,
  },
};

const AMOUNT_RANGE = { zh: '0 至 10^15', en: '0 to 10^15' };
const COUNT_RANGE = { zh: '0 至 2,000,000,000 的整数', en: 'a whole number from 0 to 2,000,000,000' };

/** A threshold as read, or as entered with its range. */
function thresholdDescription(threshold: Threshold, range?: Label): string {
  const { zh, en } = THRESHOLDS[threshold];
  return range ? bilingual({ zh: `${zh}；${range.zh}`, en: `${en}; ${range.en}` }) : bilingual({ zh, en });
}

const PROVINCE_CODE = { zh: '省级税务机关代码（11 位）', en: 'The 11-digit code of the provincial tax authority' };

const ProvinceRuleRecordRef = builder.node(builder.objectRef<ProvinceRule>('ProvinceRuleRecord'), {
  // the rules are the platform admin's to read: `node(id)` answers null to anyone else
  id: { resolve: (rule) => rule.id },
  loadOne: (id, context) =>
    context.viewer?.actor.role === 'ADMIN' ? context.app.db.provinceRule.findUnique({ where: { id } }) : null,
  description:
    '省级接入条件（省局规则）的一条规则：自生效日期（北京时间）起用于该省的接入条件核验，直到更晚生效的规则取代它\n\n' +
    'One province rule (access thresholds) as configured: used by the province’s verifications from its ' +
    'effective date (China time) until a later rule takes over',
  fields: (t) => ({
    provinceCode: t.exposeString('provinceCode', { description: bilingual(PROVINCE_CODE) }),
    provinceName: t.string({
      description:
        '省级税务机关名称；该机关已不在税务机关中时为其代码\n\nName of the provincial authority; its code when it no longer exists',
      resolve: async (rule, _args, context) =>
        (await context.app.db.taxAuthority.findUnique({ where: { code: rule.provinceCode } }))?.name ??
        rule.provinceCode,
    }),
    minRevenue: t.exposeFloat('minRevenue', { description: thresholdDescription('minRevenue') }),
    minInvoiceCount: t.exposeInt('minInvoiceCount', { description: thresholdDescription('minInvoiceCount') }),
    minInvoiceAmount: t.exposeFloat('minInvoiceAmount', { description: thresholdDescription('minInvoiceAmount') }),
    livelihoodMinRevenue: t.exposeFloat('livelihoodMinRevenue', {
      description: thresholdDescription('livelihoodMinRevenue'),
    }),
    livelihoodMinInvoiceCount: t.exposeInt('livelihoodMinInvoiceCount', {
      description: thresholdDescription('livelihoodMinInvoiceCount'),
    }),
    livelihoodMinInvoiceAmount: t.exposeFloat('livelihoodMinInvoiceAmount', {
      description: thresholdDescription('livelihoodMinInvoiceAmount'),
    }),
    effectiveFrom: t.string({
      description: '生效日期，YYYY-MM-DD（北京时间）\n\nEffective date, YYYY-MM-DD (China time)',
      resolve: (rule) => rule.effectiveFrom.toISOString().slice(0, 10),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间\n\nWhen the rule was created' }),
    createdBy: t.string({
      nullable: true,
      description:
        '创建规则的平台管理员姓名；无记录（如初始数据）或账号已不存在时为 null\n\n' +
        'Name of the admin who created the rule; null when unrecorded (e.g. seed data) or the account is gone',
      resolve: async (rule, _args, context) =>
        rule.createdById
          ? ((await context.app.db.user.findUnique({ where: { id: rule.createdById } }))?.displayName ?? null)
          : null,
    }),
  }),
});

const ProvinceRuleRecordConnection = countedConnection(
  ProvinceRuleRecordRef,
  'ProvinceRuleRecordConnection',
  'ProvinceRuleRecordEdge',
  { zh: '省级接入条件规则', en: 'province rules' },
);

const ProvinceRuleHistoryRef = builder
  .objectRef<{ provinceCode: string | null; today: string; inForce: ProvinceRule[] }>('ProvinceRuleHistory')
  .implement({
    description:
      '省级接入条件的历史：各省的全部规则（分页），及每省今天生效的规则\n\n' +
      'History of the province rules: every rule of each province (in pages), and the one in force today',
    fields: (t) => ({
      today: t.exposeString('today', {
        description:
          '读取历史时的业务日期，YYYY-MM-DD（北京时间）\n\nThe business date (China time, YYYY-MM-DD) the history was read on',
      }),
      rules: t.field({
        type: ProvinceRuleRecordConnection,
        description:
          '规则，按省级税务机关代码排序，同一省内按生效日期从新到旧（同日按创建时间从新到旧），分页\n\n' +
          'The rules by province code, then newest effective date first (newest created first on the same day), in pages',
        args: forwardPageArgs(t.arg),
        resolve: async (history, args, context) => {
          const page = await provinceRulePage(context.app, history.provinceCode, args);
          if (!page.ok) throw refusalError(page.error, context.locale);
          return connectionOf(page.value, args.after, encodeRuleCursor);
        },
      }),
      inForce: t.field({
        type: [ProvinceRuleRecordRef],
        description:
          '每个省份今天的核验所用的规则（每省至多一条），按省级税务机关代码排序；尚无生效规则的省份不在其中\n\n' +
          'Per province, the rule verifications use today (at most one each), by province code; provinces with no rule ' +
          'in force yet are not listed',
        resolve: (history) => history.inForce,
      }),
      inForceIds: t.idList({
        description:
          '每个省份今天的核验所用规则的全局 ID（即 inForce 与 rules 中的 id）\n\n' +
          'Per province, the global ID of the rule verifications use today (the id in inForce and rules)',
        resolve: (history) => history.inForce.map((rule) => encodeGlobalID('ProvinceRuleRecord', rule.id)),
      }),
    }),
  });

builder.queryField('provinceRuleHistory', (t) =>
  t.field({
    type: ProvinceRuleHistoryRef,
    description:
      '省级接入条件（省局规则）及其历史；仅平台管理员可查询\n\nThe province rules with their history; platform admin only',
    authScopes: { admin: true },
    args: {
      provinceCode: t.arg.string({
        required: false,
        description:
          '只看此省级税务机关代码（11 位）的规则；省略时返回所有省份\n\n' +
          'Only the rules of this provincial authority (11-digit code); omit for every province',
      }),
    },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const admin = requireAdmin(context.viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      const provinceCode = args.provinceCode?.trim() || null;
      const today = businessDate(new Date());
      return { provinceCode, today, inForce: await rulesInForce(context.app, provinceCode, today) };
    }),
  }),
);

const CreateProvinceRuleInput = builder.inputType('CreateProvinceRuleInput', {
  description: '新的省级接入条件规则\n\nA new province rule',
  fields: (t) => ({
    provinceCode: t.string({
      description: bilingual({
        zh: `${PROVINCE_CODE.zh}，须为已维护的省级税务机关`,
        en: `${PROVINCE_CODE.en}, which must exist`,
      }),
    }),
    minRevenue: t.float({ description: thresholdDescription('minRevenue', AMOUNT_RANGE) }),
    minInvoiceCount: t.int({ description: thresholdDescription('minInvoiceCount', COUNT_RANGE) }),
    minInvoiceAmount: t.float({ description: thresholdDescription('minInvoiceAmount', AMOUNT_RANGE) }),
    livelihoodMinRevenue: t.float({ description: thresholdDescription('livelihoodMinRevenue', AMOUNT_RANGE) }),
    livelihoodMinInvoiceCount: t.int({ description: thresholdDescription('livelihoodMinInvoiceCount', COUNT_RANGE) }),
    livelihoodMinInvoiceAmount: t.float({
      description: thresholdDescription('livelihoodMinInvoiceAmount', AMOUNT_RANGE),
    }),
    effectiveFrom: t.string({
      description:
        '生效日期，YYYY-MM-DD（北京时间），今天或以后\n\nEffective date, YYYY-MM-DD (China time), today or later',
    }),
  }),
});

adminMutation(
  'createProvinceRule',
  {
    name: 'CreateProvinceRule',
    field: 'rule',
    type: ProvinceRuleRecordRef,
    description: { zh: '新增的规则', en: 'The new rule' },
  },
  {
    action: { zh: '设置省级接入条件', en: 'setting a province rule' },
    description: {
      zh:
        '设置省级接入条件：新增一条规则，自生效日期起用于该省的接入条件核验。规则不能修改或回溯，生效日期须为今天' +
        '（北京时间）或以后；要变更就再新增一条。操作记入审计日志',
      en:
        'Adds a province rule, used by the province’s verifications from its effective date. Rules are never edited ' +
        'or back-dated: the effective date is today (China time) or later, and a change is a new rule. The change ' +
        'is audited',
    },
    input: CreateProvinceRuleInput,
    run: (app, viewer, input) => createProvinceRule(app, viewer, input),
  },
);
