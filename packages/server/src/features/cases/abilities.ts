import {
  type AnyWorkflow,
  availableEvents,
  blockReasonOf,
  type DomainError,
  findTransition,
  messageFor,
  type Performer,
  type TransitionRule,
} from '@leqi/domain';
import type { Context } from '../../platform/context.ts';
import { eventLabel } from '../review-queue/event-labels.ts';
import type { CaseAbilities } from './kind.ts';

/**
 * Which decisions the viewer may take on a case now, or why none (jurisdiction, four-eyes, status) —
 * read off the workflow table, so the buttons and the mutations can never disagree.
 */

export function caseAbilities(
  workflow: AnyWorkflow,
  context: Context,
  row: { status: string; lastDeciderId: string | null },
  performerOf: (viewer: NonNullable<Context['viewer']>) => Performer | DomainError,
  hiddenEvents: readonly string[] = [],
): CaseAbilities {
  const viewer = context.viewer;
  if (!viewer)
    return {
      actions: [],
      blockedReason: messageFor({ code: 'UNAUTHENTICATED' }, context.locale),
      blockedReasonCode: 'NOT_SIGNED_IN',
    };
  const performer = performerOf(viewer);
  if (typeof performer !== 'string')
    return {
      actions: [],
      blockedReason: messageFor(performer, context.locale),
      blockedReasonCode: blockReasonOf(performer),
    };
  const rules = availableEvents(workflow, row.status, performer)
    .filter((event) => !hiddenEvents.includes(event))
    .map((event) => findTransition(workflow, row.status, event))
    .filter((rule): rule is TransitionRule<string, string> => rule !== undefined);
  const allowed = rules.filter((rule) => !(rule.fourEyes && row.lastDeciderId === viewer.userId));
  const actions = allowed.map((rule) => ({
    event: rule.event,
    label: eventLabel(rule.event, context.locale),
    needsReason: rule.needsReason,
  }));
  if (actions.length > 0) return { actions, blockedReason: null, blockedReasonCode: null };
  if (rules.length > 0)
    return {
      actions,
      blockedReason: messageFor({ code: 'FOUR_EYES' }, context.locale),
      blockedReasonCode: 'FOUR_EYES',
    };
  const info = workflow.statusInfo[row.status];
  const label = context.locale === 'en' ? (info?.en ?? row.status) : (info?.zh ?? row.status);
  return {
    actions,
    blockedReasonCode: 'INVALID_STATUS',
    blockedReason:
      context.locale === 'en'
        ? `Nothing to do in the current status (${label})`
        : `当前状态（${label}）下无可办理的事项`,
  };
}
