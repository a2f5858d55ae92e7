// 绑定关系: created by a confirmed invitation (已绑定), ended at once by either side (已解除).
import { rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

export const BINDING_STATUSES = ['ACTIVE', 'UNBOUND'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];

const statusInfo: Record<BindingStatus, StatusInfo> = {
  ACTIVE: { zh: '已绑定', en: 'Bound', terminal: false },
  UNBOUND: { zh: '已解除', en: 'Unbound', terminal: true },
};

export const BINDING_STATUS_LABELS: Record<BindingStatus, { zh: string; en: string }> = {
  ACTIVE: { zh: statusInfo.ACTIVE.zh, en: statusInfo.ACTIVE.en },
  UNBOUND: { zh: statusInfo.UNBOUND.zh, en: statusInfo.UNBOUND.en },
};

export const BINDING_EVENTS = ['bind', 'unbindByDirectUnit', 'unbindByUseUnit'] as const;
export type BindingEvent = (typeof BINDING_EVENTS)[number];

/** Named effects of a binding's transitions, performed by the server in the same transaction. */
export type BindingEffect = 'authorisePreauthorised' | 'revokeBindingAuthorisations' | 'markInvitationUnbound';
const effects = (...names: BindingEffect[]) => names;

const transitions: readonly TransitionRule<BindingStatus, BindingEvent>[] = [
  // 确认通过 of the invitation creates the binding (its effect createBinding) with the pre-authorised capabilities
  rule(null, 'bind', 'ACTIVE', 'SYSTEM', {
    mutation: 'confirmInvitation',
    effects: effects('authorisePreauthorised'),
  }),
  // the DCU (its operator or API token) unbinds a use unit
  rule('ACTIVE', 'unbindByDirectUnit', 'UNBOUND', 'OWNER_ENTERPRISE', {
    mutation: 'unbindUseUnits',
    effects: effects('revokeBindingAuthorisations', 'markInvitationUnbound'),
  }),
  // the use unit unbinds itself from the DCU
  rule('ACTIVE', 'unbindByUseUnit', 'UNBOUND', 'USE_UNIT', {
    mutation: 'unbindDirectUnit',
    effects: effects('revokeBindingAuthorisations', 'markInvitationUnbound'),
  }),
];

export const bindingWorkflow: Workflow<BindingStatus, BindingEvent> = {
  name: 'binding',
  statuses: BINDING_STATUSES,
  events: BINDING_EVENTS,
  statusInfo,
  transitions,
};
