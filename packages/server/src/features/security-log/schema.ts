// 安全审计 in the API: the security log of the audit chain, filtered and paged, and its Excel export link.
import {
  type ActorRole,
  SECURITY_EVENT_TYPE_LABELS,
  SECURITY_EVENT_TYPES,
  SECURITY_OUTCOME_LABELS,
  SECURITY_OUTCOMES,
  SIGN_IN_FAILURE_REASON_LABELS,
  SIGN_IN_FAILURE_REASONS,
  type SignInFailureReason,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf } from '../../platform/paging.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { encodeKey, requireAdmin } from '../admin/common.ts';
import { ActorRoleEnum } from '../cases/vocabulary-enums.ts';
import { securityLogExportLink } from './export.ts';
import {
  listSecurityLog,
  objectText,
  type SecurityLogEntry,
  type SecurityLogFilter,
  securityLogWhere,
} from './service.ts';

const SecurityEventTypeEnum = describedEnum('SecurityEventType', {
  description: { zh: '安全审计事件的类型', en: 'The type of a security log record' },
  values: SECURITY_EVENT_TYPES,
  label: (type) => SECURITY_EVENT_TYPE_LABELS[type],
});
const SecurityOutcomeEnum = describedEnum('SecurityOutcome', {
  description: { zh: '事件的结果', en: 'The outcome of the event' },
  values: SECURITY_OUTCOMES,
  label: (outcome) => SECURITY_OUTCOME_LABELS[outcome],
});
const SignInFailureReasonEnum = describedEnum('SignInFailureReason', {
  description: {
    zh: '登录失败的原因（只记入审计，登录者只被告知“用户名或密码错误”）',
    en: 'Why a sign-in failed (for the log only: the caller is told just "wrong user name or password")',
  },
  values: SIGN_IN_FAILURE_REASONS,
  label: (reason) => SIGN_IN_FAILURE_REASON_LABELS[reason],
});

const SecurityLogEntryRef = builder.objectRef<SecurityLogEntry>('SecurityLogEntry').implement({
  description:
    '一条安全审计记录：时间、用户、来源地址、事件类型、对象与结果，取自防篡改的审计哈希链\n\n' +
    'A security log record: time, user, source address, event type, object and outcome, from the tamper-evident ' +
    'audit hash chain',
  fields: (t) => ({
    sequence: t.string({
      description:
        '记录在审计日志中的序号（十进制数字，越大越新）\n\nThe record’s number in the audit log (decimal; larger is newer)',
      resolve: (entry) => entry.id.toString(),
    }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '发生时间\n\nWhen it happened' }),
    type: t.field({ type: SecurityEventTypeEnum, description: '事件类型\n\nThe event type', resolve: (e) => e.type }),
    outcome: t.field({ type: SecurityOutcomeEnum, description: '结果\n\nThe outcome', resolve: (e) => e.outcome }),
    username: t.exposeString('username', {
      nullable: true,
      description:
        '涉及的账号：登录者（按输入记录），或被修改的账号、令牌所属用户\n\n' +
        'The account concerned: who signed in (as typed), or the account changed, the token’s user',
    }),
    actorName: t.exposeString('actorName', {
      nullable: true,
      description: '操作人姓名；未能登录时为 null\n\nWho acted; null when nobody was signed in',
    }),
    actorRole: t.field({
      type: ActorRoleEnum,
      nullable: true,
      description: '操作人角色\n\nThe actor’s role',
      resolve: (entry) => entry.actorRole as ActorRole | null,
    }),
    address: t.exposeString('address', {
      nullable: true,
      description:
        '来源地址（客户端 IP；管理操作记录前的历史数据为 null）\n\nThe source address (the client’s IP), when recorded',
    }),
    object: t.string({
      description: '操作对象\n\nWhat was acted on',
      resolve: (entry, _args, context) => objectText(entry, context.locale),
    }),
    reason: t.field({
      type: SignInFailureReasonEnum,
      nullable: true,
      description: '登录失败的原因\n\nWhy a sign-in failed',
      resolve: (entry) =>
        (SIGN_IN_FAILURE_REASONS as readonly string[]).includes(entry.reason ?? '')
          ? (entry.reason as SignInFailureReason)
          : null,
    }),
  }),
});

const SecurityLogFilterInput = builder.inputType('SecurityLogFilter', {
  description: '安全审计记录的筛选条件，各项同时满足\n\nWhat to select of the security log; every condition applies',
  fields: (t) => ({
    types: t.field({
      type: [SecurityEventTypeEnum],
      required: false,
      description: '只列出这些类型；省略时为全部\n\nOnly these types; omit for all',
    }),
    outcome: t.field({ type: SecurityOutcomeEnum, required: false, description: '只列出此结果\n\nOnly this outcome' }),
    username: t.string({
      required: false,
      description: '涉及的账号（用户名，不区分大小写）\n\nThe account concerned (its user name, any case)',
    }),
    address: t.string({ required: false, description: '来源地址（完全相同）\n\nThe source address, exactly' }),
    from: t.field({ type: 'DateTime', required: false, description: '起始时间（含）\n\nFrom (inclusive)' }),
    to: t.field({ type: 'DateTime', required: false, description: '截止时间（含）\n\nUntil (inclusive)' }),
  }),
});

const SecurityLogConnection = countedConnection(
  SecurityLogEntryRef,
  'SecurityLogEntryConnection',
  'SecurityLogEntryEdge',
  {
    zh: '安全审计记录',
    en: 'security log records',
  },
);

builder.queryField('securityLog', (t) =>
  t.field({
    type: SecurityLogConnection,
    description:
      '安全审计记录（登录成功与失败、锁定、退出、账号与角色、密码、双因素认证、配置、API 令牌、审计导出），最新的在前；' +
      '仅平台管理员（审计管理员）可查询\n\n' +
      'The security log (sign-ins and failures, lock-outs, sign-outs, accounts and roles, passwords, two factors, ' +
      'configuration, API tokens, exports of this log), newest first; the platform admin (audit administrator) only',
    authScopes: { admin: true },
    args: {
      ...forwardPageArgs(t.arg),
      filter: t.arg({ type: SecurityLogFilterInput, required: false, description: '筛选条件\n\nWhat to select' }),
    },
    resolve: signedIn(unauthenticated.asError, async (_root, args, context) => {
      const page = await listSecurityLog(context.app, context.viewer, {
        filter: args.filter as SecurityLogFilter | null | undefined,
        first: args.first,
        after: args.after,
      });
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, (entry) => encodeKey(entry.id.toString()));
    }),
  }),
);

builder.queryField('securityLogExportUrl', (t) =>
  t.string({
    description:
      '按筛选条件导出安全审计记录为 Excel 的下载链接（10 分钟内有效，只限本人）；下载本身记入审计\n\n' +
      'A link to the selected records as an Excel workbook (valid for 10 minutes, for the caller only); the download ' +
      'itself is recorded in the log',
    authScopes: { admin: true },
    args: {
      filter: t.arg({ type: SecurityLogFilterInput, required: false, description: '筛选条件\n\nWhat to select' }),
    },
    resolve: signedIn(unauthenticated.asError, (_root, args, context) => {
      const admin = requireAdmin(context.viewer);
      if (!admin.ok) throw refusalError(admin.error, context.locale);
      const filter = (args.filter ?? {}) as SecurityLogFilter;
      const where = securityLogWhere(filter);
      if (!where.ok) throw refusalError(where.error, context.locale);
      return securityLogExportLink(context.app, filter, context.viewer.userId);
    }),
  }),
);
