// A webhook event's `type` (Standard Webhooks): `<caseKind>.<event>`, e.g. `ACCESS_APPLICATION.accept`. The types an
// enterprise's endpoint can receive are the events its enterprise sees on `caseEvents`: every event of each review
// kind's table, draft saves of its own applications, and the annotations of invitations — never the bureau's own
// work on a case (claims). An endpoint subscribes to types, to `<caseKind>.*`, or to everything with an empty list.

import { REVIEW_KIND_WORKFLOWS } from '../workflows/registry.ts';
import { REVIEW_KINDS, type ReviewKind } from '../workflows/workflow.ts';
import { BUREAU_ONLY_CASE_EVENTS, PARTY_ONLY_CASE_EVENTS } from './case-visibility.ts';

/** Events recorded on a kind's cases outside its transition table. */
const EXTRA_EVENTS: Record<ReviewKind, readonly string[]> = {
  ACCESS_APPLICATION: PARTY_ONLY_CASE_EVENTS,
  EXIT_APPLICATION: [],
  INVITATION: ['replaceProof', 'authoriseCapabilities'],
  CAPABILITY_SUBSCRIPTION: [],
};

export function webhookEventType(caseKind: string, event: string): string {
  return `${caseKind}.${event}`;
}

/** Every type an enterprise's endpoint can receive, kind by kind in the order of the tables. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = REVIEW_KINDS.flatMap((kind) =>
  [...new Set([...(REVIEW_KIND_WORKFLOWS[kind].events as readonly string[]), ...EXTRA_EVENTS[kind]])]
    .filter((event) => !(BUREAU_ONLY_CASE_EVENTS as readonly string[]).includes(event))
    .map((event) => webhookEventType(kind, event)),
);

const KNOWN = new Set(WEBHOOK_EVENT_TYPES);
const KIND_WILDCARDS = new Set(REVIEW_KINDS.map((kind) => `${kind}.*`));

/** An endpoint's subscription: each entry a known type or `<caseKind>.*`; the entries that are neither, if any. */
export function checkEventTypeFilter(
  entries: readonly string[],
): { ok: true; types: string[] } | { ok: false; unknown: string[] } {
  const types = [...new Set(entries.map((entry) => entry.trim()))];
  const unknown = types.filter((type) => !KNOWN.has(type) && !KIND_WILDCARDS.has(type));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, types };
}

/** Whether an endpoint subscribed to `filter` (checked; empty = everything) receives an event of `type`. */
export function eventTypeWanted(filter: readonly string[], type: string): boolean {
  if (filter.length === 0) return true;
  const kind = type.slice(0, type.indexOf('.'));
  return filter.includes(type) || filter.includes(`${kind}.*`);
}
