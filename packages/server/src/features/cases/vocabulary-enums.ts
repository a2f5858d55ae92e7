// The enums of a review case's history, generated from the domain's vocabulary (statuses and events of all kinds).
import {
  ACTOR_ROLE_LABELS,
  ACTOR_ROLES,
  CASE_EVENT_LABELS,
  CASE_EVENT_NAMES,
  CASE_STATUSES,
  type CaseStatus,
  caseStatusLabels,
  type Label,
  REVIEW_KIND_LABELS,
} from '@leqi/domain';
import { describedEnum } from '../../platform/described-enum.ts';

/** "待受理（接入申请、退出申请）": the status's name, with the kinds that call it so. */
function statusLabel(status: CaseStatus): Label {
  const byName = new Map<string, { en: string; kinds: Label[] }>();
  for (const { kind, label } of caseStatusLabels(status)) {
    const entry = byName.get(label.zh) ?? { en: label.en, kinds: [] };
    entry.kinds.push(REVIEW_KIND_LABELS[kind]);
    byName.set(label.zh, entry);
  }
  const names = [...byName.entries()];
  return {
    zh: names.map(([zh, { kinds }]) => `${zh}（${kinds.map((kind) => kind.zh).join('、')}）`).join('；'),
    en: names.map(([, { en, kinds }]) => `${en} (${kinds.map((kind) => kind.en.toLowerCase()).join(', ')})`).join('; '),
  };
}

export const CaseStatusEnum = describedEnum('CaseStatus', {
  description: {
    zh: '案件状态：各类案件（接入申请、退出申请、接入邀请、能力订阅申请）状态表中的全部状态',
    en: 'Status of a case: every status of the state tables of the four case kinds',
  },
  values: CASE_STATUSES,
  label: statusLabel,
});

export const CaseEventNameEnum = describedEnum('CaseEventName', {
  description: {
    zh: '案件事件：状态表中的操作，以及认领、更换证明材料等记入案件历史的操作',
    en: 'What happened to a case: a transition of its state table, or a claim, proof replacement or authorisation recorded in its history',
  },
  values: CASE_EVENT_NAMES,
  label: (event) => CASE_EVENT_LABELS[event],
});

export const ActorRoleEnum = describedEnum('ActorRole', {
  description: { zh: '记录事件者的角色（或系统）', en: 'Role of whoever recorded an event, or the system' },
  values: ACTOR_ROLES,
  label: (role) => ACTOR_ROLE_LABELS[role],
});
