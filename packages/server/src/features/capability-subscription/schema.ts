import { CASE_EVENT_LABELS, MAX_DAILY_CALL_VOLUME, REVIEW_KIND_LABELS } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { countedConnection, forwardPageArgs } from '../../platform/counted-connection.ts';
import { bilingual } from '../../platform/described-enum.ts';
import { refusalError } from '../../platform/graphql-errors.ts';
import { connectionOf, encodeCursor, newestFirstPage } from '../../platform/paging.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { CapabilityAuthorisationRef } from '../capability/schema.ts';
import { casePayload, defineDecisionMutations } from '../cases/decision-mutations.ts';
import { caseNode } from '../cases/review-case.ts';
import { asSubscriptionCase, subscriptionCase } from './case.ts';
import { applySubscription, listSubscriptions } from './service.ts';
import { type CapabilityUsability, capabilityUsability } from './usage.ts';

const SUBSCRIPTION = REVIEW_KIND_LABELS.CAPABILITY_SUBSCRIPTION;

const DailyVolumeRef = builder.objectRef<{ capabilityCode: string; volume: number }>('DailyVolume').implement({
  description: '一项能力的日使用量\n\nThe daily call volume asked for one capability',
  fields: (t) => ({
    capabilityCode: t.exposeString('capabilityCode', {
      description: '能力编码（6 位数字）\n\nCapability code (6 digits)',
    }),
    volume: t.exposeInt('volume', {
      description: `日使用量（次/日），1–${MAX_DAILY_CALL_VOLUME}\n\nCalls per day, 1–${MAX_DAILY_CALL_VOLUME}`,
    }),
  }),
});

const CapabilitySubscriptionRef = caseNode(
  subscriptionCase,
  bilingual({
    zh: `${SUBSCRIPTION.zh}：已接入的直连单位申请订阅乐企能力，由其主管税务机关审核；审核通过后直连单位自身获得这些能力的授权`,
    en: `${SUBSCRIPTION.en}: a connected direct-connect unit (DCU) applies to subscribe Leqi capabilities, decided by its competent tax authority; once approved the DCU itself is authorised to use them`,
  }),
);
builder.objectFields(CapabilitySubscriptionRef, (t) => ({
  capabilityCodes: t.exposeStringList('capabilityCodes', {
    description: '申请订阅的能力编码（各不相同）\n\nCapability codes applied for (each once)',
  }),
  validUntil: t.expose('validUntil', {
    type: 'DateTime',
    description: '能力有效期止\n\nEnd of the validity of the subscribed capabilities',
  }),
  businessSystemName: t.exposeString('businessSystemName', {
    description:
      '拟嵌入自有业务系统名称（至多 200 字）\n\nName of the own business system the capabilities are to be embedded in (at most 200 characters)',
  }),
  dailyVolumes: t.field({
    type: [DailyVolumeRef],
    description:
      '每项能力日使用量，每个申请的能力一项\n\nDaily call volume of each capability, one per capability applied for',
    resolve: (row) =>
      Object.entries(row.dailyVolumes as Record<string, number>).map(([capabilityCode, volume]) => ({
        capabilityCode,
        volume,
      })),
  }),
  businessScope: t.exposeString('businessScope', {
    description:
      '能力使用业务范围（至多 2000 字）\n\nBusiness scope the capabilities are used for (at most 2000 characters)',
  }),
}));

builder.objectField(ViewerRef, 'capabilitySubscriptions', (t) =>
  t.field({
    type: [CapabilitySubscriptionRef],
    description:
      '本企业的能力订阅申请，最新的在前；非企业用户为空列表\n\nThe capability subscription applications of the viewer’s enterprise, newest first; empty for anyone but an enterprise user',
    resolve: async (viewer, _args, context) =>
      viewer.actor.role === 'ENTERPRISE'
        ? (await listSubscriptions(context.app, viewer.actor.enterpriseId)).map(asSubscriptionCase)
        : [],
  }),
);

const subscriptionPayload = casePayload('CapabilitySubscription', CapabilitySubscriptionRef, asSubscriptionCase);

const DailyVolumeInput = builder.inputType('DailyVolumeInput', {
  description: '一项能力的日使用量\n\nThe daily call volume asked for one capability',
  fields: (t) => ({
    capabilityCode: t.string({
      description:
        '能力编码，须为 capabilityCodes 之一（其他的忽略）\n\nCapability code, one of capabilityCodes (others are ignored)',
    }),
    volume: t.int({
      description: `日使用量（次/日），整数 1–${MAX_DAILY_CALL_VOLUME}\n\nCalls per day, a whole number 1–${MAX_DAILY_CALL_VOLUME}`,
    }),
  }),
});

const ApplyInput = builder.inputType('ApplyCapabilitySubscriptionInput', {
  description: `${SUBSCRIPTION.zh}的内容\n\nContent of a ${SUBSCRIPTION.en.toLowerCase()}`,
  fields: (t) => ({
    capabilityCodes: t.stringList({
      description:
        '申请订阅的能力编码，至少一个（重复的只计一次）：能力目录中已启用且非公共的能力\n\n' +
        'Capability codes applied for, at least one (repeats count once): enabled, non-public capabilities of the catalogue',
    }),
    validUntil: t.field({
      type: 'DateTime',
      description: '能力有效期止，须晚于当前时间\n\nEnd of the validity of the capabilities, in the future',
    }),
    businessSystemName: t.string({
      description:
        '拟嵌入自有业务系统名称，必填，至多 200 字\n\nName of the own business system the capabilities are to be embedded in: required, at most 200 characters',
    }),
    dailyVolumes: t.field({
      type: [DailyVolumeInput],
      description:
        '每项能力日使用量，每个申请的能力须有一项\n\nDaily call volume of each capability: one for every capability applied for',
    }),
    businessScope: t.string({
      description:
        '能力使用业务范围，必填，至多 2000 字\n\nBusiness scope the capabilities are used for: required, at most 2000 characters',
    }),
  }),
});

builder.mutationField('applyCapabilitySubscription', (t) =>
  t.field({
    type: subscriptionPayload.payload,
    description:
      `${SUBSCRIPTION.zh}：已接入的直连单位申请订阅乐企能力，提交后待主管税务机关审核。错误：DCU_NOT_ACTIVE（退出中或已退出等）、FORBIDDEN（非企业用户）、VALIDATION_FAILED\n\n` +
      `${SUBSCRIPTION.en}: a connected (ACTIVE) direct-connect unit (DCU) applies to subscribe Leqi capabilities, then pending approval by its competent tax authority. Errors: DCU_NOT_ACTIVE (exiting, exited …), FORBIDDEN (not an enterprise user), VALIDATION_FAILED`,
    args: { input: t.arg({ type: ApplyInput, description: '申请的内容\n\nWhat is applied for' }) },
    resolve: async (_root, { input }, context) => {
      if (!isSignedIn(context)) return unauthenticated.inPayload(context);
      return subscriptionPayload.toPayload(await applySubscription(context.app, context.viewer, input), context);
    },
  }),
);

defineDecisionMutations({
  kind: subscriptionCase,
  ...subscriptionPayload,
  describe: (event) => {
    const label = CASE_EVENT_LABELS[event === 'reject' ? 'reject' : 'approve'];
    return event === 'reject'
      ? `${SUBSCRIPTION.zh}${label.zh}（主管税务机关人员，须填写原因）\n\n${label.en} a ${SUBSCRIPTION.en.toLowerCase()} (officer of the competent local tax authority, with a reason)`
      : `${SUBSCRIPTION.zh}${label.zh}（主管税务机关人员）：直连单位自身获得所订阅能力的授权\n\n${label.en} a ${SUBSCRIPTION.en.toLowerCase()} (officer of the competent local tax authority): the direct-connect unit (DCU) itself is authorised to use the capabilities`;
  },
});

const CapabilityUsabilityRef = builder.objectRef<CapabilityUsability>('CapabilityUsability').implement({
  description: '本单位现在能否使用一项能力\n\nWhether the enterprise may use a capability now',
  fields: (t) => ({
    usable: t.exposeBoolean('usable', {
      description:
        '可以使用：持有有效期内的有效授权且授权方直连单位为已接入状态，或为已接入直连单位使用公共能力\n\n' +
        'Usable: an ACTIVE authorisation within its validity whose direct-connect unit (DCU) is connected (ACTIVE), or a public capability used by a connected DCU',
    }),
    reason: t.exposeString('reason', {
      nullable: true,
      description:
        '不能使用的原因（按请求语言）：未获授权，或授权方直连单位退出中/已退出；可以使用时为 null\n\n' +
        'Why it cannot be used, in the request language: no authorisation, or the authorising DCU is exiting or exited; null when usable',
    }),
  }),
});

builder.queryField('capabilityUsability', (t) =>
  t.field({
    type: CapabilityUsabilityRef,
    description:
      '本企业现在能否使用该能力；授权方直连单位提交退出后即不能使用\n\nWhether the viewer’s enterprise may use the capability now; refused once the authorising direct-connect unit (DCU) is exiting or exited',
    authScopes: { enterprise: true },
    args: {
      capabilityCode: t.arg.string({
        required: true,
        description:
          '能力编码（6 位数字；超过 20 个字符的部分忽略）\n\nCapability code (6 digits; anything beyond 20 characters is ignored)',
      }),
    },
    resolve: (_root, args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw new Error('unreachable: scope checked');
      return capabilityUsability(context.app.db, actor.enterpriseId, args.capabilityCode.slice(0, 20), context.locale);
    },
  }),
);

const CapabilityAuthorisationConnection = countedConnection(
  CapabilityAuthorisationRef,
  'CapabilityAuthorisationConnection',
  'CapabilityAuthorisationEdge',
  { zh: '能力授权', en: 'capability authorisations' },
);

builder.queryField('capabilityAuthorisations', (t) =>
  t.field({
    type: CapabilityAuthorisationConnection,
    description:
      '本企业作为直连单位给出的（给自身及其使用单位）或持有的能力授权，最新的在前，分页（企业用户）\n\n' +
      'Capability authorisations the viewer’s enterprise gave (as direct-connect unit, to itself and its use units) or holds, newest first, in pages (enterprise users)',
    authScopes: { enterprise: true },
    args: forwardPageArgs(t.arg),
    resolve: async (_root, args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw refusalError({ code: 'FORBIDDEN' }, context.locale);
      const page = await newestFirstPage(
        context.app.db.capabilityAuthorisation,
        { OR: [{ dcuEnterpriseId: actor.enterpriseId }, { holderEnterpriseId: actor.enterpriseId }] },
        args,
      );
      if (!page.ok) throw refusalError(page.error, context.locale);
      return connectionOf(page.value, args.after, encodeCursor);
    },
  }),
);
