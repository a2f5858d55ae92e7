import type { DcuStatus } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { BUREAU_DECISION_DESCRIPTIONS, type BureauEvent } from '../cases/bureau-case.ts';
import { casePayload, defineDecisionMutations } from '../cases/decision-mutations.ts';
import { caseNode } from '../cases/review-case.ts';
import { DcuStatusEnum } from '../enterprise/schema.ts';
import { MaterialRef } from '../materials/schema.ts';
import { materialsOf } from '../materials/service.ts';
import { defineEarlierApplications } from '../review-queue/earlier-applications.ts';
import { asExitCase, exitApplicationCase } from './case.ts';
import { EXIT_FORM_KEY, EXIT_FORM_PATH } from './routes.ts';
import { CASE_KIND, type ExitPrecheck, exitPrecheck, listExitApplications, submitExit } from './service.ts';

const ExitApplicationRef = caseNode(exitApplicationCase, '退出申请 (直连单位退出乐企)');
builder.objectFields(ExitApplicationRef, (t) => ({
  materials: t.field({
    type: [MaterialRef],
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
}));

builder.objectField(ViewerRef, 'exitApplications', (t) =>
  t.field({
    type: [ExitApplicationRef],
    description: "the viewer's enterprise's exit applications, newest first",
    resolve: async (viewer, _args, context) =>
      viewer.actor.role === 'ENTERPRISE'
        ? (await listExitApplications(context.app, viewer.actor.enterpriseId)).map(asExitCase)
        : [],
  }),
);

const ExitPrecheckRef = builder.objectRef<ExitPrecheck>('ExitPrecheck').implement({
  description: '智能校验: whether the DCU may apply to exit now',
  fields: (t) => ({
    canExit: t.exposeBoolean('canExit'),
    activeBindingCount: t.exposeInt('activeBindingCount', { description: '尚未解除绑定的使用单位数量' }),
    identityAllowed: t.exposeBoolean('identityAllowed', { description: '法定代表人或财务负责人' }),
    dcuStatus: t.field({ type: DcuStatusEnum, resolve: (p) => p.dcuStatus as DcuStatus }),
  }),
});

builder.queryField('exitPrecheck', (t) =>
  t.field({
    type: ExitPrecheckRef,
    authScopes: { enterprise: true },
    resolve: async (_root, _args, context) => {
      const viewer = context.viewer;
      if (!viewer) throw new Error('unreachable: scope checked');
      const result = await exitPrecheck(context.app, viewer);
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    },
  }),
);

builder.queryField('exitApplicationFormUrl', (t) =>
  t.string({
    description: '下载《直连单位退出申请表》: a link valid for one hour, filled in with the enterprise data',
    authScopes: { enterprise: true },
    resolve: (_root, _args, context) => {
      const actor = context.viewer?.actor;
      if (actor?.role !== 'ENTERPRISE') throw new Error('unreachable: scope checked');
      return context.app.files.signedLink(EXIT_FORM_PATH, EXIT_FORM_KEY, actor.userId);
    },
  }),
);

const exitPayload = casePayload('ExitApplication', ExitApplicationRef, asExitCase);

const SubmitExitInput = builder.inputType('SubmitExitApplicationInput', {
  fields: (t) => ({
    materialIds: t.globalIDList({ description: 'the signed 直连单位退出申请表 (EXIT_APPLICATION_FORM)' }),
  }),
});

builder.mutationField('submitExitApplication', (t) =>
  t.field({
    type: exitPayload.payload,
    description:
      '提交退出申请: 法定代表人或财务负责人; the DCU becomes EXITING and in-flight invitations and subscription applications are set unsuccessful',
    args: { input: t.arg({ type: SubmitExitInput }) },
    resolve: async (_root, { input }, context) => {
      if (!isSignedIn(context)) return unauthenticated.inPayload(context);
      return exitPayload.toPayload(
        await submitExit(
          context.app,
          context.viewer,
          input.materialIds.map((material) => material.id),
        ),
        context,
      );
    },
  }),
);

defineDecisionMutations({
  kind: exitApplicationCase,
  ...exitPayload,
  describe: (event) => {
    const description = BUREAU_DECISION_DESCRIPTIONS[event as BureauEvent];
    return event === 'confirm'
      ? `${description}: subscriptions and authorisations are cancelled and the DCU is EXITED`
      : `${description} of an exit application`;
  },
});

defineEarlierApplications(
  ExitApplicationRef,
  'earlier exit applications of the same enterprise, newest first, at most 20',
  async (context, row, take) =>
    (
      await context.app.db.exitApplication.findMany({
        where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      })
    ).map(asExitCase),
);
