// A webhook endpoint of an enterprise (issue 21): its statuses, why it was turned off, its deliveries' statuses and
// the limits of what an operator may enter.
import type { Label } from '../actors.ts';

export const WEBHOOK_ENDPOINT_STATUSES = ['ENABLED', 'DISABLED'] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];
export const WEBHOOK_ENDPOINT_STATUS_LABELS: Record<WebhookEndpointStatus, Label> = {
  ENABLED: { zh: '已启用', en: 'Enabled' },
  DISABLED: { zh: '已停用', en: 'Disabled' },
};

export const WEBHOOK_DISABLED_REASONS = ['BY_OWNER', 'RETRIES_EXHAUSTED'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];
export const WEBHOOK_DISABLED_REASON_LABELS: Record<WebhookDisabledReason, Label> = {
  BY_OWNER: { zh: '由本单位停用', en: 'Disabled by its enterprise' },
  RETRIES_EXHAUSTED: {
    zh: '一条推送在全部重试后仍未成功，已自动停用',
    en: 'Disabled automatically: a delivery still failed after every retry',
  },
};

export const WEBHOOK_DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WEBHOOK_DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, Label> = {
  PENDING: { zh: '待推送', en: 'Pending' },
  DELIVERED: { zh: '已送达', en: 'Delivered' },
  FAILED: { zh: '推送失败', en: 'Failed' },
};

/** Endpoints per enterprise: enough for an ERP, a test system and a few more; each is served on every pass. */
export const MAX_WEBHOOK_ENDPOINTS = 10;
export const MAX_WEBHOOK_DESCRIPTION = 200;
/** After a rotation, deliveries are signed with the old secret too for this long, so receivers can switch over. */
export const WEBHOOK_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;
