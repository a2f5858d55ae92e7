// What the viewer may do with a binding now, read off the binding table (解除绑定 by either side).
import {
  type Actor,
  availableEvents,
  type BindingStatus,
  bindingWorkflow,
  enterpriseIdOf,
  findTransition,
  type Locale,
  type Performer,
} from '@leqi/domain';
import type { Binding } from '../../generated/prisma/client.ts';
import type { CaseAction } from '../cases/kind.ts';
import { eventLabel } from '../review-queue/event-labels.ts';

/** The DCU's operators and API tokens act as OWNER_ENTERPRISE; the use unit only through its users. */
function bindingPerformerOf(actor: Actor, binding: Pick<Binding, 'dcuEnterpriseId' | 'useUnitEnterpriseId'>) {
  const enterpriseId = enterpriseIdOf(actor);
  if (enterpriseId && enterpriseId === binding.dcuEnterpriseId) return 'OWNER_ENTERPRISE' satisfies Performer;
  if (actor.role === 'ENTERPRISE' && enterpriseId === binding.useUnitEnterpriseId)
    return 'USE_UNIT' satisfies Performer;
  return null;
}

export function bindingActions(actor: Actor | undefined, binding: Binding, locale: Locale): CaseAction[] {
  const status = binding.status as BindingStatus;
  const performer = actor && bindingPerformerOf(actor, binding);
  if (!performer) return [];
  return availableEvents(bindingWorkflow, status, performer).map((event) => ({
    event,
    label: eventLabel(event, locale),
    needsReason: findTransition(bindingWorkflow, status, event)?.needsReason ?? false,
  }));
}
