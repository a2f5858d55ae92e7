// Which stored case events a viewer may see: `mayViewCaseEvent` over the audience each event was written with,
// and the same rule as a `where` for replays and listings. caseEvents, queueChanges and notifications use it.
import {
  type Actor,
  BUREAU_ONLY_CASE_EVENTS,
  type CaseAudience,
  enterpriseIdOf,
  mayViewCaseEvent,
  PARTY_ONLY_CASE_EVENTS,
  REVIEW_KINDS,
} from '@leqi/domain';
import type { Prisma } from '../../generated/prisma/client.ts';
import type { StoredCaseEvent } from '../../platform/events/audit.ts';
import type { EventFilter } from '../../platform/events/stream.ts';

type EventAudienceColumns = Pick<StoredCaseEvent, 'enterpriseId' | 'otherEnterpriseId' | 'authorityCode'>;

/**
 * Events of the review cases only: the audit log also holds the admin's changes (ADMIN_* subjects, events such as
 * createRegistryEntry), which are not case events and have no place in caseEvents, queues or notifications.
 */
const OF_CASES = { caseKind: { in: [...REVIEW_KINDS] as string[] } } satisfies Prisma.AuditEventWhereInput;
const isCaseEvent = (event: Pick<StoredCaseEvent, 'caseKind'>) =>
  (REVIEW_KINDS as readonly string[]).includes(event.caseKind);

/** Every case kind writes its events with its audience (see each kind's `visibility`). */
function audienceOfEvent(event: EventAudienceColumns): CaseAudience {
  return { parties: [event.enterpriseId, event.otherEnterpriseId], authorityCode: event.authorityCode };
}

/** The events of the enterprise's cases it may see as a party: never the bureau's own (claims). */
export function partyEventsWhere(enterpriseId: string): Prisma.AuditEventWhereInput {
  return {
    ...OF_CASES,
    OR: [{ enterpriseId }, { otherEnterpriseId: enterpriseId }],
    event: { notIn: [...BUREAU_ONLY_CASE_EVENTS] },
  };
}

/**
 * `mayViewCaseEvent` as SQL. A local officer's events carry their authority; a provincial officer's carry it as
 * `provinceCode`, which every writer derives from `authorityCode` (provinceCodeOf).
 */
function visibleWhere(actor: Actor): Prisma.AuditEventWhereInput {
  switch (actor.role) {
    case 'ADMIN':
      return OF_CASES;
    case 'OFFICER':
      // never an enterprise's draft saves (party-only)
      return {
        ...OF_CASES,
        ...(actor.authorityLevel === 'LOCAL'
          ? { authorityCode: actor.authorityCode }
          : { provinceCode: actor.authorityCode }),
        event: { notIn: [...PARTY_ONLY_CASE_EVENTS] },
      };
    case 'ENTERPRISE':
    case 'API_CLIENT':
      return partyEventsWhere(enterpriseIdOf(actor) as string);
    default:
      return { id: -1n };
  }
}

/** What `mayViewCaseEvent` reads of the actor: actors with the same key see the same events. */
function viewerKey(actor: Actor): string {
  return actor.role === 'OFFICER'
    ? `OFFICER|${actor.authorityLevel}|${actor.authorityCode}`
    : `${actor.role}|${enterpriseIdOf(actor) ?? ''}`;
}

/** The events a caller may see, for replay (`where`) and live delivery (`matches`). */
export function visibleEvents(actor: Actor): EventFilter {
  return {
    where: visibleWhere(actor),
    matches: (event) => isCaseEvent(event) && mayViewCaseEvent(actor, audienceOfEvent(event), event.event),
    key: viewerKey(actor),
  };
}
