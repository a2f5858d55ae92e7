import type {
  DomainError,
  EligibilityCheck,
  EligibilityReport,
  ListedUseUnitOutcome,
  Locale,
  ProvinceRule,
} from '@leqi/domain';
import {
  ELIGIBILITY_CHECK_CODES,
  ELIGIBILITY_CHECK_LABELS,
  type ErrorCode,
  messageFor,
  USE_UNIT_OUTCOME_MESSAGES,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { ErrorInterface } from '../../platform/graphql-errors.ts';
import { isNotEligible } from './service.ts';

const EligibilityCheckCodeEnum = describedEnum('EligibilityCheckCode', {
  description: { zh: '核验项', en: 'Which eligibility condition a check verifies' },
  values: ELIGIBILITY_CHECK_CODES,
  label: (code) => ELIGIBILITY_CHECK_LABELS[code],
});

const EligibilityCheckRef = builder.objectRef<EligibilityCheck>('EligibilityCheck').implement({
  description:
    '核验的一项：实际情况与接入标准的要求\n\nOne verification check with the actual value and what the rule requires',
  fields: (t) => ({
    code: t.field({
      type: EligibilityCheckCodeEnum,
      description: '核验项\n\nWhich condition was checked',
      resolve: (check) => check.code,
    }),
    passed: t.exposeBoolean('passed', { description: '是否满足\n\nWhether the condition is met' }),
    label: t.string({
      description: '核验项名称，按当前语言返回\n\nName of the check, in the viewer’s language',
      resolve: (check, _args, context) => (context.locale === 'en' ? check.labelEn : check.labelZh),
    }),
    actual: t.exposeString('actual', {
      description:
        '实际情况，供程序读取、与语言无关：yes/no；信用等级；营业收入（元，两位小数）；count=份数;amount=金额；本省标准为 省代码@施行日期 或 not configured。' +
        '有使用单位计入时，营业收入写作 own=本企业金额，并附 ;useUnits=计入家数;combined=MET 或 NOT_MET\n\n' +
        'What was found, machine-readable and locale-neutral: yes/no; a rating; revenue (yuan, two decimals); count=…;amount=…; ' +
        'for the province rule province-code@effective-date or not configured. With counted use units, revenue reads own=<own amount> ' +
        'and ;useUnits=<how many>;combined=MET or NOT_MET follows',
    }),
    required: t.exposeString('required', {
      description:
        '要求，供程序读取：yes；A|B（允许的信用等级）；>=金额；count>=份数|amount>=金额（满足其一）；本省标准项为 configured；本省未配置标准时为 not configured\n\n' +
        'What the rule requires, machine-readable: yes; A|B (the ratings allowed); >=amount; count>=…|amount>=… (either suffices); ' +
        'configured for the province rule check; not configured when the province has no rule',
    }),
    message: t.string({
      description: '核验结论的说明，按当前语言返回\n\nThe check’s outcome in words, in the viewer’s language',
      resolve: (check, _args, context) => (context.locale === 'en' ? check.messageEn : check.messageZh),
    }),
  }),
});

const ProvinceRuleRef = builder.objectRef<ProvinceRule>('ProvinceRule').implement({
  description:
    '核验时适用的本省乐企自用接入标准（金额单位：元）\n\nThe province’s self-use access rule in force when the check ran (amounts in yuan)',
  fields: (t) => ({
    provinceCode: t.exposeString('provinceCode', {
      description: '省级税务机关代码（11 位）\n\nCode of the provincial tax authority (11 digits)',
    }),
    minRevenue: t.exposeFloat('minRevenue', {
      description: '上一年度营业收入下限（元）\n\nMinimum prior-year revenue (yuan)',
    }),
    minInvoiceCount: t.exposeInt('minInvoiceCount', {
      description:
        '前 12 个月开受票量下限（份）；与开票金额下限满足其一即可\n\nMinimum invoices issued and received in the last 12 months; meeting this or the amount suffices',
    }),
    minInvoiceAmount: t.exposeFloat('minInvoiceAmount', {
      description:
        '前 12 个月开票金额下限（元）；与开受票量下限满足其一即可\n\nMinimum amount invoiced in the last 12 months (yuan); meeting this or the count suffices',
    }),
    livelihoodMinRevenue: t.exposeFloat('livelihoodMinRevenue', {
      description: '民生保障类行业的营业收入下限（元）\n\nMinimum prior-year revenue for livelihood industries (yuan)',
    }),
    livelihoodMinInvoiceCount: t.exposeInt('livelihoodMinInvoiceCount', {
      description: '民生保障类行业的开受票量下限（份）\n\nMinimum invoice count for livelihood industries',
    }),
    livelihoodMinInvoiceAmount: t.exposeFloat('livelihoodMinInvoiceAmount', {
      description: '民生保障类行业的开票金额下限（元）\n\nMinimum amount invoiced for livelihood industries (yuan)',
    }),
    effectiveFrom: t.exposeString('effectiveFrom', {
      description: '施行日期（YYYY-MM-DD）\n\nDate the rule is in force from (YYYY-MM-DD)',
    }),
  }),
});

const ListedUseUnitOutcomeRef = builder.objectRef<ListedUseUnitOutcome>('ListedUseUnitEligibility').implement({
  description:
    '申请方列出的一家使用单位及其是否计入合并指标；不计入的原因不予说明，以免透露其他企业的信息\n\n' +
    'A listed use unit as the applicant gave it and whether it counted toward the combined figures. Why one did ' +
    'not count is never said: that would tell the applicant about another enterprise.',
  fields: (t) => ({
    uscc: t.exposeString('uscc', {
      description: '统一社会信用代码（按填写）\n\nUnified social credit code (USCC), as listed',
    }),
    name: t.exposeString('name', { description: '使用单位名称（按填写）\n\nThe name as listed' }),
    counted: t.exposeBoolean('counted', {
      description: '是否计入合并指标\n\nWhether it counted toward the combined figures',
    }),
    message: t.string({
      description: '计入与否的说明，按当前语言返回\n\nWhether it counted, in words, in the viewer’s language',
      resolve: (unit, _args, context) => {
        const text = USE_UNIT_OUTCOME_MESSAGES[unit.counted ? 'counted' : 'notCounted'];
        return context.locale === 'en' ? text.en : text.zh;
      },
    }),
  }),
});

export const EligibilityReportRef = builder.objectRef<EligibilityReport>('EligibilityReport').implement({
  description:
    '核验结果：全部核验项，无论是否满足。合并指标项只显示申请方自己的指标，以及（有使用单位计入时）合计是否达标，不显示可推算出他人指标的合计数\n\n' +
    "Verification report: every check, passed or not. Combined checks show the applicant's own figures and, when listed use " +
    'units count, only whether the combined figures meet the rule — never a sum from which theirs could be derived',
  fields: (t) => ({
    passed: t.exposeBoolean('passed', { description: '是否全部满足\n\nWhether every check passed' }),
    livelihoodThresholdsApplied: t.exposeBoolean('livelihoodThresholdsApplied', {
      description:
        '是否适用民生保障类行业的标准（申请方自报且登记信息为民生行业，且本省已配置标准）\n\n' +
        'Whether the livelihood-industry thresholds applied (claimed by the applicant, confirmed by the registry, and a province rule configured)',
    }),
    checks: t.field({
      type: [EligibilityCheckRef],
      description:
        '各核验项：数电票试点、纳税信用等级、重大税收违法、本省接入标准、营业收入、开受票量\n\n' +
        'The checks: e-invoice pilot, tax credit rating, major tax violation, province rule, revenue, invoices',
      resolve: (report) => report.checks,
    }),
    ruleApplied: t.field({
      type: ProvinceRuleRef,
      nullable: true,
      description:
        '适用的本省接入标准；本省尚未配置时为 null\n\nThe province rule applied; null when none is configured',
      resolve: (report) => report.ruleApplied,
    }),
    useUnits: t.field({
      type: [ListedUseUnitOutcomeRef],
      description:
        '列出的使用单位，按填写顺序，各附是否计入\n\nThe listed use units in the order given, each with whether it counted',
      resolve: (report) => report.useUnits ?? [],
    }),
  }),
});

type NotEligibleShape = { __typename: 'NotEligibleError'; code: ErrorCode; message: string; report: EligibilityReport };

export const NotEligibleErrorRef = builder.objectRef<NotEligibleShape>('NotEligibleError').implement({
  description:
    '不符合接入条件（NOT_ELIGIBLE）：提交时核验未通过，附核验结果\n\nNOT_ELIGIBLE: the verification at submission failed; the report says why',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'NotEligibleError',
  fields: (t) => ({
    report: t.field({
      type: EligibilityReportRef,
      description: '提交时的核验结果\n\nThe verification report at submission',
      resolve: (error) => error.report,
    }),
  }),
});

export function toEligibilityPayloadError(error: DomainError, locale: Locale): NotEligibleShape | null {
  if (!isNotEligible(error)) return null;
  return { __typename: 'NotEligibleError', code: error.code, message: messageFor(error, locale), report: error.report };
}
