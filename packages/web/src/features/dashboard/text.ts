// The dashboard's and inbox's own strings (zh-CN default, English switch), kept beside them.
import { useI18n } from '../../app/i18n.tsx';

const zh = {
  overview: '企业概览',
  overviewIntro: '接入、邀请、绑定、能力与退出的当前状态',
  accessCard: '接入申请',
  noApplication: '尚未提出接入申请',
  currentStep: '当前环节',
  inStepFor: '已停留',
  lastReason: '原因',
  goApply: '去申请',
  viewDetails: '查看详情',
  dcuCard: '直连单位',
  dcuStatus: '直连单位状态',
  leqiId: '乐企ID',
  leqiIdPending: '确认通过后生成',
  confirmedAt: '确认通过时间',
  validUntil: '接入有效期止',
  renewalTitle: '接入即将到期，请在到期前申请续期',
  renewalBody: '乐企自用接入有效期为确认通过后两个自然年，还剩 {days} 天（{end} 到期），请至少提前三个月申请续期。',
  expiredTitle: '接入已到期',
  expiredBody: '接入有效期已于 {end} 届满，请重新申请接入。',
  sentCard: '发出的接入邀请',
  receivedCard: '收到的接入邀请',
  noInvitations: '暂无邀请',
  manageInvitations: '管理接入邀请',
  respondInvitations: '响应邀请',
  bindingsCard: '绑定关系',
  boundUseUnits: '已绑定使用单位',
  boundTo: '所属直连单位',
  notBound: '未绑定直连单位',
  capabilitiesCard: '能力订阅与授权',
  subscribedCapabilities: '可用能力',
  authorisationsGiven: '已授权给使用单位',
  authorisationsHeld: '获得的能力授权',
  noSubscriptions: '暂无订阅申请',
  manageCapabilities: '能力订阅',
  exitCard: '退出乐企',
  noExit: '未申请退出',
  goExit: '申请退出',
  inboxCard: '最新消息',
  viewAll: '查看全部',
  notifications: '消息通知',
  unreadCount: '{count} 条未读',
  markAllRead: '全部标为已读',
  unreadOnly: '只看未读',
  noNotifications: '暂无消息',
  unread: '未读',
  loadMore: '加载更多',
  bell: '消息通知，{count} 条未读',
  day: '天',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  overview: 'Overview',
  overviewIntro: 'Where access, invitations, bindings, capabilities and exit stand',
  accessCard: 'Access application',
  noApplication: 'No access application yet',
  currentStep: 'Current step',
  inStepFor: 'In this status for',
  lastReason: 'Reason',
  goApply: 'Apply',
  viewDetails: 'Details',
  dcuCard: 'Direct-connect unit',
  dcuStatus: 'DCU status',
  leqiId: 'Leqi ID',
  leqiIdPending: 'issued on confirmation',
  confirmedAt: 'Confirmed at',
  validUntil: 'Access valid until',
  renewalTitle: 'Access ends soon: apply for renewal before it ends',
  renewalBody:
    'Self-use access lasts two natural years from confirmation; {days} days left (ends {end}). Apply for renewal at least three months ahead.',
  expiredTitle: 'Access has ended',
  expiredBody: 'Access ended on {end}; apply for access again.',
  sentCard: 'Invitations sent',
  receivedCard: 'Invitations received',
  noInvitations: 'No invitations',
  manageInvitations: 'Manage invitations',
  respondInvitations: 'Respond to invitations',
  bindingsCard: 'Bindings',
  boundUseUnits: 'Bound use units',
  boundTo: 'Direct-connect unit',
  notBound: 'Not bound to a direct-connect unit',
  capabilitiesCard: 'Capabilities and authorisations',
  subscribedCapabilities: 'Usable capabilities',
  authorisationsGiven: 'Authorised to use units',
  authorisationsHeld: 'Authorisations held',
  noSubscriptions: 'No subscription applications',
  manageCapabilities: 'Capability subscription',
  exitCard: 'Exit',
  noExit: 'No exit application',
  goExit: 'Apply to exit',
  inboxCard: 'Latest notifications',
  viewAll: 'View all',
  notifications: 'Notifications',
  unreadCount: '{count} unread',
  markAllRead: 'Mark all read',
  unreadOnly: 'Unread only',
  noNotifications: 'No notifications',
  unread: 'Unread',
  loadMore: 'Load more',
  bell: 'Notifications, {count} unread',
  day: 'd',
};

export type DashboardKey = Key;

/** `t` for the dashboard and inbox strings, following the app's language switch. */
export function useDashboardText() {
  const { lang } = useI18n();
  const dict = lang === 'en' ? en : zh;
  return (key: Key, vars: Record<string, string | number> = {}) => {
    let text = dict[key];
    for (const [name, value] of Object.entries(vars)) text = text.replace(`{${name}}`, String(value));
    return text;
  };
}
