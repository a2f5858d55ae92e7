import { accessApplicationWorkflow } from './access-application.ts';
import { bindingWorkflow } from './binding.ts';
import { capabilitySubscriptionWorkflow } from './capability-subscription.ts';
import { dcuStatusWorkflow } from './dcu-status.ts';
import { exitApplicationWorkflow } from './exit-application.ts';
import { invitationWorkflow } from './invitation.ts';
import type { ReviewKind, Workflow } from './workflow.ts';

export const WORKFLOWS = {
  accessApplication: accessApplicationWorkflow,
  exitApplication: exitApplicationWorkflow,
  invitation: invitationWorkflow,
  capabilitySubscription: capabilitySubscriptionWorkflow,
} as const;

export type WorkflowName = keyof typeof WORKFLOWS;

/** Lifecycles that are not cases of their own: they move as consequences of case decisions (or, unbinding, at once). */
export const LIFECYCLES = {
  dcuStatus: dcuStatusWorkflow,
  binding: bindingWorkflow,
} as const;

/** The workflow behind each review queue kind. */
export const REVIEW_KIND_WORKFLOWS = {
  ACCESS_APPLICATION: accessApplicationWorkflow,
  EXIT_APPLICATION: exitApplicationWorkflow,
  INVITATION: invitationWorkflow,
  CAPABILITY_SUBSCRIPTION: capabilitySubscriptionWorkflow,
} as const satisfies Record<ReviewKind, Workflow<string, string>>;

/**
 * Whether a case of `kind` in `status` is finished (办结: no further step). A finished case has no time in step
 * to show; an unknown status counts as not finished.
 */
export function isFinishedCase(kind: ReviewKind, status: string): boolean {
  const info = (REVIEW_KIND_WORKFLOWS[kind].statusInfo as Record<string, { terminal: boolean } | undefined>)[status];
  return info?.terminal ?? false;
}
