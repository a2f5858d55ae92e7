// 决定的后果: every side effect a workflow table names (`effects: ['activateDcu']`), implemented once. decideCase, the
// exit submission and unbinding run the effects of the rule they apply, in that transaction; the audit events the
// effects append are published with it.
import { accessValidityEnd, DCU_EVENT_OF_EXIT, type TransitionRule } from '@leqi/domain';
import type { Binding, CapabilitySubscription, Invitation } from '../../generated/prisma/client.ts';
import type { Viewer } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { StoredCaseEvent } from '../../platform/events/audit.ts';
import { newLeqiId } from '../access-application/leqi-id.ts';
import { openBinding } from '../binding/service.ts';
import {
  authorisePreauthorised as authoriseBindingCapabilities,
  revokeBindingAuthorisations,
} from '../capability/service.ts';
import {
  cancelInFlightSubscriptions,
  revokeSubscriptionsAndAuthorisations,
} from '../capability-subscription/service.ts';
import { moveDcuStatus } from '../enterprise/dcu.ts';
import { cancelInFlightInvitations, markInvitationUnbound } from '../invitation/service.ts';

const CASCADE_REASON = '直连单位已提交退出申请，在途申请自动置为不成功';
const EXIT_CONFIRMED_REASON = '直连单位退出申请确认通过，已订阅能力及能力授权自动取消';

type Rule = TransitionRule<string, string>;
/** One named effect: the row is the one the rule moved, as read before; `by` is who took the decision. */
type DecisionEffect<Row> = (tx: Tx, row: Row, rule: Rule, by: Viewer) => Promise<StoredCaseEvent[]>;
/** A case of one enterprise (接入申请, 退出申请): the DCU it concerns. */
type EnterpriseCase = { enterpriseId: string };
const none: StoredCaseEvent[] = [];

/** The DCU's move an exit decision causes (退出申请失败，仍保留直连资格 …), read from the DCU table's cross-reference. */
function dcuEventOfExit(rule: Rule) {
  const event = DCU_EVENT_OF_EXIT[rule.event];
  if (!event) throw new Error(`no DCU event for the exit event ${rule.event}`);
  return event;
}

const activateDcu: DecisionEffect<EnterpriseCase> = async (tx, row) => {
  // 确认通过: the enterprise becomes an ACTIVE DCU with its 乐企ID, for two natural years
  const confirmedAt = new Date();
  const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: row.enterpriseId } });
  await moveDcuStatus(tx, row.enterpriseId, 'accessConfirmed', {
    leqiId: enterprise.leqiId ?? newLeqiId(enterprise.uscc, confirmedAt),
    dcuConfirmedAt: confirmedAt,
    dcuExpiresAt: accessValidityEnd(confirmedAt),
  });
  return none;
};

const startExit: DecisionEffect<EnterpriseCase> = async (tx, row) => {
  await moveDcuStatus(tx, row.enterpriseId, 'exitSubmitted');
  return none;
};

const cancelInFlight: DecisionEffect<EnterpriseCase> = async (tx, row) => [
  ...(await cancelInFlightInvitations(tx, row.enterpriseId, CASCADE_REASON)),
  ...(await cancelInFlightSubscriptions(tx, row.enterpriseId, CASCADE_REASON)),
];

const endDcu: DecisionEffect<EnterpriseCase> = async (tx, row) => {
  // 确认通过后不再显示直连单位信息: the 乐企ID and validity end with the DCU (a new confirmation issues new ones)
  await moveDcuStatus(tx, row.enterpriseId, 'exitConfirmed', { leqiId: null, dcuExpiresAt: null });
  return none;
};

const resumeDcu: DecisionEffect<EnterpriseCase> = async (tx, row, rule) => {
  await moveDcuStatus(tx, row.enterpriseId, dcuEventOfExit(rule));
  return none;
};

const revokeAuthorisations: DecisionEffect<EnterpriseCase> = (tx, row) =>
  revokeSubscriptionsAndAuthorisations(tx, row.enterpriseId, EXIT_CONFIRMED_REASON);

// 确认通过 of an invitation: the binding, by the binding table's own rule and its effects
const createBinding: DecisionEffect<Invitation> = async (tx, row, _rule, by) => {
  const { binding, rule } = await openBinding(tx, row);
  return runDecisionEffects(tx, binding, rule, by);
};

const authorisePreauthorised: DecisionEffect<Binding> = async (tx, binding) => {
  const invitation = await tx.invitation.findUniqueOrThrow({ where: { id: binding.invitationId } });
  await authoriseBindingCapabilities(tx, binding, invitation.capabilityCodes, binding.boundAt);
  return none;
};

const revokeBindingAuthorisationsEffect: DecisionEffect<Binding> = async (tx, binding) => {
  await revokeBindingAuthorisations(tx, binding.id, new Date());
  return none;
};

// the binding's invitation becomes 已解除 by the invitation table's own unbinding rule
const markUnbound: DecisionEffect<Binding> = async (tx, binding, rule, by) => [
  await markInvitationUnbound(tx, by, binding.invitationId, rule.event as 'unbindByDirectUnit' | 'unbindByUseUnit'),
];

type SubscribedCase = Pick<CapabilitySubscription, 'dcuEnterpriseId' | 'capabilityCodes' | 'validUntil'>;
const authoriseDcu: DecisionEffect<SubscribedCase> = async (tx, row) => {
  await tx.capabilityAuthorisation.createMany({
    data: row.capabilityCodes.map((capabilityCode) => ({
      dcuEnterpriseId: row.dcuEnterpriseId,
      holderEnterpriseId: row.dcuEnterpriseId,
      capabilityCode,
      validTo: row.validUntil,
    })),
  });
  return none;
};

/** Each effect name of the tables and its one implementation. */
export const DECISION_EFFECTS = {
  activateDcu,
  startExit,
  cancelInFlight,
  endDcu,
  resumeDcu,
  revokeAuthorisations,
  createBinding,
  authoriseDcu,
  authorisePreauthorised,
  revokeBindingAuthorisations: revokeBindingAuthorisationsEffect,
  markInvitationUnbound: markUnbound,
} as const;

export type DecisionEffectName = keyof typeof DECISION_EFFECTS;

export function isDecisionEffect(name: string): name is DecisionEffectName {
  return Object.hasOwn(DECISION_EFFECTS, name);
}

/** Runs the effects the rule names, in order; returns the audit events they appended. */
export async function runDecisionEffects(tx: Tx, row: object, rule: Rule, by: Viewer): Promise<StoredCaseEvent[]> {
  const events: StoredCaseEvent[] = [];
  for (const name of rule.effects ?? []) {
    if (!isDecisionEffect(name)) throw new Error(`no implementation of the effect ${name} (rule ${rule.event})`);
    // a table names an effect only on rules of the kinds whose rows carry what it reads (cases.test.ts)
    const effect = DECISION_EFFECTS[name] as DecisionEffect<object>;
    events.push(...(await effect(tx, row, rule, by)));
  }
  return events;
}
