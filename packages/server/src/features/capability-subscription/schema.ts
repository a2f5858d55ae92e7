import { builder } from '../../platform/builder.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { CapabilityAuthorisationRef } from '../capability/schema.ts';
import { casePayload, defineDecisionMutations } from '../cases/decision-mutations.ts';
import { caseNode } from '../cases/review-case.ts';
import { asSubscriptionCase, subscriptionCase } from './case.ts';
import { applySubscription, listSubscriptions } from './service.ts';
import { type CapabilityUsability, capabilityUsability } from './usage.ts';

const DailyVolumeRef = builder.objectRef<{ capabilityCode: string; volume: number }>('DailyVolume').implement({
  fields: (t) => ({ capabilityCode: t.exposeString('capabilityCode'), volume: t.exposeInt('volume') }),
});

const CapabilitySubscriptionRef = caseNode(subscriptionCase, '能力订阅申请');
builder.objectFields(CapabilitySubscriptionRef, (t) => ({
  capabilityCodes: t.exposeStringList('capabilityCodes'),
  validUntil: t.expose('validUntil', { type: 'DateTime', description: '能力有效期止' }),
  businessSystemName: t.exposeString('businessSystemName', { description: '拟嵌入自有业务系统名称' }),
  dailyVolumes: t.field({
    type: [DailyVolumeRef],
    description: '每项能力日使用量',
    resolve: (row) =>
      Object.entries(row.dailyVolumes as Record<string, number>).map(([capabilityCode, volume]) => ({
        capabilityCode,
        volume,
      })),
  }),
  businessScope: t.exposeString('businessScope', { description: '能力使用业务范围' }),
}));

builder.objectField(ViewerRef, 'capabilitySubscriptions', (t) =>
  t.field({
    type: [CapabilitySubscriptionRef],
    description: "the viewer's enterprise's subscription applications, newest first",
    resolve: async (viewer, _args, context) =>
      viewer.actor.role === 'ENTERPRISE'
        ? (await listSubscriptions(context.app, viewer.actor.enterpriseId)).map(asSubscriptionCase)
        : [],
  }),
);

const subscriptionPayload = casePayload('CapabilitySubscription', CapabilitySubscriptionRef, asSubscriptionCase);

const DailyVolumeInput = builder.inputType('DailyVolumeInput', {
  fields: (t) => ({ capabilityCode: t.string(), volume: t.int({ description: '1–99999' }) }),
});

const ApplyInput = builder.inputType('ApplyCapabilitySubscriptionInput', {
  fields: (t) => ({
    capabilityCodes: t.stringList({ description: '能力编码' }),
    validUntil: t.field({ type: 'DateTime', description: '能力有效期止' }),
    businessSystemName: t.string({ description: '拟嵌入自有业务系统名称' }),
    dailyVolumes: t.field({ type: [DailyVolumeInput], description: '每项能力日使用量' }),
    businessScope: t.string({ description: '能力使用业务范围' }),
  }),
});

builder.mutationField('applyCapabilitySubscription', (t) =>
  t.field({
    type: subscriptionPayload.payload,
    description: '能力订阅申请 by an ACTIVE direct-connect unit',
    args: { input: t.arg({ type: ApplyInput }) },
    resolve: async (_root, { input }, context) => {
      if (!isSignedIn(context)) return unauthenticated.inPayload(context);
      return subscriptionPayload.toPayload(await applySubscription(context.app, context.viewer, input), context);
    },
  }),
);

defineDecisionMutations({
  kind: subscriptionCase,
  ...subscriptionPayload,
  describe: (event) =>
    event === 'reject' ? '审核不通过 (competent local officer, reason)' : '审核通过 (competent local officer)',
});

const CapabilityUsabilityRef = builder.objectRef<CapabilityUsability>('CapabilityUsability').implement({
  fields: (t) => ({ usable: t.exposeBoolean('usable'), reason: t.exposeString('reason', { nullable: true }) }),
});

builder.queryField('capabilityUsability', (t) =>
  t.field({
    type: CapabilityUsabilityRef,
    description: "may the viewer's enterprise use the capability now (refused once its DCU is exiting or exited)",
    authScopes: { enterprise: true },
    args: { capabilityCode: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw new Error('unreachable: scope checked');
      return capabilityUsability(context.app.db, actor.enterpriseId, args.capabilityCode.slice(0, 20), context.locale);
    },
  }),
);

builder.queryField('capabilityAuthorisations', (t) =>
  t.field({
    type: [CapabilityAuthorisationRef],
    description: "能力授权 the viewer's enterprise gave (as DCU, to itself and its use units) or holds, newest first",
    authScopes: { enterprise: true },
    resolve: (_root, _args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') return [];
      return context.app.db.capabilityAuthorisation.findMany({
        where: { OR: [{ dcuEnterpriseId: actor.enterpriseId }, { holderEnterpriseId: actor.enterpriseId }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: 500,
      });
    },
  }),
);
