import {
  businessDate,
  type DcuStatus,
  type DomainError,
  decideListedUseUnits,
  domainError,
  type EligibilityReport,
  type EnterpriseFacts,
  evaluateDirectUnitEligibility,
  type ListedUseUnitClaim,
  mayApplyForAccess,
  normalizeUscc,
  type ProvinceRule,
  provinceCodeOf,
  type RegisteredUseUnit,
  selectProvinceRule,
} from '@leqi/domain';
import type { Enterprise, ProvinceRule as ProvinceRuleRow } from '../../generated/prisma/client.ts';
import type { Db, Tx } from '../../platform/db/database.ts';

type NotEligible = DomainError & { report: EligibilityReport };

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

/** The registry's view of the listed USCCs: their facts, whether each is a DCU, and the DCU it is bound to. */
async function registryOf(db: Db | Tx, listed: readonly ListedUseUnitClaim[]) {
  const usccs = [...new Set(listed.map((unit) => normalizeUscc(unit.uscc)))];
  const registry = new Map<string, RegisteredUseUnit>();
  if (usccs.length === 0) return registry;
  const enterprises = await db.enterprise.findMany({ where: { uscc: { in: usccs } } });
  const bindings = await db.binding.findMany({
    where: { status: 'ACTIVE', useUnitEnterpriseId: { in: enterprises.map((e) => e.id) } },
    select: { useUnitEnterpriseId: true, dcu: { select: { uscc: true } } },
  });
  const boundTo = new Map(bindings.map((b) => [b.useUnitEnterpriseId, b.dcu.uscc]));
  for (const enterprise of enterprises) {
    registry.set(enterprise.uscc, {
      facts: factsOf(enterprise),
      // ACTIVE or EXITING: a direct-connect unit, never another applicant's use unit
      isDirectUnit: !mayApplyForAccess(enterprise.dcuStatus as DcuStatus),
      boundToUscc: boundTo.get(enterprise.id) ?? null,
    });
  }
  return registry;
}

/**
 * 核验 of a would-be DCU with the use units it lists, by the province rule in force on `onDate`. Only listed units
 * the domain lets count enter the combined figures; the report never holds another enterprise's figures.
 */
export async function evaluateEligibility(
  db: Db | Tx,
  enterpriseId: string,
  claimsLivelihood: boolean,
  listed: readonly ListedUseUnitClaim[],
  onDate: Date,
): Promise<EligibilityReport> {
  const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseId } });
  const useUnits = decideListedUseUnits({
    applicantUscc: enterprise.uscc,
    listed,
    registry: await registryOf(db, listed),
  });
  const provinceCode = provinceCodeOf(enterprise.competentAuthorityCode);
  // created order, so that of two rules effective the same day the later one wins (selectProvinceRule keeps the last)
  const rules = await db.provinceRule.findMany({
    where: { provinceCode },
    orderBy: [{ effectiveFrom: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
  });
  return evaluateDirectUnitEligibility({
    enterprise: factsOf(enterprise),
    useUnits,
    // the rule in force on the verification's business date (China time): latest effectiveFrom ≤ that day
    rule: selectProvinceRule(rules.map(ruleOf), provinceCode, businessDate(onDate)),
    claimsLivelihood,
  });
}
