// What the eligibility checks (接入条件核验) read of an enterprise: its registry facts and credit rating.
export type CreditRating = 'A' | 'B' | 'C' | 'D' | 'M';
export const CREDIT_RATINGS: readonly CreditRating[] = ['A', 'B', 'C', 'D', 'M'];
export const CREDIT_RATING_LABELS: Record<CreditRating, { zh: string; en: string }> = {
  A: { zh: 'A 级', en: 'Grade A' },
  B: { zh: 'B 级', en: 'Grade B' },
  C: { zh: 'C 级', en: 'Grade C' },
  D: { zh: 'D 级', en: 'Grade D' },
  M: { zh: 'M 级（新设立或评价年度内无营业收入）', en: 'Grade M (newly established, or no revenue in the rated year)' },
};

export interface EnterpriseFacts {
  uscc: string;
  name: string;
  /** 已纳入数电票试点 */
  inPilot: boolean;
  /** 纳税信用等级 */
  creditRating: CreditRating;
  /** 近三年内存在重大税收违法行为 */
  majorViolation: boolean;
  /** 上一年度营业收入, yuan */
  priorYearRevenue: number;
  /** 前 12 个月开票量 + 受票量 */
  invoiceCount12m: number;
  /** 前 12 个月开票金额, yuan */
  invoiceAmount12m: number;
  /** 医院、热电、公共交通等民生保障类行业 */
  livelihoodIndustry: boolean;
}
