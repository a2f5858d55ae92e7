import type { ExitApplicationStatus } from './exit-application.ts';

/** Direct-connect unit (直连单位) status of an enterprise. */
export const DCU_STATUSES = ['NOT_CONNECTED', 'ACTIVE', 'EXITING', 'EXITED'] as const;
export type DcuStatus = (typeof DCU_STATUSES)[number];
export const DCU_STATUS_LABELS: Record<DcuStatus, { zh: string; en: string }> = {
  NOT_CONNECTED: { zh: '未接入', en: 'Not connected' },
  ACTIVE: { zh: '已接入', en: 'Connected' },
  EXITING: { zh: '退出中', en: 'Exiting' },
  EXITED: { zh: '已退出', en: 'Exited' },
};

/** Binding between a DCU and a use unit, created by a confirmed invitation. */
export const BINDING_STATUSES = ['ACTIVE', 'UNBOUND'] as const;
export type BindingStatus = (typeof BINDING_STATUSES)[number];
export const BINDING_STATUS_LABELS: Record<BindingStatus, { zh: string; en: string }> = {
  ACTIVE: { zh: '已绑定', en: 'Bound' },
  UNBOUND: { zh: '已解除', en: 'Unbound' },
};

/** An enterprise may start an access application only when it is not (or no longer) a DCU. */
export function mayApplyForAccess(dcuStatus: DcuStatus): boolean {
  return dcuStatus === 'NOT_CONNECTED' || dcuStatus === 'EXITED';
}

/** Only an ACTIVE DCU invites, subscribes, uses capabilities and may apply to exit. */
export function isActiveDcu(dcuStatus: DcuStatus): boolean {
  return dcuStatus === 'ACTIVE';
}

/** DCU status after a decision on its exit application. */
export function dcuStatusAfterExit(exitStatus: ExitApplicationStatus): DcuStatus {
  if (exitStatus === 'CONFIRMED') return 'EXITED';
  if (exitStatus === 'NOT_ACCEPTED' || exitStatus === 'REVIEW_REJECTED' || exitStatus === 'CONFIRMATION_REJECTED') {
    return 'ACTIVE';
  }
  return 'EXITING';
}
