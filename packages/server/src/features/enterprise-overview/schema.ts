// GraphQL of 企业概览: everything the enterprise dashboard shows, in one round trip.
import {
  ACCESS_VALIDITY_STATE_LABELS,
  type AccessValidity,
  type AccessValidityState,
  type CaseStatus,
  type DcuStatus,
} from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { describedEnum } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { ReviewStepEnum } from '../cases/review-case.ts';
import { CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { DcuStatusEnum, EnterpriseRef } from '../enterprise/schema.ts';
import { type CaseProgress, type EnterpriseOverview, enterpriseOverview, type StatusCount } from './service.ts';

const AccessValidityStateEnum = describedEnum('AccessValidityState', {
  description: {
    zh: '接入有效期状态：到期前三个月起提醒申请续期',
    en: 'Where the access validity stands: renewal is reminded from three months before its end',
  },
  values: ['VALID', 'RENEWAL_DUE', 'EXPIRED'] as const satisfies readonly AccessValidityState[],
  label: (state) => ACCESS_VALIDITY_STATE_LABELS[state],
});

const AccessValidityRef = builder.objectRef<AccessValidity>('AccessValidity').implement({
  description:
    '接入有效期：乐企自用接入自确认通过起两个自然年，须在到期前至少三个月申请续期\n\nAccess validity: self-use access lasts two natural years from confirmation; renewal is applied for at least three months before its end',
  fields: (t) => ({
    endsAt: t.expose('endsAt', {
      type: 'DateTime',
      description:
        '接入有效期止（确认通过两年后的同一日）\n\nEnd of the access validity (the same day two years after confirmation)',
    }),
    renewalRemindFrom: t.expose('renewalRemindFrom', {
      type: 'DateTime',
      description:
        '自此时起提醒申请续期（到期前三个月）\n\nFrom this moment on renewal is reminded (three months before the end)',
    }),
    state: t.field({
      type: AccessValidityStateEnum,
      description: '接入有效期状态\n\nWhere the access validity stands',
      resolve: (v) => v.state,
    }),
    stateLabel: t.string({
      description: '接入有效期状态的名称（按请求语言）\n\nName of the state, in the request language',
      resolve: (v, _a, context) => ACCESS_VALIDITY_STATE_LABELS[v.state][context.locale === 'en' ? 'en' : 'zh'],
    }),
    remindRenewal: t.exposeBoolean('remindRenewal', {
      description:
        '是否提醒申请续期：即将到期或已到期时为 true\n\nWhether to remind of renewal: true when the end is near (RENEWAL_DUE) or passed (EXPIRED)',
    }),
    daysLeft: t.exposeInt('daysLeft', {
      description:
        '距到期的剩余天数（不足一天按一天计），到期后为 0\n\nDays left until the end (a part day counts as one), 0 once it has passed',
    }),
  }),
});

const CaseProgressRef = builder.objectRef<CaseProgress>('CaseProgress').implement({
  description:
    '某类申请中最近的一件：其状态、环节及进入该状态的时间\n\nThe latest case of one kind: its status, step and since when it has been there',
  fields: (t) => ({
    caseId: t.id({
      description:
        '该申请（AccessApplication 或 ExitApplication）的全局 ID\n\nGlobal ID of the case (an AccessApplication or ExitApplication)',
      resolve: (c) => Buffer.from(`${c.typename}:${c.id}`).toString('base64'),
    }),
    status: t.field({
      type: CaseStatusEnum,
      description: '申请状态\n\nStatus of the case',
      resolve: (c) => c.status as CaseStatus,
    }),
    statusLabel: t.string({
      description:
        '状态的名称（操作手册用语，按请求语言）\n\nName of the status in the manual’s words, in the request language',
      resolve: (c, _a, context) => (context.locale === 'en' ? c.statusInfo.en : c.statusInfo.zh),
    }),
    step: t.field({
      type: ReviewStepEnum,
      nullable: true,
      description:
        '待办的审核环节；草稿或已办结时为 null\n\nThe review step it waits in; null for a draft or a closed case',
      resolve: (c) => c.step,
    }),
    since: t.expose('since', {
      type: 'DateTime',
      description: '进入当前状态的时间\n\nWhen the case entered its current status',
    }),
    lastReason: t.exposeString('lastReason', {
      nullable: true,
      description:
        '最近一次记录的原因（如不予受理、复核不通过或自动失效的原因）；没有时为 null\n\nThe latest reason recorded (e.g. of a refusal, a rejection or a cancellation by the system); null when none',
    }),
  }),
});

const StatusCountRef = builder.objectRef<StatusCount>('StatusCount').implement({
  description: '某一状态的件数\n\nHow many cases are in one status',
  fields: (t) => ({
    status: t.field({
      type: CaseStatusEnum,
      description: '状态\n\nThe status',
      resolve: (s) => s.status as CaseStatus,
    }),
    label: t.string({
      description: '状态的名称（按请求语言）\n\nName of the status, in the request language',
      resolve: (s, _a, context) => (context.locale === 'en' ? s.label.en : s.label.zh),
    }),
    count: t.exposeInt('count', { description: '件数，可为 0\n\nHow many, possibly 0' }),
  }),
});

const EnterpriseOverviewRef = builder.objectRef<EnterpriseOverview>('EnterpriseOverview').implement({
  description:
    '企业概览：本企业作为直连单位与使用单位的现状，企业首页一次读取\n\nEnterprise overview: where the enterprise stands as direct-connect unit (DCU) and as use unit, for its dashboard in one read',
  fields: (t) => ({
    enterprise: t.field({
      type: EnterpriseRef,
      description: '本企业\n\nThe enterprise itself',
      resolve: (o) => o.enterprise,
    }),
    dcuStatus: t.field({
      type: DcuStatusEnum,
      description: '直连单位状态\n\nThe enterprise’s status as a direct-connect unit (DCU)',
      resolve: (o) => o.enterprise.dcuStatus as DcuStatus,
    }),
    leqiId: t.string({
      nullable: true,
      description:
        '乐企ID：接入申请确认通过时分配；未接入或已退出时为 null\n\nLeqi ID: assigned when the access application is confirmed; null before that and after exit',
      resolve: (o) => o.enterprise.leqiId,
    }),
    confirmedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        '接入申请确认通过（接入）的时间；从未接入时为 null\n\nWhen the access application was confirmed (access began); null if never',
      resolve: (o) => o.enterprise.dcuConfirmedAt,
    }),
    accessValidity: t.field({
      type: AccessValidityRef,
      nullable: true,
      description:
        '接入有效期；仅在已接入或退出中时有，否则为 null\n\nThe access validity; only while the enterprise is a connected or exiting DCU, else null',
      resolve: (o) => o.accessValidity,
    }),
    accessApplication: t.field({
      type: CaseProgressRef,
      nullable: true,
      description:
        '最近创建的一件接入申请；没有时为 null\n\nThe most recently created access application; null when none',
      resolve: (o) => o.accessApplication,
    }),
    exitApplication: t.field({
      type: CaseProgressRef,
      nullable: true,
      description:
        '最近创建的一件退出申请；没有时为 null\n\nThe most recently created exit application; null when none',
      resolve: (o) => o.exitApplication,
    }),
    sentInvitations: t.field({
      type: [StatusCountRef],
      description:
        '作为直连单位发出的邀请，按状态计数（列出每个状态）\n\nInvitations sent as direct-connect unit (DCU), counted per status (every status listed)',
      resolve: (o) => o.sentInvitations,
    }),
    receivedInvitations: t.field({
      type: [StatusCountRef],
      description:
        '作为使用单位收到的邀请，按状态计数（列出每个状态）\n\nInvitations received as use unit, counted per status (every status listed)',
      resolve: (o) => o.receivedInvitations,
    }),
    activeBindingCount: t.exposeInt('activeBindingCount', {
      description:
        '作为直连单位已绑定的使用单位数（有效绑定关系）\n\nUse units bound to the enterprise as direct-connect unit (ACTIVE bindings)',
    }),
    directUnit: t.field({
      type: EnterpriseRef,
      nullable: true,
      description:
        '本企业作为使用单位所绑定的直连单位；未绑定时为 null\n\nThe direct-connect unit (DCU) this enterprise is bound to as use unit; null when not bound',
      resolve: (o) => o.directUnit,
    }),
    subscriptions: t.field({
      type: [StatusCountRef],
      description:
        '能力订阅申请，按状态计数（列出每个状态）\n\nCapability subscription applications, counted per status (every status listed)',
      resolve: (o) => o.subscriptions,
    }),
    subscribedCapabilityCount: t.exposeInt('subscribedCapabilityCount', {
      description:
        '可用的已订阅能力数（审核通过的订阅与公共能力）；非已接入或退出中时为 0\n\nSubscribed capabilities (approved subscriptions and public capabilities); 0 unless the enterprise is a connected or exiting DCU',
    }),
    authorisationsGiven: t.exposeInt('authorisationsGiven', {
      description:
        '给使用单位的有效能力授权数（不含给自身的）\n\nACTIVE capability authorisations given to use units (not those to itself)',
    }),
    authorisationsHeld: t.exposeInt('authorisationsHeld', {
      description:
        '本企业持有的有效能力授权数（含直连单位给自身的）\n\nACTIVE capability authorisations the enterprise holds (those a DCU gave itself included)',
    }),
  }),
});

builder.queryField('enterpriseOverview', (t) =>
  t.field({
    type: EnterpriseOverviewRef,
    description:
      '当前用户所在企业的企业概览（企业用户）\n\nThe enterprise overview of the viewer’s enterprise (enterprise users)',
    authScopes: { enterprise: true },
    resolve: (_root, _args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw refusalError({ code: 'FORBIDDEN' }, context.locale);
      return enterpriseOverview(context.app, actor.enterpriseId);
    },
  }),
);
