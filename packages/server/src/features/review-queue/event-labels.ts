import { CASE_EVENT_LABELS, isCaseEventName, type Locale } from '@leqi/domain';

/** Button label of a workflow event, in the manual's words (the domain's CASE_EVENT_LABELS). */
export function eventLabel(event: string, locale: Locale): string {
  if (!isCaseEventName(event)) return event;
  const label = CASE_EVENT_LABELS[event];
  return locale === 'en' ? label.en : label.zh;
}
