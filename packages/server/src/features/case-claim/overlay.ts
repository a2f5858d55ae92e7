// 认领 as seen from a case: its live claim (once per request), and how it narrows what the viewer may decide.
import { domainError, messageFor } from '@leqi/domain';
import type { Context } from '../../platform/context.ts';
import type { StoredClaim } from '../cases/claims.ts';
import type { CaseAbilities, ReviewCaseShape } from '../cases/kind.ts';
import { liveClaim } from './service.ts';

const claims = new WeakMap<Context, Map<string, Promise<StoredClaim | null>>>();
/** The case's live claim, once per request; only the bureau (officers, admins) sees claims. */
export function claimFor(context: Context, row: ReviewCaseShape): Promise<StoredClaim | null> {
  const role = context.viewer?.actor.role;
  if (role !== 'OFFICER' && role !== 'ADMIN') return Promise.resolve(null);
  const perRequest = claims.get(context) ?? new Map<string, Promise<StoredClaim | null>>();
  claims.set(context, perRequest);
  const key = `${row.kind}:${row.id}:${row.status}`;
  let claim = perRequest.get(key);
  if (!claim) {
    claim = liveClaim(context.app, row.kind, row);
    perRequest.set(key, claim);
  }
  return claim;
}

/** A decision the table allows is still not the viewer's while another officer holds the case. */
export async function withClaim(
  context: Context,
  row: ReviewCaseShape,
  abilities: CaseAbilities,
): Promise<CaseAbilities> {
  const viewer = context.viewer;
  if (!viewer || abilities.actions.length === 0) return abilities;
  const claim = await claimFor(context, row);
  if (!claim || claim.holderId === viewer.userId) return abilities;
  return {
    actions: [],
    blockedReason: messageFor(domainError('CLAIMED', { holder: claim.holderName }), context.locale),
    blockedReasonCode: 'CLAIMED_BY_OTHER',
  };
}
