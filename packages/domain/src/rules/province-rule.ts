// 本省接入标准: a province's thresholds for self-use access, each in force from its effective date.

export interface ProvinceRule {
  provinceCode: string;
  minRevenue: number;
  minInvoiceCount: number;
  minInvoiceAmount: number;
  livelihoodMinRevenue: number;
  livelihoodMinInvoiceCount: number;
  livelihoodMinInvoiceAmount: number;
  /** ISO date */
  effectiveFrom: string;
}

const dateOf = (iso: string) => iso.slice(0, 10);

/** The rule of the province in force on `onDate`: the latest `effectiveFrom` not after it. */
export function selectProvinceRule(
  rules: readonly ProvinceRule[],
  provinceCode: string,
  onDate: string,
): ProvinceRule | null {
  const day = dateOf(onDate);
  let best: ProvinceRule | null = null;
  for (const rule of rules) {
    if (rule.provinceCode !== provinceCode || dateOf(rule.effectiveFrom) > day) continue;
    if (best === null || dateOf(rule.effectiveFrom) >= dateOf(best.effectiveFrom)) best = rule;
  }
  return best;
}
