/** Whether the server offers the viewer one of these events in `availableActions` — never read off a status. */
export function offers(
  subject: { availableActions: readonly { event: string }[] } | null | undefined,
  ...events: string[]
): boolean {
  return subject?.availableActions.some((action) => events.includes(action.event)) ?? false;
}
