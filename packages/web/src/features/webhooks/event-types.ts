// The names of webhook event types (`<caseKind>.<event>`, or `<caseKind>.*` for every event of a kind), in the
// manual's words of @leqi/domain: the kind's name and the event's.
import { CASE_EVENT_LABELS, REVIEW_KIND_LABELS } from '@leqi/domain';
import type { Lang } from '../../app/i18n.tsx';

type Labels = Record<string, { zh: string; en: string }>;
const KINDS: Labels = REVIEW_KIND_LABELS;
const EVENTS: Labels = CASE_EVENT_LABELS;

const ALL_OF_KIND = { zh: '全部事件', en: 'every event' };

function split(type: string): { kind: string; event: string } {
  const dot = type.indexOf('.');
  return dot < 0 ? { kind: type, event: '' } : { kind: type.slice(0, dot), event: type.slice(dot + 1) };
}

/** "接入邀请 · 受理" for INVITATION.accept, "接入邀请 · 全部事件" for INVITATION.*; an unknown type as it is. */
export function eventTypeLabel(type: string, lang: Lang): string {
  const { kind, event } = split(type);
  const kindLabel = KINDS[kind]?.[lang];
  const eventLabel = event === '*' ? ALL_OF_KIND[lang] : EVENTS[event]?.[lang];
  return kindLabel && eventLabel ? `${kindLabel} · ${eventLabel}` : type;
}

export interface EventTypeOptionGroup {
  label: string;
  title: string;
  options: { value: string; label: string }[];
}

/**
 * The choices of 订阅事件, one group per kind in the server's order: first the kind's wildcard, then its events,
 * each named with its code so that a developer recognises what the body's `type` will say.
 */
export function eventTypeOptions(types: readonly string[], lang: Lang): EventTypeOptionGroup[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const { kind } = split(type);
    groups.set(kind, [...(groups.get(kind) ?? []), type]);
  }
  return [...groups].map(([kind, kindTypes]) => ({
    label: KINDS[kind]?.[lang] ?? kind,
    title: kind,
    options: [`${kind}.*`, ...kindTypes].map((type) => ({
      value: type,
      label: lang === 'en' ? `${eventTypeLabel(type, lang)} (${type})` : `${eventTypeLabel(type, lang)}（${type}）`,
    })),
  }));
}
