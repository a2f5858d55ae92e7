// GraphQL of 企业概览: everything the enterprise dashboard shows, in one round trip.
import { ACCESS_VALIDITY_STATE_LABELS, type AccessValidity, type CaseStatus, type DcuStatus } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { ReviewStepEnum } from '../cases/review-case.ts';
import { CaseStatusEnum } from '../cases/vocabulary-enums.ts';
import { DcuStatusEnum, EnterpriseRef } from '../enterprise/schema.ts';
import { type CaseProgress, type EnterpriseOverview, enterpriseOverview, type StatusCount } from './service.ts';

const AccessValidityStateEnum = builder.enumType('AccessValidityState', {
  description: '有效 / 即将到期 (renewal reminder from three months before the end) / 已到期',
  values: ['VALID', 'RENEWAL_DUE', 'EXPIRED'] as const,
});

const AccessValidityRef = builder.objectRef<AccessValidity>('AccessValidity').implement({
  description: '接入有效期: two natural years from confirmation',
  fields: (t) => ({
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    renewalRemindFrom: t.expose('renewalRemindFrom', { type: 'DateTime' }),
    state: t.field({ type: AccessValidityStateEnum, resolve: (v) => v.state }),
    stateLabel: t.string({
      resolve: (v, _a, context) => ACCESS_VALIDITY_STATE_LABELS[v.state][context.locale === 'en' ? 'en' : 'zh'],
    }),
    remindRenewal: t.exposeBoolean('remindRenewal'),
    daysLeft: t.exposeInt('daysLeft'),
  }),
});

const CaseProgressRef = builder.objectRef<CaseProgress>('CaseProgress').implement({
  description: 'The latest case of one kind: its status, step and since when it has been there',
  fields: (t) => ({
    id: t.id({ resolve: (c) => Buffer.from(`${c.typename}:${c.id}`).toString('base64') }),
    status: t.field({ type: CaseStatusEnum, resolve: (c) => c.status as CaseStatus }),
    statusLabel: t.string({
      resolve: (c, _a, context) => (context.locale === 'en' ? c.statusInfo.en : c.statusInfo.zh),
    }),
    step: t.field({ type: ReviewStepEnum, nullable: true, resolve: (c) => c.step }),
    since: t.expose('since', { type: 'DateTime', description: 'when the case entered its current status' }),
    lastReason: t.exposeString('lastReason', { nullable: true }),
  }),
});

const StatusCountRef = builder.objectRef<StatusCount>('StatusCount').implement({
  fields: (t) => ({
    status: t.field({ type: CaseStatusEnum, resolve: (s) => s.status as CaseStatus }),
    label: t.string({ resolve: (s, _a, context) => (context.locale === 'en' ? s.label.en : s.label.zh) }),
    count: t.exposeInt('count'),
  }),
});

const EnterpriseOverviewRef = builder.objectRef<EnterpriseOverview>('EnterpriseOverview').implement({
  description: '企业概览',
  fields: (t) => ({
    enterprise: t.field({ type: EnterpriseRef, resolve: (o) => o.enterprise }),
    dcuStatus: t.field({ type: DcuStatusEnum, resolve: (o) => o.enterprise.dcuStatus as DcuStatus }),
    leqiId: t.string({ nullable: true, description: '乐企ID, once confirmed', resolve: (o) => o.enterprise.leqiId }),
    confirmedAt: t.field({ type: 'DateTime', nullable: true, resolve: (o) => o.enterprise.dcuConfirmedAt }),
    accessValidity: t.field({ type: AccessValidityRef, nullable: true, resolve: (o) => o.accessValidity }),
    accessApplication: t.field({ type: CaseProgressRef, nullable: true, resolve: (o) => o.accessApplication }),
    exitApplication: t.field({ type: CaseProgressRef, nullable: true, resolve: (o) => o.exitApplication }),
    sentInvitations: t.field({
      type: [StatusCountRef],
      description: 'invitations sent as DCU, per status',
      resolve: (o) => o.sentInvitations,
    }),
    receivedInvitations: t.field({
      type: [StatusCountRef],
      description: 'invitations received as use unit, per status',
      resolve: (o) => o.receivedInvitations,
    }),
    activeBindingCount: t.exposeInt('activeBindingCount', { description: 'bound use units (as DCU)' }),
    directUnit: t.field({
      type: EnterpriseRef,
      nullable: true,
      description: 'the DCU this enterprise is bound to as use unit',
      resolve: (o) => o.directUnit,
    }),
    subscriptions: t.field({ type: [StatusCountRef], resolve: (o) => o.subscriptions }),
    subscribedCapabilityCount: t.exposeInt('subscribedCapabilityCount'),
    authorisationsGiven: t.exposeInt('authorisationsGiven', { description: 'active authorisations to use units' }),
    authorisationsHeld: t.exposeInt('authorisationsHeld', { description: 'active authorisations held from a DCU' }),
  }),
});

builder.queryField('enterpriseOverview', (t) =>
  t.field({
    type: EnterpriseOverviewRef,
    description: "企业概览 of the viewer's enterprise",
    authScopes: { enterprise: true },
    resolve: (_root, _args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw refusalError({ code: 'FORBIDDEN' }, context.locale);
      return enterpriseOverview(context.app, actor.enterpriseId);
    },
  }),
);
