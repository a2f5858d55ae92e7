// 省级接入条件 (platform admin): a province's thresholds are a history of rules, each in force from its
// effective date (China time) until a later one takes over. Rules are never edited or back-dated: a change is a
// new rule effective today or later, so every verification report's `ruleApplied` stays the rule of its day.
import {
  businessDate,
  domainError,
  type ProvinceRuleDraft,
  provinceRuleIssues,
  type Result,
  selectProvinceRule,
} from '@leqi/domain';
import type { ProvinceRule } from '../../generated/prisma/client.ts';
import { builder } from '../../platform/builder.ts';
import type { AppServices, Viewer } from '../../platform/context.ts';
import { Refusal } from '../../platform/db/transaction.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ruleOf } from '../eligibility/service.ts';
import { adminChange, invalid, requireAdmin } from './common.ts';
import { adminMutation } from './payloads.ts';

/** The rules of one province (or all), newest effective date first, then newest created. */
async function listProvinceRules(
  app: AppServices,
  viewer: Viewer,
  provinceCode: string | null | undefined,
): Promise<Result<ProvinceRule[]>> {
  const admin = requireAdmin(viewer);
  if (!admin.ok) return admin;
  const rows = await app.db.provinceRule.findMany({
    where: provinceCode ? { provinceCode } : {},
    orderBy: [{ provinceCode: 'asc' }, { effectiveFrom: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  return { ok: true, value: rows };
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

const ProvinceRuleRecordRef = builder.objectRef<ProvinceRule>('ProvinceRuleRecord').implement({
  description: '省级接入条件 as configured: thresholds in force from effectiveFrom (a China-time date)',
  fields: (t) => ({
    id: t.exposeID('id'),
    provinceCode: t.exposeString('provinceCode'),
    provinceName: t.string({
      resolve: async (rule, _args, context) =>
        (await context.app.db.taxAuthority.findUnique({ where: { code: rule.provinceCode } }))?.name ??
        rule.provinceCode,
    }),
    minRevenue: t.exposeFloat('minRevenue'),
    minInvoiceCount: t.exposeInt('minInvoiceCount'),
    minInvoiceAmount: t.exposeFloat('minInvoiceAmount'),
    livelihoodMinRevenue: t.exposeFloat('livelihoodMinRevenue'),
    livelihoodMinInvoiceCount: t.exposeInt('livelihoodMinInvoiceCount'),
    livelihoodMinInvoiceAmount: t.exposeFloat('livelihoodMinInvoiceAmount'),
    effectiveFrom: t.string({ resolve: (rule) => rule.effectiveFrom.toISOString().slice(0, 10) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    createdBy: t.string({
      nullable: true,
      resolve: async (rule, _args, context) =>
        rule.createdById
          ? ((await context.app.db.user.findUnique({ where: { id: rule.createdById } }))?.displayName ?? null)
          : null,
    }),
  }),
});

const ProvinceRuleListRef = builder
  .objectRef<{ rows: ProvinceRule[]; today: string; inForce: Set<string> }>('ProvinceRuleHistory')
  .implement({
    fields: (t) => ({
      today: t.exposeString('today', { description: 'the business date (China time) the history was read on' }),
      rules: t.field({ type: [ProvinceRuleRecordRef], resolve: (list) => list.rows }),
      inForceIds: t.idList({
        description: 'per province, the rule verifications use today',
        resolve: (list) => [...list.inForce],
      }),
    }),
  });

builder.queryField('provinceRuleHistory', (t) =>
  t.field({
    type: ProvinceRuleListRef,
    description: '省级接入条件 with their history (platform admin)',
    authScopes: { admin: true },
    args: { provinceCode: t.arg.string({ required: false }) },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const rows = await listProvinceRules(context.app, context.viewer, args.provinceCode);
      if (!rows.ok) throw refusalError(rows.error, context.locale);
      const today = businessDate(new Date());
      return { rows: rows.value, today, inForce: inForceIds(rows.value, today) };
    }),
  }),
);

const CreateProvinceRuleInput = builder.inputType('CreateProvinceRuleInput', {
  fields: (t) => ({
    provinceCode: t.string({ description: '11 位省级税务机关代码' }),
    minRevenue: t.float(),
    minInvoiceCount: t.int(),
    minInvoiceAmount: t.float(),
    livelihoodMinRevenue: t.float(),
    livelihoodMinInvoiceCount: t.int(),
    livelihoodMinInvoiceAmount: t.float(),
    effectiveFrom: t.string({ description: 'YYYY-MM-DD (China time), today or later' }),
  }),
});

adminMutation(
  'createProvinceRule',
  { name: 'CreateProvinceRule', field: 'rule', type: ProvinceRuleRecordRef },
  {
    description: '设置省级接入条件 (platform admin): a new rule in force from its effective date',
    input: CreateProvinceRuleInput,
    run: (app, viewer, input) => createProvinceRule(app, viewer, input),
  },
);
