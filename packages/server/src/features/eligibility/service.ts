import {
  businessDate,
  type DomainError,
  domainError,
  type EligibilityReport,
  type EnterpriseFacts,
  evaluateDirectUnitEligibility,
  normalizeUscc,
  type ProvinceRule,
  provinceCodeOf,
  selectProvinceRule,
} from '@leqi/domain';
import type { Enterprise, ProvinceRule as ProvinceRuleRow } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../../platform/db/database.ts';

export type NotEligible = DomainError & { report: EligibilityReport };

export function notEligible(report: EligibilityReport): NotEligible {
  return { ...domainError('NOT_ELIGIBLE'), report };
}

export function isNotEligible(error: DomainError): error is NotEligible {
  return error.code === 'NOT_ELIGIBLE' && 'report' in error;
}

export function factsOf(enterprise: Enterprise): EnterpriseFacts {
  return {
    uscc: enterprise.uscc,
    name: enterprise.name,
    inPilot: enterprise.inPilot,
    creditRating: enterprise.creditRating as EnterpriseFacts['creditRating'],
    majorViolation: enterprise.majorViolation,
    priorYearRevenue: enterprise.priorYearRevenue,
    invoiceCount12m: enterprise.invoiceCount12m,
    invoiceAmount12m: enterprise.invoiceAmount12m,
    livelihoodIndustry: enterprise.livelihoodIndustry,
  };
}

export function ruleOf(row: ProvinceRuleRow): ProvinceRule {
  return {
    provinceCode: row.provinceCode,
    minRevenue: row.minRevenue,
    minInvoiceCount: row.minInvoiceCount,
    minInvoiceAmount: row.minInvoiceAmount,
    livelihoodMinRevenue: row.livelihoodMinRevenue,
    livelihoodMinInvoiceCount: row.livelihoodMinInvoiceCount,
    livelihoodMinInvoiceAmount: row.livelihoodMinInvoiceAmount,
    effectiveFrom: row.effectiveFrom.toISOString().slice(0, 10),
  };
}

/** 核验 of a would-be DCU with the use units it lists, by the province rule in force on `onDate`. */
export async function evaluateEligibility(
  db: Db | Tx,
  enterpriseId: string,
  claimsLivelihood: boolean,
  useUnitUsccs: string[],
  onDate: Date,
): Promise<EligibilityReport> {
  const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
  const usccs = [...new Set(useUnitUsccs.map(normalizeUscc))].filter((uscc) => uscc !== enterprise.uscc);
  const useUnits = usccs.length > 0 ? await db.enterprise.findMany({ where: { uscc: { in: usccs } } }) : [];
  const provinceCode = provinceCodeOf(enterprise.competentAuthorityCode);
  // created order, so that of two rules effective the same day the later one wins (selectProvinceRule keeps the last)
  const rules = await db.provinceRule.findMany({
    where: { provinceCode },
    orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  return evaluateDirectUnitEligibility({
    enterprise: factsOf(enterprise),
    useUnits: useUnits.map(factsOf),
    // the rule in force on the verification's business date (China time): latest effectiveFrom ≤ that day
    rule: selectProvinceRule(rules.map(ruleOf), provinceCode, businessDate(onDate)),
    claimsLivelihood,
  });
}
