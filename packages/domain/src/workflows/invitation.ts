import type { Label } from '../actors.ts';
import { rule, type StatusInfo, type TransitionRule, type Workflow } from './workflow.ts';

/** 接入邀请 (DESIGN §3.2; manual §3.4.1.4). Each status carries the official 接入状态 code. */
export const INVITATION_STATUSES = [
  'PENDING_RESPONSE',
  'PENDING_ACCEPTANCE',
  'NOT_ACCEPTED',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
  'CONFIRMATION_REJECTED',
  'UNBOUND',
  'DECLINED',
  'CANCELLED',
] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const INVITATION_EVENTS = [
  'invite',
  'decline',
  'respond',
  'accept',
  'refuse',
  'confirm',
  'rejectConfirmation',
  'cancel',
  'unbindByDirectUnit',
  'unbindByUseUnit',
] as const;
export type InvitationEvent = (typeof INVITATION_EVENTS)[number];

const statusInfo: Record<InvitationStatus, StatusInfo> = {
  PENDING_RESPONSE: { zh: '待使用单位响应', en: 'Awaiting use unit response', terminal: false, officialCode: 0 },
  PENDING_ACCEPTANCE: {
    zh: '待受理',
    en: 'Pending acceptance',
    terminal: false,
    officialCode: 1,
    step: 'ACCEPTANCE',
  },
  NOT_ACCEPTED: { zh: '不予受理', en: 'Not accepted', terminal: true, officialCode: 2 },
  PENDING_CONFIRMATION: {
    zh: '待确认',
    en: 'Pending confirmation',
    terminal: false,
    officialCode: 3,
    step: 'CONFIRMATION',
  },
  // Terminal for the review; the binding it creates lives on until one side unbinds.
  CONFIRMED: { zh: '确认通过', en: 'Confirmed', terminal: true, officialCode: 4 },
  CONFIRMATION_REJECTED: { zh: '确认不通过', en: 'Confirmation rejected', terminal: true, officialCode: 5 },
  UNBOUND: { zh: '已解除', en: 'Unbound', terminal: true, officialCode: 6 },
  DECLINED: { zh: '已拒绝', en: 'Declined', terminal: true, officialCode: 8 },
  CANCELLED: { zh: '已失效', en: 'Cancelled', terminal: true, officialCode: 10 },
};

type Rule = TransitionRule<InvitationStatus, InvitationEvent>;

/** How an invitation was made (manual §3.4.1.1): 录入 on the web form, 导入 from a workbook, 上传 through the API. */
export const INVITATION_CHANNELS = ['WEB', 'EXCEL', 'API'] as const;
export type InvitationChannel = (typeof INVITATION_CHANNELS)[number];

export const INVITATION_CHANNEL_LABELS: Record<InvitationChannel, Label> = {
  WEB: { zh: '录入（在页面上逐条录入邀请）', en: 'Entered row by row on the web form' },
  EXCEL: {
    zh: '导入（按导入邀请模板上传 Excel 文件）',
    en: 'Imported from an Excel workbook in the invitation template',
  },
  API: {
    zh: '上传（通过使用单位管理能力接口上传）',
    en: 'Uploaded through the API (the use unit management capability)',
  },
};

/** Statuses a DCU exit submission cancels (自动置不成功). */
export const PENDING_INVITATION_STATUSES: readonly InvitationStatus[] = [
  'PENDING_RESPONSE',
  'PENDING_ACCEPTANCE',
  'PENDING_CONFIRMATION',
];

const transitions: readonly Rule[] = [
  // The performer OWNER_ENTERPRISE is the inviting direct-connect unit.
  rule(null, 'invite', 'PENDING_RESPONSE', 'OWNER_ENTERPRISE', { mutation: 'inviteUseUnits' }),
  rule('PENDING_RESPONSE', 'decline', 'DECLINED', 'USE_UNIT', { mutation: 'declineInvitation' }),
  rule('PENDING_RESPONSE', 'respond', 'PENDING_ACCEPTANCE', 'USE_UNIT', { mutation: 'respondToInvitation' }),
  // Both bureau steps belong to the use unit's competent (local) authority.
  rule('PENDING_ACCEPTANCE', 'accept', 'PENDING_CONFIRMATION', 'LOCAL_OFFICER', {
    step: 'ACCEPTANCE',
    mutation: 'acceptInvitation',
  }),
  rule('PENDING_ACCEPTANCE', 'refuse', 'NOT_ACCEPTED', 'LOCAL_OFFICER', {
    step: 'ACCEPTANCE',
    needsReason: true,
    mutation: 'refuseInvitation',
  }),
  // 确认通过: the binding becomes ACTIVE (绑定关系 bind) with the pre-authorised capabilities
  rule('PENDING_CONFIRMATION', 'confirm', 'CONFIRMED', 'LOCAL_OFFICER', {
    step: 'CONFIRMATION',
    fourEyes: true,
    mutation: 'confirmInvitation',
    effects: ['createBinding'],
  }),
  rule('PENDING_CONFIRMATION', 'rejectConfirmation', 'CONFIRMATION_REJECTED', 'LOCAL_OFFICER', {
    step: 'CONFIRMATION',
    needsReason: true,
    fourEyes: true,
    mutation: 'rejectInvitationConfirmation',
  }),
  ...PENDING_INVITATION_STATUSES.map((from) =>
    rule<InvitationStatus, InvitationEvent>(from, 'cancel', 'CANCELLED', 'SYSTEM', { needsReason: true }),
  ),
  // Unbinding takes effect at once, no bureau step; either side may do it.
  rule('CONFIRMED', 'unbindByDirectUnit', 'UNBOUND', 'OWNER_ENTERPRISE', {
    mutation: 'unbindUseUnits',
    effects: ['revokeBindingAuthorisations'],
  }),
  rule('CONFIRMED', 'unbindByUseUnit', 'UNBOUND', 'USE_UNIT', {
    mutation: 'unbindDirectUnit',
    effects: ['revokeBindingAuthorisations'],
  }),
];

export const invitationWorkflow: Workflow<InvitationStatus, InvitationEvent> = {
  name: 'invitation',
  statuses: INVITATION_STATUSES,
  events: INVITATION_EVENTS,
  statusInfo,
  transitions,
};

/** At most one invitation per (DCU, UU) pair in these statuses; CONFIRMED = an active binding. */
export const LIVE_INVITATION_STATUSES: readonly InvitationStatus[] = [
  'PENDING_RESPONSE',
  'PENDING_ACCEPTANCE',
  'PENDING_CONFIRMATION',
  'CONFIRMED',
];

/** 变更关系证明材料 is open to either side while the invitation is pending or bound (确认通过). */
export function proofReplaceableIn(status: InvitationStatus): boolean {
  return PENDING_INVITATION_STATUSES.includes(status) || status === 'CONFIRMED';
}

export function officialInvitationStatusCode(status: InvitationStatus): number {
  const code = statusInfo[status].officialCode;
  if (code === undefined) throw new Error(`invitation status ${status} has no official code`);
  return code;
}

export function invitationStatusFromOfficialCode(code: number): InvitationStatus | undefined {
  return INVITATION_STATUSES.find((status) => statusInfo[status].officialCode === code);
}
