import type { DomainError, EligibilityCheck, EligibilityReport, Locale, ProvinceRule } from '@leqi/domain';
import { messageFor } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { ErrorInterface } from '../../platform/graphql-errors.ts';
import { isNotEligible } from './service.ts';

const EligibilityCheckRef = builder.objectRef<EligibilityCheck>('EligibilityCheck').implement({
  description: 'One verification check with the actual value and what the rule requires',
  fields: (t) => ({
    code: t.exposeString('code'),
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

export const EligibilityReportRef = builder.objectRef<EligibilityReport>('EligibilityReport').implement({
  description: '核验结果: every check, passed or not',
  fields: (t) => ({
    passed: t.exposeBoolean('passed'),
    livelihoodThresholdsApplied: t.exposeBoolean('livelihoodThresholdsApplied'),
    checks: t.field({ type: [EligibilityCheckRef], resolve: (report) => report.checks }),
    ruleApplied: t.field({ type: ProvinceRuleRef, nullable: true, resolve: (report) => report.ruleApplied }),
  }),
});

type NotEligibleShape = { __typename: 'NotEligibleError'; code: string; message: string; report: EligibilityReport };

export const NotEligibleErrorRef = builder.objectRef<NotEligibleShape>('NotEligibleError').implement({
  interfaces: [ErrorInterface],
  isTypeOf: (value) => (value as { __typename?: string }).__typename === 'NotEligibleError',
  fields: (t) => ({ report: t.field({ type: EligibilityReportRef, resolve: (error) => error.report }) }),
});

export function toEligibilityPayloadError(error: DomainError, locale: Locale): NotEligibleShape | null {
  if (!isNotEligible(error)) return null;
  return { __typename: 'NotEligibleError', code: error.code, message: messageFor(error, locale), report: error.report };
}
