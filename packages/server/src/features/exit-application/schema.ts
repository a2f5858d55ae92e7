import { type DcuStatus, REVIEW_KIND_LABELS } from '@leqi/domain';
import { builder } from '../../platform/builder.ts';
import { bilingual } from '../../platform/described-enum.ts';
import { isSignedIn, unauthenticated } from '../../platform/signed-in.ts';
import { ViewerRef } from '../auth/schema.ts';
import { type BureauEvent, bureauDecisionDescription } from '../cases/bureau-case.ts';
import { casePayload, defineDecisionMutations } from '../cases/decision-mutations.ts';
import { caseNode } from '../cases/review-case.ts';
import { DcuStatusEnum } from '../enterprise/schema.ts';
import { MaterialRef } from '../materials/schema.ts';
import { materialsOf } from '../materials/service.ts';
import { defineEarlierApplications } from '../review-queue/earlier-applications.ts';
import { asExitCase, exitApplicationCase } from './case.ts';
import { EXIT_FORM_KEY, EXIT_FORM_PATH } from './routes.ts';
import { CASE_KIND, type ExitPrecheck, exitPrecheck, listExitApplications, submitExit } from './service.ts';

const ExitApplicationRef = caseNode(
  exitApplicationCase,
  '退出申请：直连单位申请退出乐企；经主管税务机关受理、复核，省级税务机关确认\n\n' +
    'Exit application: a direct-connect unit (DCU) applies to leave Leqi; accepted and reviewed by its competent local tax authority, confirmed by the provincial one',
);
builder.objectFields(ExitApplicationRef, (t) => ({
  materials: t.field({
    type: [MaterialRef],
    description:
      '所附材料（签字盖章的直连单位退出申请表），按附加先后\n\n' +
      'The attached materials (the signed and stamped direct-connect unit exit application form), in the order attached',
    resolve: (row, _args, context) => materialsOf(context.app.db, CASE_KIND, row.id),
  }),
}));

builder.objectField(ViewerRef, 'exitApplications', (t) =>
  t.field({
    type: [ExitApplicationRef],
    description:
      '当前企业的退出申请，最新的在前；非企业用户为空列表\n\n' +
      "The viewer's enterprise's exit applications, newest first; empty for anyone but an enterprise",
    resolve: async (viewer, _args, context) =>
      viewer.actor.role === 'ENTERPRISE'
        ? (await listExitApplications(context.app, viewer.actor.enterpriseId)).map(asExitCase)
        : [],
  }),
);

const ExitPrecheckRef = builder.objectRef<ExitPrecheck>('ExitPrecheck').implement({
  description:
    '智能校验：直连单位现在能否申请退出\n\nSmart check: whether the direct-connect unit (DCU) may apply to exit now',
  fields: (t) => ({
    canExit: t.exposeBoolean('canExit', {
      description:
        '现在能否提交退出申请：直连单位状态为已接入（ACTIVE）、没有未解除绑定的使用单位，且当前用户为法定代表人或财务负责人\n\n' +
        'Whether an exit application may be submitted now: the DCU is ACTIVE, has no bound use unit left, and the viewer is its legal representative or finance manager',
    }),
    activeBindingCount: t.exposeInt('activeBindingCount', {
      description:
        '尚未解除绑定的使用单位数量；须为 0 才能退出\n\nHow many use units are still bound; must be 0 to exit',
    }),
    identityAllowed: t.exposeBoolean('identityAllowed', {
      description:
        '当前用户的身份是否为法定代表人或财务负责人（只有他们可以申请退出）\n\n' +
        'Whether the viewer is the legal representative or the finance manager (only they may apply to exit)',
    }),
    dcuStatus: t.field({
      type: DcuStatusEnum,
      description: '企业当前的直连单位状态\n\nThe enterprise’s current direct-connect unit (DCU) status',
      resolve: (p) => p.dcuStatus as DcuStatus,
    }),
  }),
});

builder.queryField('exitPrecheck', (t) =>
  t.field({
    type: ExitPrecheckRef,
    description:
      '智能校验：当前企业现在能否申请退出乐企（仅企业用户）\n\nSmart check: whether the viewer’s enterprise may apply to exit Leqi now (enterprises only)',
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
    description:
      '下载《直连单位退出申请表》：已填入本企业信息的表格链接，一小时内有效\n\n' +
      'Download the direct-connect unit exit application form: a link to the form filled in with the enterprise’s data, valid for one hour',
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
  description: '退出申请的材料\n\nThe materials of an exit application',
  fields: (t) => ({
    materialIds: t.globalIDList({
      description:
        '所附材料（本企业上传的 Material 的全局 ID），须含签字盖章的直连单位退出申请表（EXIT_APPLICATION_FORM）\n\n' +
        'The attached materials (global IDs of Materials the enterprise uploaded), including the signed and stamped exit application form (EXIT_APPLICATION_FORM)',
    }),
  }),
});

builder.mutationField('submitExitApplication', (t) =>
  t.field({
    type: exitPayload.payload,
    description:
      '提交退出申请：仅法定代表人或财务负责人，且直连单位已接入、已解除全部绑定；直连单位进入退出中（EXITING），在途的接入邀请与能力订阅申请自动失效\n\n' +
      'Submit an exit application: the legal representative or finance manager only, while the DCU is ACTIVE with no bound use unit; the DCU becomes EXITING and in-flight invitations and subscription applications are set unsuccessful',
    args: { input: t.arg({ type: SubmitExitInput, description: '退出申请的材料\n\nThe application’s materials' }) },
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
    const { zh, en } = bureauDecisionDescription(event as BureauEvent, REVIEW_KIND_LABELS.EXIT_APPLICATION);
    if (event === 'confirm') {
      return bilingual({
        zh: `${zh}：取消其能力订阅与授权，直连单位变为已退出（EXITED）`,
        en: `${en}: subscriptions and authorisations are cancelled and the DCU is EXITED`,
      });
    }
    if (event === 'accept' || event === 'approveReview') return bilingual({ zh, en });
    return bilingual({
      zh: `${zh}：退出失败，直连单位恢复为已接入（ACTIVE）`,
      en: `${en}: the exit fails and the DCU is ACTIVE again`,
    });
  },
});

defineEarlierApplications(
  ExitApplicationRef,
  '同一企业此前的退出申请，最新的在前，最多 20 份\n\nEarlier exit applications of the same enterprise, newest first, at most 20',
  async (context, row, take) =>
    (
      await context.app.db.exitApplication.findMany({
        where: { enterpriseId: row.enterpriseId, createdAt: { lt: row.createdAt } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
      })
    ).map(asExitCase),
);
