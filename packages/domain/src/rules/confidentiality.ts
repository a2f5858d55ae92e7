// 纳税人涉税信息保密 (税收征管法 第八条): who may read an enterprise's tax facts, whatever path reaches them.
import { type Actor, enterpriseIdOf } from '../actors.ts';
import { isCompetentOfficer, isProvincialOfficerFor } from './authority-code.ts';

/**
 * Facts the tax authorities hold in confidence: the credit rating, major violations, revenue and invoice figures.
 * Everything else an `Enterprise` shows (USCC, name, authority, DCU status …) is what a counterparty already knows.
 */
export const CONFIDENTIAL_ENTERPRISE_FACTS = [
  'creditRating',
  'majorViolation',
  'priorYearRevenue',
  'invoiceCount12m',
  'invoiceAmount12m',
] as const;
export type ConfidentialEnterpriseFact = (typeof CONFIDENTIAL_ENTERPRISE_FACTS)[number];

export interface TaxpayerRef {
  id: string;
  competentAuthorityCode: string;
}

/**
 * The enterprise itself (its operators and its own API tokens), officers of its competent authority and of that
 * authority's province, and the platform admin. Never a counterparty, another enterprise or another bureau.
 */
export function mayReadTaxFacts(actor: Actor | null | undefined, enterprise: TaxpayerRef): boolean {
  if (!actor) return false;
  if (actor.role === 'ADMIN') return true;
  if (actor.role === 'OFFICER')
    return (
      isCompetentOfficer(actor, enterprise.competentAuthorityCode) ||
      isProvincialOfficerFor(actor, enterprise.competentAuthorityCode)
    );
  return enterpriseIdOf(actor) === enterprise.id;
}

/**
 * Who may look an enterprise up by its id (`node`): those who may read its tax facts, and its counterparties — a DCU
 * and a use unit with an invitation or a binding between them — who then see what they already know, not its facts.
 */
export function mayLookUpEnterprise(
  actor: Actor | null | undefined,
  enterprise: TaxpayerRef,
  isCounterparty: boolean,
): boolean {
  if (mayReadTaxFacts(actor, enterprise)) return true;
  return Boolean(actor && enterpriseIdOf(actor) && isCounterparty);
}
