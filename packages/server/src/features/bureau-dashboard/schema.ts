// GraphQL of the bureau dashboard (工作台概览); clients refresh it on queueChanges events.
import { builder } from '../../platform/builder.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { signedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ReviewKindEnum, ReviewStepEnum } from '../cases/review-case.ts';
import { type BureauDashboard, bureauDashboard, type DayCount, type QueueSize } from './service.ts';

const QueueSizeRef = builder.objectRef<QueueSize>('QueueSize').implement({
  description:
    '一个审核队列的待办数：管辖范围内某类事项在某个审核环节等待办理的件数，含即将到期与已超期件数\n\n' +
    'The size of one review queue: cases of one kind waiting at one step in the viewer’s jurisdiction, with how many are due soon or overdue',
  fields: (t) => ({
    kind: t.field({
      type: ReviewKindEnum,
      description: '事项类别\n\nThe kind of case',
      resolve: (size) => size.kind,
    }),
    step: t.field({
      type: ReviewStepEnum,
      description:
        '审核环节（受理、复核或确认）；只列出该类事项实际具有的环节\n\n' +
        'The review step (acceptance, review or confirmation); only the steps the kind of case has are listed',
      resolve: (size) => size.step,
    }),
    count: t.exposeInt('count', {
      description: '在该环节等待办理的件数（可为 0）\n\nNumber of cases waiting at the step (may be 0)',
    }),
    dueSoonCount: t.exposeInt('dueSoonCount', {
      description:
        '其中即将到期的件数：距该环节的办理时限（工作日，按部署配置）不超过配置的提醒天数\n\n' +
        'Of these, the cases due soon: within the configured reminder days of the step’s limit (working days, set per deployment)',
    }),
    overdueCount: t.exposeInt('overdueCount', {
      description:
        '其中已超期的件数：在该环节停留的工作日数已超过办理时限\n\n' +
        'Of these, the overdue cases: waiting at the step for more working days than its limit',
    }),
  }),
});

const DayCountRef = builder.objectRef<DayCount>('DayCount').implement({
  description: '某一天的件数\n\nA count for one day',
  fields: (t) => ({
    date: t.exposeString('date', {
      description: '日期，格式 YYYY-MM-DD，按北京时间\n\nThe date, as YYYY-MM-DD, in China time (UTC+8)',
    }),
    count: t.exposeInt('count', {
      description: '当天的件数（没有时为 0）\n\nThe count for that day (0 when none)',
    }),
  }),
});

const AgeBucketRef = builder.objectRef<{ label: string; count: number }>('AgeBucket').implement({
  description:
    '待办件数按在当前环节停留的工作日数分段\n\nWaiting cases grouped by how many working days they have been at their current step',
  fields: (t) => ({
    label: t.exposeString('label', {
      description:
        '停留工作日数的区间，依次为 0-1、2-3、4-5、6-10、>10\n\n' +
        'Working days at the current step, one of 0-1, 2-3, 4-5, 6-10, >10, in that order',
    }),
    count: t.exposeInt('count', {
      description: '落在该区间的待办件数（可为 0）\n\nNumber of waiting cases in the range (may be 0)',
    }),
  }),
});

const BureauDashboardRef = builder.objectRef<BureauDashboard>('BureauDashboard').implement({
  description:
    '工作台概览：当前用户管辖范围内各审核队列的待办数、近 30 天每天的办理数和待办的停留时长。' +
    '主管税务机关的税务人员看本机关，省级税务机关的看全省，平台管理员看全部\n\n' +
    'Bureau dashboard: queue sizes, actions per day over 30 days and ages of the waiting cases in the viewer’s jurisdiction. ' +
    'An officer of a local tax authority sees that authority, one of a provincial tax authority the whole province, the platform administrator everything',
  fields: (t) => ({
    generatedAt: t.expose('generatedAt', {
      type: 'DateTime',
      description: '统计的时刻\n\nWhen the figures were computed',
    }),
    queues: t.field({
      type: [QueueSizeRef],
      description:
        '每类事项每个审核环节一项，待办数为 0 的也列出\n\nOne entry per kind of case and review step, including those with no waiting case',
      resolve: (board) => board.queues,
    }),
    decisionsPerDay: t.field({
      type: [DayCountRef],
      description:
        '近 30 天（含今天，北京时间）每天税务人员的办理数，由早到晚共 30 项；按税务人员写入的审计记录计，含认领等操作\n\n' +
        'Tax officers’ actions per day over the last 30 days including today (China time), 30 entries, oldest first; ' +
        'counted from the audit events officers recorded, claims and the like included',
      resolve: (board) => board.decisionsPerDay,
    }),
    ageBuckets: t.field({
      type: [AgeBucketRef],
      description:
        '全部待办按在当前环节停留的工作日数分段，共 5 段，由短到长\n\n' +
        'All waiting cases by working days at their current step, 5 ranges, shortest first',
      resolve: (board) => board.ageBuckets,
    }),
    dueSoonCount: t.exposeInt('dueSoonCount', {
      description: '各队列即将到期件数之和\n\nThe due-soon cases of all queues together',
    }),
    overdueCount: t.exposeInt('overdueCount', {
      description: '各队列已超期件数之和\n\nThe overdue cases of all queues together',
    }),
  }),
});

builder.queryField('bureauDashboard', (t) =>
  t.field({
    type: BureauDashboardRef,
    description:
      '工作台概览（税务人员与平台管理员）；未登录或无权限时返回 GraphQL 错误（extensions.code 为 UNAUTHENTICATED 或 FORBIDDEN）。' +
      '可在 queueChanges 推送事件后重新查询以刷新\n\n' +
      'The bureau dashboard (tax officers and the platform administrator); refused with a GraphQL error (extensions.code ' +
      'UNAUTHENTICATED or FORBIDDEN) otherwise. Query it again on queueChanges events to refresh it',
    authScopes: { officer: true, admin: true },
    resolve: signedIn(unauthenticated.asError, async (_root, _args, context) => {
      const result = await bureauDashboard(context.app, context.viewer);
      if (!result.ok) throw refusalError(result.error, context.locale);
      return result.value;
    }),
  }),
);
