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
  description: 'One verification check with the actual value and what the rule requires',
  fields: (t) => ({
    code: t.field({ type: EligibilityCheckCodeEnum, resolve: (check) => check.code }),
    passed: t.exposeBoolean('passed'),
    label: t.string({ resolve: (check, _args, context) => (context.locale === 'en' ? check.labelEn : check.labelZh) }),
    actual: t.exposeString('actual'),
    required: t.exposeString('required'),
    message: t.string({
      resolve: (check, _args, context) => (context.locale === 'en' ? check.messageEn : check.messageZh),
    }),
  }),
});

const ProvinceRuleRef = builder.objectRef<ProvinceRule>('ProvinceRule').implement({
  description: '省级乐企自用接入条件 in force when the check ran',
  fields: (t) => ({
    provinceCode: t.exposeString('provinceCode'),
    minRevenue: t.exposeFloat('minRevenue'),
    minInvoiceCount: t.exposeInt('minInvoiceCount'),
    minInvoiceAmount: t.exposeFloat('minInvoiceAmount'),
    livelihoodMinRevenue: t.exposeFloat('livelihoodMinRevenue'),
    livelihoodMinInvoiceCount: t.exposeInt('livelihoodMinInvoiceCount'),
    livelihoodMinInvoiceAmount: t.exposeFloat('livelihoodMinInvoiceAmount'),
    effectiveFrom: t.exposeString('effectiveFrom'),
  }),
});

const ListedUseUnitOutcomeRef = builder.objectRef<ListedUseUnitOutcome>('ListedUseUnitEligibility').implement({
  description:
    'A listed use unit as the applicant gave it and whether it counted toward the combined figures. Why one did ' +
    'not count is never said: that would tell the applicant about another enterprise.',
  fields: (t) => ({
    uscc: t.exposeString('uscc'),
    name: t.exposeString('name', { description: 'the name as listed' }),
    counted: t.exposeBoolean('counted'),
    message: t.string({
      resolve: (unit, _args, context) => {
        const text = USE_UNIT_OUTCOME_MESSAGES[unit.counted ? 'counted' : 'notCounted'];
        return context.locale === 'en' ? text.en : text.zh;
      },
    }),
  }),
});

export const EligibilityReportRef = builder.objectRef<EligibilityReport>('EligibilityReport').implement({
  description:
    "核验结果: every check, passed or not. Combined checks show the applicant's own figures and, when listed use " +
    'units count, only whether the combined figures meet the rule — never a sum from which theirs could be derived',
  fields: (t) => ({
    passed: t.exposeBoolean('passed'),
    livelihoodThresholdsApplied: t.exposeBoolean('livelihoodThresholdsApplied'),
    checks: t.field({ type: [EligibilityCheckRef], resolve: (report) => report.checks }),
    ruleApplied: t.field({ type: ProvinceRuleRef, nullable: true, resolve: (report) => report.ruleApplied }),
    useUnits: t.field({
      type: [ListedUseUnitOutcomeRef],
      description: 'the listed use units in the order given, each with whether it counted',
      resolve: (report) => report.useUnits ?? [],
    }),
  }),
});

type NotEligibleShape = { __typename: 'NotEligibleError'; code: ErrorCode; message: string; report: EligibilityReport };

export const NotEligibleErrorRef = builder.objectRef<NotEligibleShape>('NotEligibleError').implement({
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'NotEligibleError',
  fields: (t) => ({ report: t.field({ type: EligibilityReportRef, resolve: (error) => error.report }) }),
});

export function toEligibilityPayloadError(error: DomainError, locale: Locale): NotEligibleShape | null {
  if (!isNotEligible(error)) return null;
  return { __typename: 'NotEligibleError', code: error.code, message: messageFor(error, locale), report: error.report };
}
